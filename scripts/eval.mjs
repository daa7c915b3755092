#!/usr/bin/env node
// Scores src/similarity's duplicate grouping against every labelled set in
// fixtures/gold, next to the plain lexical baseline at its best threshold.
//
// A labelled set is fixtures/gold/NAME.json (the groups) with
// fixtures/gold/NAME.statements.tsv (the statements the labels cover); the
// agent files it was drawn from are in fixtures/NAME/. Statements are taken
// the way the product takes them: every file named in the TSV is read with
// the real pipeline (readAgent + statementsOf), ALL its statements are
// grouped together (bold-lead statements included, although the labels do
// not cover them), and only the labelled ids (`basename:line`) are scored;
// a labelled statement the prediction does not mention counts as alone.
// src/pipeline.ts, src/walk.ts and src/similarity are bundled with esbuild
// into a temp dir, so no build of the project is needed.
//
//   npm run eval                                  # table for every gold set
//   npm run eval -- --threshold 0.7               # another threshold
//   npm run eval -- --holdout elite,senior        # split: pairs with/without those files
//   npm run eval -- --holdout elite,senior --holdout opencode   # several splits
//   npm run eval -- --per-file                    # pairs involving each file
//   npm run eval -- --sweep                       # the method over a range of thresholds
//   npm run eval -- --errors                      # list wrong and missed pairs
//
// Exits 1 if a gold file cannot be read, names a statement its TSV lacks, or
// names a statement the pipeline does not produce.

import { build } from 'esbuild'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(fileURLToPath(import.meta.url), '../..')
const goldDir = join(root, 'fixtures/gold')

function parseArgs(argv) {
  const out = { threshold: undefined, holdouts: [], sweep: false, perFile: false, errors: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--threshold') out.threshold = Number(argv[++i])
    else if (a === '--holdout') out.holdouts.push(String(argv[++i] ?? '').split(',').filter(Boolean))
    else if (a === '--sweep') out.sweep = true
    else if (a === '--per-file') out.perFile = true
    else if (a === '--errors') out.errors = true
    else throw new Error(`unknown argument ${a}`)
  }
  if (out.threshold !== undefined && !(out.threshold >= 0 && out.threshold <= 1)) throw new Error('--threshold must be within 0..1')
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
        pipeline: join(root, 'src/pipeline.ts'),
        walk: join(root, 'src/walk.ts'),
      },
      outdir: dir,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
      // Some CommonJS dependencies call require(); give the ESM bundle one.
      banner: { js: "import { createRequire as __amCreateRequire } from 'node:module'; const require = __amCreateRequire(import.meta.url);" },
    })
    const load = (name) => import(pathToFileURL(join(dir, `${name}.mjs`)).href)
    return {
      sim: await load('index'),
      score: await load('score'),
      baseline: await load('baseline'),
      pipeline: await load('pipeline'),
      walk: await load('walk'),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Statements of a TSV: id, kind, text (one per line, tab separated). */
function parseTsv(text, file) {
  const rows = []
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return
    const [id, kind, ...rest] = line.split('\t')
    if (!id || !kind || rest.length === 0) throw new Error(`${file}:${i + 1}: expected id<TAB>kind<TAB>text`)
    rows.push({ id, kind, text: rest.join('\t') })
  })
  return rows
}

