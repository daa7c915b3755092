// Section alignment: which sections of different files cover the same topic.
// Every section of every file (below the root and a file's title wrapper)
// is a unit; two units of different files are compared on their titles
// (IDF-weighted overlap of section-key words) and on their content (Dice
// overlap of the duplicate groups of the statements under them). Candidate
// pairs come from inverted indexes over key words and groups, each posting
// list walked in content order with a bounded window, so the work is linear
// in the number of sections. A block (units.ts) pairs only with blocks. Pairs are joined best first, and two clusters
// join only when no file has a section in both. Then each cluster gets a
// parent by majority of its members' parents.
import type { Section, Statement } from '../model.js'

export interface Unit {
  id: number
  agent: number
  section: Section
  /** The parent unit, or -1 for the file's root (or title wrapper). */
  parent: number
  /** Position in the parent's body, (index + 0.5) / length. */
  pos: number
  /** Content terms of the title (see titleWords in wording.ts), unique. */
  words: string[]
  /** Words of the section key, unique. */
  keyWords: string[]
  /** Duplicate groups of every statement under the section. */
  groups: Set<number>
  /** Whether the section had any statement or subsection. */
  content: boolean
  /** Content rank: unique; by titles and statements, then path and line. */
  rank: number
  cluster: number
  /** For a block (a lead-in paragraph and its list): the lead-in. Blocks align only with blocks. */
  lead?: Statement
}

export interface Cluster {
  id: number
  members: number[]
  /** The parent cluster, or -1 for the root. */
  parent: number
  /** Smallest member rank: a content order of clusters. */
  rank: number
}

/** Tuning, see docs/merge.md. */
export const ALIGN = {
  /** Minimum pair score to align two sections. */
  threshold: 0.5,
  /** Every pair across two clusters that join must reach this fraction of the threshold. */
  linkRatio: 0.8,
  /** Pairs checked per side when two large clusters join (an evenly spread sample). */
  sample: 8,
  /** Neighbours each unit is paired with in one posting list. */
  window: 32,
}

/**
 * Title words that name no topic by themselves ("Development Principles",
 * "Core Expertise"): they count a fifth of a topic word, so two titles that
 * share only such words do not align on their titles.
 */
export const GENERIC_TITLE_WORDS: ReadonlySet<string> = new Set([
  'dev', 'develop', 'core', 'key', 'main', 'gener', 'principl', 'approach', 'process', 'expertis', 'expert',
  'masteri', 'master', 'capabl', 'fundament', 'overview', 'guid', 'guidelin', 'practic', 'best', 'standard',
  'methodolog', 'method', 'techniqu', 'strategi', 'pattern', 'skill', 'area', 'focu', 'respons', 'technic',
  'profici', 'knowledg', 'stanc', 'prefer', 'philosophi',
])

const weight = (w: string): number => (GENERIC_TITLE_WORDS.has(w) ? 0.2 : 1)

/**
 * What a pair's score reads of units, numbered and laid out flat once per
 * alignment (a million pairs are scored over 1,000 files): per unit its
 * section key as a number (-1 for an empty key, which equals nothing), its
 * title words and key words as numbers with their weights and totals, and
 * its duplicate groups in ascending order, each list a range of one array.
 */
class Scorer {
  private readonly key: Int32Array
  /** Unit u's title words are ids[wordAt[2u] .. wordAt[2u+1]), its key words ids[wordAt[2u+1] .. wordAt[2u+2]). */
  private readonly wordAt: Int32Array
  private readonly ids: Int32Array
  private readonly weights: Float64Array
  /** Total weight of unit u's title words (2u) and key words (2u+1), summed in list order. */
  private readonly totals: Float64Array
  private readonly groupAt: Int32Array
  private readonly groups: Int32Array

