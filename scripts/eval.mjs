#!/usr/bin/env node
// Scores the duplicate grouping against the labelled families in
// fixtures/gold, in a way that cannot flatter: every tuned number (threshold,
// weights, which rules are on) is chosen on two families and scored on the
// third (leave one family out), next to the plain baseline and the shipped
// defaults (chosen on all three).
//
// A family is fixtures/gold/NAME.json (groups) with NAME.statements.tsv (the
// statements the labels cover); its files are in fixtures/NAME/. Every file
// is read with the real pipeline, ALL its statements are grouped together,
// and only the labelled ids (`basename:line`) are scored; a labelled
// statement the prediction leaves out counts as alone.
//
//   npm run eval                      # per-family and leave-one-out tables, then the merge's folded / wrong (scripts/eval-merge.mjs) and diff's pairs (scripts/eval-diff.mjs)
//   npm run eval -- --no-merge        # the grouping tables only
//   npm run eval -- --ablation        # also: each rule switched, threshold re-chosen leave-one-out
//   npm run eval -- --without-role    # also: learned data retrained without the scored role's corpus files
//   npm run eval -- --min-precision 0.6   # another selection floor
//   npm run eval -- --errors NAME [--set key=value ...]   # wrong and missed pairs of a family (shipped defaults, or changed)
//
// The selection rule: among the candidate settings, the one with the highest
// mean pairwise F1 over the tuning families whose pairwise precision is at
// least MIN_PRECISION on each of them (if none is, the highest mean F0.5).
// The search: the threshold is swept for every setting; the other parameters
// are improved one at a time from START (the research notes' design), two
// rounds; the shipped defaults are what the same search picks on all three.

import { existsSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from './lib/bundle.mjs'
import { goldFamilies, idOf } from './lib/gold.mjs'
import { numberOf, usageExit, valueOf, wantsHelp } from './lib/args.mjs'

const root = resolve(fileURLToPath(import.meta.url), '../..')
let MIN_PRECISION = 0.65
const THRESHOLDS = Array.from({ length: 27 }, (_, i) => Math.round((0.3 + i * 0.025) * 1000) / 1000)
// Where every search starts: the design the research notes describe
// (../shared/research/similarity-findings.md), not the shipped defaults, so
// that no held-out family has a say in a leave-one-out choice.
const START = {
  threshold: 0.6,
  mix: 0.5,
  jaccard: false,
  explanation: 0.3,
  qualifier: 0.7,
  persona: 0.3,
  lead: 0.9,
  short: 0,
  long: 0,
  extra: 0,
  linkRatio: 0,
  center: false,
  corpusIdf: true,
}
const SPACE = {
  mix: [0, 0.3, 0.5, 0.7],
  jaccard: [false, true],
  explanation: [0.3, 0.6, 1],
  qualifier: [0.7, 1],
  persona: [0.3, 0.45, null],
  lead: [0.9, null],
  short: [0, 0.1],
  long: [0, 0.1],
  linkRatio: [0, 0.85],
}
const ABLATIONS = [
  ['without corpus IDF (input IDF only)', { corpusIdf: false }],
  ['without word vectors (mix 0)', { mix: 0 }],
  ['with the vectors centered on the input', { center: true }],
  ['with the tf-idf cosine for the lexical part', { jaccard: false }],
  ['without role weights', { explanation: 1, qualifier: 1 }],
  ['without role openings rule', { persona: null }],
  ['without lead-in rule', { lead: null }],
  ['without the short-item bar', { short: 0 }],
  ['with long-paragraph bar -0.1', { long: 0.1 }],
  ['with complete link at 0.85', { linkRatio: 0.85 }],
  ['+ extra-part bar 0.2 (the merge folds with it)', { extra: 0.2 }],
]

const USAGE = 'npm run eval -- [--ablation] [--without-role] [--no-merge] [--errors FAMILY] [--min-precision P] [--set KEY=VALUE]...'

function parseArgs(argv) {
  const out = { ablation: false, withoutRole: false, noMerge: false, errors: undefined, set: {} }
  if (wantsHelp(argv)) usageExit('eval', USAGE)
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--ablation') out.ablation = true
    else if (a === '--without-role') out.withoutRole = true
    else if (a === '--no-merge') out.noMerge = true
    else if (a === '--errors') out.errors = valueOf('eval', USAGE, argv, ++i, a)
    else if (a === '--min-precision') MIN_PRECISION = numberOf('eval', USAGE, argv, ++i, a)
    else if (a === '--set') {
      const [k, v] = valueOf('eval', USAGE, argv, ++i, a).split('=')
      if (v === undefined) usageExit('eval', USAGE, `--set needs KEY=VALUE, not ${k}`)
      out.set[k] = v === 'null' ? null : v === 'true' ? true : v === 'false' ? false : Number(v)
    }
    else usageExit('eval', USAGE, `unknown argument ${a}`)
  }
  return out
}

