// The N-way entry point of the alignment engine: which sections of many
// inputs are the same section, for the merge. Every section of every input
// is a unit; two units of different inputs are scored by the engine's one
// measure (score.ts: title and content, t + c - t*c). Candidate pairs come
// from inverted indexes over title words and content ids, each posting list
// walked in rank order within a bounded window, so the work is linear in the
// number of sections. Units align only with units of the same shape. Pairs
// reaching SECTION_SCORE join best first; two clusters join only when no
// input has a section in both and they look alike throughout (no chaining).
// Each cluster's parent is the cluster most of its members' parents are in,
// or, with a base input, the cluster its base member's parent is in.
import { combine, SectionScorer, type Scored } from './score.js'
import { CLUSTER_SAMPLE, LINK_RATIO, POSTING_WINDOW, SECTION_SCORE, TITLE_ONLY_SCORE } from './thresholds.js'

/** One section of one input, as the clustering reads it. */
export interface SectionUnit extends Scored {
  /** The input it is a section of: a cluster holds at most one section of each input. */
  input: number
  /** The unit of its parent section, or -1 at the input's top. */
  parent: number
  /** Units align only with units of the same shape (the merge: sections, blocks, titled list items that open with a lead). */
  shape: number
  /** Its content rank, unique: ties are broken by it, never by the order of the units. */
  rank: number
  content: ReadonlySet<number>
  /** Links on its title alone only to a unit of the same key (a block, whose title is its lead-in: two lead-ins that differ head two lists). */
  keyOnly?: boolean
  /**
   * Another shape it aligns with, on a title equal to its own alone (the
   * same `titleWords`): a lead-in block with a heading section of its title.
   */
  meets?: number
  /** Its title word for word, case, accents, punctuation, "and" and stems aside: what a unit that meets it must have. */
  titleWords?: string
  /**
   * A block standing right in a heading of its own title: that heading's
   * list. It links on its title only to another such list; to any other
   * unit on what they hold in common alone (see linkScore).
   */
  headingList?: boolean
}

/** Sections of different inputs found to be the same section. */
export interface SectionCluster {
  id: number
  /** Unit indices, in rank order. */
  members: number[]
  /** The parent cluster, or -1 for the top. */
  parent: number
  /** Smallest member rank: a content order of clusters. */
  rank: number
}

/**
 * The candidate pairs (units within POSTING_WINDOW of each other in the list
 * of a title word or a duplicate group they share) that score at least the
 * threshold, by score (best first), each as lo * n + hi of its places in rank
 * order.
 */
