// The warm-pipeline row of `npm run bench`, in one process: after warm-up
// rounds, each round times a bare remark parse of the files (the floor) and,
// right after it, what `agentmerge merge` does with them: loadAgents (read,
// decode, parse once, normalize into the model of sections and statements;
// no cache, no workers), dedup across them, merge them (handing merge the
// grouping dedup made, as the CLI does) and render the merged file. Then,
// outside the pipeline's time, what `agentmerge normalize` adds for each
// input: its canonical Markdown. The bare parse runs before all of it in
// even rounds and after it in odd ones. Prints the per-round times as JSON.
//
//   node bench/warm.mjs DIST_INDEX_URL ROUNDS WARMUP FILE...
import { readFileSync } from 'node:fs'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const [indexUrl, roundsArg, warmupArg, ...files] = process.argv.slice(2)
const lib = await import(indexUrl)
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze()
const rounds = Number(roundsArg)
const warmup = Number(warmupArg)

const stages = { bare: [], load: [], dedup: [], merge: [], pipeline: [], render: [] }
const has = { dedup: typeof lib.dedupAgents === 'function', merge: typeof lib.mergeAgents === 'function' && typeof lib.renderMerged === 'function' }
let sink = 0
// A round's garbage is collected during whatever runs next, so the floor and
// the pipeline take turns going first.
const bareParse = () => {
  const t0 = performance.now()
  for (const file of files) sink += processor.parse(readFileSync(file, 'utf8')).children.length
  return performance.now() - t0
}
for (let round = 0; round < warmup + rounds; round++) {
  const bareFirst = round % 2 === 0
  const bare = bareFirst ? bareParse() : 0
  const t1 = performance.now()
  const { agents, errors } = await lib.loadAgents(files, { workers: 0 })
  if (errors.length > 0) throw errors[0]
  const t3 = performance.now()
  const dedup = has.dedup ? lib.dedupAgents(agents, lib.FOLD_OPTIONS ?? (lib.FOLD_THRESHOLD === undefined ? {} : { threshold: lib.FOLD_THRESHOLD })) : undefined
  if (dedup) sink += dedup.groups.length
  const t4 = performance.now()
  if (has.merge) sink += lib.renderMerged(lib.mergeAgents(agents, dedup ? { dedup } : {}), 'inline').length
  const t5 = performance.now()
  for (const agent of agents) sink += lib.normalizeAgent(agent).length
  const t6 = performance.now()
  const bareAfter = bareFirst ? bare : bareParse()
  if (round < warmup) continue
  stages.bare.push(bareAfter)
  stages.load.push(t3 - t1)
  stages.dedup.push(t4 - t3)
  stages.merge.push(t5 - t4)
  stages.pipeline.push(t5 - t1)
  stages.render.push(t6 - t5)
}
process.stdout.write(JSON.stringify({ has, stages, sink: sink > 0 }) + '\n')
