// Statement similarity and duplicate grouping: the public face of
// src/similarity. See docs/similarity.md for the method and its evaluation.
//
// Two engines share this face. Grouping (dedup, merge) uses the learned
// similarity: group.ts, with shape.ts, tokens.ts, roles.ts, polarity.ts,
// weights.ts, pair.ts and the learned data (learned.ts). compareTexts and
// termsOf (diff, the merge driver, section titles) still use the rule-based
// terms (terms.ts, profile.ts, compare.ts), whose results on the fixtures
// those commands are tested against.

import { compareProfiles, type Weigh } from './compare.js'
import { idf, type Corpus } from './corpus.js'
import { groupLearned, type ProfileMemo } from './group.js'
import { loadLearned, type Learned } from './learned.js'
import type { PairParts } from './pair.js'
import { TermProfileMemo } from './profile.js'
import { DEFAULT_TUNING, type Tuning } from './tuning.js'

export { buildCorpus, corpusOf, idf, type Corpus } from './corpus.js'
export { termsOf, WordMemo } from './terms.js'
export { isNegative, oppositePolarity } from './polarity.js'
export { ProfileMemo } from './group.js'
export { DEFAULT_TUNING, type Tuning } from './tuning.js'
export { learnedHeader, loadLearned, type Learned } from './learned.js'

export interface SimItem {
  text: string
  /** 'paragraph'|'item'|'task'|'code'|'row'|'html'|'heading'|'definition'|'lead' */
  kind: string
}

export interface SimilarityOptions {
  /**
   * Minimum score (0..1; IDF-weighted Jaccard with implied matches and
   * half-weight modifiers, see compare.ts) for two statements to be
   * duplicates; default DEFAULT_THRESHOLD. Higher merges less.
   */
  threshold?: number
  /** Other tuning than the shipped (evaluation only). */
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

/** compareTexts' threshold, of the rule-based score (compare.ts): what diff and the merge driver were tested with. */
const COMPARE_THRESHOLD = 0.6

// What compareTexts learns of a corpus and its texts: callers (diff, the
// merge driver) compare many pairs against one corpus, each text with several
// others, so each text is profiled and each term weighed once per corpus.
const BY_CORPUS = new WeakMap<Corpus, { weigh: Weigh; profiles: TermProfileMemo }>()

/**
 * Compare two prose statements with a corpus's weights (diff uses this to
 * pair a reworded statement with its old self). Both are read as list items.
 * A corpus is read as it is at its first comparison (it is not to change).
 */
export function compareTexts(a: string, b: string, corpus: Corpus): { score: number; shared: string[]; duplicate: boolean } {
  let known = BY_CORPUS.get(corpus)
  if (!known) BY_CORPUS.set(corpus, (known = { weigh: memoWeigh(corpus), profiles: new TermProfileMemo() }))
  const c = compareProfiles(known.profiles.profile(a, 'item'), known.profiles.profile(b, 'item'), known.weigh, COMPARE_THRESHOLD)
  return { score: c.score, shared: c.shared, duplicate: c.duplicate }
}

function memoWeigh(corpus: Corpus): Weigh {
  const cache = new Map<string, number>()
  return (t) => {
    let w = cache.get(t)
    if (w === undefined) {
      w = idf(corpus, t)
      cache.set(t, w)
    }
    return w
  }
}

/**
 * Groups items that say the same thing (group.ts: the learned similarity).
 * `memo` holds the items' shapes when some were made ahead (see
 * ProfileMemo; used only with the shipped tuning); the grouping is the same
 * either way. Opposite-polarity pairs are never grouped.
 */
export function groupDuplicates(items: SimItem[], options: SimilarityOptions = {}, memo?: ProfileMemo): Grouping {
  const tuning: Tuning = { ...DEFAULT_TUNING, ...options.tuning }
  if (options.threshold !== undefined) tuning.threshold = options.threshold
  const custom = options.tuning !== undefined && Object.keys(options.tuning).some((k) => k !== 'threshold')
  const learned = options.learned === undefined ? loadLearned() : options.learned
  const raw = groupLearned(items, tuning, learned, memo && !custom ? memo : undefined)
  const reasons: PairReason[] = raw.same.map(([a, b]) => pairReason(a, b, 1, [], items[a]!.kind === 'code' || items[a]!.kind === 'definition' ? 'identical code' : 'same terms'))
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
