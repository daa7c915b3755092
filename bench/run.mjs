// `npm run bench`: agentmerge's speed as ratios against baselines measured
// side by side in the same run (rounds interleaved, medians), never as
// absolute times, since the machines are shared and noisy.
//
//   node bench/run.mjs             # the full run (a few minutes)
//   node bench/run.mjs --quick     # a fast sanity run: fewer rounds, small corpora
//   options: --runs N (rounds of the cold and warm rows), --build (rebuild dist first),
//            --only cold,warm,scale,cache,driver, --keep (keep the temporary directory)
//
// The rows (targets from issue #5):
//   cold CLI     `agentmerge diff` of two fixtures vs `node -e 0` (<= 2x) and vs
//                a bare script that imports remark and parses the two files (<= 1.3x)
//   warm         what `agentmerge merge` does with the five fixtures, in one process:
//                load (read, parse, normalize into the model) + dedup + merge (given
//                dedup's grouping) + render, vs a bare remark parse of them in the same
//                process (<= 1.5x); the canonical render of each input (`normalize`'s
//                output, which merge never writes) is timed apart
//   scale        dedup and merge of synthetic corpora of 100 and 1,000 files
//                vs a single-threaded bare parse of the same files (<= 1x at 1,000),
//                growth exponent log(t1000/t100)/log(10) (<= 1.1), peak RSS
//   cache        a re-run with --cache over unchanged files vs the first run (<= 0.2x)
//   driver       the merge driver on one agent of 1k, 10k and 30k statements
//                (bench/driver-corpus.mjs), growth exponent per decade of
//                statements (<= 1.2: near-linear), peak RSS (issue 17)
//
// A row whose command does not exist yet is skipped with a note. The process
// exits 0 whether targets are met or missed; each target prints PASS or MISS.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { writeCorpus } from './corpus.mjs'
import { writeDriverCorpus } from './driver-corpus.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BENCH = join(ROOT, 'bench')
const FIXTURES = join(ROOT, 'fixtures', 'backend-developer')
const FIVE = ['backend-developer-elite.md', 'backend-developer-opencode.md', 'backend-developer-senior.md', 'backend-developer-structured.md', 'backend-engineer.md'].map((f) => join(FIXTURES, f))
const TWO = [join(FIXTURES, 'backend-developer-elite.md'), join(FIXTURES, 'backend-engineer.md')]

const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const value = (name, fallback) => {
  const i = args.indexOf(name)
  return i === -1 ? fallback : args[i + 1]
}
const QUICK = flag('--quick')
const RUNS = Number(value('--runs', QUICK ? 5 : 21))
const ONLY = new Set(String(value('--only', 'cold,warm,scale,cache,driver')).split(','))
const SIZES = QUICK ? [20, 200] : [100, 1000]
const SCALE_RUNS = QUICK ? 1 : 3

// ---------------------------------------------------------------- set-up

if (flag('--build') || !existsSync(join(ROOT, 'dist', 'cli.js'))) {
  console.error('building dist/ ...')
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--no-types'], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

// Measure a snapshot of bin/ and dist/, so that a rebuild running beside the
// bench (a test run's global set-up) cannot pull the files from under it.
const TMP = mkdtempSync(join(tmpdir(), 'agentmerge-bench-'))
const PKG = join(TMP, 'pkg')
mkdirSync(PKG)
for (const entry of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, entry), join(PKG, entry), { recursive: true })
const BIN = join(PKG, 'bin', 'agentmerge.js')
const INDEX_URL = pathToFileURL(join(PKG, 'dist', 'index.js')).href
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

process.on('exit', () => {
  if (!flag('--keep')) rmSync(TMP, { recursive: true, force: true })
})

const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout
const hasCommand = (name) => new RegExp(`^\\s+${name}\\b`, 'm').test(help.split(/^Commands:/m)[1] ?? '')

// ---------------------------------------------------------------- measuring

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Runs a command once: wall time in ms (and peak RSS in KiB when asked). */
function runOnce(argv, { rss = false, cwd = ROOT, expect = [0, 1] } = {}) {
  let cmd = argv
  let rssFile
  if (rss) {
    rssFile = join(TMP, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
    cmd = TIME ? [TIME, '-f', '%M', '-o', rssFile, ...argv] : [argv[0], '--import', pathToFileURL(join(BENCH, 'rss-hook.mjs')).href, ...argv.slice(1)]
  }
  const start = process.hrtime.bigint()
  const result = spawnSync(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AGENTMERGE_BENCH_RSS: rssFile ?? '' }, maxBuffer: 256 * 1024 * 1024 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (!expect.includes(result.status)) {
    throw new Error(`${argv.slice(1).join(' ')} exited with ${result.status}: ${String(result.stderr).split('\n').slice(0, 3).join(' | ')}`)
  }
  let kib
  if (rssFile && existsSync(rssFile)) {
    kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop())
    rmSync(rssFile, { force: true })
  }
  return { ms, kib }
}

