// The warm-pipeline row of `npm run bench`, in one process: after warm-up
// rounds, each round times a bare remark parse of the files (the floor) and,
// right after it, what agentmerge does with them: loadAgents (read, decode,
// parse once, build the model; no cache, no workers), normalize each, dedup
// across them, merge them (handing merge the grouping dedup made, as a
// library user doing both would) and render the result. Prints the
// per-round times as JSON.
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

const stages = { bare: [], load: [], normalize: [], dedup: [], merge: [], pipeline: [] }
const has = { dedup: typeof lib.dedupAgents === 'function', merge: typeof lib.mergeAgents === 'function' && typeof lib.renderMerged === 'function' }
let sink = 0
for (let round = 0; round < warmup + rounds; round++) {
  const t0 = performance.now()
  for (const file of files) sink += processor.parse(readFileSync(file, 'utf8')).children.length
  const t1 = performance.now()
  const { agents, errors } = await lib.loadAgents(files, { workers: 0 })
  if (errors.length > 0) throw errors[0]
  const t2 = performance.now()
  for (const agent of agents) sink += lib.normalizeAgent(agent).length
  const t3 = performance.now()
  const dedup = has.dedup ? lib.dedupAgents(agents) : undefined
  if (dedup) sink += dedup.groups.length
  const t4 = performance.now()
  if (has.merge) sink += lib.renderMerged(lib.mergeAgents(agents, dedup ? { dedup } : {}), 'inline').length
  const t5 = performance.now()
  if (round < warmup) continue
  stages.bare.push(t1 - t0)
  stages.load.push(t2 - t1)
  stages.normalize.push(t3 - t2)
  stages.dedup.push(t4 - t3)
  stages.merge.push(t5 - t4)
  stages.pipeline.push(t5 - t1)
}
process.stdout.write(JSON.stringify({ has, stages, sink: sink > 0 }) + '\n')
