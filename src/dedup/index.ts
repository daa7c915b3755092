// Duplicate statements across agent files: every statement of every agent
// goes to the similarity module as one item (its kind and plain text), and the
// groups come back as groups of statements with the reasons for each pairing.
// Merge builds on the same grouping; `agentmerge dedup` prints it. With
// `--cache` the grouping of unchanged inputs is read back (cache.ts).
// The statements are grouped, and the groups listed, in one order that the
// inputs' paths and contents decide (placeOrder), never the order the files
// were given in: the similarity breaks its ties by position.
import type { Agent, Statement } from '../model.js'
import { byCodeUnits } from '../order.js'
import { DEFAULT_EXTRA, DEFAULT_THRESHOLD, groupDuplicates, type PairReason, type SimilarityOptions } from '../similarity/index.js'
import type { ProfileMemo } from '../similarity/index.js'
import { statementsOf } from '../walk.js'
import type { GroupingCache } from './cache.js'

export { GroupingCache, groupingCacheFor } from './cache.js'

export type DedupOptions = SimilarityOptions

/** The parts of a pair's score (see PairReason). */
export type ScoreParts = NonNullable<PairReason['parts']>

/** Why two statements of a group were put together. */
export interface DedupReason {
  a: Statement
  b: Statement
  /** The similarity score (IDF-weighted Jaccard, 0..1; 1 for equal terms). */
  score: number
  /** The terms both statements have. */
  shared: string[]
  note?: string
  /** The parts of the score: tf-idf and vector similarity, the bar, shared terms with weights, rules fired. */
  parts?: ScoreParts
}

/** Statements that say the same thing, by path (code units), then document order. */
export interface DedupGroup {
  statements: Statement[]
  /** How many distinct agents (inputs) the group's statements come from. */
  agents: number
  reasons: DedupReason[]
}

export interface DedupResult {
  /** Every statement of every agent, in input order then document order. */
  statements: Statement[]
  /** Every statement in exactly one group, singletons included; groups in order of their first statement by path, then document order. */
  groups: DedupGroup[]
  /** The grouping by statement index behind `groups`, and the bar it was made with: merge takes it instead of grouping again. */
  grouping: StatementGrouping
  threshold: number
  extra: number
}

/** A statement's public place: `path:line`. */
export const at = (s: { source: { path: string; line: number } }): string => `${s.source.path}:${s.source.line}`

/** Why two statements (by index) were grouped: as DedupReason, with indices. */
export interface IndexReason {
  a: number
  b: number
  score: number
  shared: string[]
  note?: string
  parts?: ScoreParts
}

/**
 * The duplicate grouping of a list of statements by index: `group[i]` is the
 * group number of statement i (numbered in order of first member), `count`
 * the number of groups, and the reasons, each with `a` before `b` in
 * placeOrder and sorted by that order (a, then b).
 */
export interface StatementGrouping {
  group: number[]
  count: number
  reasons: IndexReason[]
}

/**
 * The statement indices in the order the grouping and its listings use: by
 * path (code units), then document order (the order of a file's statements
 * in the list). Two statements of one path keep their order in the list, so
 * the order depends on the paths and the files' contents only.
 */
export function placeOrder(statements: readonly Statement[]): number[] {
  return statements.map((_, i) => i).sort((i, j) => byCodeUnits(statements[i]!.source.path, statements[j]!.source.path) || i - j)
}

/** The inverse of an order: `rank[i]` is statement i's position in it. */
const ranksOf = (order: readonly number[]): Int32Array => {
  const rank = new Int32Array(order.length)
  order.forEach((i, k) => (rank[i] = k))
  return rank
}

/**
 * The duplicate grouping of a list of statements; see StatementGrouping.
 * `memo`: profiles made ahead, if any. The similarity sees the statements in
 * placeOrder, so the groups and the pairs that join them do not depend on
 * the order of the list.
 */
export function groupStatements(statements: readonly Statement[], options: DedupOptions = {}, memo?: ProfileMemo): StatementGrouping {
  const order = placeOrder(statements)
  const rank = ranksOf(order)
  const { groups, reasons } = groupDuplicates(order.map((i) => ({ text: statements[i]!.text, kind: statements[i]!.kind })), options, memo)
  const members = groups.map((g) => g.map((k) => order[k]!).sort((i, j) => i - j))
  members.sort((x, y) => x[0]! - y[0]!)
  const group = new Array<number>(statements.length).fill(-1)
  members.forEach((m, n) => {
    for (const i of m) group[i] = n
  })
  // Defensive: a statement the grouping left out stands alone.
  let count = members.length
  for (let i = 0; i < group.length; i++) if (group[i] === -1) group[i] = count++
  // The similarity gives each reason's positions ascending, so a stays before b in placeOrder.
  const placed = reasons.map((r) => ({ ...r, a: order[r.a]!, b: order[r.b]! }))
  placed.sort((r, s) => rank[r.a]! - rank[s.a]! || rank[r.b]! - rank[s.b]!)
  return { group, count, reasons: placed }
}

