// Duplicate grouping with the learned similarity: shape every statement
// (shape.ts), weigh stems by IDF over the learned corpus and the input
// (weights.ts), find candidate pairs through the stems they share, score them
// (pair.ts) and cluster by average link without chaining (cluster.ts). Equal
// statements are collapsed first into nodes numbered by a content key, so
// nothing depends on the order of the input.

import { clusterNodes, type Edge } from './cluster.js'
import type { Learned } from './learned.js'
import { explainPair, hasId, linkBound, linkValue, pairValue, pairValueAbove, prepare, type PairParts, type PairValue, type Prepared } from './pair.js'
import { shapeKey, shapeOf, type Shape } from './shape.js'
import { StemMemo } from './tokens.js'
import { DEFAULT_TUNING, type Tuning } from './tuning.js'
import { runWeights } from './weights.js'

/** A stem shared by more statements than this finds no candidates (it weighs next to nothing). */
const MAX_POSTING = 1000
/** At most how many of a statement's heaviest stems it is indexed under. */
const PREFIX_STEMS = 4

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
  private readonly values = new Map<number, PairValue | undefined>()
  /**
   * Candidate pairs (x < y) with their values that can link at `floor` or
   * any higher threshold; vetoed ones and those short of their bar left out.
   */
  readonly candidates: { a: number; b: number; v: PairValue }[] = []

  /**
   * `floor`: the lowest threshold cluster() will be asked for (the tuning's
   * by default). Candidates that fall short at it fall short at every
   * threshold above, so they are neither kept nor remembered: a large input
   * has tens of millions of candidate pairs, nearly all far below any bar.
   */
  constructor(
    items: readonly GroupInput[],
    private readonly tuning: Tuning,
    learned: Learned | null,
    memo: ShapeMemo = new ShapeMemo(tuning),
    private readonly floor: number = tuning.threshold,
  ) {
    const shapes = items.map((it) => memo.shape(it.text, it.kind))
    const byKey = new Map<string, number[]>()
    shapes.forEach((s, i) => {
      const k = s.cls !== 'exact' && s.tokens.length === 0 ? 'empty\u0000' + items[i]!.text.trim() : shapeKey(s, tuning.extra > 0)
      const list = byKey.get(k)
      if (list) list.push(i)
      else byKey.set(k, [i])
    })
    const keys = [...byKey.keys()].sort()
    this.n = keys.length
    this.nodeItems = keys.map((k) => byKey.get(k)!)
    this.reps = this.nodeItems.map((m) => firstByText(m, items))
    const nodeShapes = this.reps.map((r) => shapes[r]!)
    const weights = runWeights(tuning.corpusIdf ? learned : null, nodeShapes.map((s, n) => [s.cls === 'exact' ? [] : s.tokens, this.nodeItems[n]!.length] as const))
    this.prepared = nodeShapes.map((s) => prepare(s, weights))
    if (tuning.center) centerVectors(this.prepared, this.nodeItems)
    forEachCandidate(this.prepared, (x, y) => {
      const v = pairValueAbove(this.prepared[x]!, this.prepared[y]!, tuning, floor)
      if (!v) return
      this.values.set(x * this.n + y, v)
      this.candidates.push({ a: x, b: y, v })
    })
  }

  /** The value of a pair of nodes (computed once), undefined when vetoed. */
  value(x: number, y: number): PairValue | undefined {
    const key = x < y ? x * this.n + y : y * this.n + x
    if (this.values.has(key)) return this.values.get(key)
    const v = pairValue(this.prepared[x]!, this.prepared[y]!, this.tuning)
    this.values.set(key, v)
    return v
  }

  /** What a pair of nodes with value v compares with the threshold (see linkValue). */
  link(x: number, y: number, v: PairValue, threshold: number): number {
    return linkValue(v, threshold, this.prepared[x]!, this.prepared[y]!, this.tuning)
  }

  /** The grouping at a threshold (and link ratio), with the parts of each merge. */
  cluster(threshold: number, linkRatio: number): RawGrouping {
    // Below the floor, pairs the table left out could link: the grouping would be wrong, not slower.
    if (threshold < this.floor - 1e-12) throw new Error(`a pair table built for thresholds from ${this.floor} cannot group at ${threshold}`)
    const edges: Edge[] = []
    for (const c of this.candidates) {
      // Most candidates fall short before the extra-part rule is read.
      if (linkBound(c.v, threshold) < threshold - 1e-12) continue
      const v = this.link(c.a, c.b, c.v, threshold)
      if (v >= threshold - 1e-12) edges.push({ a: c.a, b: c.b, score: v })
    }
    edges.sort((e, f) => f.score - e.score || e.a - f.a || e.b - f.b)
    const pairScore = (x: number, y: number): number | undefined => {
      const v = this.value(x, y)
      return v && this.link(x, y, v, threshold)
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
      merges: merges.map((e) => ({ a: this.reps[e.a]!, b: this.reps[e.b]!, parts: explainPair(this.prepared[e.a]!, this.prepared[e.b]!, tuning) })),
    }
  }
}

