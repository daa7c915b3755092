// Scoring a grouping against gold labels: pairwise precision/recall/F1 (over
// all pairs of the statements in the universe) and B-cubed. Pure; used by
// scripts/eval.mjs and the tests. Groups are lists of statement ids; ids in
// the universe that a grouping does not mention count as singletons, and ids
// outside the universe are ignored.

export interface Scores {
  precision: number
  recall: number
  f1: number
}

export interface PairScores extends Scores {
  /** Pairs grouped together by both. */
  truePairs: number
  predictedPairs: number
  goldPairs: number
}

function f1Of(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
}

/** Cluster label per universe id; missing ids get a label of their own. */
function labels(groups: readonly (readonly string[])[], universe: readonly string[]): Map<string, number> {
  const inUniverse = new Set(universe)
  const out = new Map<string, number>()
  groups.forEach((g, gi) => {
    for (const id of g) if (inUniverse.has(id) && !out.has(id)) out.set(id, gi)
  })
  let next = groups.length
  for (const id of universe) if (!out.has(id)) out.set(id, next++)
  return out
}

function pairsIn(sizes: Iterable<number>): number {
  let n = 0
  for (const s of sizes) n += (s * (s - 1)) / 2
  return n
}

function countBy<K>(keys: Iterable<K>): Map<K, number> {
  const m = new Map<K, number>()
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
  return m
}

/**
 * Pairwise scores. With no predicted pairs precision is 1 (nothing wrong was
 * claimed); with no gold pairs recall is 1.
 */
export function pairwise(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  universe: readonly string[],
): PairScores {
  const ids = [...new Set(universe)]
  const g = labels(gold, ids)
  const p = labels(predicted, ids)
  const goldPairs = pairsIn(countBy(ids.map((id) => g.get(id)!)).values())
  const predictedPairs = pairsIn(countBy(ids.map((id) => p.get(id)!)).values())
  const truePairs = pairsIn(countBy(ids.map((id) => `${g.get(id)!}:${p.get(id)!}`)).values())
  const precision = predictedPairs > 0 ? truePairs / predictedPairs : 1
  const recall = goldPairs > 0 ? truePairs / goldPairs : 1
  return { precision, recall, f1: f1Of(precision, recall), truePairs, predictedPairs, goldPairs }
}

/** B-cubed precision/recall/F1, averaged over the universe's statements. */
export function bcubed(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  universe: readonly string[],
): Scores {
  const ids = [...new Set(universe)]
  if (ids.length === 0) return { precision: 1, recall: 1, f1: 1 }
  const g = labels(gold, ids)
  const p = labels(predicted, ids)
  const gSize = countBy(ids.map((id) => g.get(id)!))
  const pSize = countBy(ids.map((id) => p.get(id)!))
  const both = countBy(ids.map((id) => `${g.get(id)!}:${p.get(id)!}`))
  let precision = 0
  let recall = 0
  for (const id of ids) {
    const gi = g.get(id)!
    const pi = p.get(id)!
    const common = both.get(`${gi}:${pi}`)!
    precision += common / pSize.get(pi)!
    recall += common / gSize.get(gi)!
  }
  precision /= ids.length
  recall /= ids.length
  return { precision, recall, f1: f1Of(precision, recall) }
}
