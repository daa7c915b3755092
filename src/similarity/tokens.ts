// Statement text -> weighted stems: what the learned similarity compares.
// Words are case-folded, split on anything that is not a letter or digit,
// English function words dropped, and Porter-stemmed (npm `stemmer`). Each
// stem carries the weight of the role its words play in the statement
// (roles.ts): a `Label: explanation` item's label counts above its
// explanation. The same reading feeds training (scripts/train.mjs), so the
// learned statistics and the statements they weigh agree on every stem.

import { stemmer } from 'stemmer'
import { STOPWORDS } from './fillers.js'
import { roleWeights, type RoleTuning } from './roles.js'

/** A stem of a statement with the largest role weight any of its words had. */
export interface Token {
  stem: string
  weight: number
}

/**
 * Stems already computed, kept by the caller for one run (a corpus or a
 * batch of statements repeats most words); not shared between runs.
 */
export class StemMemo {
  private readonly stems = new Map<string, string>()
  stem(word: string): string {
    let s = this.stems.get(word)
    if (s === undefined) this.stems.set(word, (s = stemmer(word)))
    return s
  }
}

// "I/O", "A/B": two single letters joined by a slash are one word.
const LETTER_PAIR = /\b([a-z])\/([a-z])\b/g
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu

/** A word of a folded text and where it starts. */
export interface Word {
  word: string
  at: number
}

/** The text case-folded (NFKC, lower case) and its words in order with their offsets in it. */
export function wordsOf(text: string): { folded: string; words: Word[] } {
  const folded = text.normalize('NFKC').toLowerCase().replace(LETTER_PAIR, '$1$2 ')
  const words: Word[] = []
  for (const m of folded.matchAll(WORD)) words.push({ word: m[0].replace(/['’]s$/, ''), at: m.index })
  return { folded, words }
}

/** A word worth comparing on: not a function word, not a lone letter. */
export function isContentWord(word: string): boolean {
  if (STOPWORDS.has(word)) return false
  return word.length > 1 || /\d/.test(word)
}

/** The stems of a text, in order of first appearance, each once. */
export function stemsOf(text: string, memo: StemMemo): string[] {
  const seen = new Set<string>()
  for (const { word } of wordsOf(text).words) if (isContentWord(word)) seen.add(memo.stem(word))
  return [...seen]
}

/** The stems of a text with their role weights, each stem once (largest weight); `split`: its wordsOf, if the caller has it. */
export function tokensOf(text: string, memo: StemMemo, tuning: RoleTuning, split = wordsOf(text)): Token[] {
  const { folded, words } = split
  const weights = roleWeights(folded, words, tuning)
  const byStem = new Map<string, number>()
  words.forEach(({ word }, i) => {
    if (!isContentWord(word)) return
    const stem = memo.stem(word)
    const w = weights[i]!
    const prev = byStem.get(stem)
    if (prev === undefined || w > prev) byStem.set(stem, w)
  })
  return [...byStem].map(([stem, weight]) => ({ stem, weight }))
}