/** A family: its labelled ids, gold groups, and every statement of its files read with the pipeline. */
function loadFamily({ name, rows, ids, gold, files }, { pipeline, walk }) {
  const statements = []
  const taken = new Set()
  for (const file of files) {
    for (const s of walk.statementsOf(pipeline.readAgent(join(root, file)).root)) {
      const place = idOf(`${s.source.path}:${s.source.line}`)
      let id = place
      for (let n = 2; taken.has(id); n++) id = `${place}#${n}`
      taken.add(id)
      statements.push({ id, kind: s.kind, text: s.text })
    }
  }
  const have = new Set(statements.map((s) => s.id))
  const absent = rows.filter((r) => !have.has(r.id)).map((r) => r.id)
  // The pipeline reads some labelled lead-ins (a bold paragraph over a list)
  // as section titles, not statements: they are scored as standing alone.
  return { name, ids, gold, statements, files: files.map((f) => basename(f)), absent }
}

const fmt = (x) => x.toFixed(3)
const f05 = (p, r) => (p + r > 0 ? (1.25 * p * r) / (0.25 * p + r) : 0)

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String))
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  const line = (r) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |'
  return [line(all[0]), '|' + widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|') + '|', ...all.slice(1).map(line)].join('\n')
}

/** Evaluation state: the families, the modules, and memoized scores per (family, setting). */
function evaluator(mods, families, learned) {
  const { group, score, tuning: tuningMod } = mods
  const memos = new Map()
  const tables = new Map()
  const results = new Map()
  // Settings that change how a statement is read share a shape memo.
  const shapeKey = (t) => JSON.stringify([t.explanation, t.qualifier])
  const run = (fam, t, data = learned) => {
    const key = fam.name + JSON.stringify(t) + (data === learned ? '' : data?.tag ?? 'none')
    let r = results.get(key)
    if (r) return r
    const mk = fam.name + shapeKey(t)
    let memo = memos.get(mk)
    if (!memo) memos.set(mk, (memo = new group.ShapeMemo(t)))
    // Pair values do not depend on the threshold or the link ratio: one table serves a sweep.
    const tk = fam.name + JSON.stringify({ ...t, threshold: 0, linkRatio: 0 }) + (data === learned ? '' : data?.tag ?? 'none')
    let table = tables.get(tk)
    if (!table) tables.set(tk, (table = new group.PairTable(fam.statements, t, data, memo, THRESHOLDS[0])))
    const raw = table.cluster(t.threshold, t.linkRatio)
    const predicted = raw.groups.filter((g) => g.length > 1).map((g) => g.map((i) => fam.statements[i].id))
    r = { pw: score.pairwise(fam.gold, predicted, fam.ids), b3: score.bcubed(fam.gold, predicted, fam.ids), predicted }
    results.set(key, r)
    return r
  }
  const defaults = tuningMod.DEFAULT_TUNING
  return { run, defaults }
}

/** The selection rule's value of the results on the tuning families (higher is better). */
function selectionValue(rs) {
  const mean = (f) => rs.reduce((s, r) => s + f(r), 0) / rs.length
  return rs.every((r) => r.pw.precision >= MIN_PRECISION) ? 1 + mean((r) => r.pw.f1) : mean((r) => f05(r.pw.precision, r.pw.recall))
}

/** The best setting on `fams` by the selection rule, sweeping the threshold; `fixed` parameters are not searched. */
function choose(ev, fams, start, fixed = {}, searchOthers = true) {
  const objective = (t) => selectionValue(fams.map((f) => ev.run(f, t)))
  const bestThreshold = (t) => {
    let best
    for (const threshold of THRESHOLDS) {
      const c = { ...t, threshold }
      const v = objective(c)
      if (!best || v > best.v + 1e-12) best = { t: c, v }
    }
    return best
  }
  let best = bestThreshold({ ...start, ...fixed })
  if (!searchOthers) return best.t
  for (let round = 0; round < 2; round++) {
    for (const [param, values] of Object.entries(SPACE)) {
      if (param in fixed) continue
      for (const v of values) {
        const c = bestThreshold({ ...best.t, [param]: v })
        if (c.v > best.v + 1e-12) best = c
      }
    }
  }
  return best.t
}

