// Every number and switch of the learned similarity in one place. The shipped
// defaults were chosen on all three labelled families; scripts/eval.mjs picks
// them afresh on two families to score the third (docs/similarity.md has the
// table and the selection rule). Rules that did not earn their place are
// not kept as switches: docs/similarity.md says where they were measured.

export interface Tuning {
  /** Score at or above which two statements are duplicates. */
  threshold: number
  /** Weight of the word-vector cosine in the score; the lexical part (weighted Jaccard or cosine) has the rest. */
  mix: number
  /** The lexical part: weighted Jaccard over tf-idf weights (true) or their cosine. */
  jaccard: boolean
  /** Role weights (roles.ts). */
  explanation: number
  qualifier: number
  /** Opening role statements ("You are a ...") link at this score, only with each other; null: read as prose. */
  persona: number | null
  /** A list lead-in ("... responsibilities:") matches only another, at this score; null: read as prose. */
  lead: number | null
  /** Added to the threshold when either side has at most SHORT_STEMS stems. */
  short: number
  /** Taken from the threshold when both sides have at least LONG_STEMS stems. */
  long: number
  /** Added to the threshold when one side's head names a part the other lacks (conjuncts.ts); 0: off. */
  extra: number
  /** Clustering: every pair across two groups must reach linkRatio x its threshold (average link otherwise). */
  linkRatio: number
  /** Take the input's mean statement vector out of each statement vector. */
  center: boolean
  /** IDF from the learned corpus and the input (true) or from the input alone. */
  corpusIdf: boolean
}

export const SHORT_STEMS = 2
export const LONG_STEMS = 20

export const DEFAULT_TUNING: Tuning = {
  threshold: 0.55,
  mix: 0.3,
  jaccard: true,
  explanation: 0.3,
  qualifier: 0.7,
  persona: 0.3,
  lead: 0.9,
  short: 0.1,
  long: 0,
  extra: 0,
  linkRatio: 0,
  center: false,
  corpusIdf: true,
}
