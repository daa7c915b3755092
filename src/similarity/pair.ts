// The pair decision of the learned similarity. The score mixes a lexical part
// (weighted Jaccard, or cosine, per `tuning.jaccard`) of tf-idf over the statements' stems (each weighted by its role and its IDF)
// and the cosine of the statements' learned vectors (weights.ts), which lets
// "Profile before optimizing" meet "Optimize only after profiling and
// identifying bottlenecks" on more than the words they share. Structure sets
// the bar: opening role statements compare only with each other, at their
// own threshold; a list lead-in only with another lead-in, at its own; very
// short items need more, long paragraphs less. Opposite polarity, different
// classes and differing code are vetoes whatever the score.

import type { Shape } from './shape.js'
import { LONG_STEMS, SHORT_STEMS, type Tuning } from './tuning.js'
import type { Weights } from './weights.js'
import { byCodeUnits } from '../order.js'

/** A shape with what a run computes once per statement: tf-idf weights and vector. */
export interface Prepared {
  shape: Shape
  /** Sum of the tf-idf weights. */
  sum: number
  /** tf-idf weight of each token (role x IDF), in token order. */
  w: Float64Array
  /** Each token's stem as the run numbers it (ascending, as the tokens are sorted). */
  ids: Int32Array
  norm: number
  vector: Float32Array | undefined
  /** The parts of the head (shape.conjuncts), each stem as the run numbers it (stemId) with its IDF, and half the part's IDF. */
  parts: { ids: Int32Array; idf: Float64Array; half: number }[]
}

export function prepare(shape: Shape, weights: Weights): Prepared {
  const w = new Float64Array(shape.tokens.length)
  let norm = 0
  shape.tokens.forEach((t, i) => {
    w[i] = t.weight * weights.idf(t.stem)
    norm += w[i]! * w[i]!
  })
  let sum = 0
  for (const x of w) sum += x
  const parts = shape.conjuncts.map((stems) => {
    const idf = Float64Array.from(stems, (stem) => weights.idf(stem))
    let total = 0
    for (const x of idf) total += x
    return { ids: Int32Array.from(stems, (stem) => weights.stemId(stem)), idf, half: total / 2 }
  })
  return { shape, sum, w, ids: weights.stemIds(shape.tokens), norm: Math.sqrt(norm), vector: weights.vectorOf(shape.tokens), parts }
}

/** The parts of a pair's score, for `dedup --explain`. */
export interface PairParts {
  score: number
  /** The bar this pair had to reach (the threshold, moved by the structure rules). */
  bar: number
  /** Weighted Jaccard (or cosine) of the stems' role x IDF weights. */
  lexical: number
  vector: number | null
  /** Shared stems with their part of the lexical score, largest first. */
  shared: { term: string; weight: number }[]
  /** The structure rules that set the bar. */
  rules: string[]
}

/**
 * The lexical part (weighted Jaccard or cosine of the stem weights) and the
 * vector cosine (null when either statement has no vector); `shared` gets
 * each shared stem with its part of the lexical score.
 */
function similarities(a: Prepared, b: Prepared, jaccard: boolean, shared?: { term: string; weight: number }[]): { lexical: number; vector: number | null } {
  return { lexical: lexicalPart(a, b, jaccard, shared), vector: vectorCosine(a, b) }
}

/** Weighted Jaccard (sum of minima over sum of maxima) or cosine of the stems' weights. */
function lexicalPart(a: Prepared, b: Prepared, jaccard: boolean, shared?: { term: string; weight: number }[]): number {
  const at = a.ids
  const bt = b.ids
  let dot = 0
  let min = 0
  let j = 0
  for (let i = 0; i < at.length; i++) {
    const s = at[i]!
    while (j < bt.length && bt[j]! < s) j++
    if (j < bt.length && bt[j] === s) {
      const x = a.w[i]! * b.w[j]!
      const m = Math.min(a.w[i]!, b.w[j]!)
      dot += x
      min += m
      shared?.push({ term: a.shape.tokens[i]!.stem, weight: jaccard ? m : x })
    }
  }
  // Weighted Jaccard: sum of minima over sum of maxima (= total - shared minima).
  const lexical = jaccard ? (a.sum + b.sum - min > 0 ? min / (a.sum + b.sum - min) : 0) : a.norm > 0 && b.norm > 0 ? dot / (a.norm * b.norm) : 0
  // Each shared stem's part of the lexical score.
  const total = jaccard ? a.sum + b.sum - min : a.norm * b.norm
  if (shared && total > 0) for (const x of shared) x.weight = Math.round((x.weight / total) * 1000) / 1000
  return lexical
}

