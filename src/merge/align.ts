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

/** Weighted Jaccard of two word lists, scaled down when they share less than one topic word. */
function wordScore(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0
  const bs = new Set(b)
  let shared = 0
  let wa = 0
  let wb = 0
  for (const w of a) {
    wa += weight(w)
    if (bs.has(w)) shared += weight(w)
  }
  for (const w of b) wb += weight(w)
  const union = wa + wb - shared
  return union === 0 ? 0 : (shared / union) * Math.min(1, shared)
}

/**
 * Title score: the mean of the word score on the titles' content terms (as
 * the similarity module reads them: synonyms joined, so `Optimization` is
 * `perf`) and on their key words (as written, stemmed); 1 for equal keys.
 */
function titleScore(a: Unit, b: Unit): number {
  if (a.section.key !== '' && a.section.key === b.section.key) return 1
  return (wordScore(a.words, b.words) + wordScore(a.keyWords, b.keyWords)) / 2
}

function contentScore(a: Unit, b: Unit): number {
  if (a.groups.size === 0 || b.groups.size === 0) return 0
  const [small, large] = a.groups.size <= b.groups.size ? [a.groups, b.groups] : [b.groups, a.groups]
  let shared = 0
  for (const g of small) if (large.has(g)) shared++
  return (2 * shared) / (a.groups.size + b.groups.size)
}

/** Title and content evidence combined as independent signals: t + c - t*c. */
export function pairScore(a: Unit, b: Unit): number {
  const t = titleScore(a, b)
  const c = contentScore(a, b)
  return t + c - t * c
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
  const seen = new Set<number>()
  const n = units.length
  const edges: Array<{ a: number; b: number; score: number }> = []
  for (const list of postings.values()) {
    if (list.length < 2) continue
    list.sort(byRank)
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && j <= i + ALIGN.window; j++) {
        const a = list[i]!
        const b = list[j]!
        if (units[a]!.agent === units[b]!.agent) continue
        const key = a < b ? a * n + b : b * n + a
        if (seen.has(key)) continue
        seen.add(key)
        const score = pairScore(units[a]!, units[b]!)
        if (score >= ALIGN.threshold) edges.push(a < b ? { a, b, score } : { a: b, b: a, score })
      }
    }
  }
  const lo = (e: { a: number; b: number }) => Math.min(units[e.a]!.rank, units[e.b]!.rank)
  const hi = (e: { a: number; b: number }) => Math.max(units[e.a]!.rank, units[e.b]!.rank)
  edges.sort((e, f) => f.score - e.score || lo(e) - lo(f) || hi(e) - hi(f) || e.a - f.a || e.b - f.b)

  // Join best first; a cluster never holds two sections of one file.
  const parent = units.map((u) => u.id)
  const agents = units.map((u) => new Set([u.agent]))
  const members = units.map((u) => [u.id])
  // No chaining: every (sampled) pair across two clusters must look alike
  // and their mean must reach the threshold.
  const spread = (xs: number[]) => {
    if (xs.length <= ALIGN.sample) return xs
    const sorted = xs.slice().sort(byRank)
    return Array.from({ length: ALIGN.sample }, (_, i) => sorted[Math.floor((i * sorted.length) / ALIGN.sample)]!)
  }
  const compatible = (A: number[], B: number[]): boolean => {
    let sum = 0
    let count = 0
    for (const x of spread(A)) {
      for (const y of spread(B)) {
        const s = pairScore(units[x]!, units[y]!)
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
    if (!compatible(members[ra]!, members[rb]!)) continue
    const [keep, drop] = A.size >= B.size ? [ra, rb] : [rb, ra]
    parent[drop] = keep
    for (const x of agents[drop]!) agents[keep]!.add(x)
    agents[drop] = new Set()
    members[keep] = members[keep]!.concat(members[drop]!)
    members[drop] = []
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
