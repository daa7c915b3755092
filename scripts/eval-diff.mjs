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
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from './lib/bundle.mjs'
import { goldFamilies, idOf } from './lib/gold.mjs'
import { usageExit, wantsHelp } from './lib/args.mjs'

const root = resolve(fileURLToPath(import.meta.url), '../..')

/** Each family's people's group of each labelled id, its labelled ids and its files. */
function families() {
  return goldFamilies(root).map(({ name, ids, gold, files }) => {
    const group = new Map()
    gold.forEach((g, k) => g.forEach((id) => group.set(id, k)))
    return { name, group, labelled: new Set(ids), files: files.map((f) => join(root, f)) }
  })
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
  const argv = process.argv.slice(2)
  const usage = 'node scripts/eval-diff.mjs (no options)'
  if (wantsHelp(argv)) usageExit('eval-diff', usage)
  if (argv.length > 0) usageExit('eval-diff', usage, `unknown argument ${argv[0]}`)
  printDiffRows().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exit(1)
  })
}
