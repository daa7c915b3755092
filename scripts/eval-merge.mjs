#!/usr/bin/env node
// Scores the merge of each labelled family (fixtures/FAMILY/*.md against
// fixtures/gold/FAMILY.json) from the merge's provenance, as issue 13 defines
// the two figures; opening role statements (src/merge/identity.ts) are left
// out of both:
//
// - folded: of the statements people would fold away (the labelled
//   statements minus people's groups, singletons counted as groups), the
//   share the merge folded into an output statement of the same people's
//   group (the written wording's group; the fold's largest group when the
//   wording is not labelled);
// - wrong: of the output statements that stand for two or more labelled
//   statements, the share whose statements belong to two or more of
//   people's groups.
//
//   node scripts/eval-merge.mjs                    # default merge, every family
//   node scripts/eval-merge.mjs --threshold 0.55   # another duplicate threshold
//   node scripts/eval-merge.mjs --extra 0          # another extra-part bar
//   node scripts/eval-merge.mjs --sweep            # leave-one-family-out choice of both
//   node scripts/eval-merge.mjs --errors           # list the wrong folds
//   node scripts/eval-merge.mjs --missed           # list people's groups the merge left in pieces
//
// evalMerge() is exported for `npm run eval`. src/ is bundled with esbuild
// into a temporary directory under node_modules/.cache, so no build is needed.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from './lib/bundle.mjs'
import { numberOf, usageExit, valueOf, wantsHelp } from './lib/args.mjs'
import { goldFamilies, idOf } from './lib/gold.mjs'

const root = resolve(fileURLToPath(import.meta.url), '../..')

export async function loadModules() {
  // Bundled inside the repository, so that the merge finds the shipped
  // learned similarity data (data/similarity.bin) the way the product does.
  return bundle({ merge: join(root, 'src/merge/index.ts'), identity: join(root, 'src/merge/identity.ts'), pipeline: join(root, 'src/pipeline.ts') }, join(root, 'node_modules/.cache'))
}

/** The two figures for one family's merge provenance. */
export function scoreMerge(family, provenance, openings) {
  const universe = new Set(family.ids.filter((id) => !openings.has(id)))
  const goldOf = new Map()
  family.gold.forEach((g, n) => g.forEach((id) => goldOf.set(id, n)))
  let next = family.gold.length
  for (const id of universe) if (!goldOf.has(id)) goldOf.set(id, next++)
  const groups = new Set([...universe].map((id) => goldOf.get(id)))
  const foldable = universe.size - groups.size
  let folded = 0
  let multi = 0
  let wrong = 0
  const wrongFolds = []
  for (const section of provenance.sections) {
    for (const st of section.statements) {
      const members = st.from.map(idOf).filter((id) => universe.has(id))
      if (members.length === 0) continue
      const count = new Map()
      for (const id of members) count.set(goldOf.get(id), (count.get(goldOf.get(id)) ?? 0) + 1)
      const written = idOf(st.wording)
      const own = universe.has(written) ? count.get(goldOf.get(written)) : Math.max(...count.values())
      folded += own - 1
      if (members.length >= 2) {
        multi++
        if (count.size >= 2) {
          wrong++
          wrongFolds.push({ text: st.text, from: members })
        }
      }
    }
  }
  // People's groups the merge left in pieces: each piece (the ids of one output statement).
  const pieceOf = new Map()
  provenance.sections.forEach((section, si) => section.statements.forEach((st, k) => st.from.map(idOf).forEach((id) => pieceOf.set(id, `${si}.${k}`))))
  const missed = family.gold
    .map((g) => g.filter((id) => universe.has(id)))
    .filter((g) => g.length > 1 && new Set(g.map((id) => pieceOf.get(id) ?? id)).size > 1)
  return { folded: foldable === 0 ? 1 : folded / foldable, wrong: multi === 0 ? 0 : wrong / multi, foldedCount: folded, foldable, wrongCount: wrong, multi, wrongFolds, missed }
}

/**
 * Merges every labelled family with `options` (MergeOptions) and scores it.
 * Returns one row per family.
 */
