// The subsumption rule for specifics: a statement that names particular
// examples or quantities ("Caching (Redis, Memcached)", "Coverage > 80%",
// "< 100ms p95") is not a duplicate of one that does not name them. Merging
// the two would silently drop the specifics, which is exactly the instruction
// a reader cared about. The rule is a veto, independent of the score: a
// specific counts as matched when the other statement contains the term
// anywhere, in a list or in plain prose.

import type { Profile } from './profile.js'

/** Sorted-array membership, both sorted with the default string order. */
function missing(needles: readonly string[], hay: readonly string[]): string[] {
  const out: string[] = []
  let j = 0
  for (const n of needles) {
    while (j < hay.length && hay[j]! < n) j++
    if (hay[j] !== n) out.push(n)
  }
  return out
}

/** Why a and b cannot be duplicates because of specifics, or undefined. */
export function specificsConflict(a: Profile, b: Profile): string | undefined {
  const extraA = missing(a.specifics, b.terms)
  const extraB = missing(b.specifics, a.terms)
  if (extraA.length === 0 && extraB.length === 0) return undefined
  const parts: string[] = []
  if (extraA.length) parts.push(`first names ${extraA.join(', ')}`)
  if (extraB.length) parts.push(`second names ${extraB.join(', ')}`)
  return `specifics differ: ${parts.join('; ')}`
}