function candidateEdges(units: readonly SectionUnit[], scorer: SectionScorer, alike: (a: number, b: number) => boolean, byRank: (x: number, y: number) => number): { byScore: Map<number, number[]>; scores: number[]; unitAt: number[] } {
  // Candidate pairs: units sharing a title word or a duplicate group. (Which
  // list a pair is found in does not matter: each pair is scored once.)
  const byWord = new Map<string, number[]>()
  const byGroup = new Map<number, number[]>()
  const post = <K>(postings: Map<K, number[]>, key: K, id: number) => {
    const list = postings.get(key)
    if (list) list.push(id)
    else postings.set(key, [id])
  }
  units.forEach((u, id) => {
    for (const w of u.words) post(byWord, w, id)
    for (const g of u.content) post(byGroup, g, id)
  })
  // Each pair of units within the window of each other in some posting
  // list, once. Lists are in rank order, so a pair is always scored from its
  // lower-ranked unit; where each unit stands in each list is gathered
  // first, then each unit's partners are walked with a stamp per partner.
  const n = units.length
  const lists: number[][] = []
  const starts = new Int32Array(n + 1)
  for (const list of [...byWord.values(), ...byGroup.values()]) {
    if (list.length < 2) continue
    list.sort(byRank)
    lists.push(list)
    for (let i = 0; i < list.length - 1; i++) starts[list[i]! + 1]!++
  }
  for (let u = 0; u < n; u++) starts[u + 1]! += starts[u]!
  const fill = starts.slice(0, n)
  const whereList = new Int32Array(starts[n]!)
  const wherePos = new Int32Array(starts[n]!)
  lists.forEach((list, l) => {
    for (let i = 0; i < list.length - 1; i++) {
      const u = list[i]!
      const k = fill[u]!++
      whereList[k] = l
      wherePos[k] = i
    }
  })
  // Edges (pairs scoring at least the threshold) are taken best first, ties
  // by the ranks of their units (lower rank first, then higher rank; a pair
  // of ranks names one pair). They are kept by score, each as the number
  // lo * n + hi of its two places in rank order, and walked in that order.
  const unitAt = units.map((_, id) => id).sort(byRank)
  const place = new Int32Array(n)
  unitAt.forEach((id, p) => (place[id] = p))
  const byScore = new Map<number, number[]>()
  const stamp = new Int32Array(n).fill(-1)
  // Each partner's file, read from one flat array in the hot loop below.
  const agentOf = Int32Array.from(units, (u) => u.input)
  const blockOf = Int32Array.from(units, (u) => u.shape)
  const meetsOf = Int32Array.from(units, (u) => u.meets ?? -1)
  for (let a = 0; a < n; a++) {
    const agent = agentOf[a]!
    for (let k = starts[a]!; k < starts[a + 1]!; k++) {
      const list = lists[whereList[k]!]!
      const i = wherePos[k]!
      const end = Math.min(list.length - 1, i + POSTING_WINDOW)
      for (let j = i + 1; j <= end; j++) {
        const b = list[j]!
        if (stamp[b] === a || agent === agentOf[b]) continue
        if (blockOf[a] !== blockOf[b] && meetsOf[a] !== blockOf[b] && meetsOf[b] !== blockOf[a]) continue
        stamp[b] = a
        const score = linkScore(scorer, units, alike, a, b)
        if (score < SECTION_SCORE) continue
        const pairs = byScore.get(score)
        const key = place[a]! * n + place[b]!
        if (pairs) pairs.push(key)
        else byScore.set(score, [key])
      }
    }
  }
  const scores = [...byScore.keys()].sort((x, y) => y - x)
  return { byScore, scores, unitAt }
}

/**
 * The score two units link on in a merge. Sections that hold no statement in
 * common link on their titles only when the titles are equal or near equal
 * (TITLE_ONLY_SCORE; equal keys for a unit that asks it) and the sections
 * stand in like places (`alike`, placesAlike: "Testing" under "Tool
 * Preferences" is not "Testing Methodology" under "Development Principles").
 */
function linkScore(scorer: SectionScorer, units: readonly SectionUnit[], alike: (a: number, b: number) => boolean, a: number, b: number): number {
  if (units[a]!.shape !== units[b]!.shape) return meetScore(scorer, units, alike, a, b)
  const content = scorer.content(a, b)
  // A heading's own list and another block of its title: merged again with
  // an input, the input's block is to meet the heading (and be written in
  // that list), not join the list inside it and leave the heading apart.
  // Two headings' own lists are one list.
  if ((units[a]!.headingList === true) !== (units[b]!.headingList === true)) return content > 0 ? combine(0, content) : 0
  const score = combine(scorer.title(a, b), content)
  if (content > 0) return score
  if (!scorer.sameKey(a, b) && (score < TITLE_ONLY_SCORE || units[a]!.keyOnly === true || units[b]!.keyOnly === true)) return 0
  // Equal titles too: "### Security" of a pre-delivery checklist is not "### Security" of best practices.
  return alike(a, b) ? score : 0
}

/**
 * The score two units of different shapes link on (SectionUnit.meets): only
 * on equal titles, in like places whatever they hold in common (the joined
 * section is written where the heading stands, and a block inside a phase
 * would leave its run), with their title weighed as TITLE_ONLY_SCORE, so
 * that a unit of the same shape and title is joined first.
 */
function meetScore(scorer: SectionScorer, units: readonly SectionUnit[], alike: (a: number, b: number) => boolean, a: number, b: number): number {
  const [x, y] = [units[a]!, units[b]!]
  if ((x.meets !== y.shape && y.meets !== x.shape) || x.titleWords === undefined || x.titleWords !== y.titleWords || !alike(a, b)) return 0
  return combine(TITLE_ONLY_SCORE, scorer.content(a, b))
}

