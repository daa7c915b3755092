// Term weights and statement vectors for one run: IDF over the learned
// corpus's statements together with the statements being compared (so a word
// every input statement repeats weighs little even if the corpus never saw
// it), and each statement's vector, the IDF- and role-weighted average of its
// stems' learned word vectors. One object per run, passed along; nothing is
// kept between runs but the learned data itself.

import type { Learned } from './learned.js'
import type { Token } from './tokens.js'

export class Weights {
  private readonly cache = new Map<string, number>()
  private readonly size: number

  /**
   * `inputDf`: how many of the input statements contain each stem; `inputSize`:
   * how many statements that was counted over. `learned`: null to weigh by the
   * input alone.
   */
  constructor(
    private readonly learned: Learned | null,
    private readonly inputDf: ReadonlyMap<string, number>,
    inputSize: number,
  ) {
    this.size = inputSize + (learned?.header.statements ?? 0)
  }

  /**
   * Each stem of the run numbered in sorted order, so that two statements'
   * stems (kept sorted) are merged by comparing numbers, not strings, in
   * the same order; -1 for a stem the run did not count (no statement of
   * the run has it).
   */
  stemId(stem: string): number {
    this.ids ??= new Map([...this.inputDf.keys()].sort().map((s, i) => [s, i]))
    return this.ids.get(stem) ?? -1
  }

  /** stemId of each token, for tokens of a statement the run counted. */
  stemIds(stems: readonly { stem: string }[]): Int32Array {
    return Int32Array.from(stems, ({ stem }) => {
      const id = this.stemId(stem)
      if (id === -1) throw new Error(`stem '${stem}' was not counted in this run`)
      return id
    })
  }

  private ids: Map<string, number> | undefined

  /** Smoothed IDF, always positive; a stem seen nowhere counts as seen once. */
  idf(stem: string): number {
    let w = this.cache.get(stem)
    if (w === undefined) {
      const df = Math.max(1, (this.learned?.df.get(stem) ?? 0) + (this.inputDf.get(stem) ?? 0))
      w = Math.log(1 + this.size / df)
      this.cache.set(stem, w)
    }
    return w
  }

  /** The unit vector of weighted stems, or undefined when none of them has a learned vector. */
  vectorOf(tokens: readonly Token[]): Float32Array | undefined {
    if (!this.learned) return undefined
    const dims = this.learned.header.dims
    const out = new Float32Array(dims)
    let any = false
    for (const t of tokens) {
      const v = this.learned.vectors.get(t.stem)
      if (!v) continue
      any = true
      const w = t.weight * this.idf(t.stem)
      for (let d = 0; d < dims; d++) out[d] = out[d]! + w * v[d]!
    }
    if (!any) return undefined
    let norm = 0
    for (let d = 0; d < dims; d++) norm += out[d]! * out[d]!
    norm = Math.sqrt(norm)
    if (norm === 0) return undefined
    for (let d = 0; d < dims; d++) out[d] = out[d]! / norm
    return out
  }
}

/**
 * The weights of one run: IDF over the learned corpus (when given) and the
 * run's own token lists, each list counted `count` times.
 */
export function runWeights(learned: Learned | null, lists: Iterable<readonly [tokens: readonly Token[], count: number]>): Weights {
  const freq = inputFrequencies(lists)
  return new Weights(learned, freq.df, freq.size)
}

/** Document frequencies of stems over token lists, each list counted `count` times. */
function inputFrequencies(lists: Iterable<readonly [tokens: readonly Token[], count: number]>): { df: Map<string, number>; size: number } {
  const df = new Map<string, number>()
  let size = 0
  for (const [tokens, count] of lists) {
    size += count
    for (const t of tokens) df.set(t.stem, (df.get(t.stem) ?? 0) + count)
  }
  return { df, size }
}
