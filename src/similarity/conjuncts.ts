// The parts of a statement's head: "SQL injection and XSS prevention" names
// two things, "Advanced features (decorators, generators, context
// managers)" three, and "Optimize queries with proper indexing" two (a
// means named with "with", "using", ... is a part; a purpose, "for
// performance", only says why). A statement that names a part the other lacks
// entirely asks for more than it ("Implement database health checks and
// monitoring" is not "Implement health checks"), which people label as
// different statements however many words the two share. Only the head is
// read: a `Label: explanation` item's explanation elaborates its label, and
// authors who list more there still say the same thing. What a label is
// comes from roles.ts (at most seven words before the colon or dash): text
// before a longer one is a sentence, and the whole statement is its head.

import { labelEnd } from './roles.js'
import { isContentWord, type StemMemo, type Word } from './tokens.js'

/** Words that start a new part: coordination, and the prepositions that name a means. */
const JOINING_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'with', 'using', 'via', 'including', 'through'])
/** Between two words: a comma, semicolon, ampersand or plus parts them. */
const PARTING = /[,;&+]/
/** A bracket opens or closes an aside: its words are a part (or parts) of their own, and the words around it one part. */
const OPENING = /[([]/
const CLOSING = /[)\]]/

/**
 * The content stems of each part of the head (the label of a
 * `Label: explanation` item, else the whole text), in order; empty when the
 * head has fewer than two parts with content.
 */
export function conjunctsOf(folded: string, words: readonly Word[], memo: StemMemo): string[][] {
  const end = labelEnd(folded, words)
  const head = end >= 0 ? words.filter((w) => w.at < end) : words
  const parts: string[][] = [[]]
  // The part a bracket interrupted, which its closing resumes: "GDPR (European Union) requirements" is
  // "GDPR requirements" with an aside, not a third part "requirements".
  const outer: number[] = []
  let current = 0
  head.forEach((w, i) => {
    const gap = i === 0 ? '' : folded.slice(head[i - 1]!.at + head[i - 1]!.word.length, w.at)
    const opens = OPENING.test(gap)
    const closes = CLOSING.test(gap) && outer.length > 0
    if (closes && !opens) current = outer.pop()!
    if (opens) {
      if (!closes) outer.push(current)
      current = parts.push([]) - 1
    } else if (JOINING_WORDS.has(w.word) || PARTING.test(gap)) current = parts.push([]) - 1
    if (!JOINING_WORDS.has(w.word) && isContentWord(w.word)) parts[current]!.push(memo.stem(w.word))
  })
  const full = parts.filter((p) => p.length > 0)
  return full.length >= 2 ? full : []
}