async function loadGoldSets() {
  const names = (await readdir(goldDir)).filter((f) => f.endsWith('.json')).sort()
  const sets = []
  for (const json of names) {
    const name = basename(json, '.json')
    const tsvPath = join(goldDir, `${name}.statements.tsv`)
    if (!existsSync(tsvPath)) {
      console.warn(`skipping ${json}: no ${name}.statements.tsv`)
      continue
    }
    const rows = parseTsv(await readFile(tsvPath, 'utf8'), tsvPath)
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

/** File part of a `file:line` id. */
const fileOf = (id) => id.slice(0, id.lastIndexOf(':'))

/**
 * Every statement of the set's files, read with the real pipeline, in file
 * then document order. Ids are `basename:line`; a second statement on one
 * line (never a labelled one) gets a `#n` suffix.
 */
function readStatements(set, { pipeline, walk }) {
  const dir = join(root, 'fixtures', set.name)
  const files = [...new Set(set.rows.map((r) => fileOf(r.id)))].sort()
  const statements = []
  const taken = new Set()
  for (const file of files) {
    const path = join(dir, file)
    if (!existsSync(path)) throw new Error(`${set.name}: ${file} is not in fixtures/${set.name}/`)
    for (const s of walk.statementsOf(pipeline.readAgent(path).root)) {
      let id = `${basename(s.source.path)}:${s.source.line}`
      for (let n = 2; taken.has(id); n++) id = `${basename(s.source.path)}:${s.source.line}#${n}`
      taken.add(id)
      statements.push({ id, kind: s.kind, text: s.text })
    }
  }
  const byId = new Map(statements.map((s) => [s.id, s]))
  const absent = set.rows.filter((r) => !byId.has(r.id)).map((r) => r.id)
  if (absent.length) throw new Error(`${set.name}: the pipeline produces no statement ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', ...' : ''}`)
  const differ = set.rows.filter((r) => byId.get(r.id).text.trim() !== r.text.trim()).length
  return { statements, files, differ }
}

const fmt = (x) => x.toFixed(3)

/** A Markdown table, columns padded. */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String))
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  const line = (r) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |'
  return [line(all[0]), '|' + widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|') + '|', ...all.slice(1).map(line)].join('\n')
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const mods = await loadModules()
  const { sim, score, baseline } = mods
  const sets = await loadGoldSets()
  if (sets.length === 0) throw new Error(`no gold sets in ${goldDir}`)
  const threshold = args.threshold ?? sim.DEFAULT_THRESHOLD

  for (const set of sets) {
    const { statements, files, differ } = readStatements(set, mods)
    const ids = set.rows.map((r) => r.id)
    const allIds = statements.map((s) => s.id)
    const items = statements.map((s) => ({ text: s.text, kind: s.kind }))
    const toIds = (groups) => groups.filter((g) => g.length > 1).map((g) => g.map((i) => allIds[i]))
    const evaluate = (groups) => ({ pw: score.pairwise(set.gold, groups, ids), b3: score.bcubed(set.gold, groups, ids) })
    const rows = []
    const add = (method, t, r) =>
      rows.push([method, t, fmt(r.pw.precision), fmt(r.pw.recall), fmt(r.pw.f1), `${r.pw.truePairs}/${r.pw.predictedPairs}/${r.pw.goldPairs}`, fmt(r.b3.precision), fmt(r.b3.recall), fmt(r.b3.f1)])

    // Baseline at its best threshold (by pairwise F1), on the same statements.
    const pairs = baseline.baselinePairs(statements.map((s) => s.text))
    let best
    for (let t = 0.05; t <= 0.951; t += 0.05) {
      const r = evaluate(toIds(baseline.singleLink(statements.length, pairs, t)))
      if (!best || r.pw.f1 > best.r.pw.f1 + 1e-12) best = { t, r }
    }
    add('baseline (best threshold)', best.t.toFixed(2), best.r)

    const started = performance.now()
    const grouping = sim.groupDuplicates(items, { threshold })
    const ms = performance.now() - started
    const predicted = toIds(grouping.groups)
    add('agentmerge', threshold.toFixed(2), evaluate(predicted))
    if (args.sweep) {
      for (let t = 0.4; t <= 0.951; t += 0.05) add('  sweep', t.toFixed(2), evaluate(toIds(sim.groupDuplicates(items, { threshold: t }).groups)))
    }

    const leads = statements.filter((s) => s.kind === 'lead').length
    console.log(`\n${set.name}: ${files.length} files in fixtures/${set.name}/, ${statements.length} statements read (${leads} leads), ${ids.length} labelled, ${set.gold.length} gold groups; grouping took ${ms.toFixed(0)} ms`)
    if (differ) console.log(`note: ${differ} labelled statements read differently from the TSV text`)
    console.log()
    console.log(table(['method', 'threshold', 'P', 'R', 'F1', 'true/pred/gold pairs', 'B3-P', 'B3-R', 'B3-F1'], rows))

    const split = []
    const addSplit = (label, keep) => {
      const r = score.pairwiseWhere(set.gold, predicted, ids, keep)
      split.push([label, fmt(r.precision), fmt(r.recall), fmt(r.f1), `${r.truePairs}/${r.predictedPairs}/${r.goldPairs}`])
    }
    for (const holdout of args.holdouts) {
      const held = (id) => holdout.some((h) => fileOf(id).includes(h))
      const name = holdout.join(',')
      addSplit(`tune: pairs without ${name}`, (a, b) => !held(a) && !held(b))
      addSplit(`check: pairs with ${name}`, (a, b) => held(a) || held(b))
    }
    if (args.perFile) {
      for (const file of files) addSplit(`pairs with ${file}`, (a, b) => fileOf(a) === file || fileOf(b) === file)
    }
    if (split.length) {
      console.log()
      console.log(table([`split (threshold ${threshold.toFixed(2)})`, 'P', 'R', 'F1', 'true/pred/gold pairs'], split))
    }
    if (args.errors) printErrors(set, ids, predicted, statements)
  }
}

/** Wrong pairs (predicted, not gold) and missed pairs (gold, not predicted). */
function printErrors(set, ids, predicted, statements) {
  const text = new Map(statements.map((s) => [s.id, s.text]))
  const label = (groups) => {
    const m = new Map()
    groups.forEach((g, i) => g.forEach((id) => m.set(id, i)))
    return m
  }
  const g = label(set.gold)
  const p = label(predicted)
  const show = (id) => `${id} ${JSON.stringify((text.get(id) ?? '').slice(0, 100))}`
  const wrong = []
  const missed = []
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]
      const b = ids[j]
      const inG = g.has(a) && g.get(a) === g.get(b)
      const inP = p.has(a) && p.get(a) === p.get(b)
      if (inP && !inG) wrong.push([a, b])
      if (inG && !inP) missed.push([a, b])
    }
  }
  console.log(`\nwrong pairs (${wrong.length}):`)
  for (const [a, b] of wrong) console.log(`  ${show(a)}\n    ~ ${show(b)}`)
  console.log(`\nmissed pairs (${missed.length}):`)
  for (const [a, b] of missed) console.log(`  ${show(a)}\n    ~ ${show(b)}`)
}

main().catch((err) => {
  console.error(`eval: ${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
