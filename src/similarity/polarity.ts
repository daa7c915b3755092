// Polarity: whether a statement asks for something or forbids it. "Always run
// the tests before merging" and "Never run the tests before merging" share
// every content word and say opposite things; folding them would make the
// merged agent contradict one of its inputs, so dedup never groups them and
// the merge reports them as a conflict. Diff may still pair them (an edit that
// flips an instruction is a rewording to show, not a new statement).
//
// A statement is negative when it forbids: a negated verb anywhere ("never",
// "do not", "must not", "cannot", ...) or an opening "No ..."/"Avoid ...".
// Only the instruction's own negation counts: "tests with no flakiness" is a
// positive instruction about flakiness, so a mid-sentence "no" or "without"
// is not read as one.

import { wordsOf, type Word } from './tokens.js'

const NEGATED = new Set(['never', 'not', 'cannot', 'dont', 'doesnt', 'shouldnt', 'mustnt', 'wont', 'cant', 'nor'])
const OPENERS = new Set(['no', 'avoid', 'avoiding', 'never', 'refrain', 'forbid', 'prohibit'])

/** True when the statement forbids rather than asks (see above). */
export function isNegative(text: string, words: readonly Word[] = wordsOf(text).words): boolean {
  // Contractions are one word ("don't"), whatever the verb: matched on the raw text.
  if (/\b\w+n['’]t\b/i.test(text)) return true
  if (words.length > 0 && OPENERS.has(words[0]!.word)) return true
  return words.some((w) => NEGATED.has(w.word))
}
