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
  const out: [number, number][] = []
  forEachCandidate(nodes, weigh, options, (i, j) => out.push([i, j]))
  return out
}

/**
 * Calls `visit(i, j)` for each of candidatePairs's pairs, in its order,
 * without listing them (a large corpus has hundreds of thousands).
 */
export function forEachCandidate(nodes: readonly BlockNode[], weigh: Weigh, options: BlockOptions, visit: (i: number, j: number) => void): void {
  const t = Math.min(1, Math.max(0, options.threshold))
  const cap = options.maxPosting ?? 1000
  // Posting lists by partition, then by term: a partition's lists are found
  // once per node rather than by a joined key per term.
  const postings = new Map<string, Map<string, number[]>>()
  // Each term is weighed once per node (weigh may be a map lookup).
  const weights = nodes.map((n) => n.terms.map(weigh))
  const totals = weights.map((ws) => ws.reduce((s, w) => s + w, 0))
  const needs = nodes.map((n, i) => n.need ?? t * totals[i]!)
  // metBy[y] === x when node x has already met node y (instead of a Set per node).
  const metBy = new Int32Array(nodes.length).fill(-1)
  nodes.forEach((node, x) => {
    if (node.terms.length === 0) return
    const wx = totals[x]!
    const nx = needs[x]!
    let lists = postings.get(node.partition)
    if (!lists) postings.set(node.partition, (lists = new Map()))
    let rest = wx
    for (const k of rarestFirst(node.terms, weights[x]!)) {
      if (rest < nx - 1e-12) break
      const term = node.terms[k]!
      rest -= weights[x]![k]!
      let list = lists.get(term)
      if (list) {
        for (const y of list) {
          if (metBy[y] === x) continue
          metBy[y] = x
          // A pair shares at most min(wx, wy) and must share max(nx, ny).
          if (Math.min(wx, totals[y]!) < Math.max(nx, needs[y]!) - 1e-12) continue
          visit(y, x)
        }
      } else {
        list = []
        lists.set(term, list)
      }
      if (list.length < cap) list.push(x)
    }
  })
}

/**
 * Positions of `terms` rarest (heaviest) first; ties by the term itself so
 * the order never depends on input. `ws`: the terms' weights.
 */
function rarestFirst(terms: readonly string[], ws: readonly number[]): number[] {
  const order = terms.map((_, k) => k)
  return order.sort((i, j) => ws[j]! - ws[i]! || (terms[i]! < terms[j]! ? -1 : terms[i]! > terms[j]! ? 1 : 0))
}
