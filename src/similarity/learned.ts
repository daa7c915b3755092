// The learned data: what the similarity knows of the field, from a corpus of
// public agent definitions (scripts/train.mjs builds it; docs/similarity.md
// says how). For each stem, how many corpus statements contain it (for IDF
// weights), and for the commoner stems a distributional word vector (positive
// PMI over statement and heading contexts, truncated SVD), stored as int8.
//
// File layout (little-endian): the 8 bytes "AMSIM01\n"; a uint32 length and
// that many bytes of JSON header ({sources, files, statements, dims, terms,
// vectors}); a uint32 length and the stems joined by "\n" (UTF-8), the first
// `vectors` of them the stems that have vectors; uint32 document frequencies,
// one per stem; then int8 vectors, `dims` per vector stem.
//
// Loaded lazily and once per process (it is read-only data, like code): only
// commands that compare statements reach loadLearned.

import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MAGIC = 'AMSIM01\n'

export interface LearnedHeader {
  /** SHA-256 of the corpus's SOURCES.json. */
  sources: string
  files: number
  statements: number
  dims: number
  terms: number
  vectors: number
}

export interface Learned {
  header: LearnedHeader
  /** Statements of the corpus containing each stem. */
  df: ReadonlyMap<string, number>
  /** Unit word vectors by stem. */
  vectors: ReadonlyMap<string, Float32Array>
}

/** What training produced, in the order it is stored. */
export interface LearnedData {
  header: Omit<LearnedHeader, 'terms' | 'vectors' | 'dims'>
  dims: number
  /** Stems with vectors, each with its int8 components. */
  vectorTerms: { stem: string; df: number; q: Int8Array }[]
  /** The other stems. */
  otherTerms: { stem: string; df: number }[]
}

export function encodeLearned(data: LearnedData): Uint8Array {
  const header: LearnedHeader = {
    ...data.header,
    dims: data.dims,
    terms: data.vectorTerms.length + data.otherTerms.length,
    vectors: data.vectorTerms.length,
  }
  const all = [...data.vectorTerms, ...data.otherTerms]
  const head = Buffer.from(JSON.stringify(header), 'utf8')
  const stems = Buffer.from(all.map((t) => t.stem).join('\n'), 'utf8')
  const df = Buffer.alloc(4 * all.length)
  all.forEach((t, i) => df.writeUInt32LE(t.df, 4 * i))
  const vec = Buffer.alloc(data.dims * data.vectorTerms.length)
  data.vectorTerms.forEach((t, i) => vec.set(new Uint8Array(t.q.buffer, t.q.byteOffset, data.dims), i * data.dims))
  const len = (n: number): Buffer => {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(n)
    return b
  }
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), len(head.length), head, len(stems.length), stems, df, vec])
}

/** The length of the JSON header that follows the magic and its length, checking the magic. */
function headerLength(buf: Buffer, path: string): number {
  if (buf.subarray(0, 8).toString('latin1') !== MAGIC) throw new Error(`${path}: not an agentmerge similarity data file`)
  return buf.readUInt32LE(8)
}

export function decodeLearned(bytes: Uint8Array, path = 'similarity data'): Learned {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headLen = headerLength(buf, path)
  const header = JSON.parse(buf.subarray(12, 12 + headLen).toString('utf8')) as LearnedHeader
  let at = 12 + headLen
  const stemsLen = buf.readUInt32LE(at)
  const stems = buf.subarray(at + 4, at + 4 + stemsLen).toString('utf8').split('\n')
  at += 4 + stemsLen
  if (stems.length !== header.terms) throw new Error(`${path}: corrupt (stem count)`)
  const df = new Map<string, number>()
  stems.forEach((s, i) => df.set(s, buf.readUInt32LE(at + 4 * i)))
  at += 4 * stems.length
  const vectors = new Map<string, Float32Array>()
  // Checked before the view is made: a view past the end of the bytes would
  // throw a bare RangeError, or read whatever shares the buffer with them.
  if (buf.length < at + header.vectors * header.dims) throw new Error(`${path}: corrupt (vectors)`)
  const raw = new Int8Array(buf.buffer, buf.byteOffset + at, header.vectors * header.dims)
  for (let i = 0; i < header.vectors; i++) {
    const v = new Float32Array(header.dims)
    let norm = 0
    for (let d = 0; d < header.dims; d++) {
      const x = raw[i * header.dims + d]!
      v[d] = x
      norm += x * x
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (let d = 0; d < header.dims; d++) v[d] = v[d]! / norm
    vectors.set(stems[i]!, v)
  }
  return { header, df, vectors }
}

/** The shipped data file: data/similarity.bin in the package, found from this module's place (src/ or dist/). */
function defaultLearnedPath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let up = 0; up < 5; up++) {
    const candidate = join(dir, 'data', 'similarity.bin')
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  return undefined
}

let shipped: Learned | null | undefined

/**
 * The shipped learned data, read on first use; null when the package has no
 * data file (the similarity then weighs terms by the input alone).
 */
export function loadLearned(): Learned | null {
  if (shipped === undefined) {
    const path = defaultLearnedPath()
    shipped = path ? decodeLearned(readFileSync(path), path) : null
  }
  return shipped
}

/**
 * The shipped data's header (what a cache key needs), without decoding the
 * rest: the stems and vectors are read only if this process already loaded
 * them. Null when the package has no data file.
 */
export function learnedHeader(): LearnedHeader | null {
  if (shipped !== undefined) return shipped?.header ?? null
  const path = defaultLearnedPath()
  if (!path) return null
  const fd = openSync(path, 'r')
  try {
    const read = (length: number, position: number): Buffer => {
      const buf = Buffer.alloc(length)
      if (readSync(fd, buf, 0, length, position) !== length) throw new Error(`${path}: corrupt (header)`)
      return buf
    }
    const headLen = headerLength(read(12, 0), path)
    return JSON.parse(read(headLen, 12).toString('utf8')) as LearnedHeader
  } finally {
    closeSync(fd)
  }
}
