#!/usr/bin/env node
// Scores diff's statement pairing against the labelled families: for every
// ordered pair of files within a family (fixtures/FAMILY/), the statements
// `diffAgents` pairs although their text changed (moved and reworded) are
// right when people put both in one group (fixtures/gold/FAMILY.json), wrong
// otherwise. The labels are strict (many a fair edit counts as wrong), so the
// figures compare settings; they are not a precision. docs/diff.md has the
// table of the settings tried and how the shipped ones were chosen.
//
//   node scripts/eval-diff.mjs      (also the last table of npm run eval)
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from './lib/bundle.mjs'

const root = resolve(fileURLToPath(import.meta.url), '../..')
const goldDir = join(root, 'fixtures/gold')

/** Each family's files, its statements' people's group (by `file:line`) and its labelled ids. */
function families() {
  return readdirSync(goldDir)
    .filter((f) => f.endsWith('.json') && existsSync(join(root, 'fixtures', basename(f, '.json'))))
    .sort()
    .map((f) => {
      const name = basename(f, '.json')
      const group = new Map()
      JSON.parse(readFileSync(join(goldDir, f), 'utf8')).groups.forEach((g, k) => g.forEach((id) => group.set(id, k)))
      const labelled = new Set(readFileSync(join(goldDir, `${name}.statements.tsv`), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]))
      const dir = join(root, 'fixtures', name)
      const files = readdirSync(dir).filter((x) => x.endsWith('.md')).sort().map((x) => join(dir, x))
      return { name, group, labelled, files }
    })
}

const idOf = (at) => {
  const i = at.lastIndexOf(':')
  return `${basename(at.slice(0, i))}:${at.slice(i + 1)}`
}

/** Prints the table (npm run eval calls this too). */
export async function printDiffRows() {
  const { lib } = await bundle({ lib: join(root, 'src/index.ts') }, join(root, 'node_modules/.cache'))
  console.log('| family | file pairs | right | wrong | right - wrong |')
  console.log('|---|--:|--:|--:|--:|')
  for (const fam of families()) {
    const agents = fam.files.map((f) => lib.readAgent(f))
    let right = 0
    let wrong = 0
    for (const a of agents) {
      for (const b of agents) {
        if (a === b) continue
        for (const s of lib.diffAgents(a, b).statements) {
          if (!s.old || !s.new || s.old.statement.text === s.new.statement.text) continue
          const x = idOf(`${s.old.statement.source.path}:${s.old.statement.source.line}`)
          const y = idOf(`${s.new.statement.source.path}:${s.new.statement.source.line}`)
          if (!fam.labelled.has(x) || !fam.labelled.has(y)) continue
          if (fam.group.has(x) && fam.group.get(x) === fam.group.get(y)) right++
          else wrong++
        }
      }
    }
    console.log(`| ${fam.name} | ${agents.length * (agents.length - 1)} | ${right} | ${wrong} | ${right - wrong} |`)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printDiffRows().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exit(1)
  })
}