const describe = (t, d) =>
  Object.entries(t)
    .filter(([k, v]) => k !== 'threshold' && v !== d[k])
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || 'start design'

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const mods = await bundle({
    group: join(root, 'src/similarity/group.ts'),
    tuning: join(root, 'src/similarity/tuning.ts'),
    learned: join(root, 'src/similarity/learned.ts'),
    tokens: join(root, 'src/similarity/tokens.ts'),
    pipeline: join(root, 'src/pipeline.ts'),
    walk: join(root, 'src/walk.ts'),
    score: join(root, 'scripts/lib/score.ts'),
    baseline: join(root, 'scripts/lib/baseline.ts'),
  })
  const families = goldFamilies(root).map((f) => loadFamily(f, mods))
  const dataPath = join(root, 'data/similarity.bin')
  if (!existsSync(dataPath)) throw new Error('data/similarity.bin is missing: npm run train -- CORPUS/agents')
  const learned = mods.learned.decodeLearned(readFileSync(dataPath), dataPath)
  const ev = evaluator(mods, families, learned)
  const d = ev.defaults
  const row = (label, extra, r) => [label, ...extra, fmt(r.pw.precision), fmt(r.pw.recall), fmt(r.pw.f1), `${r.pw.truePairs}/${r.pw.predictedPairs}/${r.pw.goldPairs}`, fmt(r.b3.precision), fmt(r.b3.recall), fmt(r.b3.f1)]
  const head = ['family', 'P', 'R', 'F1', 'true/pred/gold pairs', 'B3-P', 'B3-R', 'B3-F1']

  console.log(`learned data: ${learned.header.files} corpus files, ${learned.header.statements} statements, ${learned.header.vectors} vectors x ${learned.header.dims} (SOURCES sha256 ${learned.header.sources.slice(0, 12)}...)`)
  for (const f of families) if (f.absent.length) console.log(`note: ${f.name}: ${f.absent.length} labelled statements are section titles to the pipeline, scored as alone (${f.absent.join(', ')})`)
  console.log(`selection: highest mean F1 with P >= ${MIN_PRECISION} on each tuning family (else highest mean F0.5); threshold swept ${THRESHOLDS[0]}..${THRESHOLDS.at(-1)}`)

  // The plain baseline at 0.5 and at its leave-one-out threshold.
  const baseRows = []
  const baseAt = new Map()
  for (const fam of families) {
    const pairs = mods.baseline.baselinePairs(fam.statements.map((s) => s.text))
    const at = (t) => {
      const groups = mods.baseline.singleLink(fam.statements.length, pairs, t).filter((g) => g.length > 1).map((g) => g.map((i) => fam.statements[i].id))
      return { pw: mods.score.pairwise(fam.gold, groups, fam.ids), b3: mods.score.bcubed(fam.gold, groups, fam.ids) }
    }
    baseAt.set(fam.name, at)
    baseRows.push(row(fam.name, ['0.50'], at(0.5)))
  }
  console.log('\n## Plain baseline (stemmed words, IDF-weighted Jaccard over the input, single link)\n')
  console.log(table(['family', 'threshold', ...head.slice(1)], baseRows))

  const all = choose(ev, families, START)
  const same = JSON.stringify(all) === JSON.stringify(d)
  console.log(`\nchosen on all three by the same rule: threshold ${all.threshold} ${describe(all, START)} (differences from the start design)${same ? ' (= the shipped defaults)' : ' (differs from the shipped defaults: update src/similarity/tuning.ts)'}`)
  console.log('\n## Shipped defaults: threshold ' + d.threshold + ' ' + describe(d, START) + ' (differences from the start design)\n')
  console.log(table(head, families.map((f) => row(f.name, [], ev.run(f, d)))))

  // Leave one family out: the whole design chosen on the other two.
  const loo = []
  const looBase = []
  let sum = 0
  for (const fam of families) {
    const others = families.filter((f) => f !== fam)
    const t = choose(ev, others, START)
    const r = ev.run(fam, t)
    sum += r.pw.f1
    loo.push([...row(fam.name, [], r), `${t.threshold.toFixed(3)} ${describe(t, START)}`])
    // The baseline's threshold chosen the same way.
    let bt
    for (const th of THRESHOLDS) {
      const v = selectionValue(others.map((o) => baseAt.get(o.name)(th)))
      if (!bt || v > bt.v + 1e-12) bt = { th, v }
    }
    looBase.push(row(fam.name, [bt.th.toFixed(3)], baseAt.get(fam.name)(bt.th)))
  }
  console.log('\n## Leave one family out (every tuned number chosen on the other two)\n')
  console.log(table([...head, 'chosen on the other two'], loo))
  console.log(`\nmean leave-one-out F1: ${fmt(sum / families.length)}`)
  console.log('\nbaseline, threshold chosen leave-one-out:\n')
  console.log(table(['family', 'threshold', ...head.slice(1)], looBase))

  if (args.ablation) {
    console.log('\n## Ablation (each switch applied to the shipped design, threshold re-chosen leave-one-out)\n')
    const looOf = (fixed) => {
      let s = 0
      const per = []
      for (const fam of families) {
        const t = choose(ev, families.filter((f) => f !== fam), { ...d, ...fixed }, fixed, false)
        const r = ev.run(fam, t)
        s += r.pw.f1
        per.push(`${fmt(r.pw.precision)}/${fmt(r.pw.recall)}/${fmt(r.pw.f1)}`)
      }
      return { mean: s / families.length, per }
    }
    const base = looOf({})
    const rows = [['shipped design', ...base.per, fmt(base.mean), '']]
    for (const [label, fixed] of ABLATIONS) {
      const r = looOf(fixed)
      rows.push([label, ...r.per, fmt(r.mean), (r.mean - base.mean >= 0 ? '+' : '') + fmt(r.mean - base.mean)])
    }
    console.log(table(['variant', ...families.map((f) => `${f.name} P/R/F1`), 'mean F1', 'change'], rows))
  }

  if (args.withoutRole) {
    console.log('\n## Leave one family out, learned data retrained without the scored role\'s corpus files\n')
    const { readCorpus } = await import('./train.mjs')
    const { learn } = await import('./lib/learn.mjs')
    const corpus = resolve(root, '../shared/corpus/agents')
    const alt = existsSync(corpus) ? corpus : resolve(root, '../../shared/corpus/agents')
    if (!existsSync(alt)) throw new Error('no corpus at ../shared/corpus/agents')
    const ROLE = { 'backend-developer': /backend/i, 'python-pro': /python/i, 'test-automator': /test|qa-|quality/i }
    const rows = []
    for (const fam of families) {
      const role = ROLE[fam.name] ?? new RegExp(fam.name, 'i')
      const { docs, files } = readCorpus(alt, mods, (f) => !role.test(f))
      const memo = new mods.tokens.StemMemo()
      const data = learn(docs, (t) => mods.tokens.stemsOf(t, memo))
      const buf = mods.learned.encodeLearned({ header: { sources: 'subset', files, statements: data.statements }, dims: data.dims, vectorTerms: data.vectorTerms, otherTerms: data.otherTerms })
      const sub = mods.learned.decodeLearned(buf)
      sub.tag = `without-${fam.name}`
      const others = families.filter((f) => f !== fam)
      const t = choose(ev, others, START)
      rows.push([...row(fam.name, [`${files}`], ev.run(fam, t, sub)), `${t.threshold.toFixed(3)} ${describe(t, START)}`])
    }
    console.log(table(['family', 'corpus files', ...head.slice(1), 'chosen on the other two (with the full data)'], rows))
  }

  if (!args.errors && !args.noMerge) {
    // The merge folds what the grouping groups: score it too (scripts/eval-merge.mjs).
    const merge = await import('./eval-merge.mjs')
    console.log('\n## Merge folding, shipped defaults (folded / wrong, openings left out; see docs/merge.md)\n')
    const mergeMods = await merge.loadModules()
    merge.printMergeRows(await merge.evalMerge({}, mergeMods))
    console.log('\n## Merge folding, fold bar (threshold, extra-part bar) chosen leave one family out\n')
    await merge.leaveOneOut({}, mergeMods)
    console.log("\n## Diff's statement pairs whose text changed, against people's groups (see docs/diff.md)\n")
    await (await import('./eval-diff.mjs')).printDiffRows()
  }

  if (args.errors) {
    const fam = families.find((f) => f.name === args.errors)
    if (!fam) throw new Error(`no family ${args.errors}`)
    const t = { ...d, ...args.set }
    const r = ev.run(fam, t)
    console.log(`\n${fam.name} with ${JSON.stringify(args.set)}: P ${fmt(r.pw.precision)} R ${fmt(r.pw.recall)} F1 ${fmt(r.pw.f1)}`)
    printErrors(fam, r.predicted)
  }
}

function printErrors(fam, predicted) {
  const text = new Map(fam.statements.map((s) => [s.id, s.text]))
  const label = (groups) => {
    const m = new Map()
    groups.forEach((g, i) => g.forEach((id) => m.set(id, i)))
    return m
  }
  const g = label(fam.gold)
  const p = label(predicted)
  const show = (id) => `${id} ${JSON.stringify((text.get(id) ?? '').slice(0, 100))}`
  const wrong = []
  const missed = []
  for (let i = 0; i < fam.ids.length; i++) {
    for (let j = i + 1; j < fam.ids.length; j++) {
      const a = fam.ids[i]
      const b = fam.ids[j]
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
  console.error(`eval: ${err instanceof Error ? err.stack : err}`)
  process.exit(1)
})
