// Term weights learned from the statements being compared: inverse document
// frequency over the corpus given, so a word every statement of these files
// uses ("backend" in a backend agent) weighs little and a rare one weighs a
// lot. Nothing is learned from outside the input.

import { termsOf } from './terms.js'

export interface Corpus {
  /** Number of statements the weights were learned from. */
  readonly size: number
  /** Statements containing each term (after normalization). */
  readonly df: ReadonlyMap<string, number>
}

export function buildCorpus(texts: string[]): Corpus {
  return corpusOf(texts.map((t) => termsOf(t)))
}

/**
 * The corpus of statements whose terms are already known (each list as
 * termsOf gives it: every term once), one list per statement.
 */
export function corpusOf(termLists: Iterable<readonly string[]>): Corpus {
  const counted: [readonly string[], number][] = []
  for (const terms of termLists) counted.push([terms, 1])
  return countedCorpus(counted)
}

/**
 * corpusOf with each distinct statement's terms given once, with the
 * number of statements that have them.
 */
export function countedCorpus(termLists: Iterable<readonly [terms: readonly string[], count: number]>): Corpus {
  const df = new Map<string, number>()
  let size = 0
  for (const [terms, count] of termLists) {
    size += count
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + count)
  }
  return { size, df }
}

/**
 * Smoothed IDF, always positive. A term the corpus has never seen is treated
 * as seen once: as rare as anything can be.
 */
export function idf(corpus: Corpus, term: string): number {
  const df = Math.max(1, corpus.df.get(term) ?? 0)
  return Math.log(1 + corpus.size / df)
}
