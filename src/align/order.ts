// Which matched pairs kept their order: the heaviest chain of pairs whose
// positions increase on both sides (a weighted longest increasing
// subsequence, O(n log n) with a Fenwick tree of maxima). Pairs off the chain
// moved. Weights come from the pair's content (or are given), never from
// which side is OLD, so aligning B with A keeps the same chain as aligning A
// with B. Pairs with a size keep, among the longest chains, the one that
// carries the most: what is reported moved is then the least, the smaller
// of two swapped sections rather than one chosen by its hash. The pairs may be candidates that share a position: a chain holds
// at most one pair per position on each side.
import { createHash } from 'node:crypto'

export interface OrderedPair {
  /** Position on the OLD side. */
  a: number
  /** Position on the NEW side. */
  b: number
  /** A text that names the pair the same way from either side. */
  key: string
  /** The pair's weight in a chain, when the caller decides it (else one from `key`). */
  weight?: number
  /** How much the pair carries (both sides together), when the caller says: among the longest chains, the heaviest. */
  size?: number
}

const BIG = 2 ** 24

const hash = (key: string): number => createHash('sha256').update(key).digest().readUInt32BE(0) >>> 8

/** A weight that prefers longer chains, then (among equal lengths) a content-derived choice. */
function weight(key: string): number {
  return BIG + hash(key)
}

/**
 * Weights that prefer longer chains, then the chain of most size, then a
 * content-derived choice: one pair more outweighs every size together, one
 * unit of size every hash together. Only the hash's low bits can be lost to
 * rounding, on inputs far beyond any agent file.
 */
function sizedWeights(pairs: readonly OrderedPair[]): number[] {
  const total = pairs.reduce((sum, p) => sum + (p.size ?? 0), 0)
  const unit = (pairs.length + 1) * BIG
  return pairs.map((p) => (total + 1 + (p.size ?? 0)) * unit + hash(p.key))
}

/** Indices (into `pairs`) of the pairs that keep their relative order. */
export function keptInOrder(pairs: readonly OrderedPair[]): Set<number> {
  const kept = new Set<number>()
  if (pairs.length === 0) return kept
  if (pairs.length === 1) return kept.add(0)
  // Among pairs at one OLD position the later NEW position goes first, so that no chain takes two of them.
  const order = pairs.map((_, i) => i).sort((x, y) => pairs[x]!.a - pairs[y]!.a || pairs[y]!.b - pairs[x]!.b)
  // Rank NEW positions densely for the tree.
  const bs = [...new Set(pairs.map((p) => p.b))].sort((x, y) => x - y)
  const rank = new Map(bs.map((b, i) => [b, i + 1]))
  const size = bs.length
  const treeScore = new Float64Array(size + 1)
  const treeAt = new Int32Array(size + 1).fill(-1)
  const score = new Float64Array(pairs.length)
  const prev = new Int32Array(pairs.length).fill(-1)
  const sized = pairs.some((p) => p.size !== undefined) ? sizedWeights(pairs) : undefined
  const query = (r: number): [number, number] => {
    let best = 0
    let at = -1
    for (let i = r; i > 0; i -= i & -i) {
      if (treeScore[i]! > best) {
        best = treeScore[i]!
        at = treeAt[i]!
      }
    }
    return [best, at]
  }
  const update = (r: number, value: number, at: number) => {
    for (let i = r; i <= size; i += i & -i) {
      if (value > treeScore[i]!) {
        treeScore[i] = value
        treeAt[i] = at
      }
    }
  }
  for (const i of order) {
    const r = rank.get(pairs[i]!.b)!
    const [best, at] = query(r - 1)
    score[i] = best + (sized?.[i] ?? pairs[i]!.weight ?? weight(pairs[i]!.key))
    prev[i] = at
    update(r, score[i]!, i)
  }
  let end = 0
  for (let i = 1; i < pairs.length; i++) if (score[i]! > score[end]!) end = i
  for (let i = end; i !== -1; i = prev[i]!) kept.add(i)
  return kept
}