/**
 * Whether two units stand in like places: both at the top, under parents
 * alike themselves, or one at the top and the other under a top section
 * that nothing at the top of the first's input is like: a level one author
 * added over what the other writes at the top (lst97's "## Core Principles"
 * over "### Success Metrics", where wshobson writes "## Success Metrics").
 */
function placesAlike(scorer: SectionScorer, units: readonly SectionUnit[]): (a: number, b: number) => boolean {
  const tops = new Map<number, number[]>()
  units.forEach((u, id) => {
    if (u.parent !== -1) return
    const list = tops.get(u.input)
    if (list) list.push(id)
    else tops.set(u.input, [id])
  })
  const added = new Map<number, boolean>()
  // Inputs are numbered from 0; one without sections has no unit, so the count is the largest number's.
  const inputs = units.reduce((n, u) => Math.max(n, u.input + 1), 0)
  const addedLevel = (p: number, input: number): boolean => {
    if (units[p]!.parent !== -1) return false
    const key = p * inputs + input
    let v = added.get(key)
    if (v === undefined) added.set(key, (v = !(tops.get(input) ?? []).some((u) => scorer.score(p, u) >= SECTION_SCORE)))
    return v
  }
  return (a, b) => {
    const pa = units[a]!.parent
    const pb = units[b]!.parent
    if (pa === -1 && pb === -1) return true
    if (pa === -1) return addedLevel(pb, units[a]!.input)
    if (pb === -1) return addedLevel(pa, units[b]!.input)
    return scorer.score(pa, pb) >= SECTION_SCORE
  }
}

