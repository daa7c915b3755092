#!/usr/bin/env node
// Checks the invariants the tests pin on the fixtures against a folder of
// real agents (the corpus of ../shared/corpus/agents, which the repository
// does not hold). Per file: normalize is idempotent and keeps every
// statement's text, converting to each dialect keeps the statements, and
// diff of a file with itself or with its normalized form finds no change.
// Per role (the files whose names end in the same role, such as
// `python-pro` and `python-expert`, from different collections): the merge
// reads back canonical with every statement an input's text, writes no
// empty section, no heading no input had and no lead-in without its list,
// and merging the merge with one of its inputs adds nothing; and, by
// default and with `--min-support 2`, `--base auto`, `--to opencode`, `--to
// copilot` and `--conflicts keep`, it loses nothing, does not depend on the
// order of its inputs, grants no tool no input granted (Claude Code merges,
// where the ids are spelled alike), and every alternative it records
// stands for a statement it wrote. Prints each
// broken invariant with its file and a count per kind; exits 1 when any is
// broken.
//
//   npm run corpus-check -- ../shared/corpus/agents
//   npm run corpus-check -- DIR --max-roles 40     # fewer role merges
//   npm run corpus-check -- DIR --max-files 12     # more files a role (four by default)
//
// It runs the built package (dist/): `npm run build` first.
import { readdirSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(import.meta.url), '../..')

function parseArgs(argv) {
  const out = { dir: undefined, maxRoles: Infinity, maxFiles: 4 }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max-roles') out.maxRoles = Number(argv[++i])
    else if (argv[i] === '--max-files') out.maxFiles = Number(argv[++i])
    else if (!out.dir) out.dir = argv[i]
    else throw new Error(`unknown argument ${argv[i]}`)
  }
  if (!out.dir) throw new Error('usage: corpus-check DIR [--max-roles N] [--max-files N]')
  return out
}

/** The role a corpus file is an agent of: its name after the collection's path, without a seniority suffix. */
const roleOf = (file) => basename(file, '.md').split('--').at(-1).replace(/-(expert|pro|specialist|engineer|developer|agent)$/, '')
const at = (s) => `${s.source.path}:${s.source.line}`
// The same numbering as the alignment's NUMBERING (src/align/score.ts); the script runs dist/, which does not export it.
const unnumbered = (t) => t.replace(/^\s*\d+[.)]\s+/, '')
const isList = (b) => b !== undefined && ((b.type === 'statement' && (b.kind === 'item' || b.kind === 'task')) || (b.type === 'section' && b.kind === 'item'))

function checkFile(lib, agent, broken) {
  const texts = (a) => lib.statementsOf(a.root).map((s) => s.text)
  const norm = lib.normalizeAgent(agent)
  const again = lib.parseAgent(norm, agent.path)
  if (lib.normalizeAgent(again) !== norm) broken('normalize is not idempotent', agent.path)
  if (JSON.stringify(texts(again)) !== JSON.stringify(texts(agent))) broken('normalize changed a statement', agent.path)
  for (const to of ['claude', 'opencode', 'copilot']) {
    const out = lib.normalizeAgent(lib.convertAgent(agent, to).agent)
    if (JSON.stringify(texts(lib.parseAgent(out, agent.path))) !== JSON.stringify(texts(agent))) broken(`convert --to ${to} changed a statement`, agent.path)
  }
  if (lib.diffAgents(agent, agent).status !== 'unchanged') broken('diff of a file with itself finds a change', agent.path)
  if (lib.diffAgents(agent, again).status !== 'unchanged') broken('diff of a file with its normalized form finds a change', agent.path)
}

/** Every input `path:line` a merge's provenance accounts for: written (folded ones included) or recorded, sorted (as test/merge.helpers.ts provenancePlaces reads it). */
// Repeated, not imported: the library exports no such accounting (provenancePlaces is a test helper) and the script runs dist/.
function accounted(result) {
  const written = result.provenance.sections.flatMap((s) => s.statements.flatMap((st) => st.from))
  const seen = new Set(written)
  return [...written, ...new Set(result.provenance.recorded.map((x) => x.from).filter((p) => !seen.has(p)))].sort()
}

