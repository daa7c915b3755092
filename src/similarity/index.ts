// Statement similarity and duplicate grouping: the public face of
// src/similarity. See docs/similarity.md for the method and its evaluation.
//
// One engine: the learned similarity (group.ts, with shape.ts, tokens.ts,
// roles.ts, polarity.ts, weights.ts, pair.ts and the learned data,
// learned.ts) groups duplicates for dedup and merge, and scores the pairs
// diff and the merge driver consider (scorer.ts, through src/align). termsOf
// (terms.ts, the rule-based reading of content terms) is what the merge's
// wording, opening and conflict tests and the alignment's section titles
// compare.

import { groupLearned, type ProfileMemo } from './group.js'
import { classOf } from './shape.js'
import { loadLearned, type Learned } from './learned.js'
import type { PairParts } from './pair.js'
import { DEFAULT_TUNING, type Tuning } from './tuning.js'

export { analyzeWords, termsOf, writtenTerms, WordMemo } from './terms.js'
export { PERSONA_FILLERS, STOPWORDS } from './fillers.js'
export { isNegative } from './polarity.js'
export { ProfileMemo } from './group.js'
export { DEFAULT_TUNING, type Tuning } from './tuning.js'
export { learnedHeader, loadLearned, type Learned } from './learned.js'
export { pairScorer, type PairScorer } from './scorer.js'
export { specificTest } from './specific.js'

export interface SimItem {
  text: string
  /** 'paragraph'|'item'|'task'|'code'|'row'|'html'|'heading'|'definition'|'lead' */
  kind: string
}

export interface SimilarityOptions {
  /**
   * Minimum score (0..1; pair.ts: weighted Jaccard of the stems' role x IDF
   * weights mixed with the cosine of the learned statement vectors) for two
   * statements to be duplicates; default DEFAULT_THRESHOLD. Higher groups less.
   */
  threshold?: number
  /**
   * Added to the bar of a pair where one statement's head names a
   * part the other lacks ("SQL injection and XSS prevention" /
   * "SQL injection prevention"; conjuncts.ts); default DEFAULT_TUNING.extra.
   * The merge folds with FOLD_OPTIONS.extra.
   */
  extra?: number
  /** Other tuning than the shipped: evaluation, and lint (role openings read as prose). */
  tuning?: Partial<Tuning>
  /** Learned data other than the shipped file (evaluation), or null for none. */
  learned?: Learned | null
}

/** Why two statements were grouped: indices into the items, score, shared terms. */
export interface PairReason {
  a: number
  b: number
  score: number
  shared: string[]
  note?: string
  /** The parts of the score (dedup --explain). */
  parts?: {
    lexical: number
    vector: number | null
    /** The bar the pair had to reach: the threshold, moved by structure rules. */
    bar: number
    /** Shared stems and each one's part of the lexical score. */
    weights: { term: string; weight: number }[]
    rules: string[]
  }
}

export interface Grouping {
  /** Every index exactly once; each group ascending; groups by first index. */
  groups: number[][]
  reasons: PairReason[]
}

/** Default duplicate threshold of the grouping (of pair.ts's score); see docs/similarity.md. */
export const DEFAULT_THRESHOLD = DEFAULT_TUNING.threshold
/** Default extra-part bar of the grouping (see SimilarityOptions.extra). */
export const DEFAULT_EXTRA = DEFAULT_TUNING.extra

/**
 * Groups items that say the same thing (group.ts: the learned similarity).
 * `memo` holds the items' shapes when some were made ahead (see
 * ProfileMemo; used only with the shipped tuning); the grouping is the same
 * either way. Opposite-polarity pairs are never grouped.
 */
export function groupDuplicates(items: SimItem[], options: SimilarityOptions = {}, memo?: ProfileMemo): Grouping {
  const tuning: Tuning = { ...DEFAULT_TUNING, ...options.tuning }
  if (options.threshold !== undefined) tuning.threshold = options.threshold
  if (options.extra !== undefined) tuning.extra = options.extra
  const custom = options.tuning !== undefined && Object.keys(options.tuning).some((k) => k !== 'threshold')
  const learned = options.learned === undefined ? loadLearned() : options.learned
  const raw = groupLearned(items, tuning, learned, memo && !custom ? memo : undefined)
  const reasons: PairReason[] = raw.same.map(([a, b]) => pairReason(a, b, 1, [], classOf(items[a]!.kind) === 'exact' ? 'identical code' : 'same terms'))
  for (const m of raw.merges) reasons.push(reasonOf(m.a, m.b, m.parts))
  reasons.sort((r, s) => r.a - s.a || r.b - s.b)
  return { groups: raw.groups, reasons }
}

function reasonOf(a: number, b: number, parts: PairParts): PairReason {
  const r = pairReason(a, b, parts.score, parts.shared.map((s) => s.term))
  const round = (x: number) => Math.round(x * 1000) / 1000
  r.parts = {
    lexical: round(parts.lexical),
    vector: parts.vector === null ? null : round(parts.vector),
    bar: round(parts.bar),
    weights: parts.shared.map((s) => ({ term: s.term, weight: s.weight })),
    rules: parts.rules,
  }
  const vec = parts.vector === null ? 'no vectors' : `vector ${parts.vector.toFixed(2)}`
  const weights = parts.shared.slice(0, 6).map((s) => `${s.term} ${s.weight.toFixed(2)}`).join(', ')
  r.note = `lexical ${parts.lexical.toFixed(2)} (${weights}), ${vec}, bar ${parts.bar.toFixed(2)}${parts.rules.length ? '; ' + parts.rules.join(', ') : ''}`
  return r
}

function pairReason(x: number, y: number, score: number, shared: string[], note?: string): PairReason {
  const [a, b] = x < y ? [x, y] : [y, x]
  const r: PairReason = { a, b, score: Math.round(score * 1000) / 1000, shared: [...shared] }
  if (note) r.note = note
  return r
}
