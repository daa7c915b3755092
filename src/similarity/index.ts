// Statement similarity and duplicate grouping: the public face of
// src/similarity. See docs/similarity.md for the method and its evaluation.
//
// Pipeline: profile each statement (terms.ts, persona.ts, implications.ts,
// profile.ts), learn IDF weights from the statements given (corpus.ts),
// collapse statements with equal profiles, find candidate pairs by prefix
// filtering (blocking.ts), decide pairs (compare.ts, specifics.ts) and merge
// without chaining (cluster.ts).

import { forEachCandidate, type BlockNode } from './blocking.js'
import { clusterNodes, mergeSorted, type Edge } from './cluster.js'
import { blockingView, compareProfiles, duplicatePair, linkScore, weightsOf, type Weigh } from './compare.js'
import { countedCorpus, idf, type Corpus } from './corpus.js'
import { ProfileMemo, profileKey, type Profile } from './profile.js'
import { rememberTermCount, termsOf } from './terms.js'

export { buildCorpus, corpusOf, idf, type Corpus } from './corpus.js'
export { termsOf } from './terms.js'

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
}

/** Why two statements were grouped: indices into the items, score, shared terms. */
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

/** Default duplicate threshold (of compare.ts's score); see docs/similarity.md. */
export const DEFAULT_THRESHOLD = 0.6

// What compareTexts learns of a corpus and its texts: callers (diff, the
// merge driver) compare many pairs against one corpus, each text with several
// others, so each text is profiled and each term weighed once per corpus.
const BY_CORPUS = new WeakMap<Corpus, { weigh: Weigh; profiles: ProfileMemo }>()

/**
 * Compare two prose statements with a corpus's weights (diff uses this to
 * pair a reworded statement with its old self). Both are read as list items.
 * A corpus is read as it is at its first comparison (it is not to change).
 */
export function compareTexts(a: string, b: string, corpus: Corpus): { score: number; shared: string[]; duplicate: boolean } {
  let known = BY_CORPUS.get(corpus)
  if (!known) BY_CORPUS.set(corpus, (known = { weigh: memoWeigh(corpus), profiles: new ProfileMemo() }))
  const c = compareProfiles(known.profiles.profile(a, 'item'), known.profiles.profile(b, 'item'), known.weigh, DEFAULT_THRESHOLD)
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

/** All the words of a persona opening, not only its role's (as termsOf reads them). */
function personaTerms(text: string): string[] {
  const terms = termsOf(text)
  // termsOf gives each term once: its length is the text's termCount.
  rememberTermCount(text, terms.length)
  return terms
}

/**
 * The member whose text sorts first, the lowest index among equal texts
 * (`members` ascend): one pass rather than a sort.
 */
function firstByText(members: readonly number[], items: readonly SimItem[]): number {
  let best = members[0]!
  for (let k = 1; k < members.length; k++) {
    if (items[members[k]!]!.text < items[best]!.text) best = members[k]!
  }
  return best
}

/**
 * Groups items that say the same thing. `memo` holds the items' profiles
 * when some were made ahead (see ProfileMemo); the grouping is the same
 * either way.
 */
export function groupDuplicates(items: SimItem[], options: SimilarityOptions = {}, memo: ProfileMemo = new ProfileMemo()): Grouping {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD
  const profiles: Profile[] = items.map((it) => memo.profile(it.text, it.kind))
  // Agent files repeat boilerplate, and equal texts share the memo's
  // profile: the items of each profile (ascending) are found once, and the
  // work below is done once per profile rather than once per item.
  const itemsOf = new Map<Profile, number[]>()
  profiles.forEach((p, i) => {
    const list = itemsOf.get(p)
    if (list) list.push(i)
    else itemsOf.set(p, [i])
  })

  // IDF over the prose statements given (a persona opening with all its
  // words, not only its role's); code never contributes words.
  const termLists: [string[], number][] = []
  for (const [p, list] of itemsOf) {
    if (p.cls === 'exact') continue
    termLists.push([p.persona ? personaTerms(items[list[0]!]!.text) : p.terms, list.length])
  }
  const weigh = memoWeigh(countedCorpus(termLists))

  // Statements with equal profiles behave identically: one node each, nodes
  // numbered in key order so that nothing depends on input order.
  const byKey = new Map<string, number[]>()
  for (const [p, list] of itemsOf) {
    // Prose with no terms at all ("---") is only ever equal to the same text.
    const k = p.cls !== 'exact' && p.terms.length === 0 ? 'empty\u0000' + items[list[0]!]!.text.trim() : profileKey(p)
    const known = byKey.get(k)
    // Different texts can have equal profiles: their items join one node.
    byKey.set(k, known ? mergeSorted(known, list) : list)
  }
  const keys = [...byKey.keys()].sort()
  const nodeItems = keys.map((k) => byKey.get(k)!)
  const reps = nodeItems.map((m) => firstByText(m, items))
  const nodeProfiles = reps.map((r) => profiles[r]!)
  const nodeWeights = nodeProfiles.map((p) => weightsOf(p, weigh))

  const blockNodes: BlockNode[] = nodeProfiles.map((p) => ({
    ...blockingView(p, weigh, threshold),
    partition: p.cls + (p.persona ? ':persona' : ''),
  }))
  const edges: (Edge & { shared: string[]; note?: string })[] = []
  forEachCandidate(blockNodes, weigh, { threshold }, (x, y) => {
    const c = duplicatePair(nodeProfiles[x]!, nodeWeights[x]!, nodeProfiles[y]!, nodeWeights[y]!, weigh, threshold)
    if (c) edges.push({ a: x, b: y, score: c.score, shared: c.shared, ...(c.note ? { note: c.note } : {}) })
  })
  edges.sort((e, f) => f.score - e.score || e.a - f.a || e.b - f.b)

  const pairScore = (x: number, y: number): number | undefined =>
    linkScore(nodeProfiles[x]!, nodeWeights[x]!, nodeProfiles[y]!, nodeWeights[y]!, weigh)
  const { clusters, merges } = clusterNodes(keys.length, edges, pairScore, { threshold })

  const groups = clusters
    .map((nodes) => nodes.flatMap((n) => nodeItems[n]!).sort((a, b) => a - b))
    .sort((g, h) => g[0]! - h[0]!)

  const reasons: PairReason[] = []
  nodeItems.forEach((members, n) => {
    const rep = reps[n]!
    const p = nodeProfiles[n]!
    for (const m of members) {
      if (m === rep) continue
      const note = p.cls === 'exact' ? 'identical code' : 'same terms'
      reasons.push(pairReason(rep, m, 1, p.terms, note))
    }
  })
  for (const e of merges as (Edge & { shared: string[]; note?: string })[]) {
    reasons.push(pairReason(reps[e.a]!, reps[e.b]!, e.score, e.shared, e.note))
  }
  reasons.sort((r, s) => r.a - s.a || r.b - s.b)
  return { groups, reasons }
}

function pairReason(x: number, y: number, score: number, shared: string[], note?: string): PairReason {
  const [a, b] = x < y ? [x, y] : [y, x]
  const r: PairReason = { a, b, score: Math.round(score * 1000) / 1000, shared: [...shared] }
  if (note) r.note = note
  return r
}