  constructor(units: readonly Unit[]) {
    const numbers = new Map<string, number>()
    const numberOf = (text: string): number => {
      let id = numbers.get(text)
      if (id === undefined) numbers.set(text, (id = numbers.size))
      return id
    }
    const n = units.length
    this.key = new Int32Array(n)
    this.wordAt = new Int32Array(2 * n + 1)
    this.totals = new Float64Array(2 * n)
    this.groupAt = new Int32Array(n + 1)
    let words = 0
    let groups = 0
    for (const u of units) {
      words += u.words.length + u.keyWords.length
      groups += u.groups.size
    }
    this.ids = new Int32Array(words)
    this.weights = new Float64Array(words)
    this.groups = new Int32Array(groups)
    let w = 0
    let g = 0
    units.forEach((u, i) => {
      // Keys apart from words: a key and a word never share a number.
      this.key[i] = u.section.key === '' ? -1 : numberOf('\u0000' + u.section.key)
      w = this.putWords(u.words, 2 * i, w, numberOf)
      w = this.putWords(u.keyWords, 2 * i + 1, w, numberOf)
      this.groupAt[i] = g
      for (const group of u.groups) this.groups[g++] = group
      this.groups.subarray(this.groupAt[i], g).sort()
    })
    this.wordAt[2 * n] = w
    this.groupAt[n] = g
  }

  /** Lays out one word list (slot 2u or 2u+1) from ids[w]; returns where the next starts. */
  private putWords(list: readonly string[], slot: number, w: number, numberOf: (text: string) => number): number {
    this.wordAt[slot] = w
    let total = 0
    for (const word of list) {
      this.ids[w] = numberOf(word)
      total += this.weights[w] = weight(word)
      w++
    }
    this.totals[slot] = total
    return w
  }

  /**
   * Weighted Jaccard of two word lists (slots 2u or 2u+1), scaled down when
   * they share less than one topic word.
   */
  private words(a: number, b: number): number {
    const a0 = this.wordAt[a]!
    const a1 = this.wordAt[a + 1]!
    const b0 = this.wordAt[b]!
    const b1 = this.wordAt[b + 1]!
    if (a0 === a1 || b0 === b1) return 0
    const ids = this.ids
    let shared = 0
    // Titles have a few words: a scan beats a set.
    for (let i = a0; i < a1; i++) {
      const w = ids[i]!
      for (let j = b0; j < b1; j++) {
        if (ids[j] === w) {
          shared += this.weights[i]!
          break
        }
      }
    }
    const union = this.totals[a]! + this.totals[b]! - shared
    return union === 0 ? 0 : (shared / union) * Math.min(1, shared)
  }

  /**
   * Title score: the mean of the word score on the titles' content terms (as
   * the similarity module reads them: synonyms joined, so `Optimization` is
   * `perf`) and on their key words (as written, stemmed); 1 for equal keys.
   */
  private title(a: number, b: number): number {
    const key = this.key[a]!
    if (key !== -1 && key === this.key[b]) return 1
    return (this.words(2 * a, 2 * b) + this.words(2 * a + 1, 2 * b + 1)) / 2
  }

  /** Dice overlap of the duplicate groups under two units. */
  private content(a: number, b: number): number {
    const groups = this.groups
    let i = this.groupAt[a]!
    const i1 = this.groupAt[a + 1]!
    let j = this.groupAt[b]!
    const j1 = this.groupAt[b + 1]!
    const sizes = i1 - i + (j1 - j)
    if (i === i1 || j === j1) return 0
    let shared = 0
    while (i < i1 && j < j1) {
      const d = groups[i]! - groups[j]!
      if (d === 0) {
        shared++
        i++
        j++
      } else if (d < 0) i++
      else j++
    }
    return (2 * shared) / sizes
  }

  /** Title and content evidence combined as independent signals: t + c - t*c. */
  score(a: number, b: number): number {
    const t = this.title(a, b)
    const c = this.content(a, b)
    return t + c - t * c
  }
}

