// Duplicate grouping with the learned similarity: shape every statement
// (shape.ts), weigh stems by IDF over the learned corpus and the input
// (weights.ts), find candidate pairs through the stems they share, score them
// (pair.ts) and cluster by average link without chaining (cluster.ts). Equal
// statements are collapsed first into nodes numbered by a content key, so
// nothing depends on the order of the input.

import { clusterNodes, type Edge } from './cluster.js'
import type { Learned } from './learned.js'
import { explainPair, linkValue, pairValue, prepare, type PairParts, type PairValue, type Prepared } from './pair.js'
import { shapeKey, shapeOf, type Shape } from './shape.js'
import { StemMemo } from './tokens.js'
import { DEFAULT_TUNING, type Tuning } from './tuning.js'
import { inputFrequencies, Weights } from './weights.js'

/** A stem shared by more statements than this finds no candidates (it weighs next to nothing). */
const MAX_POSTING = 2000

export interface GroupInput {
  text: string
  kind: string
}

export interface NodeMerge {
  /** Representative items of the two nodes joined. */
  a: number
  b: number
  parts: PairParts
}

export interface RawGrouping {
  /** Every index once; each group ascending; groups by first index. */
  groups: number[][]
  /** Items with equal shapes, as [representative, other]. */
  same: [number, number][]
  merges: NodeMerge[]
}

/** Shapes of statements, each text of a kind read once per run. */
export class ShapeMemo {
  private readonly seen = new Map<string, Shape>()
  private readonly stems = new StemMemo()
  constructor(private readonly tuning: Tuning) {}
  shape(text: string, kind: string): Shape {
    const key = kind + '\u0000' + text
    let s = this.seen.get(key)
    if (!s) this.seen.set(key, (s = shapeOf(text, kind, this.stems, this.tuning)))
    return s
  }
}

/**
 * The statement shapes of one run of groupDuplicates with the shipped
 * tuning: a caller may fill one ahead (while files are still loading) and
 * pass it in. Holds what it is given until dropped.
 */
export class ProfileMemo extends ShapeMemo {
  constructor() {
    super(DEFAULT_TUNING)
  }
  profile(text: string, kind: string): Shape {
    return this.shape(text, kind)
  }
}

/** The member whose text sorts first, the lowest index among equal texts. */
function firstByText(members: readonly number[], items: readonly GroupInput[]): number {
  let best = members[0]!
  for (const m of members) if (items[m]!.text < items[best]!.text) best = m
  return best
}

/**
 * A run's statements collapsed into nodes, with everything about their
 * pairs that does not depend on the threshold; cluster() then groups them at
 * any threshold.
 */
export class PairTable {
  readonly n: number
  readonly nodeItems: number[][]
  readonly reps: number[]
  private readonly prepared: Prepared[]
  private readonly weights: Weights
  private readonly values = new Map<number, PairValue | undefined>()
  /** Candidate pairs (x < y) with their values, vetoed ones left out. */
  readonly candidates: { a: number; b: number; v: PairValue }[] = []

  constructor(
    items: readonly GroupInput[],
    private readonly tuning: Tuning,
    learned: Learned | null,
    memo: ShapeMemo = new ShapeMemo(tuning),
  ) {
    const shapes = items.map((it) => memo.shape(it.text, it.kind))
    const byKey = new Map<string, number[]>()
    shapes.forEach((s, i) => {
      const k = s.cls !== 'exact' && s.tokens.length === 0 ? 'empty\u0000' + items[i]!.text.trim() : shapeKey(s)
      const list = byKey.get(k)
      if (list) list.push(i)
      else byKey.set(k, [i])
    })
    const keys = [...byKey.keys()].sort()
    this.n = keys.length
    this.nodeItems = keys.map((k) => byKey.get(k)!)
    this.reps = this.nodeItems.map((m) => firstByText(m, items))
    const nodeShapes = this.reps.map((r) => shapes[r]!)
    const freq = inputFrequencies(nodeShapes.map((s, n) => [s.cls === 'exact' ? [] : s.tokens, this.nodeItems[n]!.length] as const))
    this.weights = new Weights(tuning.corpusIdf ? learned : null, freq.df, freq.size)
    this.prepared = nodeShapes.map((s) => prepare(s, this.weights))
    forEachCandidate(nodeShapes, (x, y) => {
      const v = pairValue(this.prepared[x]!, this.prepared[y]!, tuning, this.weights)
      if (v) this.candidates.push({ a: x, b: y, v })
    })
  }

