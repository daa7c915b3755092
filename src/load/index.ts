// Reads and parses many agent files at once: the front door for commands
// that take many inputs. The files are read and decoded on the main thread
// (cheap, and where read errors and cache keys belong); parsing, the slow
// part, is skipped for inputs found in the cache (`cache`, opt-in) and spread
// over worker threads when there are many (`workers`). Whichever way an Agent
// is produced, it is the same data as readAgent would return.
import { availableParallelism } from 'node:os'
import type { AgentError } from '../errors.js'
import type { Agent } from '../model.js'
import { agentFromInput } from '../pipeline.js'
import type { MojibakeMode } from '../read/decode.js'
import { readInput, type Input } from '../read/read.js'
import { ParseCache, deserializeAgent, serializeAgent } from './cache.js'
import { asAgentError, reviveError } from './errors.js'
import { ParsePool, workerEntry } from './pool.js'
import type { FileResult } from './protocol.js'

export { DEFAULT_CACHE_DIR, TOOL_VERSION, readEntry, writeEntry } from './cache.js'

export interface LoadOptions {
  /** Use the parse cache: true for node_modules/.cache/agentmerge/ (under the working directory), or its location. */
  cache?: boolean | string
  /** Worker threads for parsing: 'auto' (the default) uses them for more than 32 files on a machine with several cores; 0 or 1 never. */
  workers?: number | 'auto'
  /** What to do with mojibake: repair it (the default), keep it and warn of it, or keep it (`--no-repair`). */
  mojibake?: MojibakeMode
  /** Refuse inputs larger than this many bytes. */
  maxBytes?: number
  /** Where an input `-` is read from (default: the process's stdin). */
  stdin?: (limit?: number) => Uint8Array
  /** Read a pipe or device named as a path to its end (read/read.ts); refused without it. */
  pipes?: boolean
  /** Called as files finish, in no particular order of files. */
  onProgress?: (done: number, total: number) => void
  /**
   * Called with each agent as soon as it is ready, in no particular order
   * (`cached`: it came from the parse cache), so that work on it can start
   * while other files are still being parsed.
   */
  onAgent?: (agent: Agent, cached: boolean) => void
  /** Also return each file's decoded text (LF line endings, BOM removed, mojibake repaired), as `diff` needs it. */
  keepText?: boolean
  /** The tool version the cache is keyed by (tests change it to check that entries then miss). */
  cacheVersion?: string
}

/** One input's outcome, in input order. */
export type LoadResult = { path: string; agent: Agent; error?: undefined; text?: string } | { path: string; agent?: undefined; error: AgentError; text?: undefined }

export interface Loaded {
  /** The agents that could be read, in input order. */
  agents: Agent[]
  /** One error per input that could not be read, in input order; a bug has code `internal`. */
  errors: AgentError[]
  /** Every input in order, with its agent or its error, for commands that report as they go. */
  results: LoadResult[]
  /** How the agents were produced: taken from the cache, parsed, and on how many worker threads (0: the calling thread). */
  stats: { cached: number; parsed: number; workers: number }
}

/** More inputs than this to parse, and worker threads pay for their start-up ('auto'). */
const WORKER_THRESHOLD = 32
const BATCH_SIZE = 4

/**
 * How many worker threads to start if there are enough files to parse:
 * 'auto' uses every core; a number asked for is bounded by the cores (more
 * threads than cores only cost memory) and by the files.
 */
function workerCount(option: LoadOptions['workers'], files: number): number {
  const cores = availableParallelism()
  if (option === undefined || option === 'auto') return cores < 2 ? 0 : Math.min(cores, files)
  return option > 1 ? Math.min(Math.floor(option), cores, files) : 0
}

/**
 * Reads, decodes and parses every path, through the cache and the workers.
 * One function on purpose (it is longer than the others): reading, cache
 * look-ups and hand-offs to the workers interleave in one pass so that the
 * workers start while the files are still being read, and the slots, keys
 * and pool it keeps are what those steps share.
 */
