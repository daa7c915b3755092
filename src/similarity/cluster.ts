// Grouping without chaining. Duplicate pairs are taken best first and two
// groups merge only if every pair across them still looks alike (complete
// link at a relaxed threshold: no veto and score >= linkRatio * threshold)
// and the pairs across them are alike on average (average score >=
// threshold). So A~B and B~C do not pull A and C together unless A~C too,
// which single link (the baseline) does and which is how it loses precision.

export interface Edge {
  a: number
  b: number
  score: number
}

export interface ClusterOptions {
  threshold: number
  /** Fraction of the threshold every cross pair must reach (default 0.85). */
  linkRatio?: number
  /** Cross pairs checked per merge before sampling (default 4096). */
  maxChecks?: number
}

/**
 * The score of two nodes, or undefined when they can never be duplicates
 * (a veto).
 */
export type PairScore = (x: number, y: number) => number | undefined

export interface Merge extends Edge {}

/**
 * Cluster nodes 0..n-1. `edges` must already be in the order to try them
 * (best first, ties broken deterministically). Returns each node's cluster as
 * sorted node lists, and the edges that caused merges.
 */
export function clusterNodes(
  n: number,
  edges: readonly Edge[],
  pairScore: PairScore,
  options: ClusterOptions,
): { clusters: number[][]; merges: Merge[] } {
  const link = (options.linkRatio ?? 0.85) * options.threshold
  const maxChecks = options.maxChecks ?? 4096
  const parent = Array.from({ length: n }, (_, i) => i)
  const members: number[][] = Array.from({ length: n }, (_, i) => [i])
  const find = (x: number): number => {
    let r = x
    while (parent[r] !== r) r = parent[r]!
    while (parent[x] !== r) {
      const next = parent[x]!
      parent[x] = r
      x = next
    }
    return r
  }
  const merges: Merge[] = []
  for (const e of edges) {
    const ra = find(e.a)
    const rb = find(e.b)
    if (ra === rb) continue
    const A = members[ra]!
    const B = members[rb]!
    if (!compatible(A, B, pairScore, link, options.threshold, maxChecks)) continue
    // Keep the smaller root so the result never depends on union order.
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra]
    parent[drop] = keep
    members[keep] = mergeSorted(members[keep]!, members[drop]!)
    members[drop] = []
    merges.push(e)
  }
  const clusters = members.filter((m, i) => m.length > 0 && find(i) === i)
  return { clusters, merges }
}

function compatible(A: readonly number[], B: readonly number[], pairScore: PairScore, link: number, threshold: number, maxChecks: number): boolean {
  // Very large groups are checked on an evenly spread, deterministic sample.
  const side = Math.max(1, Math.floor(Math.sqrt(maxChecks)))
  const a = A.length * B.length > maxChecks ? spread(A, side) : A
  const b = A.length * B.length > maxChecks ? spread(B, side) : B
  let sum = 0
  for (const x of a) {
    for (const y of b) {
      const s = pairScore(x, y)
      if (s === undefined || s < link) return false
      sum += s
    }
  }
  return sum / (a.length * b.length) >= threshold - 1e-12
}

function spread(xs: readonly number[], k: number): readonly number[] {
  if (xs.length <= k) return xs
  const out: number[] = []
  for (let i = 0; i < k; i++) out.push(xs[Math.floor((i * xs.length) / k)]!)
  return out
}

/** The union of two ascending lists of distinct numbers, ascending. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!)
    else out.push(b[j++]!)
  }
  return out
}
