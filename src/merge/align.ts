// Section alignment: which sections of different files cover the same topic.
// Every section of every file (below the root and a file's title wrapper)
// is a unit; two units of different files are compared on their titles
// (IDF-weighted overlap of section-key words) and on their content (Dice
// overlap of the duplicate groups of the statements under them). Candidate
// pairs come from inverted indexes over key words and groups, each posting
// list walked in content order with a bounded window, so the work is linear
// in the number of sections. Pairs are joined best first, and two clusters
// join only when no file has a section in both. Then each cluster gets a
// parent by majority of its members' parents.
import type { Section } from '../model.js'

export interface Unit {
  id: number
  agent: number
  section: Section
  /** The parent unit, or -1 for the file's root (or title wrapper). */
  parent: number
  /** Position in the parent's body, (index + 0.5) / length. */
  pos: number
  /** Content terms of the title (see titleWords in body.ts), unique. */
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

/** A word list with what wordScore needs of it computed once: the words as numbers, their weights and total. */
interface Words {
  ids: Int32Array
  weights: Float64Array
  total: number
}

/** Numbers words for Words; one numbering per alignment. */
type WordIds = Map<string, number>

function wordsOf(list: readonly string[], numbering: WordIds): Words {
  const ids = new Int32Array(list.length)
  const weights = new Float64Array(list.length)
  let total = 0
  list.forEach((w, i) => {
    let id = numbering.get(w)
    if (id === undefined) numbering.set(w, (id = numbering.size))
    ids[i] = id
    weights[i] = weight(w)
    total += weights[i]!
  })
  return { ids, weights, total }
}

/** Weighted Jaccard of two word lists, scaled down when they share less than one topic word. */
function wordScore(a: Words, b: Words): number {
  const x = a.ids
  const y = b.ids
  if (x.length === 0 || y.length === 0) return 0
  let shared = 0
  // Titles have a few words: a scan beats a set.
  for (let i = 0; i < x.length; i++) {
    const w = x[i]!
    for (let j = 0; j < y.length; j++) {
      if (y[j] === w) {
        shared += a.weights[i]!
        break
      }
    }
  }
  const union = a.total + b.total - shared
  return union === 0 ? 0 : (shared / union) * Math.min(1, shared)
}

/** What pairScore reads of a unit, computed once per unit (one shape for all units). */
interface Scored {
  /** The section key, or null for an empty key (which equals nothing). */
  key: string | null
  words: Words
  keyWords: Words
  /** The unit's duplicate groups, ascending. */
  groups: Int32Array
}

/**
 * Title score: the mean of the word score on the titles' content terms (as
 * the similarity module reads them: synonyms joined, so `Optimization` is
 * `perf`) and on their key words (as written, stemmed); 1 for equal keys.
 */
function titleScore(a: Scored, b: Scored): number {
  if (a.key !== null && a.key === b.key) return 1
  return (wordScore(a.words, b.words) + wordScore(a.keyWords, b.keyWords)) / 2
}

/** Dice overlap of the duplicate groups under two units. */
function contentScore(a: Scored, b: Scored): number {
  const x = a.groups
  const y = b.groups
  if (x.length === 0 || y.length === 0) return 0
  let shared = 0
  let i = 0
  let j = 0
  while (i < x.length && j < y.length) {
    const d = x[i]! - y[j]!
    if (d === 0) {
      shared++
      i++
      j++
    } else if (d < 0) i++
    else j++
  }
  return (2 * shared) / (x.length + y.length)
}

const scoredOf = (u: Unit, numbering: WordIds = new Map()): Scored => ({
  key: u.section.key === '' ? null : u.section.key,
  words: wordsOf(u.words, numbering),
  keyWords: wordsOf(u.keyWords, numbering),
  groups: Int32Array.from(u.groups).sort(),
})

function scorePair(a: Scored, b: Scored): number {
  const t = titleScore(a, b)
  const c = contentScore(a, b)
  return t + c - t * c
}

/** Title and content evidence combined as independent signals: t + c - t*c. */
export function pairScore(a: Unit, b: Unit): number {
  const numbering: WordIds = new Map()
  return scorePair(scoredOf(a, numbering), scoredOf(b, numbering))
}

/** Clusters units across files; returns clusters in content order with parents set. */
export function alignUnits(units: Unit[]): Cluster[] {
  const byRank = (x: number, y: number) => units[x]!.rank - units[y]!.rank || x - y
  // Candidate pairs: units sharing a key word or a duplicate group.
  const postings = new Map<string, number[]>()
  const post = (key: string, id: number) => {
    const list = postings.get(key)
    if (list) list.push(id)
    else postings.set(key, [id])
  }
  for (const u of units) {
    for (const w of u.words) post('w' + w, u.id)
    for (const g of u.groups) post('g' + g, u.id)
  }
  const numbering: WordIds = new Map()
  const scored = units.map((u) => scoredOf(u, numbering))
  // Each pair of units within the window of each other in some posting
  // list, once. Lists are in rank order, so a pair is always scored from its
  // lower-ranked unit; where each unit stands in each list is gathered
  // first, then each unit's partners are walked with a stamp per partner.
  const n = units.length
  const lists: number[][] = []
  const starts = new Int32Array(n + 1)
  for (const list of postings.values()) {
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
  const stamp = new Int32Array(n).fill(-1)
  const edges: Array<{ a: number; b: number; score: number; lo: number; hi: number }> = []
  for (let a = 0; a < n; a++) {
    const agent = units[a]!.agent
    for (let k = starts[a]!; k < starts[a + 1]!; k++) {
      const list = lists[whereList[k]!]!
      const i = wherePos[k]!
      const end = Math.min(list.length - 1, i + ALIGN.window)
      for (let j = i + 1; j <= end; j++) {
        const b = list[j]!
        if (stamp[b] === a || agent === units[b]!.agent) continue
        stamp[b] = a
        const score = scorePair(scored[a]!, scored[b]!)
        if (score < ALIGN.threshold) continue
        const ra = units[a]!.rank
        const rb = units[b]!.rank
        edges.push(a < b ? { a, b, score, lo: ra, hi: rb } : { a: b, b: a, score, lo: ra, hi: rb })
      }
    }
  }
  edges.sort((e, f) => f.score - e.score || e.lo - f.lo || e.hi - f.hi || e.a - f.a || e.b - f.b)

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
        const s = scorePair(scored[x]!, scored[y]!)
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
  for (const e of edges) {
    const ra = find(e.a)
    const rb = find(e.b)
    if (ra === rb) continue
    const A = agents[ra]!
    const B = agents[rb]!
    const [small, large] = A.size <= B.size ? [A, B] : [B, A]
    let clash = false
    for (const x of small) if (large.has(x)) { clash = true; break }
    if (clash) continue
    if (!compatible(ra, rb)) continue
    const [keep, drop] = A.size >= B.size ? [ra, rb] : [rb, ra]
    parent[drop] = keep
    for (const x of agents[drop]!) agents[keep]!.add(x)
    agents[drop] = new Set()
    members[keep] = members[keep]!.concat(members[drop]!)
    members[drop] = []
    ranked[keep] = mergeRanked(ranked[keep]!, ranked[drop]!)
    ranked[drop] = []
  }

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

  // Parents by majority of the members' parents; ties to the earlier cluster,
  // the root first. A choice that would make a cycle falls to the next.
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
  return clusters
}