export async function evalMerge(options = {}, mods) {
  mods ??= await loadModules()
  const families = goldFamilies(root)
  return families.map((family) => scoreFamily(family, options, mods))
}

function scoreFamily(family, options, mods) {
  // Read under the short path (fixtures/FAMILY/FILE), which the labels' ids are made from.
  const agents = family.files.map((f) => mods.pipeline.parseAgent(readFileSync(join(root, f)), f))
  const result = mods.merge.mergeAgents(agents, options)
  const openings = new Set(agents.flatMap((a) => mods.identity.openingsOf(a).map((s) => idOf(`${s.source.path}:${s.source.line}`))))
  return { family: family.name, ...scoreMerge(family, result.provenance, openings), out: result.summary.statementsOut }
}

const pct = (x) => `${(100 * x).toFixed(1)}%`

async function main() {
  const argv = process.argv.slice(2)
  const options = {}
  let sweep = false
  let errors = false
  let missed = false
  const usage = 'node scripts/eval-merge.mjs [--threshold T] [--extra E] [--min-support K] [--base FILE|auto] [--sweep] [--errors] [--missed]'
  if (wantsHelp(argv)) usageExit('eval-merge', usage)
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--threshold') options.threshold = numberOf('eval-merge', usage, argv, ++i, a)
    else if (a === '--extra') options.extra = numberOf('eval-merge', usage, argv, ++i, a)
    else if (a === '--min-support') options.minSupport = numberOf('eval-merge', usage, argv, ++i, a)
    else if (a === '--base') options.base = valueOf('eval-merge', usage, argv, ++i, a)
    else if (a === '--sweep') sweep = true
    else if (a === '--errors') errors = true
    else if (a === '--missed') missed = true
    else usageExit('eval-merge', usage, `unknown argument ${a}`)
  }
  const mods = await loadModules()
  const rows = await evalMerge(options, mods)
  printMergeRows(rows)
  if (errors) for (const r of rows) for (const w of r.wrongFolds) console.log(`${r.family}: ${w.text.slice(0, 90)}  <- ${w.from.join(' ')}`)
  if (missed) for (const r of rows) for (const g of r.missed) console.log(`${r.family} missed: ${g.join(' ')}`)
  if (sweep) await leaveOneOut(options, mods)
}

/** The per-family table of folded / wrong. */
export function printMergeRows(rows) {
  console.log('| family | folded | wrong | out |')
  console.log('|---|--:|--:|--:|')
  for (const r of rows) console.log(`| ${r.family} | ${pct(r.folded)} (${r.foldedCount}/${r.foldable}) | ${pct(r.wrong)} (${r.wrongCount}/${r.multi}) | ${r.out} |`)
}

/**
 * The fold bar (duplicate threshold and extra-part bar) chosen on two
 * families (best sum of folded - 2 * wrong; ties: the first in grid order),
 * reported on the third.
 */
export async function leaveOneOut(options = {}, mods) {
  mods ??= await loadModules()
  const grid = []
  for (const extra of [0, 0.1, 0.2, 1]) for (const threshold of [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75]) grid.push({ threshold, extra })
  const name = (g) => `threshold ${g.threshold} extra ${g.extra}`
  const table = new Map()
  for (const g of grid) table.set(g, await evalMerge({ ...options, ...g }, mods))
  for (const g of grid) console.log(`${name(g)}: ${table.get(g).map((r) => `${r.family} ${pct(r.folded)} / ${pct(r.wrong)}`).join(', ')}`)
  const families = table.get(grid[0]).map((r) => r.family)
  const pick = (tuning) => grid.reduce((b, g) => (utility(g, tuning) > utility(b, tuning) + 1e-9 ? g : b))
  const utility = (g, tuning) => table.get(g).filter((r) => tuning.includes(r.family)).reduce((s, r) => s + r.folded - 2 * r.wrong, 0)
  for (const held of families) {
    const best = pick(families.filter((f) => f !== held))
    const r = table.get(best).find((x) => x.family === held)
    console.log(`held out ${held}: ${name(best)} chosen on the others -> folded ${pct(r.folded)}, wrong ${pct(r.wrong)}`)
  }
  console.log(`chosen on all three: ${name(pick(families))}`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exit(1)
  })
}
