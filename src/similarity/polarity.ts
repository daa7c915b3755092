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
// is not read as one. Nor is a contrast: "Test behavior, not implementation",
// "an accelerator, not a bottleneck", "not just tested, but built in" ask for
// the first thing; the "not" sets aside another, it forbids nothing.

import { wordsOf, type Word } from './tokens.js'

const NEGATED = new Set(['never', 'not', 'cannot', 'dont', 'doesnt', 'shouldnt', 'mustnt', 'wont', 'cant', 'nor'])
const OPENERS = new Set(['no', 'avoid', 'avoiding', 'never', 'refrain', 'forbid', 'prohibit'])

/** True when the statement forbids rather than asks (see above). */
export function isNegative(text: string, split: { folded: string; words: readonly Word[] } = wordsOf(text)): boolean {
  const { folded, words } = split
  // Contractions are one word ("don't"), whatever the verb: matched on the raw text.
  if (/\b\w+n['’]t\b/i.test(text)) return true
  if (words.length > 0 && OPENERS.has(words[0]!.word)) return true
  return words.some((w, i) => NEGATED.has(w.word) && !(w.word === 'not' && isContrast(folded, words, i)))
}

/** Words after which "not" sets one thing against another ("X but not Y"). */
const CONTRAST_BEFORE = new Set(['but', 'and', 'or', 'rather'])
/** Words after which "not" opens "not just X, but Y". */
const CONTRAST_AFTER = new Set(['just', 'only', 'merely', 'simply'])

/** Words before "not" that make it a negated verb ("must not simply swallow errors"), never a contrast. */
const AUXILIARIES = new Set(['do', 'does', 'did', 'must', 'should', 'shall', 'will', 'would', 'can', 'could', 'may', 'might', 'need', 'is', 'are', 'was', 'were', 'be', 'have', 'has', 'had'])

/**
 * Whether the "not" at words[i] is a contrast (above): after a comma,
 * semicolon or dash, in "but not", or in "not just"; after an auxiliary only
 * as "not just X but Y" ("quality is not just tested, but built in").
 */
function isContrast(folded: string, words: readonly Word[], i: number): boolean {
  const prev = i > 0 ? words[i - 1]! : undefined
  const next = words[i + 1]?.word
  const notJust = next !== undefined && CONTRAST_AFTER.has(next)
  if (prev !== undefined && AUXILIARIES.has(prev.word)) return notJust && words.slice(i + 2).some((w) => w.word === 'but')
  if (notJust) return true
  if (prev === undefined) return false
  if (CONTRAST_BEFORE.has(prev.word)) return true
  const between = folded.slice(prev.at + prev.word.length, words[i]!.at)
  return /[,;–—]|\s-\s/.test(between)
}