export async function loadAgents(paths: string[], options: LoadOptions = {}): Promise<Loaded> {
  const total = paths.length
  const slots: Array<LoadResult | undefined> = new Array(total)
  let done = 0
  const finish = (index: number, result: LoadResult, cached = false) => {
    slots[index] = result
    done++
    if (result.agent) options.onAgent?.(result.agent, cached)
    options.onProgress?.(done, total)
  }
  const readOptions = { mojibake: options.mojibake ?? 'repair', maxBytes: options.maxBytes, stdin: options.stdin, pipes: options.pipes }
  const cache = options.cache ? new ParseCache(typeof options.cache === 'string' ? options.cache : undefined, { mojibake: readOptions.mojibake, version: options.cacheVersion }) : undefined

  // Read and decode every input and answer the ones the cache has; the rest
  // are parsed here, or on worker threads once there are enough of them
  // (started while the reading goes on).
  let hits = 0
  let parsed = 0
  let pool: ParsePool | undefined
  let poolSize = 0
  const waiting: Array<{ index: number; input: Input }> = []
  const keys = new Map<number, string>()
  const workers = workerCount(options.workers, total)
  const entry = workers > 1 ? workerEntry() : undefined
  const threshold = options.workers === undefined || options.workers === 'auto' ? WORKER_THRESHOLD : 0

  const parsedResult = (index: number, input: Input, agent: Agent) => {
    const key = keys.get(index)
    if (cache && key) cache.put(input, key, serializeAgent(agent))
    finish(index, { path: input.path, agent })
  }
  const inputs: Input[] = []
  const texts: string[] = []
  // The workers store their parses in the cache themselves.
  const onResult = (index: number, result: FileResult) => {
    const input = inputs[index]!
    delete inputs[index]
    if (!result.ok) finish(index, { path: input.path, error: reviveError(result.error) })
    else finish(index, { path: input.path, agent: deserializeAgent(result.payload) })
  }
  const entryOf = (index: number, input: Input) => {
    const key = keys.get(index)
    return cache && key ? { file: cache.entry(input.path), key } : null
  }

  for (let index = 0; index < total; index++) {
    const path = paths[index]!
    // Let the workers' answers in now and then, so that they are kept fed.
    if (pool && index % 16 === 15) await new Promise((resolve) => setImmediate(resolve))
    let input: Input
    try {
      input = readInput(path, readOptions)
    } catch (error) {
      finish(index, { path, error: asAgentError(error, path) })
      continue
    }
    if (options.keepText) texts[index] = input.text
    if (cache) {
      const key = cache.key(input)
      const agent = cache.get(input, key)
      if (agent) {
        hits++
        finish(index, { path, agent }, true)
        continue
      }
      keys.set(index, key)
    }
    parsed++
    if (pool) {
      inputs[index] = input
      pool.push(index, input, entryOf(index, input))
      continue
    }
    waiting.push({ index, input })
    if (entry && waiting.length > threshold) {
      poolSize = workers
      pool = new ParsePool(entry, workers, BATCH_SIZE, onResult)
      for (const w of waiting.splice(0)) {
        inputs[w.index] = w.input
        pool.push(w.index, w.input, entryOf(w.index, w.input))
      }
    }
  }

  if (pool) await pool.finish()
  for (const { index, input } of waiting) {
    let agent: Agent
    try {
      agent = agentFromInput(input)
    } catch (error) {
      finish(index, { path: input.path, error: asAgentError(error, input.path) })
      continue
    }
    parsedResult(index, input, agent)
  }

  const results = slots as LoadResult[]
  if (options.keepText) results.forEach((r, index) => {
    if (r.agent) r.text = texts[index]
  })
  const agents: Agent[] = []
  const errors: AgentError[] = []
  for (const r of results) {
    if (r.agent) agents.push(r.agent)
    else errors.push(r.error)
  }
  const stats = { cached: hits, parsed, workers: poolSize }
  return { agents, errors, results, stats }
}
