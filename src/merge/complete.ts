// What "more complete" means wherever a merge must pick one of several texts
// or inputs that nothing else tells apart (openings, descriptions equally
// close to the others, inputs equally central): the one that says more, by
// content, so that a tie never falls to a file's name while content differs.
import type { Statement } from '../model.js'
import { byCodeUnits } from '../order.js'
import { termsOf, WordMemo } from '../similarity/index.js'

/** Texts, the more complete first: more distinct content terms, then longer, then by code units. */
export function byCompleteText(a: string, b: string): number {
  return moreCompleteText(a, b) || byCodeUnits(a, b)
}

/** Negative when text a says more than b (more distinct content terms, then more characters), 0 when they say as much. */
export function moreCompleteText(a: string, b: string): number {
  return new Set(termsOf(b)).size - new Set(termsOf(a)).size || b.length - a.length
}

/** How much an input says: its statements, and the distinct content terms of all of them. */
export interface Completeness {
  statements: number
  terms: number
}

export function completenessOf(statements: readonly Statement[]): Completeness {
  const memo = new WordMemo()
  const terms = new Set<string>()
  for (const s of statements) for (const t of termsOf(s.text, memo)) terms.add(t)
  return { statements: statements.length, terms: terms.size }
}

/** Inputs, the more complete first: more statements, then more distinct content terms; 0 when they say as much. */
export const byCompleteInput = (a: Completeness, b: Completeness): number => b.statements - a.statements || b.terms - a.terms