function vectorCosine(a: Prepared, b: Prepared): number | null {
  if (!a.vector || !b.vector) return null
  let v = 0
  for (let d = 0; d < a.vector.length; d++) v += a.vector[d]! * b.vector[d]!
  return v
}

/** The lexical part and the vector cosine mixed (the lexical part alone without vectors). */
const mixed = (lexical: number, vector: number | null, tuning: Tuning): number => (vector === null ? lexical : (1 - tuning.mix) * lexical + tuning.mix * vector)

/** The score of a pair. */
export function pairScore(a: Prepared, b: Prepared, tuning: Tuning): number {
  const { lexical, vector } = similarities(a, b, tuning.jaccard)
  return mixed(lexical, vector, tuning)
}

/** Why two statements can never be grouped, or undefined. */
function veto(a: Shape, b: Shape, tuning: Tuning): string | undefined {
  if (a.cls !== b.cls) return 'different kinds'
  if (a.cls === 'exact') return a.exact === b.exact ? undefined : 'code differs'
  if (a.negative !== b.negative) return 'opposite polarity'
  if (tuning.persona !== null && a.persona !== b.persona) return 'role opening vs other prose'
  if (tuning.lead !== null && a.lead !== b.lead) return 'lead-in vs other prose'
  return undefined
}

/** The bar of a pair: `fixed` when a structure rule sets it outright, else the threshold plus `delta`. */
interface Bar {
  fixed: number | null
  delta: number
}

/**
 * The bar a pair of one class must reach (see Bar): the one place the
 * structure rules are. `rules`, when given, gets the rules that set it.
 */
function barOf(a: Shape, b: Shape, tuning: Tuning, rules?: string[]): Bar {
  if (tuning.persona !== null && a.persona && b.persona) {
    rules?.push('role openings')
    return { fixed: tuning.persona, delta: 0 }
  }
  if (tuning.lead !== null && a.lead && b.lead) {
    rules?.push('lead-ins')
    return { fixed: tuning.lead, delta: 0 }
  }
  const min = Math.min(a.tokens.length, b.tokens.length)
  if (tuning.short && min <= SHORT_STEMS) {
    rules?.push('short item')
    return { fixed: null, delta: tuning.short }
  }
  if (tuning.long && min >= LONG_STEMS) {
    rules?.push('long paragraphs')
    return { fixed: null, delta: -tuning.long }
  }
  return { fixed: null, delta: 0 }
}

/**
 * What the extra-part rule adds to a pair's bar: `tuning.extra` when the bar
 * is not fixed by a structure rule and one statement names a part the other
 * lacks, else 0. `known` is the part test's result when already read.
 */
function extraRaise(a: Prepared, b: Prepared, fixed: number | null, tuning: Tuning, known?: boolean): { raise: number; extra?: boolean } {
  if (fixed !== null || !(tuning.extra > 0)) return { raise: 0 }
  const extra = known ?? hasExtraPart(a, b)
  return { raise: extra ? tuning.extra : 0, extra }
}

/**
 * Whether one of a pair names a part of its head (conjuncts.ts) that the
 * other lacks: most of the part's IDF weight is on stems the other does not
 * have. Read for few pairs (see PairValue), so stems are looked up in the
 * other's sorted stem ids.
 */
function hasExtraPart(a: Prepared, b: Prepared): boolean {
  return extraPart(a, b.ids) || extraPart(b, a.ids)
}

function extraPart(a: Prepared, other: Int32Array): boolean {
  for (const part of a.parts) {
    let missing = 0
    for (let i = 0; i < part.ids.length; i++) if (!hasId(other, part.ids[i]!)) missing += part.idf[i]!
    if (part.half > 0 && missing > part.half) return true
  }
  return false
}

