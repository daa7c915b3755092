// Statement similarity and duplicate grouping: the public face of
// src/similarity. See docs/similarity.md for the method and its evaluation.

import { buildCorpus, idf, type Corpus } from './corpus.js'
import { compareProfiles } from './compare.js'
import { profileOf } from './profile.js'

export { buildCorpus, type Corpus } from './corpus.js'
export { termsOf } from './terms.js'

export interface SimItem {
  text: string
  /** 'paragraph'|'item'|'task'|'code'|'row'|'html'|'heading'|'definition'|'lead' */
  kind: string
}

export interface SimilarityOptions {
  /** Minimum weighted-Jaccard score for a duplicate pair; default DEFAULT_THRESHOLD. */
  threshold?: number
}

/** A pair that caused a merge: indices into the items, the score and why. */
export interface PairReason {
  a: number
  b: number
  score: number
  shared: string[]
  note?: string
}

export interface Grouping {
  /** Every index exactly once; each group ascending; groups by first index. */
  groups: number[][]
  reasons: PairReason[]
}

export const DEFAULT_THRESHOLD = 0.6

/**
 * Compare two prose statements using a corpus's weights (for diff: pairing a
 * reworded statement with its old self). Both are treated as list items.
 */
export function compareTexts(a: string, b: string, corpus: Corpus): { score: number; shared: string[]; duplicate: boolean } {
  const c = compareProfiles(profileOf(a, 'item'), profileOf(b, 'item'), (t) => idf(corpus, t), DEFAULT_THRESHOLD)
  return { score: c.score, shared: c.shared, duplicate: c.duplicate }
}

export function groupDuplicates(items: SimItem[], options: SimilarityOptions = {}): Grouping {
  void buildCorpus
  void options
  // Placeholder until clustering lands: everything alone.
  return { groups: items.map((_, i) => [i]), reasons: [] }
}
