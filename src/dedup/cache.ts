// The grouping cache behind `--cache` for `dedup` and `merge`: the duplicate
// grouping of a run's statements (the group of each statement and the
// reasons), so that a re-run over unchanged files only loads them. Grouping
// is a function of the statements' kinds, texts and paths (whose order is
// the grouping's own, placeOrder), of the bar (threshold and extra-part bar)
// and of the learned data alone, so that is the key: a hash of the tool's
// version and build, the V8 version, the learned data's header, the bar, and
// every statement's kind and text in order with the path each file's
// statements start at. One entry per list of input paths and bar (a changed file
// overwrites the entry of its run instead of leaving garbage, and `dedup`
// and `merge`, which group at different bars, keep one entry each); written and read as the
// parse cache's entries are (load/: a temporary file renamed into place; a
// stale, truncated or corrupt entry is a miss and is rewritten).
import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { DEFAULT_CACHE_DIR, TOOL_VERSION, readEntry, writeEntry } from '../load/index.js'
import type { Statement } from '../model.js'
import { learnedHeader } from '../similarity/index.js'
import type { IndexReason, StatementGrouping } from './index.js'

/** The similarity bar a grouping was made at. */
type Bar = { threshold: number; extra: number }

/** Bumped when the entry layout changes. */
const FORMAT = 'agentmerge-grouping-4'

/** The stored form: the groups as an Int32Array, the reasons column by column. */
interface Stored {
  n: number
  count: number
  group: Int32Array
  a: Int32Array
  b: Int32Array
  score: Float64Array
  shared: string[][]
  note: Array<string | null>
  /** The parts of each score (dedup --explain), as JSON, or null. */
  parts: Array<string | null>
}

export class GroupingCache {
  readonly dir: string
  private readonly version: string

  constructor(location: string | undefined, options: { version?: string } = {}) {
    this.dir = resolve(location ?? DEFAULT_CACHE_DIR)
    this.version = options.version ?? TOOL_VERSION
  }

  /** The key of a run: everything its grouping is computed from. */
  key(statements: readonly Statement[], bar: Bar): string {
    const hash = createHash('sha256')
    hash.update(JSON.stringify([FORMAT, this.version, process.versions.v8, learnedHeader(), bar.threshold, bar.extra, statements.length]))
    // Lengths first, so that no text can run into the next one; each path
    // where its statements start, since the grouping's order depends on it.
    let chunk = ''
    let path: string | undefined
    for (const s of statements) {
      if (s.source.path !== path) chunk += `\u0001${(path = s.source.path).length}\0${path}`
      chunk += `\0${s.kind}\0${s.text.length}\0${s.text}`
      if (chunk.length > 65536) {
        hash.update(chunk)
        chunk = ''
      }
    }
    hash.update(chunk)
    return hash.digest('hex')
  }

  /** The entry of a run over these inputs (in this order) at this bar. */
  entry(paths: readonly string[], bar: Bar): string {
    const hash = createHash('sha256').update(JSON.stringify([FORMAT, bar.threshold, bar.extra]))
    for (const path of paths) hash.update('\0').update(resolve(path)).update('\0').update(path)
    const name = hash.digest('hex')
    return join(this.dir, 'groupings', `${name.slice(0, 40)}.bin`)
  }

  /**
   * The cached grouping of a run of `n` statements, or undefined on a miss
   * (absent, stale, truncated or corrupt, or not a grouping of n statements).
   */
  get(paths: readonly string[], bar: Bar, key: string, n: number): StatementGrouping | undefined {
    const payload = readEntry(this.entry(paths, bar), key)
    if (!payload) return undefined
    try {
      return fromStored(deserialize(payload) as Stored, n)
    } catch {
      return undefined
    }
  }

  /** Stores a grouping; a failure to write only loses the entry. */
  put(paths: readonly string[], bar: Bar, key: string, grouping: StatementGrouping): void {
    writeEntry(this.entry(paths, bar), key, serialize(toStored(grouping)))
  }
}

function toStored({ group, count, reasons }: StatementGrouping): Stored {
  const m = reasons.length
  const stored: Stored = { n: group.length, count, group: Int32Array.from(group), a: new Int32Array(m), b: new Int32Array(m), score: new Float64Array(m), shared: new Array(m), note: new Array(m), parts: new Array(m) }
  reasons.forEach((r, k) => {
    stored.a[k] = r.a
    stored.b[k] = r.b
    stored.score[k] = r.score
    stored.shared[k] = r.shared
    stored.note[k] = r.note ?? null
    stored.parts[k] = r.parts ? JSON.stringify(r.parts) : null
  })
  return stored
}

/** The grouping back from its stored form, checked against what a grouping of n statements must look like. */
function fromStored(s: Stored, n: number): StatementGrouping | undefined {
  if (!s || typeof s !== 'object' || s.n !== n || !(s.group instanceof Int32Array) || s.group.length !== n) return undefined
  const { count } = s
  if (!Number.isInteger(count) || count < 0 || count > n) return undefined
  const group = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const g = s.group[i]!
    if (g < 0 || g >= count) return undefined
    group[i] = g
  }
  const m = s.a instanceof Int32Array ? s.a.length : -1
  if (m < 0 || !(s.b instanceof Int32Array) || s.b.length !== m || !(s.score instanceof Float64Array) || s.score.length !== m) return undefined
  if (!Array.isArray(s.shared) || s.shared.length !== m || !Array.isArray(s.note) || s.note.length !== m) return undefined
  if (!Array.isArray(s.parts) || s.parts.length !== m) return undefined
  const reasons: IndexReason[] = new Array(m)
  for (let k = 0; k < m; k++) {
    const a = s.a[k]!
    const b = s.b[k]!
    const shared = s.shared[k]
    const note = s.note[k]
    if (a < 0 || a >= n || b < 0 || b >= n || !Array.isArray(shared) || (note !== null && typeof note !== 'string')) return undefined
    const parts = s.parts[k]
    if (parts !== null && typeof parts !== 'string') return undefined
    const r: IndexReason = { a, b, score: s.score[k]!, shared }
    if (note !== null) r.note = note
    if (parts !== null) r.parts = JSON.parse(parts) as NonNullable<IndexReason['parts']>
    reasons[k] = r
  }
  return { group, count, reasons }
}

/** The grouping cache a loadAgents `cache` option stands for (the same place), or undefined without one. */
export function groupingCacheFor(cache: boolean | string | undefined, version?: string): GroupingCache | undefined {
  if (!cache) return undefined
  return new GroupingCache(typeof cache === 'string' ? cache : undefined, version === undefined ? {} : { version })
}
