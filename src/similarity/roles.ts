// How much each word of a statement counts, by the role it plays. Two forms
// are read:
// - `Label: explanation` (also `Label - explanation`, with a dash or an en or
//   em dash; bold markers are already gone from the text): the label names the
//   instruction and the explanation elaborates it, so authors who write only
//   the label ("Context managers") and authors who write a sentence ("Use
//   context managers for resource management") still meet on the label.
// - Otherwise the words before the first preposition-like word ("for", "with",
//   "using", ...) name the subject and those after it qualify it.
// The weights are tuning (chosen by leave-one-family-out evaluation, see
// docs/similarity.md), not constants of the method.

import type { Word } from './tokens.js'

export interface RoleTuning {
  /** Weight of an explanation's words, the label's being 1. */
  explanation: number
  /** Weight of the words after the first preposition-like word, the subject's being 1. */
  qualifier: number
}

/** A label is short: longer text before a colon is a sentence, not a label. */
const MAX_LABEL_WORDS = 7

const SEPARATOR = /:\s|\s[-–—]\s|[–—]\s/
const QUALIFIERS: ReadonlySet<string> = new Set(['for', 'with', 'using', 'via', 'including', 'through', 'by', 'like', 'such', 'to', 'in', 'on', 'across', 'within'])

/** Where a `Label: explanation` statement's label ends (offset into `folded`), or -1. */
export function labelEnd(folded: string, words: readonly Word[]): number {
  const m = SEPARATOR.exec(folded)
  if (!m) return -1
  const before = words.filter((w) => w.at < m.index).length
  const after = words.length - before
  return before >= 1 && before <= MAX_LABEL_WORDS && after >= 1 ? m.index : -1
}

/** The weight of each word of a statement (`folded` and `words` as wordsOf gives them). */
export function roleWeights(folded: string, words: readonly Word[], tuning: RoleTuning): number[] {
  const end = labelEnd(folded, words)
  if (end >= 0) return words.map((w) => (w.at < end ? 1 : tuning.explanation))
  // The first word is never a qualifier opener: "For each endpoint, ..." has no subject before it.
  const q = words.findIndex((w, i) => i > 0 && QUALIFIERS.has(w.word))
  return words.map((_, i) => (q >= 0 && i >= q ? tuning.qualifier : 1))
}