/** Runs several commands round-robin, `runs` rounds; returns each one's times. */
function interleave(commands, runs, options) {
  const times = commands.map(() => [])
  const kibs = commands.map(() => [])
  for (let round = 0; round < runs; round++) {
    commands.forEach((argv, k) => {
      const { ms, kib } = runOnce(argv, options)
      times[k].push(ms)
      if (kib !== undefined) kibs[k].push(kib)
    })
  }
  return commands.map((_, k) => ({ ms: median(times[k]), all: times[k], kib: kibs[k].length ? Math.max(...kibs[k]) : undefined }))
}

const node = (...rest) => [process.execPath, ...rest]
const cli = (...rest) => node(BIN, ...rest)

// ---------------------------------------------------------------- report

const rows = []
const fmtMs = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`)
const fmtMiB = (kib) => (kib === undefined ? '' : `${(kib / 1024).toFixed(0)} MiB`)

function target(name, measured, baseline, limit, note = '') {
  const ratio = measured / baseline
  rows.push({ name, measured: fmtMs(measured), baseline: fmtMs(baseline), ratio: ratio.toFixed(2), target: `<= ${limit}`, verdict: ratio <= limit ? 'PASS' : 'MISS', note })
  return ratio
}
function info(name, measured, note = '', extra = {}) {
  rows.push({ name, measured: typeof measured === 'number' ? fmtMs(measured) : measured, baseline: '', ratio: '', target: '', verdict: '', note, ...extra })
}
function skip(name, note) {
  rows.push({ name, measured: '', baseline: '', ratio: '', target: '', verdict: 'SKIP', note })
}
// Other processes on a shared machine take cores from the parallel rows:
// each section notes the load average (1 minute) when it started.
function section(title) {
  const load = `load average ${loadavg()[0].toFixed(1)} at the start`
  rows.push({ section: `${title} (${load})` })
  console.error(`- ${title} (${load})`)
}

// ---------------------------------------------------------------- rows

if (ONLY.has('cold')) {
  section(`cold CLI: one process per run, ${RUNS} interleaved runs, median`)
  const commands = [node('-e', '0'), node(join(BENCH, 'bare-parse.mjs'), ...TWO), cli('--help'), cli('normalize', ...TWO)]
  const diff = hasCommand('diff')
  if (diff) commands.push(cli('diff', ...TWO))
  const [zero, bare, helpRun, normalize, diffRun] = interleave(commands, RUNS)
  info('`node -e 0`', zero.ms, 'baseline')
  info('bare import + parse of the 2 files', bare.ms, 'baseline: bench/bare-parse.mjs, remark unbundled')
  info('`agentmerge --help`', helpRun.ms, `${(helpRun.ms / zero.ms).toFixed(2)}x node -e 0`)
  info('`agentmerge normalize` of the 2 files', normalize.ms, `${(normalize.ms / zero.ms).toFixed(2)}x node -e 0, ${(normalize.ms / bare.ms).toFixed(2)}x bare`)
  if (diff) {
    target('`agentmerge diff` of 2 fixtures / `node -e 0`', diffRun.ms, zero.ms, 2)
    target('`agentmerge diff` of 2 fixtures / bare import + parse', diffRun.ms, bare.ms, 1.3)
  } else {
    skip('`agentmerge diff` / `node -e 0`', 'no diff command yet')
    skip('`agentmerge diff` / bare import + parse', 'no diff command yet')
  }
}

if (ONLY.has('warm')) {
  const rounds = Math.max(QUICK ? 10 : 30, RUNS)
  section(`warm pipeline: one process, the five fixtures, ${rounds} rounds after 10 warm-up rounds, median`)
  const out = spawnSync(process.execPath, [join(BENCH, 'warm.mjs'), INDEX_URL, String(rounds), '10', ...FIVE], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (out.status !== 0) throw new Error(`warm.mjs failed: ${out.stderr}`)
  const { has, stages } = JSON.parse(out.stdout)
  const bare = median(stages.bare)
  info('bare remark parse of the 5 files', bare, 'baseline, same process')
  const label = { load: 'load (read, parse, normalize)', dedup: 'dedup', merge: 'merge + render' }
  for (const stage of ['load', 'dedup', 'merge']) {
    if ((stage === 'dedup' || stage === 'merge') && !has[stage]) continue
    info(`  ${label[stage]}`, median(stages[stage]), `${(median(stages[stage]) / bare).toFixed(2)}x bare`)
  }
  const missing = ['dedup', 'merge'].filter((s) => !has[s])
  target(`load + ${has.dedup ? 'dedup + ' : ''}${has.merge ? 'merge + render' : ''}`.replace(/ \+ $/, '') + ' / bare parse', median(stages.pipeline), bare, 1.5, missing.length ? `without ${missing.join(', ')} (not in the library yet)` : '')
  info('  apart: canonical render of each input (normalize)', median(stages.render), `${(median(stages.render) / bare).toFixed(2)}x bare; with it ${((median(stages.pipeline) + median(stages.render)) / bare).toFixed(2)}x`)
}

const corpora = new Map()
function corpus(size) {
  if (!corpora.has(size)) {
    const dir = join(TMP, `corpus-${size}`)
    const { files, bytes } = writeCorpus(dir, size)
    corpora.set(size, { dir, files: files.length, bytes })
  }
  return corpora.get(size)
}

if (ONLY.has('scale')) {
  section(`scale: synthetic corpora of ${SIZES.join(' and ')} files (bench/corpus.mjs), ${SCALE_RUNS} interleaved run${SCALE_RUNS > 1 ? 's' : ''}, median wall time, peak RSS`)
  const commands = [
    { name: 'normalize --check', argv: (dir) => cli('normalize', '--check', dir), present: true, target: false },
    { name: 'dedup', argv: (dir) => cli('dedup', dir), present: hasCommand('dedup'), target: true },
    { name: 'merge', argv: (dir) => cli('merge', dir, '--provenance', 'none'), present: hasCommand('merge'), target: true },
  ]
  const times = new Map()
  for (const size of SIZES) {
    const { dir, files, bytes } = corpus(size)
    const present = commands.filter((c) => c.present)
    const measured = interleave([node(join(BENCH, 'bare-parse.mjs'), dir), ...present.map((c) => c.argv(dir))], SCALE_RUNS, { rss: true })
    const [bare, ...rest] = measured
    info(`${size} files (${(bytes / 1024 / 1024).toFixed(1)} MiB): bare parse, 1 thread`, bare.ms, `baseline, ${((bytes / 1024 / 1024) / (bare.ms / 1000)).toFixed(2)} MiB/s`, { rss: fmtMiB(bare.kib) })
    present.forEach((c, k) => {
      times.set(`${c.name}:${size}`, rest[k].ms)
      if (c.target && size === SIZES[SIZES.length - 1]) {
        target(`${size} files: \`agentmerge ${c.name}\` / bare parse`, rest[k].ms, bare.ms, 1)
        rows[rows.length - 1].rss = fmtMiB(rest[k].kib)
      } else {
        info(`${size} files: \`agentmerge ${c.name}\``, rest[k].ms, `${(rest[k].ms / bare.ms).toFixed(2)}x bare`, { rss: fmtMiB(rest[k].kib) })
      }
    })
    for (const c of commands.filter((x) => !x.present)) skip(`${size} files: \`agentmerge ${c.name}\``, `no ${c.name} command yet`)
  }
  const [small, large] = SIZES
  for (const c of commands.filter((x) => x.present)) {
    const t1 = times.get(`${c.name}:${small}`)
    const t2 = times.get(`${c.name}:${large}`)
    const exponent = Math.log(t2 / t1) / Math.log(large / small)
    if (c.target) rows.push({ name: `growth exponent of \`${c.name}\`, ${small} -> ${large} files`, measured: exponent.toFixed(2), baseline: '', ratio: '', target: '<= 1.1', verdict: exponent <= 1.1 ? 'PASS' : 'MISS', note: `log(t${large}/t${small})/log(${large / small})` })
    else info(`growth exponent of \`${c.name}\``, exponent.toFixed(2), `log(t${large}/t${small})/log(${large / small})`)
  }
}