/** Every pair of units scoring at least the threshold, by score (best first), each as lo * n + hi of its places in rank order. */
function candidateEdges(units: Unit[], scorer: Scorer, byRank: (x: number, y: number) => number): { byScore: Map<number, number[]>; scores: number[]; unitAt: number[] } {
  // Candidate pairs: units sharing a key word or a duplicate group. (Which
  // list a pair is found in does not matter: each pair is scored once.)
  const byWord = new Map<string, number[]>()
  const byGroup = new Map<number, number[]>()
  const post = <K>(postings: Map<K, number[]>, key: K, id: number) => {
    const list = postings.get(key)
    if (list) list.push(id)
    else postings.set(key, [id])
  }
  for (const u of units) {
    for (const w of u.words) post(byWord, w, u.id)
    for (const g of u.groups) post(byGroup, g, u.id)
  }
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
  const unitAt = units.map((u) => u.id).sort(byRank)
  const place = new Int32Array(n)
  unitAt.forEach((id, p) => (place[id] = p))
  const byScore = new Map<number, number[]>()
  const stamp = new Int32Array(n).fill(-1)
  // Each partner's file, read from one flat array in the hot loop below.
  const agentOf = Int32Array.from(units, (u) => u.agent)
  // Shapes never align with each other: a block; a list item whose title runs
  // on into a lead ("**API**: Create services:"), which a heading cannot write; any other section.
  const blockOf = Uint8Array.from(units, (u) => (u.lead ? 1 : u.section.body[0]?.type === 'statement' && u.section.body[0].kind === 'lead' ? 2 : 0))
  for (let a = 0; a < n; a++) {
    const agent = agentOf[a]!
    for (let k = starts[a]!; k < starts[a + 1]!; k++) {
      const list = lists[whereList[k]!]!
      const i = wherePos[k]!
      const end = Math.min(list.length - 1, i + ALIGN.window)
      for (let j = i + 1; j <= end; j++) {
        const b = list[j]!
        if (stamp[b] === a || agent === agentOf[b] || blockOf[a] !== blockOf[b]) continue
        stamp[b] = a
        const score = scorer.score(a, b)
        if (score < ALIGN.threshold) continue
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

/** Joins units into clusters, best pair first, no file twice in a cluster, no chaining; returns each unit's root. */
function joinUnits(units: Unit[], scorer: Scorer, byRank: (x: number, y: number) => number): (x: number) => number {
  const { byScore, scores, unitAt } = candidateEdges(units, scorer, byRank)
  const n = units.length
  // Join best first; a cluster never holds two sections of one file.
  const parent = units.map((u) => u.id)
  const agents = units.map((u) => new Set([u.agent]))
  // Each cluster's members in the order they joined (sampled as they are
  // while few) and in rank order (sampled evenly once many).
  const members = units.map((u) => [u.id])
  const ranked = units.map((u) => [u.id])
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
    if (xs.length <= ALIGN.sample) return xs
    const sorted = ranked[root]!
    return Array.from({ length: ALIGN.sample }, (_, i) => sorted[Math.floor((i * sorted.length) / ALIGN.sample)]!)
  }
  const compatible = (ra: number, rb: number): boolean => {
    let sum = 0
    let count = 0
    const B = spread(rb)
    for (const x of spread(ra)) {
      for (const y of B) {
        const s = scorer.score(x, y)
        if (s < ALIGN.linkRatio * ALIGN.threshold) return false
        sum += s
        count++
      }
    }
    return sum / count >= ALIGN.threshold
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

/** Clusters units across files; returns clusters in content order with parents set. */
export function alignUnits(units: Unit[]): Cluster[] {
  const byRank = (x: number, y: number) => units[x]!.rank - units[y]!.rank || x - y
  const find = joinUnits(units, new Scorer(units), byRank)
  // Clusters in content order: by their smallest member rank.
  const byRoot = new Map<number, number[]>()
  for (const u of units) {
    const r = find(u.id)
    const list = byRoot.get(r)
    if (list) list.push(u.id)
    else byRoot.set(r, [u.id])
  }
  const clusters: Cluster[] = [...byRoot.values()]
    .map((members) => members.sort(byRank))
    .sort((x, y) => byRank(x[0]!, y[0]!))
    .map((members, id) => ({ id, members, parent: -1, rank: units[members[0]!]!.rank }))
  for (const c of clusters) for (const m of c.members) units[m]!.cluster = c.id
  setParents(clusters, units)
  return clusters
}

/**
 * Parents by majority of the members' parents; ties to the earlier cluster,
 * the root first. A choice that would make a cycle falls to the next.
 */
function setParents(clusters: Cluster[], units: readonly Unit[]): void {
  const assigned = new Array<boolean>(clusters.length).fill(false)
  const ancestorOrSelf = (start: number, target: number): boolean => {
    for (let x = start; x !== -1; x = assigned[x] ? clusters[x]!.parent : -1) if (x === target) return true
    return false
  }
  for (const c of clusters) {
    const votes = new Map<number, number>()
    for (const m of c.members) {
      const p = units[m]!.parent
      const pc = p === -1 ? -1 : units[p]!.cluster
      votes.set(pc, (votes.get(pc) ?? 0) + 1)
    }
    const choices = [...votes.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])
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