/** Whether an ascending list of numbers (a statement's stem ids) holds one. */
export function hasId(ids: Int32Array, id: number): boolean {
  let lo = 0
  let hi = ids.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const v = ids[mid]!
    if (v === id) return true
    if (v < id) lo = mid + 1
    else hi = mid
  }
  return false
}

/**
 * Everything about a pair the clustering joined (so never a vetoed pair, nor
 * code: equal code is one node, different code is vetoed): score, bar, the
 * parts of the score.
 */
export function explainPair(a: Prepared, b: Prepared, tuning: Tuning): PairParts {
  const shared: { term: string; weight: number }[] = []
  const { lexical, vector } = similarities(a, b, tuning.jaccard, shared)
  const rules: string[] = []
  const { fixed, delta } = barOf(a.shape, b.shape, tuning, rules)
  const { raise } = extraRaise(a, b, fixed, tuning)
  if (raise > 0) rules.push('extra part')
  shared.sort((x, y) => y.weight - x.weight || byCodeUnits(x.term, y.term))
  return { score: mixed(lexical, vector, tuning), bar: fixed ?? tuning.threshold + delta + raise, lexical, vector, shared, rules }
}

/**
 * A pair's score and its bar as clustering needs them, or undefined when the
 * pair is vetoed. The bar is `fixed` when a structure rule sets it outright
 * (role openings, lead-ins), else the threshold plus `delta`; so one
 * computation serves every threshold. The extra-part rule is left to
 * linkValue and read once, when first needed: it only ever raises a bar, so
 * clustering reads it only for the pairs that clear theirs without it and
 * the pairs across two groups it weighs joining.
 */
export interface PairValue {
  score: number
  fixed: number | null
  delta: number
  /** Whether one statement names a part the other lacks; read by linkValue when first needed. */
  extra?: boolean
}

export function pairValue(a: Prepared, b: Prepared, tuning: Tuning): PairValue | undefined {
  if (veto(a.shape, b.shape, tuning)) return undefined
  const score = pairScore(a, b, tuning)
  const { fixed, delta } = barOf(a.shape, b.shape, tuning)
  return { score, fixed, delta }
}

/**
 * pairValue for a pair that counts only if it can link at `floor` or any
 * higher threshold (see linkBound): undefined when vetoed or short of that.
 * Bounds first: the ratio of the two statements' weights (weighted Jaccard
 * cannot exceed it), then the lexical part; the vector cosine (most of the
 * cost) only when the pair could still reach its bar with a perfect one.
 */
export function pairValueAbove(a: Prepared, b: Prepared, tuning: Tuning, floor: number): PairValue | undefined {
  if (veto(a.shape, b.shape, tuning)) return undefined
  const { fixed, delta } = barOf(a.shape, b.shape, tuning)
  const bar = (fixed ?? floor + delta) - 1e-12
  // Unit vectors stored as float32: their dot product may pass 1 by a rounding error.
  const vector = a.vector && b.vector ? 1 + 1e-6 : null
  // Weighted Jaccard is at most the lighter statement's weight over the heavier's.
  if (tuning.jaccard && mixed(Math.min(a.sum, b.sum) / Math.max(a.sum, b.sum, 1e-300), vector, tuning) < bar) return undefined
  const lexical = lexicalPart(a, b, tuning.jaccard)
  if (mixed(lexical, vector, tuning) < bar) return undefined
  const score = mixed(lexical, vectorCosine(a, b), tuning)
  return score < bar ? undefined : { score, fixed, delta }
}

/**
 * What clustering compares with the threshold: the score moved by the gap
 * between the pair's bar and the threshold (a and b: the pair's statements,
 * for the extra-part rule). `linkBound` is an upper bound of it that reads
 * no parts: a pair below the threshold there is below it here.
 */
export function linkValue(v: PairValue, threshold: number, a: Prepared, b: Prepared, tuning: Tuning): number {
  const { raise, extra } = extraRaise(a, b, v.fixed, tuning, v.extra)
  if (extra !== undefined) v.extra = extra
  return linkBound(v, threshold) - raise
}

export function linkBound(v: PairValue, threshold: number): number {
  return v.score - (v.fixed ?? threshold + v.delta) + threshold
}
