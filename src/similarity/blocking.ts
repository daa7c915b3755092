// Candidate pairs without comparing all pairs: prefix filtering (as in the
// AllPairs / PPJoin similarity joins) on an inverted index. Terms are put in
// one global order, rarest first; a statement's prefix is its rarest terms up
// to the point where the rest weigh less than the weight any duplicate must
// share with it (`need`: `threshold` of its total for plain weighted Jaccard).
// If two statements share at least both needs, the first shared term in the
// global order lies within both prefixes (else the shared weight would fit in
// one suffix, which weighs less than that statement's need), so indexing
// prefixes alone loses no pair. Prefixes
// hold the rare terms, so posting lists stay short; the few that grow past
// `maxPosting` (statements made only of very common words) stop growing,
// trading completeness for linear time, and a size filter drops pairs whose
// total weights are too far apart to reach the threshold.

import type { Weigh } from './compare.js'

export interface BlockNode {
  /** Unique terms a partner can match. */
  terms: readonly string[]
  /** Only nodes with equal partitions are paired (class, persona). */
  partition: string
  /**
   * The least weight of `terms` any duplicate must share; default
   * threshold × their total weight (plain weighted Jaccard).
   */
  need?: number
}

export interface BlockOptions {
  threshold: number
  /** Longest posting list kept per term (default 1000). */
  maxPosting?: number
}

/** Candidate pairs [i, j] with i < j, each once, in a deterministic order. */
export function candidatePairs(nodes: readonly BlockNode[], weigh: Weigh, options: BlockOptions): [number, number][] {
  const t = Math.min(1, Math.max(0, options.threshold))
  const cap = options.maxPosting ?? 1000
  const postings = new Map<string, number[]>()
  const totals = nodes.map((n) => n.terms.reduce((s, term) => s + weigh(term), 0))
  const needs = nodes.map((n, i) => n.need ?? t * totals[i]!)
  const out: [number, number][] = []
  const seen = new Set<number>()
  nodes.forEach((node, x) => {
    if (node.terms.length === 0) return
    const wx = totals[x]!
    const nx = needs[x]!
    // Rarest first; ties by the term itself so the order never depends on input.
    const ordered = [...node.terms].sort((a, b) => weigh(b) - weigh(a) || (a < b ? -1 : a > b ? 1 : 0))
    seen.clear()
    let rest = wx
    for (const term of ordered) {
      if (rest < nx - 1e-12) break
      rest -= weigh(term)
      const key = node.partition + '\u0000' + term
      let list = postings.get(key)
      if (list) {
        for (const y of list) {
          if (seen.has(y)) continue
          seen.add(y)
          // A pair shares at most min(wx, wy) and must share max(nx, ny).
          if (Math.min(wx, totals[y]!) < Math.max(nx, needs[y]!) - 1e-12) continue
          out.push([y, x])
        }
      } else {
        list = []
        postings.set(key, list)
      }
      if (list.length < cap) list.push(x)
    }
  })
  return out
}
