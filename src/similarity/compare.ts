// The rule-based pair decision behind compareTexts (diff and the merge
// driver pair statements with it; grouping uses pair.ts): how alike two
// profiles are and whether they are
// duplicates. The score is IDF-weighted Jaccard over content terms: shared
// weight over total weight. Every unshared term lowers it in proportion to
// its rarity, which is how "a second material requirement" (the subsumption
// rule) keeps "Rate limiting and security measures" apart from "Rate limiting".
// Two refinements: a general term is matched by a particular one that implies
// it (implications.ts), and an unmatched term of a trailing modifier weighs
// half.
// Vetoes come before the score: different classes, persona vs prose, code
// that differs, and specifics named on one side only.

import type { Profile } from './profile.js'
import { extraRequirement, specificsConflict } from './specifics.js'

export interface Comparison {
  score: number
  /** Shared terms, sorted. */
  shared: string[]
  duplicate: boolean
  /** Why not a duplicate despite the score, or what kind of match. */
  note?: string
  /**
   * Set when a rule (the note names it) rules the pair out whatever its
   * score: different classes, persona vs prose, code that differs,
   * specifics, an added requirement.
   */
  vetoed?: true
}

export type Weigh = (term: string) => number

/**
 * How much less a term counts when it is unmatched and sits only in a
 * trailing modifier ("Transaction management with rollback" vs "Handle
 * transactions"): it qualifies the subject rather than adding a requirement.
 */
export const MODIFIER_WEIGHT = 0.5

const has = (sorted: readonly string[], t: string): boolean => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return sorted[lo] === t
}

/** The weights of a profile's terms, in the order of `terms`. */
export function weightsOf(p: Profile, weigh: Weigh): Float64Array {
  const out = new Float64Array(p.terms.length)
  for (let k = 0; k < p.terms.length; k++) out[k] = weigh(p.terms[k]!)
  return out
}

/**
 * The similarity of two profiles: weighted Jaccard where a term of one side
 * also counts as matched when the other side implies it (RBAC → authorization),
 * and an unmatched term that only a trailing modifier names weighs
 * MODIFIER_WEIGHT of its IDF. shared weight / (shared + unmatched weight).
 * 0 when either has no terms. `wa`, `wb`: the profiles' weightsOf. With
 * `withShared` false only the score is computed (shared is then empty).
 */
export function scoreWeighted(a: Profile, wa: Float64Array, b: Profile, wb: Float64Array, withShared: boolean): { score: number; shared: string[] } {
  const shared: string[] = []
  const score = weightedScore(a, wa, b, wb, withShared ? shared : undefined)
  if (withShared) shared.sort()
  return { score, shared }
}

/**
 * scoreWeighted's score, with the shared terms pushed (unsorted) onto
 * `shared` when one is given; allocates nothing otherwise, since most
 * candidate pairs are scored only to be dropped.
 */
function weightedScore(a: Profile, wa: Float64Array, b: Profile, wb: Float64Array, shared: string[] | undefined): number {
  let sw = 0
  let ua = 0
  let ub = 0
  const at = a.terms
  const bt = b.terms
  // Both term lists are sorted: walk them side by side instead of searching.
  let j = 0
  for (let i = 0; i < at.length; i++) {
    const t = at[i]!
    const w = wa[i]!
    while (j < bt.length && bt[j]! < t) j++
    if ((j < bt.length && bt[j] === t) || (b.implied.length > 0 && has(b.implied, t))) {
      shared?.push(t)
      sw += w
    } else ua += a.modifiers.length > 0 && has(a.modifiers, t) ? w * MODIFIER_WEIGHT : w
  }
  let i = 0
  for (let k = 0; k < bt.length; k++) {
    const t = bt[k]!
    while (i < at.length && at[i]! < t) i++
    if (i < at.length && at[i] === t) continue
    const w = wb[k]!
    if (a.implied.length > 0 && has(a.implied, t)) {
      shared?.push(t)
      sw += w
    } else ub += b.modifiers.length > 0 && has(b.modifiers, t) ? w * MODIFIER_WEIGHT : w
  }
  const total = sw + ua + ub
  return total > 0 ? sw / total : 0
}

export function compareProfiles(a: Profile, b: Profile, weigh: Weigh, threshold: number): Comparison {
  return compareWeighted(a, weightsOf(a, weigh), b, weightsOf(b, weigh), weigh, threshold)
}

/** compareProfiles with the profiles' weightsOf given (`wa`, `wb`). */
export function compareWeighted(a: Profile, wa: Float64Array, b: Profile, wb: Float64Array, weigh: Weigh, threshold: number): Comparison {
  if (a.cls !== b.cls) return { score: 0, shared: [], duplicate: false, note: 'different kinds', vetoed: true }
  if (a.cls === 'exact') {
    return a.exact === b.exact
      ? { score: 1, shared: [], duplicate: true, note: 'identical code' }
      : { score: 0, shared: [], duplicate: false, note: 'code differs', vetoed: true }
  }
  const { score, shared } = scoreWeighted(a, wa, b, wb, true)
  const veto = proseVeto(a, b, weigh)
  if (veto) return { score, shared, duplicate: false, note: veto, vetoed: true }
  const duplicate = score >= threshold && shared.length > 0
  const note = a.persona ? 'same persona role' : undefined
  return note ? { score, shared, duplicate, note } : { score, shared, duplicate }
}

/** Why two prose profiles of one class can never be duplicates, or undefined. */
function proseVeto(a: Profile, b: Profile, weigh: Weigh): string | undefined {
  if (a.persona !== b.persona) return 'persona opening vs other prose'
  return specificsConflict(a, b) ?? (a.persona ? undefined : extraRequirement(a, b, weigh))
}