/** Joins units into clusters, best pair first, no file twice in a cluster, no chaining; returns each unit's root. */
function joinUnits(units: readonly SectionUnit[], scorer: SectionScorer, byRank: (x: number, y: number) => number): (x: number) => number {
  const alike = placesAlike(scorer, units)
  const { byScore, scores, unitAt } = candidateEdges(units, scorer, alike, byRank)
  const n = units.length
  // Join best first; a cluster never holds two sections of one file.
  const parent = units.map((_, id) => id)
  const agents = units.map((u) => new Set([u.input]))
  // Each cluster's members in the order they joined (sampled as they are
  // while few) and in rank order (sampled evenly once many).
  const members = units.map((_, id) => [id])
  const ranked = units.map((_, id) => [id])
  const mergeRanked = (x: number[], y: number[]): number[] => {
    const out = new Array<number>(x.length + y.length)
    let i = 0
    let j = 0
    let k = 0
    while (i < x.length && j < y.length) out[k++] = byRank(x[i]!, y[j]!) <= 0 ? x[i++]! : y[j++]!
    while (i < x.length) out[k++] = x[i++]!
    while (j < y.length) out[k++] = y[j++]!
    return out
  }
  // No chaining: every (sampled) pair across two clusters must look alike
  // and their mean must reach the threshold.
  const spread = (root: number): number[] => {
    const xs = members[root]!
    if (xs.length <= CLUSTER_SAMPLE) return xs
    const sorted = ranked[root]!
    return Array.from({ length: CLUSTER_SAMPLE }, (_, i) => sorted[Math.floor((i * sorted.length) / CLUSTER_SAMPLE)]!)
  }
  const compatible = (ra: number, rb: number): boolean => {
    let sum = 0
    let count = 0
    const B = spread(rb)
    for (const x of spread(ra)) {
      for (const y of B) {
        const s = linkScore(scorer, units, alike, x, y)
        if (s < LINK_RATIO * SECTION_SCORE) return false
        sum += s
        count++
      }
    }
    return sum / count >= SECTION_SCORE
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  const join = (a: number, b: number): void => {
    const ra = find(a)
    const rb = find(b)
    if (ra === rb) return
    const A = agents[ra]!
    const B = agents[rb]!
    const [small, large] = A.size <= B.size ? [A, B] : [B, A]
    for (const x of small) if (large.has(x)) return
    if (!compatible(ra, rb)) return
    const [keep, drop] = A.size >= B.size ? [ra, rb] : [rb, ra]
    parent[drop] = keep
    for (const x of agents[drop]!) agents[keep]!.add(x)
    agents[drop] = new Set()
    members[keep] = members[keep]!.concat(members[drop]!)
    members[drop] = []
    ranked[keep] = mergeRanked(ranked[keep]!, ranked[drop]!)
    ranked[drop] = []
  }
  for (const score of scores) {
    const keys = Float64Array.from(byScore.get(score)!).sort()
    for (const key of keys) {
      const lo = Math.floor(key / n)
      const u = unitAt[lo]!
      const v = unitAt[key - lo * n]!
      if (u < v) join(u, v)
      else join(v, u)
    }
  }
  return find
}

/**
 * Clusters the sections of N inputs: which sections of different inputs are
 * the same section. Returns the clusters in content order (by their
 * smallest member rank), each with its parent cluster, and each unit's
 * cluster. The result does not depend on the order of the units, only on
 * their content and ranks. `base` is the input whose structure wins (the
 * merge's `--base`), or -1.
 */
export function clusterSections(units: readonly SectionUnit[], base = -1): { clusters: SectionCluster[]; clusterOf: number[] } {
  const byRank = (x: number, y: number) => units[x]!.rank - units[y]!.rank || x - y
  const find = joinUnits(units, new SectionScorer(units), byRank)
  const byRoot = new Map<number, number[]>()
  units.forEach((_, id) => {
    const r = find(id)
    const list = byRoot.get(r)
    if (list) list.push(id)
    else byRoot.set(r, [id])
  })
  const clusters: SectionCluster[] = [...byRoot.values()]
    .map((members) => members.sort(byRank))
    .sort((x, y) => byRank(x[0]!, y[0]!))
    .map((members, id) => ({ id, members, parent: -1, rank: units[members[0]!]!.rank }))
  const clusterOf = new Array<number>(units.length).fill(-1)
  for (const c of clusters) for (const m of c.members) clusterOf[m] = c.id
  setParents(clusters, units, clusterOf, base)
  return { clusters, clusterOf }
}

/**
 * Parents by majority of the members' parents (a unit that joined units of
 * the shape it meets leaving the vote to them); ties to the earlier
 * cluster, the root first. A cluster holding a section of the `base` input
 * stands where the base has it, under its parent's cluster, whatever the
 * others vote: the base's structure wins, and its subsection joined with
 * another input's top section had been written at the top, out of its
 * parent. A choice that would make a cycle falls to the next.
 */
function setParents(clusters: SectionCluster[], units: readonly SectionUnit[], clusterOf: readonly number[], base: number): void {
  const assigned = new Array<boolean>(clusters.length).fill(false)
  const ancestorOrSelf = (start: number, target: number): boolean => {
    for (let x = start; x !== -1; x = assigned[x] ? clusters[x]!.parent : -1) if (x === target) return true
    return false
  }
  for (const c of clusters) {
    const votes = new Map<number, number>()
    // A unit that met another shape's units on its title is written in their form, and where they stand.
    const met = new Set(c.members.map((m) => units[m]!.shape))
    for (const m of c.members) {
      const meets = units[m]!.meets
      if (meets !== undefined && met.has(meets)) continue
      const p = units[m]!.parent
      const pc = p === -1 ? -1 : clusterOf[p]!
      votes.set(pc, (votes.get(pc) ?? 0) + 1)
    }
    const choices = [...votes.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])
    const own = c.members.find((m) => units[m]!.input === base)
    if (own !== undefined) {
      const p = units[own]!.parent
      choices.unshift([p === -1 ? -1 : clusterOf[p]!, 0])
    }
    c.parent = -1
    for (const [pc] of choices) {
      if (pc === -1 || !ancestorOrSelf(pc, c.id)) {
        c.parent = pc
        break
      }
    }
    assigned[c.id] = true
  }
}