/**
 * Takes the input's mean statement vector out of every statement vector:
 * statements of one role all lean the same way (every Python statement is
 * about Python), and that shared direction says nothing about which two say
 * the same thing.
 */
function centerVectors(prepared: Prepared[], nodeItems: readonly number[][]): void {
  let mean: Float64Array | undefined
  let count = 0
  prepared.forEach((p, k) => {
    if (!p.vector) return
    mean ??= new Float64Array(p.vector.length)
    const c = nodeItems[k]!.length
    for (let d = 0; d < p.vector.length; d++) mean[d] = mean[d]! + c * p.vector[d]!
    count += c
  })
  if (!mean || count < 2) return
  for (const p of prepared) {
    if (!p.vector) continue
    const v = new Float32Array(p.vector.length)
    let norm = 0
    for (let d = 0; d < v.length; d++) {
      v[d] = p.vector[d]! - mean[d]! / count
      norm += v[d]! * v[d]!
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (let d = 0; d < v.length; d++) v[d] = v[d]! / norm
    p.vector = v
  }
}

export function groupLearned(items: readonly GroupInput[], tuning: Tuning, learned: Learned | null, memo = new ShapeMemo(tuning)): RawGrouping {
  return new PairTable(items, tuning, learned, memo).cluster(tuning.threshold, tuning.linkRatio)
}

/**
 * Calls visit(x, y) (x < y) once for every pair of nodes of one class where
 * one names a stem among the other's heaviest (those that make up half its
 * squared weight, at most PREFIX_STEMS) (a stem held by
 * more than MAX_POSTING nodes is not indexed), and for every pair of role
 * openings. Two statements that say the same thing share a heavy word; this
 * keeps the candidates near linear in the number of statements.
 */
function forEachCandidate(prepared: readonly Prepared[], visit: (x: number, y: number) => void): void {
  const PERSONA = '\u0000persona'
  // Each node's heaviest stems, as indexes into its tokens.
  const tops: number[][] = prepared.map((p) => {
    if (p.shape.cls === 'exact') return []
    const order = p.shape.tokens.map((_, i) => i).sort((i, j) => p.w[j]! - p.w[i]! || i - j)
    // The heaviest stems up to half the statement's squared weight, at most PREFIX_STEMS.
    let reached = 0
    let size = 0
    while (size < order.length && size < PREFIX_STEMS && reached < 0.5 * p.norm * p.norm) {
      reached += p.w[order[size]!]! ** 2
      size++
    }
    return order.slice(0, Math.max(1, size))
  })
  const keyOf = (p: Prepared, token: number) => p.shape.cls + '\u0000' + p.shape.tokens[token]!.stem
  const postings = new Map<string, number[]>()
  const post = (k: string, n: number) => {
    const list = postings.get(k)
    if (list) list.push(n)
    else postings.set(k, [n])
  }
  tops.forEach((top, n) => {
    for (const t of top) post(keyOf(prepared[n]!, t), n)
    if (prepared[n]!.shape.persona) post(PERSONA, n)
  })
  // The stems (as the run numbers them) each node is found under, indexed ones only, sorted.
  const found = tops.map((top, n) => Int32Array.from(top.filter((t) => postings.get(keyOf(prepared[n]!, t))!.length <= MAX_POSTING).map((t) => prepared[n]!.ids[t]!)).sort())
  /** Whether node y names a stem x is found under (then the pair was met from y, the lower node). */
  const metFrom = (y: number, x: number): boolean => {
    if (prepared[x]!.shape.persona && prepared[y]!.shape.persona) return true
    const ids = prepared[y]!.ids
    for (const id of found[x]!) if (hasId(ids, id)) return true
    return false
  }
  // mark[y] === x once y was met from x.
  const mark = new Int32Array(prepared.length).fill(-1)
  prepared.forEach((p, x) => {
    if (p.shape.cls === 'exact') return
    const keys = p.shape.tokens.map((_, t) => keyOf(p, t))
    if (p.shape.persona) keys.push(PERSONA)
    for (const k of keys) {
      const list = postings.get(k)
      if (!list || (list.length > MAX_POSTING && k !== PERSONA)) continue
      for (const y of list) {
        if (y === x || mark[y] === x) continue
        mark[y] = x
        // A pair met from both sides is visited from its lower node.
        if (y < x && metFrom(y, x)) continue
        if (x < y) visit(x, y)
        else visit(y, x)
      }
    }
  })
}