/** Every statement of the agents in input order then document order, and the index of its agent. */
export function statementsOfAgents(agents: readonly Agent[]): { statements: Statement[]; owner: number[] } {
  const owner: number[] = []
  const statements: Statement[] = []
  agents.forEach((agent, a) => {
    for (const s of statementsOf(agent.root)) {
      statements.push(s)
      owner.push(a)
    }
  })
  return { statements, owner }
}

/** The bar a grouping was computed with: threshold and extra-part bar (the similarity module's defaults when not given). */
const groupingBar = (options: DedupOptions): { threshold: number; extra: number } => ({ threshold: options.threshold ?? DEFAULT_THRESHOLD, extra: options.extra ?? DEFAULT_EXTRA })

/**
 * The grouping a DedupResult carries, when it was made for exactly these
 * statements (the same objects, in the same order) and this bar;
 * otherwise undefined, and the caller groups.
 */
export function groupingOf(result: DedupResult | undefined, statements: readonly Statement[], options: DedupOptions = {}): StatementGrouping | undefined {
  const bar = groupingBar(options)
  if (!result || result.threshold !== bar.threshold || result.extra !== bar.extra) return undefined
  const given = result.statements
  if (given.length !== statements.length || result.grouping.group.length !== statements.length) return undefined
  for (let i = 0; i < given.length; i++) if (given[i] !== statements[i]) return undefined
  return result.grouping
}

/**
 * The DedupResult of statements already grouped (by groupStatements, or
 * read back from the grouping cache): `statements` and `owner` as
 * statementsOfAgents returns them.
 */
export function dedupResult(statements: Statement[], owner: readonly number[], grouping: StatementGrouping, options: DedupOptions = {}): DedupResult {
  const { group, count, reasons } = grouping
  const order = placeOrder(statements)
  const members: number[][] = Array.from({ length: count }, () => [])
  for (const i of order) members[group[i]!]!.push(i)
  const rank = ranksOf(order)
  members.sort((x, y) => rank[x[0]!]! - rank[y[0]!]!)
  const groupAt = new Int32Array(count)
  members.forEach((m, n) => (groupAt[group[m[0]!]!] = n))
  const groups: DedupGroup[] = members.map((m) => ({
    statements: m.map((i) => statements[i]!),
    agents: m.length === 1 ? 1 : new Set(m.map((i) => owner[i]!)).size,
    reasons: [],
  }))
  for (const r of reasons) {
    const g = groups[groupAt[group[r.a]!]!]!
    const reason: DedupReason = { a: statements[r.a]!, b: statements[r.b]!, score: r.score, shared: r.shared }
    if (r.note) reason.note = r.note
    if (r.parts) reason.parts = r.parts
    g.reasons.push(reason)
  }
  return { statements, groups, grouping, ...groupingBar(options) }
}

/**
 * Groups the statements of agents that say the same thing. The result can
 * be passed on to mergeAgents (`{ dedup }`), which then does not group again.
 */
export function dedupAgents(agents: readonly Agent[], options: DedupOptions = {}): DedupResult {
  return dedupCached(agents, options, undefined)
}

/**
 * dedupAgents with the grouping cache: the grouping is read from the cache
 * when the statements and bar are those of the entry of these inputs,
 * else computed (with the profiles `memo` holds, if any) and stored. The
 * same result as dedupAgents either way.
 */
export function dedupCached(agents: readonly Agent[], options: DedupOptions, cache: GroupingCache | undefined, memo?: ProfileMemo): DedupResult {
  const { statements, owner } = statementsOfAgents(agents)
  if (!cache) return dedupResult(statements, owner, groupStatements(statements, options, memo), options)
  const paths = agents.map((a) => a.path)
  const bar = groupingBar(options)
  const key = cache.key(statements, bar)
  let grouping = cache.get(paths, bar, key, statements.length)
  if (!grouping) {
    grouping = groupStatements(statements, options, memo)
    cache.put(paths, bar, key, grouping)
  }
  return dedupResult(statements, owner, grouping, options)
}

/**
 * A loadAgents `onAgent` that profiles the statements of each agent parsed
 * (not those read from the parse cache, whose grouping the grouping cache
 * may well hold) into `memo` while the other files are still loading: the
 * main thread mostly waits for the parse workers then.
 */
export function profileAhead(memo: ProfileMemo): (agent: Agent, cached: boolean) => void {
  return (agent, cached) => {
    if (cached) return
    for (const s of statementsOf(agent.root)) memo.shape(s.text, s.kind)
  }
}

/** The stable JSON view: `{"groups": [["path:line", ...], ...]}`. */
export function dedupJson(result: DedupResult, explain = false): { groups: string[][]; reasons?: Array<{ a: string; b: string; score: number; shared: string[]; note?: string; parts?: ScoreParts }> } {
  const json: ReturnType<typeof dedupJson> = { groups: result.groups.map((g) => g.statements.map(at)) }
  if (explain) {
    json.reasons = result.groups.flatMap((g) =>
      g.reasons.map((r) => ({ a: at(r.a), b: at(r.b), score: r.score, shared: r.shared, ...(r.note ? { note: r.note } : {}), ...(r.parts ? { parts: r.parts } : {}) })),
    )
  }
  return json
}
