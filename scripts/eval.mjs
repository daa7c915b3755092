#!/usr/bin/env node
// Scores src/similarity's duplicate grouping against every labelled set in
// fixtures/gold (NAME.json + NAME.statements.tsv), next to the plain lexical
// baseline at its best threshold. Bundles src/similarity with esbuild into a
// temp dir, so it needs no build of the rest of the project.
//
//   npm run eval                          # table for every gold set
//   npm run eval -- --threshold 0.7       # another threshold
//   npm run eval -- --holdout elite,senior  # also split: pairs with/without those files
//   npm run eval -- --sweep               # the method over a range of thresholds
//
// Exits 1 if a gold file cannot be read or names a statement its TSV lacks.

import { build } from 'esbuild'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(fileURLToPath(import.meta.url), '../..')
const goldDir = join(root, 'fixtures/gold')

function parseArgs(argv) {
  const out = { threshold: undefined, holdout: [], sweep: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--threshold') out.threshold = Number(argv[++i])
    else if (a === '--holdout') out.holdout = String(argv[++i] ?? '').split(',').filter(Boolean)
    else if (a === '--sweep') out.sweep = true
    else throw new Error(`unknown argument ${a}`)
  }
  return out
}

async function loadModules() {
  const dir = await mkdtemp(join(tmpdir(), 'agentmerge-eval-'))
  try {
    await build({
      entryPoints: {
        index: join(root, 'src/similarity/index.ts'),
        score: join(root, 'src/similarity/score.ts'),
        baseline: join(root, 'src/similarity/baseline.ts'),
      },
      outdir: dir,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
    })
    const load = (name) => import(pathToFileURL(join(dir, `${name}.mjs`)).href)
    return { sim: await load('index'), score: await load('score'), baseline: await load('baseline') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const KINDS = { para: 'paragraph', paragraph: 'paragraph' }

/** Statements of a TSV: id, kind, text (one per line, tab separated). */
function parseTsv(text, file) {
  const rows = []
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return
    const [id, kind, ...rest] = line.split('\t')
    if (!id || !kind || rest.length === 0) throw new Error(`${file}:${i + 1}: expected id<TAB>kind<TAB>text`)
    rows.push({ id, kind: KINDS[kind] ?? kind, text: rest.join('\t') })
  })
  return rows
}

async function loadGoldSets() {
  const names = (await readdir(goldDir)).filter((f) => f.endsWith('.json')).sort()
  const sets = []
  for (const json of names) {
    const name = basename(json, '.json')
    const tsvPath = join(goldDir, `${name}.statements.tsv`)
    let tsv
    try {
      tsv = await readFile(tsvPath, 'utf8')
    } catch {
      console.warn(`skipping ${json}: no ${name}.statements.tsv`)
      continue
    }
    const rows = parseTsv(tsv, tsvPath)
    const data = JSON.parse(await readFile(join(goldDir, json), 'utf8'))
    if (!data || !Array.isArray(data.groups) || !data.groups.every((g) => Array.isArray(g) && g.every((id) => typeof id === 'string'))) {
      throw new Error(`${json}: expected {"groups": [[id, ...], ...]}`)
    }
    const known = new Set(rows.map((r) => r.id))
    const seen = new Set()
    for (const id of data.groups.flat()) {
      if (!known.has(id)) throw new Error(`${json}: ${id} is not in ${name}.statements.tsv`)
      if (seen.has(id)) throw new Error(`${json}: ${id} appears twice`)
      seen.add(id)
    }
    sets.push({ name, rows, gold: data.groups })
  }
  return sets
}

const pct = (x) => x.toFixed(3)

function row(cols, widths) {
  return cols.map((c, i) => String(c).padEnd(widths[i] ?? 8)).join('  ')
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const { sim, score, baseline } = await loadModules()
  const sets = await loadGoldSets()
  if (sets.length === 0) throw new Error(`no gold sets in ${goldDir}`)
  const widths = [24, 26, 9, 6, 6, 6, 6, 7, 7, 7]
  console.log(row(['set', 'method', 'threshold', 'P', 'R', 'F1', 'pairs', 'B3-P', 'B3-R', 'B3-F1'], widths))
  for (const set of sets) {
    const ids = set.rows.map((r) => r.id)
    const items = set.rows.map((r) => ({ text: r.text, kind: r.kind }))
    const toIds = (groups) => groups.filter((g) => g.length > 1).map((g) => g.map((i) => ids[i]))
    const evaluate = (groups) => ({ pw: score.pairwise(set.gold, groups, ids), b3: score.bcubed(set.gold, groups, ids) })
    const line = (method, threshold, r) =>
      console.log(row([set.name, method, threshold, pct(r.pw.precision), pct(r.pw.recall), pct(r.pw.f1), r.pw.predictedPairs, pct(r.b3.precision), pct(r.b3.recall), pct(r.b3.f1)], widths))

    // Baseline at its best threshold (by pairwise F1).
    const pairs = baseline.baselinePairs(set.rows.map((r) => r.text))
    let best
    for (let t = 0.05; t <= 0.951; t += 0.05) {
      const r = evaluate(baseline.singleLink(ids.length, pairs, t).filter((g) => g.length > 1).map((g) => g.map((i) => ids[i])))
      if (!best || r.pw.f1 > best.r.pw.f1) best = { t, r }
    }
    line('baseline (best)', best.t.toFixed(2), best.r)

    const threshold = args.threshold ?? sim.DEFAULT_THRESHOLD
    const started = performance.now()
    const grouping = sim.groupDuplicates(items, { threshold })
    const ms = performance.now() - started
    const predicted = toIds(grouping.groups)
    line('agentmerge', threshold.toFixed(2), evaluate(predicted))
    if (args.sweep) {
      for (let t = 0.4; t <= 0.951; t += 0.05) line('  sweep', t.toFixed(2), evaluate(toIds(sim.groupDuplicates(items, { threshold: t }).groups)))
    }
    if (args.holdout.length > 0) {
      const held = (id) => args.holdout.some((h) => id.split(':')[0].includes(h))
      const split = (label, keep) => {
        const r = score.pairwiseWhere(set.gold, predicted, ids, keep)
        console.log(row([set.name, label, threshold.toFixed(2), pct(r.precision), pct(r.recall), pct(r.f1), `${r.predictedPairs}/${r.goldPairs}g`], widths))
      }
      split('  tune: no held-out file', (a, b) => !held(a) && !held(b))
      split('  check: held-out pairs', (a, b) => held(a) || held(b))
    }
    console.log(row([set.name, `(${ids.length} statements, ${grouping.groups.length} groups, ${ms.toFixed(0)} ms)`], widths))
  }
}

main().catch((err) => {
  console.error(`eval: ${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
