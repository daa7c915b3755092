// The persistent parse cache behind `--cache`: one entry per input path (so a
// changed file, or a new version of the tool, overwrites its own entry
// instead of leaving garbage behind),
// holding the parsed Agent as v8.serialize data, mdast nodes included. An
// entry is used only when its key matches: a hash of the tool's version and
// build, the V8 version (the serialization format), the options that affect
// parsing, and everything agentFromInput reads (path, decoded text, line
// ending, BOM, read warnings), and only when its payload still has the
// SHA-256 the entry records. That catches a truncated or corrupted payload
// and one edited without updating the hash; it is no defence against someone
// who can write the cache directory and recomputes the hash (keep the cache
// where only you can write). Anything else (a stale, truncated, edited or
// foreign entry) is a miss and is rewritten. Writes go to a temporary file
// renamed over the entry, so a concurrent reader sees the old entry or the new one.
import { createHash } from 'node:crypto'
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { Agent } from '../model.js'
import type { MojibakeMode } from '../read/decode.js'
import type { Input } from '../read/read.js'
import { VERSION } from '../version.js'
import { makeDirs } from '../write/dirs.js'

declare const __AGENTMERGE_BUILD__: string | undefined

/** Bumped when the entry layout changes. */
const FORMAT = 'agentmerge-cache-3'
const MAGIC = Buffer.from('AGMC2\n', 'latin1')

/** The version the cache is keyed by: the package version and a hash of the sources it was built from. */
export const TOOL_VERSION = `${VERSION}+${typeof __AGENTMERGE_BUILD__ === 'string' ? __AGENTMERGE_BUILD__ : 'src'}`

/** Where `--cache` keeps its entries unless `--cache-location` says otherwise. */
export const DEFAULT_CACHE_DIR = join('node_modules', '.cache', 'agentmerge')

export interface CacheKeyOptions {
  /** What the read did with mojibake (default: repair). */
  mojibake?: MojibakeMode
  /** The tool version; tests pass another one to check that it misses. */
  version?: string
}

export class ParseCache {
  readonly dir: string
  private readonly salt: string
  private readonly place: string

  constructor(location: string | undefined, options: CacheKeyOptions = {}) {
    this.dir = resolve(location ?? DEFAULT_CACHE_DIR)
    const mojibake = options.mojibake ?? 'repair'
    this.salt = JSON.stringify([FORMAT, options.version ?? TOOL_VERSION, process.versions.v8, mojibake])
    // The entry's file name leaves the version out, so that a new version overwrites the old one's entries.
    this.place = JSON.stringify([FORMAT, mojibake])
  }

  /** The key of an input: everything its Agent is computed from. */
  key(input: Input): string {
    const hash = createHash('sha256')
    hash.update(this.salt).update('\0').update(input.path).update('\0')
    hash.update(input.eol).update(input.bom ? '1' : '0').update(JSON.stringify(input.warnings)).update('\0')
    hash.update(input.text)
    return hash.digest('hex')
  }

  /** The file of an input's entry. */
  entry(path: string): string {
    const name = createHash('sha256').update(this.place).update('\0').update(resolve(path)).update('\0').update(path).digest('hex')
    return join(this.dir, name.slice(0, 2), `${name.slice(2, 40)}.bin`)
  }

  /** The cached Agent of an input, or undefined on a miss (absent, stale or corrupt). */
  get(input: Input, key: string): Agent | undefined {
    const payload = readEntry(this.entry(input.path), key)
    if (!payload) return undefined
    try {
      const agent = deserialize(payload) as Agent
      if (!agent || typeof agent !== 'object' || agent.path !== input.path || agent.root?.type !== 'section') return undefined
      return agent
    } catch {
      return undefined
    }
  }

  /** Stores the serialized Agent of an input; a failure to write only loses the entry. */
  put(input: Input, key: string, payload: Uint8Array): void {
    writeEntry(this.entry(input.path), key, payload)
  }
}

const payloadHash = (payload: Uint8Array): string => createHash('sha256').update(payload).digest('hex')

/**
 * The payload of an entry whose key matches and whose payload has the hash
 * it records, or undefined (absent, stale, truncated, edited or foreign).
 * Layout: MAGIC, the key and the payload's SHA-256 (64 hex digits and a
 * newline each), the payload.
 */
export function readEntry(file: string, key: string): Uint8Array | undefined {
  let data: Buffer
  try {
    data = readFileSync(file)
  } catch {
    return undefined
  }
  const keyEnd = MAGIC.length + 64
  const hashEnd = keyEnd + 1 + 64
  if (key.length !== 64 || data.length <= hashEnd + 1 || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined
  if (data.toString('latin1', MAGIC.length, keyEnd) !== key || data[keyEnd] !== 0x0a || data[hashEnd] !== 0x0a) return undefined
  const payload = data.subarray(hashEnd + 1)
  if (payloadHash(payload) !== data.toString('latin1', keyEnd + 1, hashEnd)) return undefined
  return payload
}

const madeDirs = new Set<string>()

/**
 * Writes one cache entry atomically (a temporary file renamed into place);
 * worker threads call this too, so that the main thread does not wait on
 * the disk. A failure only loses the entry.
 */
export function writeEntry(file: string, key: string, payload: Uint8Array): void {
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`
  try {
    const shard = dirname(file)
    if (!madeDirs.has(shard)) {
      makeDirs(shard)
      madeDirs.add(shard)
    }
    writeFileSync(temp, Buffer.concat([MAGIC, Buffer.from(`${key}\n${payloadHash(payload)}\n`, 'latin1'), payload]))
    // Remove a stale entry first: ext4 flushes a file renamed over an
    // existing one to disk (auto_da_alloc), which costs milliseconds per
    // entry; a reader in between sees a miss, which is fine for a cache.
    try { unlinkSync(file) } catch { /* no stale entry */ }
    renameSync(temp, file)
  } catch {
    try { unlinkSync(temp) } catch { /* never written */ }
  }
}

export function serializeAgent(agent: Agent): Uint8Array {
  return serialize(agent)
}

export function deserializeAgent(payload: Uint8Array): Agent {
  return deserialize(payload) as Agent
}
