// A process that only loads agent files through the library (loadAgents:
// read, decode, parse or take from the cache, build the model) and exits:
// the part of a command that --cache and worker threads speed up.
//
//   node bench/load.mjs DIST_INDEX_URL DIR [CACHE_DIR]
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const [indexUrl, dir, cache] = process.argv.slice(2)
const { loadAgents } = await import(indexUrl)
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f))
const { agents, errors } = await loadAgents(files, cache ? { cache } : {})
if (errors.length > 0 || agents.length !== files.length) throw new Error(`${errors.length} errors`)