if (ONLY.has('cache')) {
  const size = SIZES[SIZES.length - 1]
  const { dir } = corpus(size)
  const name = hasCommand('dedup') ? 'dedup' : 'normalize'
  const extra = name === 'normalize' ? ['--check'] : []
  section(`cache: \`agentmerge ${name}\` of the ${size}-file corpus, ${SCALE_RUNS} run${SCALE_RUNS > 1 ? 's' : ''}: first run with an empty cache, then a re-run over the unchanged files`)
  const cacheDir = join(TMP, 'cache')
  const first = []
  const again = []
  const none = []
  const load = { none: [], first: [], again: [] }
  const loader = (...rest) => node(join(BENCH, 'load.mjs'), INDEX_URL, dir, ...rest)
  for (let round = 0; round < SCALE_RUNS; round++) {
    none.push(runOnce(cli(name, ...extra, dir)).ms)
    rmSync(cacheDir, { recursive: true, force: true })
    first.push(runOnce(cli('--cache-location', cacheDir, name, ...extra, dir)).ms)
    again.push(runOnce(cli('--cache-location', cacheDir, name, ...extra, dir)).ms)
    load.none.push(runOnce(loader()).ms)
    rmSync(cacheDir, { recursive: true, force: true })
    load.first.push(runOnce(loader(cacheDir)).ms)
    load.again.push(runOnce(loader(cacheDir)).ms)
  }
  info(`without --cache`, median(none), 'for reference')
  info(`first run with --cache (empty cache)`, median(first), `${(median(first) / median(none)).toFixed(2)}x without --cache: the cost of writing it`)
  target(`re-run with --cache / first run`, median(again), median(first), 0.2, name === 'dedup' ? 'the re-run reads the parses and the grouping back from the cache' : 'normalize --check: no dedup command yet')
  info(`loading only (bench/load.mjs: loadAgents in a process of its own), no cache`, median(load.none), 'for reference')
  info(`loading only, first run with a cache`, median(load.first), `${(median(load.first) / median(load.none)).toFixed(2)}x no cache`)
  info(`loading only, re-run with the cache`, median(load.again), `${(median(load.again) / median(load.first)).toFixed(2)}x the first run: what the cache itself saves`)
}

