// The learned similarity of two texts, for the callers that pair a
// statement with its edited self (diff and the merge driver, through
// src/align): the grouping's score (pair.ts) without its vetoes and bars,
// since an edit may turn a statement into its opposite and diff must still
// say "reworded". IDF comes from the learned corpus and the texts scored.
import { loadLearned, type Learned } from './learned.js'
import { pairScore, prepare, type Prepared } from './pair.js'
import { shapeOf } from './shape.js'
import { StemMemo } from './tokens.js'
import { DEFAULT_TUNING } from './tuning.js'
import { runWeights } from './weights.js'

/** Pairs of texts scored by index, and each text's stems (for finding candidate pairs). */
export interface PairScorer {
  /** How alike texts i and j are, 0..1. */
  score(i: number, j: number): number
  /** The stems of text i, each once. */
  stems(i: number): readonly string[]
}

/** Scores pairs of `texts` (by index), each read as a list item. */
export function pairScorer(texts: readonly string[], learned: Learned | null = loadLearned()): PairScorer {
  const stems = new StemMemo()
  const shapes = texts.map((t) => shapeOf(t, 'item', stems, DEFAULT_TUNING))
  const weights = runWeights(learned, shapes.map((s) => [s.cls === 'exact' ? [] : s.tokens, 1] as const))
  const prepared: Array<Prepared | undefined> = new Array(texts.length)
  const at = (i: number): Prepared => (prepared[i] ??= prepare(shapes[i]!, weights))
  return { score: (i, j) => pairScore(at(i), at(j), DEFAULT_TUNING), stems: (i) => shapes[i]!.tokens.map((t) => t.stem) }
}