function checkMerge(lib, agents, broken) {
  const name = agents[0].path
  const r = lib.mergeAgents(agents)
  if (lib.renderMerged(lib.mergeAgents([...agents].reverse()), 'inline') !== lib.renderMerged(r, 'inline')) broken('merge depends on the order of its inputs', name)
  const inputs = JSON.stringify(agents.flatMap((a) => lib.statementsOf(a.root).map(at)).sort())
  if (JSON.stringify(accounted(r)) !== inputs) broken('merge lost a statement', name)
  const text = lib.renderMerged(r)
  const back = lib.parseAgent(text, 'merged.md')
  if (lib.normalizeAgent(back) !== text) broken('merge output is not canonical', name)
  const inputTexts = new Set(agents.flatMap((a) => lib.statementsOf(a.root).map((s) => s.text)))
  if (lib.statementsOf(back.root).some((s) => s.kind !== 'html' && !inputTexts.has(s.text))) broken('merge wrote a text no input has', name)
  const headings = new Set(agents.flatMap((a) => lib.sectionsOf(a.root).filter((s) => s.kind === 'heading').map((s) => unnumbered(s.title))))
  const leads = new Set(agents.flatMap((a) => lib.sectionsOf(a.root).flatMap((s) => s.body.filter((b, i) => b.type === 'statement' && b.kind === 'paragraph' && /:\s*$/.test(b.text) && isList(s.body[i + 1])).map((b) => b.text))))
  for (const s of lib.sectionsOf(back.root).slice(1)) {
    if (s.body.length === 0) broken('merge wrote an empty section', name)
    if (s.kind === 'heading' && !headings.has(unnumbered(s.title))) broken('merge wrote a heading no input had', name)
    s.body.forEach((b, i) => {
      if (b.type === 'statement' && b.kind === 'paragraph' && leads.has(b.text) && !isList(s.body[i + 1])) broken('merge wrote a lead-in without its list', name)
    })
  }
  const count = lib.statementsOf(back.root).length
  if (agents.some((a) => lib.mergeAgents([back, a]).summary.statementsOut > count)) broken('merging the merge with an input adds a statement', name)
  const granted = new Set(agents.flatMap((a) => (a.meta.tools ?? []).filter((t) => t.enabled).map((t) => t.id)))
  for (const [label, options] of [['', {}], [' --min-support 2', { minSupport: 2 }], [' --base auto', { base: 'auto' }], [' --to opencode', { to: 'opencode' }], [' --to copilot', { to: 'copilot' }], [' --conflicts keep', { conflicts: 'keep' }]]) {
    const m = lib.mergeAgents(agents, options)
    // Tool ids are spelled per dialect (an MCP tool, Copilot's aliases, whose widening warns: test/convert.test.ts), so compared in Claude Code merges only.
    if (!options.to && m.agent.meta.dialect === 'claude' && (m.agent.meta.tools ?? []).some((t) => t.enabled && !granted.has(t.id))) broken(`merge${label} granted a tool no input granted`, name)
    const wordings = new Set(m.provenance.sections.flatMap((s) => s.statements.map((st) => st.wording)))
    if (m.provenance.recorded.some((x) => (x.reason === 'conflict' || x.reason === 'opening-not-chosen') && !wordings.has(x.standsFor))) broken(`merge${label} recorded an alternative to a statement it did not write`, name)
    if (label === '') continue
    if (lib.renderMerged(lib.mergeAgents([...agents].reverse(), options), 'inline') !== lib.renderMerged(m, 'inline')) broken(`merge${label} depends on the order of its inputs`, name)
    if (JSON.stringify(accounted(m)) !== inputs) broken(`merge${label} lost a statement`, name)
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const lib = await import(join(root, 'dist/index.js'))
  const dir = resolve(args.dir)
  const agents = []
  let refused = 0
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    try {
      agents.push(lib.readAgent(join(dir, f)))
    } catch (e) {
      if (e?.name !== 'AgentError') throw e
      refused++
    }
  }
  const counts = new Map()
  const broken = (kind, path) => {
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
    console.log(`${path}: ${kind}`)
  }
  for (const a of agents) checkFile(lib, a, broken)
  const roles = new Map()
  for (const a of agents) roles.set(roleOf(a.path), [...(roles.get(roleOf(a.path)) ?? []), a])
  const groups = [...roles.values()].filter((g) => g.length >= 2).slice(0, args.maxRoles)
  // At most --max-files files of a role (four by default): a role of many collections merges the same way, more slowly.
  for (const g of groups) checkMerge(lib, g.slice(0, args.maxFiles), broken)
  console.log(`\n${agents.length} files checked (${refused} refused as bad input), ${groups.length} roles merged`)
  for (const [kind, n] of [...counts].sort()) console.log(`${n}\t${kind}`)
  if (counts.size === 0) console.log('every invariant holds')
  process.exitCode = counts.size === 0 ? 0 : 1
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exit(2)
})