if (ONLY.has('driver')) {
  const sizes = QUICK ? [1000, 3000] : [1000, 10000, 30000]
  section(`driver: \`agentmerge merge-driver\` of one agent of ${sizes.join(', ')} statements (bench/driver-corpus.mjs), ${SCALE_RUNS} run${SCALE_RUNS > 1 ? 's' : ''}, median wall time, peak RSS`)
  const dir = join(TMP, 'driver')
  mkdirSync(dir, { recursive: true })
  const times = []
  for (const n of sizes) {
    const files = writeDriverCorpus(dir, n)
    const ms = []
    const kib = []
    for (let round = 0; round < SCALE_RUNS; round++) {
      // The driver writes its result over ours: each run starts from a fresh copy.
      const ours = join(dir, `ours-${n}.md`)
      cpSync(files.a, ours)
      const r = runOnce(cli('--max-size', '64MB', 'merge-driver', files.o, ours, files.b, 'agent.md'), { rss: true })
      ms.push(r.ms)
      if (r.kib !== undefined) kib.push(r.kib)
    }
    times.push(median(ms))
    info(`${n} statements`, median(ms), `${(median(ms) / n).toFixed(2)} ms per statement`, { rss: fmtMiB(kib.length ? Math.max(...kib) : undefined) })
  }
  const exponent = Math.log(times[times.length - 1] / times[0]) / Math.log(sizes[sizes.length - 1] / sizes[0])
  rows.push({ name: `growth exponent of the driver, ${sizes[0]} -> ${sizes[sizes.length - 1]} statements`, measured: exponent.toFixed(2), baseline: '', ratio: '', target: '<= 1.2', verdict: exponent <= 1.2 ? 'PASS' : 'MISS', note: 'log(t_large/t_small)/log(n_large/n_small); 1 is linear' })
}

// ---------------------------------------------------------------- print

const cpu = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model
  } catch {
    return cpus()[0]?.model
  }
})()
const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(cpus().length)
const lines = []
lines.push(`agentmerge bench${QUICK ? ' (--quick)' : ''}: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`)
lines.push(`machine: ${nproc} cores (nproc), ${cpu}, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end`)
lines.push('')
lines.push('| row | measured | baseline | ratio | target | result | peak RSS | note |')
lines.push('| --- | ---: | ---: | ---: | --- | --- | ---: | --- |')
for (const row of rows) {
  if (row.section) lines.push(`| **${row.section}** | | | | | | | |`)
  else lines.push(`| ${row.name} | ${row.measured} | ${row.baseline} | ${row.ratio} | ${row.target} | ${row.verdict} | ${row.rss ?? ''} | ${row.note} |`)
}
const verdicts = rows.filter((r) => r.verdict === 'PASS' || r.verdict === 'MISS')
lines.push('')
lines.push(`${verdicts.filter((r) => r.verdict === 'PASS').length} of ${verdicts.length} targets met; ${rows.filter((r) => r.verdict === 'SKIP').length} rows skipped.`)
const report = lines.join('\n') + '\n'
process.stdout.write(report)
if (value('--out', undefined)) writeFileSync(value('--out'), report)