  /** The value of a pair of nodes (computed once), undefined when vetoed. */
  value(x: number, y: number): PairValue | undefined {
    const key = x < y ? x * this.n + y : y * this.n + x
    if (this.values.has(key)) return this.values.get(key)
    const v = pairValue(this.prepared[x]!, this.prepared[y]!, this.tuning, this.weights)
    this.values.set(key, v)
    return v
  }

  /** The grouping at a threshold (and link ratio), with the parts of each merge. */
  cluster(threshold: number, linkRatio: number): RawGrouping {
    const edges: Edge[] = []
    for (const c of this.candidates) {
      const v = linkValue(c.v, threshold)
      if (v >= threshold - 1e-12) edges.push({ a: c.a, b: c.b, score: v })
    }
    edges.sort((e, f) => f.score - e.score || e.a - f.a || e.b - f.b)
    const pairScore = (x: number, y: number): number | undefined => {
      const v = this.value(x, y)
      return v && linkValue(v, threshold)
    }
    const { clusters, merges } = clusterNodes(this.n, edges, pairScore, { threshold, linkRatio, maxChecks: 1 << 20 })
    const groups = clusters.map((nodes) => nodes.flatMap((k) => this.nodeItems[k]!).sort((a, b) => a - b)).sort((g, h) => g[0]! - h[0]!)
    const same: [number, number][] = []
    this.nodeItems.forEach((members, k) => {
      for (const m of members) if (m !== this.reps[k]) same.push([this.reps[k]!, m])
    })
    const tuning = { ...this.tuning, threshold, linkRatio }
    return {
      groups,
      same,
      merges: merges.map((e) => ({ a: this.reps[e.a]!, b: this.reps[e.b]!, parts: explainPair(this.prepared[e.a]!, this.prepared[e.b]!, tuning, this.weights) })),
    }
  }
}

export function groupLearned(items: readonly GroupInput[], tuning: Tuning, learned: Learned | null, memo = new ShapeMemo(tuning)): RawGrouping {
  return new PairTable(items, tuning, learned, memo).cluster(tuning.threshold, tuning.linkRatio)
}

/**
 * Calls visit(x, y) (x < y) once for every pair of nodes of one class that
 * share a stem (a stem in more than MAX_POSTING nodes is skipped), and for
 * every pair of role openings.
 */
function forEachCandidate(shapes: readonly Shape[], visit: (x: number, y: number) => void): void {
  const postings = new Map<string, number[]>()
  shapes.forEach((s, n) => {
    if (s.cls === 'exact') return
    for (const t of s.tokens) {
      const k = s.cls + '\u0000' + t.stem
      const list = postings.get(k)
      if (list) list.push(n)
      else postings.set(k, [n])
    }
    if (s.persona) {
      const list = postings.get('\u0000persona')
      if (list) list.push(n)
      else postings.set('\u0000persona', [n])
    }
  })
  // mark[y] === x once (x, y) was visited: postings ascend, so each list's
  // part after x is scanned and no pair set is needed.
  const mark = new Int32Array(shapes.length).fill(-1)
  shapes.forEach((s, x) => {
    if (s.cls === 'exact') return
    const keys = s.tokens.map((t) => s.cls + '\u0000' + t.stem)
    if (s.persona) keys.push('\u0000persona')
    for (const k of keys) {
      const list = postings.get(k)!
      if (list.length > MAX_POSTING && k !== '\u0000persona') continue
      for (let i = list.length - 1; i >= 0 && list[i]! > x; i--) {
        const y = list[i]!
        if (mark[y] === x) continue
        mark[y] = x
        visit(x, y)
      }
    }
  })
}
