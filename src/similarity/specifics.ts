// The subsumption rules. First, specifics: a statement that names particular
// examples or quantities ("Caching (Redis, Memcached)", "Coverage > 80%",
// "< 100ms p95") is not a duplicate of one that does not name them. Merging
// the two would silently drop the specifics, which is exactly the instruction
// a reader cared about. The rule is a veto, independent of the score: a
// specific counts as matched when the other statement contains the term
// anywhere, in a list or in plain prose.
// Second, extra requirements: "Connection pooling and transaction management"
// is not "Connection pooling". Each coordinated clause of one statement
// ("A and B", "A, B", "A/B") must be at least half present (by weight) in the
// other, or the statement asks for something the other does not.

import type { Profile } from './profile.js'

/** The weight of a term (its IDF in the run). */
export type Weigh = (term: string) => number

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

/** Share of a clause's weight the other statement's terms (or what they imply) cover. */
function covered(clause: readonly string[], other: Profile, weigh: Weigh): number {
  let total = 0
  let hit = 0
  const set = new Set([...other.terms, ...other.implied])
  for (const t of clause) {
    const w = weigh(t)
    total += w
    if (set.has(t)) hit += w
  }
  return total > 0 ? hit / total : 1
}

/** Minimum share of each clause that the other statement must cover. */
export const CLAUSE_COVER = 0.5

/** Why a and b cannot be duplicates because one adds a clause, or undefined. */
export function extraRequirement(a: Profile, b: Profile, weigh: Weigh): string | undefined {
  for (const [x, y, which] of [[a, b, 'first'], [b, a, 'second']] as const) {
    for (const clause of x.clauses) {
      if (covered(clause, y, weigh) < CLAUSE_COVER - 1e-12) return `${which} adds a requirement: ${clause.join(' ')}`
    }
  }
  return undefined
}
