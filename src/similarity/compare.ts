// The pair decision: how alike two profiles are and whether they are
// duplicates. The score is IDF-weighted Jaccard over content terms: shared
// weight over total weight. Every unshared term lowers it in proportion to
// its rarity, which is how "a second material requirement" (the subsumption
// rule) keeps "Rate limiting and security measures" apart from "Rate limiting".
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
}

export type Weigh = (term: string) => number

/** Total weight of sorted terms, and of those shared with another sorted list. */
export function overlap(a: readonly string[], b: readonly string[], weigh: Weigh): { shared: string[]; sw: number; wa: number; wb: number } {
  const shared: string[] = []
  let sw = 0
  let wa = 0
  let wb = 0
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = a[i]
    const y = b[j]
    if (x !== undefined && (y === undefined || x < y)) {
      wa += weigh(x)
      i++
    } else if (y !== undefined && (x === undefined || y < x)) {
      wb += weigh(y)
      j++
    } else if (x !== undefined) {
      const w = weigh(x)
      shared.push(x)
      sw += w
      wa += w
      wb += w
      i++
      j++
    }
  }
  return { shared, sw, wa, wb }
}

/** Weighted Jaccard of two profiles' terms (0 when either has none). */
export function scoreOf(a: Profile, b: Profile, weigh: Weigh): { score: number; shared: string[] } {
  const { shared, sw, wa, wb } = overlap(a.terms, b.terms, weigh)
  const union = wa + wb - sw
  return { score: union > 0 ? sw / union : 0, shared }
}

export function compareProfiles(a: Profile, b: Profile, weigh: Weigh, threshold: number): Comparison {
  if (a.cls !== b.cls) return { score: 0, shared: [], duplicate: false, note: 'different kinds' }
  if (a.cls === 'exact') {
    const same = a.exact === b.exact
    return { score: same ? 1 : 0, shared: [], duplicate: same, note: same ? 'identical code' : 'code differs' }
  }
  const { score, shared } = scoreOf(a, b, weigh)
  if (a.persona !== b.persona) return { score, shared, duplicate: false, note: 'persona opening vs other prose' }
  const conflict = specificsConflict(a, b) ?? (a.persona ? undefined : extraRequirement(a, b, weigh))
  if (conflict) return { score, shared, duplicate: false, note: conflict }
  const duplicate = score >= threshold && shared.length > 0
  const note = a.persona ? 'same persona role' : undefined
  return note ? { score, shared, duplicate, note } : { score, shared, duplicate }
}
