// The semantic diff of two agents, in the order the best structural differs
// use: align sections; pair equal statements (by id); pair the rest by
// similarity; then a separate pass finds moves: within each aligned section
// pair, the heaviest chain of pairs in order stays, the other pairs moved.
// Finally, a lone unpaired statement on each side of a gap between two
// anchors is one statement reworded, if the two are at all alike.
import type { Agent } from '../model.js'
import { fieldChanges } from './fields.js'
import { statementFormatting } from './formatting.js'
import { hasChanges, type AgentDiff, type DiffCounts, type DiffOptions, type FormattingChange, type StatementChange, type StatementRef } from './model.js'
import { keptInOrder, type OrderedPair } from './order.js'
import { exactPairs, GAP_SCORE, similarPairs, Similarity, type Pair } from './pair.js'
import { alignSections, sectionChanges } from './sections.js'
import { flatten, type Side } from './side.js'
import { diffStatements, type TokenRun } from './words.js'

export function emptyCounts(): DiffCounts {
  return { added: 0, removed: 0, reworded: 0, moved: 0, sectionsAdded: 0, sectionsRemoved: 0, sectionsRenamed: 0, sectionsMoved: 0, fields: 0, unchanged: 0, formatting: 0 }
}

// Names a pair the same way whichever side is OLD: both ids and both slots, each sorted.
const pairKey = (o: Side, n: Side, p: Pair) => {
  const ids = [o.statements[p.o]!.statement.id, n.statements[p.n]!.statement.id].sort()
  const slots = [o.slot[p.o]!, n.slot[p.n]!].sort((x, y) => x - y)
  return [...ids, ...slots].join('\u0000')
}

/** Splits the pairs into those that kept their place and those that moved. */
function orderPairs(o: Side, n: Side, o2n: number[], pairs: Pair[]): { kept: Set<Pair>; moved: Map<Pair, 'section' | 'position'> } {
  const kept = new Set<Pair>()
  const moved = new Map<Pair, 'section' | 'position'>()
  const groups = new Map<number, Pair[]>()
  for (const p of pairs) {
    const so = o.sectionOf[p.o]!
    if (o2n[so] !== n.sectionOf[p.n]) {
      moved.set(p, 'section')
      continue
    }
    const list = groups.get(so)
    if (list) list.push(p)
    else groups.set(so, [p])
  }
  for (const list of groups.values()) {
    const ordered: OrderedPair[] = list.map((p) => ({ a: o.slot[p.o]!, b: n.slot[p.n]!, key: pairKey(o, n, p) }))
    const keep = keptInOrder(ordered)
    list.forEach((p, i) => (keep.has(i) ? kept.add(p) : moved.set(p, 'position')))
  }
  return { kept, moved }
}

/** Pairs the single unpaired statement on each side of a gap between kept pairs. */
function gapPairs(o: Side, n: Side, o2n: number[], kept: Set<Pair>, pairedO: Set<number>, pairedN: Set<number>, sim: Similarity): Pair[] {
  const anchors = new Map<number, Pair[]>()
  for (const p of kept) {
    const so = o.sectionOf[p.o]!
    const list = anchors.get(so)
    if (list) list.push(p)
    else anchors.set(so, [p])
  }
  const out: Pair[] = []
  o.sections.forEach((_, so) => {
    const sn = o2n[so]!
    if (sn === -1) return
    const olds = o.direct[so]!
    const news = n.direct[sn]!
    const chain = (anchors.get(so) ?? []).map((p) => [o.slot[p.o]!, n.slot[p.n]!] as const).sort((x, y) => x[0] - y[0])
    const bounds = [[-1, -1] as const, ...chain, [olds.length, news.length] as const]
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [a0, b0] = bounds[i]!
      const [a1, b1] = bounds[i + 1]!
      const gapO = olds.slice(a0 + 1, a1).filter((x) => !pairedO.has(x))
      const gapN = news.slice(b0 + 1, b1).filter((y) => !pairedN.has(y))
      if (gapO.length !== 1 || gapN.length !== 1) continue
      const score = sim.score(gapO[0]!, gapN[0]!)
      if (score >= GAP_SCORE) out.push({ o: gapO[0]!, n: gapN[0]!, score, exact: false })
    }
  })
  return out
}

const round = (x: number) => Math.round(x * 1000) / 1000

function tally(diff: Omit<AgentDiff, 'counts' | 'status'>): DiffCounts {
  const counts = emptyCounts()
  for (const c of diff.statements) counts[c.change]++
  for (const c of diff.sections) {
    if (c.change === 'added') counts.sectionsAdded++
    else if (c.change === 'removed') counts.sectionsRemoved++
    else if (c.change === 'renamed') counts.sectionsRenamed++
    else counts.sectionsMoved++
  }
  counts.fields = diff.fields.length
  counts.unchanged = diff.unchanged.length
  counts.formatting = diff.formatting.length
  return counts
}

/** The semantic diff of two versions of an agent. */
export function diffAgents(oldAgent: Agent, newAgent: Agent, options: DiffOptions = {}): AgentDiff {
  const o = flatten(oldAgent, options.oldText)
  const n = flatten(newAgent, options.newText)
  const align = alignSections(o, n)
  const pairs = exactPairs(o, n, align)
  const pairedO = new Set(pairs.map((p) => p.o))
  const pairedN = new Set(pairs.map((p) => p.n))
  const restO = o.statements.map((s) => s.index).filter((i) => !pairedO.has(i))
  const restN = n.statements.map((s) => s.index).filter((i) => !pairedN.has(i))
  const sim = new Similarity(o, n, restO, restN)
  for (const p of similarPairs(o, n, align, restO, restN, sim)) {
    pairs.push(p)
    pairedO.add(p.o)
    pairedN.add(p.n)
  }
  // Sections the paired statements tie together (a section renamed and reworded).
  align.byPairs(pairs)
  const { kept, moved } = orderPairs(o, n, align.o2n, pairs)
  for (const p of gapPairs(o, n, align.o2n, kept, pairedO, pairedN, sim)) {
    kept.add(p)
    pairs.push(p)
    pairedO.add(p.o)
    pairedN.add(p.n)
  }

  // Reading order of NEW; a removed statement stands after the NEW position
  // of the last paired statement before it in OLD.
  const newPosOfOld = new Array<number>(o.statements.length).fill(-1)
  for (const p of pairs) newPosOfOld[p.o] = p.n
  const anchorOf = new Array<number>(o.statements.length)
  let last = -1
  for (let i = 0; i < o.statements.length; i++) {
    if (newPosOfOld[i]! >= 0) last = newPosOfOld[i]!
    anchorOf[i] = last + 0.5
  }
  const keyed: Array<{ key: [number, number]; change: StatementChange }> = []
  const unchanged: AgentDiff['unchanged'] = []
  const formatting: FormattingChange[] = []
  const words = (p: Pair): TokenRun[] | null => diffStatements(o.statements[p.o]!.statement, n.statements[p.n]!.statement, options.maxEditLength)
  for (const p of pairs) {
    const old: StatementRef = o.statements[p.o]!
    const nu: StatementRef = n.statements[p.n]!
    if (p.exact) formatting.push(...statementFormatting(o.text, old.statement, n.text, nu.statement))
    const move = moved.get(p)
    let change: StatementChange
    if (move) {
      change = { change: 'moved', old, new: nu, move, score: round(p.score) }
      if (!p.exact) change.words = words(p)
    } else if (p.exact) {
      unchanged.push({ old, new: nu })
      continue
    } else change = { change: 'reworded', old, new: nu, score: round(p.score), words: words(p) }
    keyed.push({ key: [p.n, p.o], change })
  }
  for (let i = 0; i < o.statements.length; i++) {
    if (pairedO.has(i)) continue
    const before = Math.floor(anchorOf[i]!)
    const section = align.o2n[o.sectionOf[i]!]!
    const near = before >= 0 ? n.statements[before]!.statement.source : section >= 0 ? n.sections[section]!.section.source : { path: newAgent.path, line: 1 }
    keyed.push({ key: [anchorOf[i]!, i], change: { change: 'removed', old: o.statements[i]!, near } })
  }
  for (let i = 0; i < n.statements.length; i++) if (!pairedN.has(i)) keyed.push({ key: [i, -1], change: { change: 'added', new: n.statements[i]! } })
  keyed.sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1])
  unchanged.sort((x, y) => x.new.index - y.new.index)

  const sections = sectionChanges(o, n, align)
  for (const c of sections.changes) {
    if (c.change !== 'removed') continue
    let p = o.parentOf[c.old.index]!
    while (p > 0 && align.o2n[p] === -1) p = o.parentOf[p]!
    c.near = p >= 0 && align.o2n[p]! >= 0 ? n.sections[align.o2n[p]!]!.section.source : { path: newAgent.path, line: 1 }
  }
  const fields = fieldChanges(oldAgent.meta, oldAgent.path, newAgent.meta, newAgent.path, options.maxEditLength)
  formatting.push(...sections.formatting, ...fields.formatting)
  if (oldAgent.eol !== newAgent.eol) formatting.push({ what: 'whitespace', detail: `line endings ${eolName(oldAgent.eol)} -> ${eolName(newAgent.eol)}` })
  if (oldAgent.bom !== newAgent.bom) formatting.push({ what: 'whitespace', detail: newAgent.bom ? 'byte order mark added' : 'byte order mark removed' })
  formatting.sort((x, y) => (x.new?.line ?? 0) - (y.new?.line ?? 0) || (x.old?.line ?? 0) - (y.old?.line ?? 0) || (x.what < y.what ? -1 : x.what > y.what ? 1 : 0))
  const body = {
    oldPath: oldAgent.path,
    newPath: newAgent.path,
    name: newAgent.meta.name,
    fields: fields.changes,
    sections: sortSections(sections.changes, o, n, align.o2n),
    statements: keyed.map((k) => k.change),
    unchanged,
    formatting,
  }
  const counts = tally(body)
  if (formatting.length === 0 && o.text !== undefined && n.text !== undefined && o.text !== n.text && !hasChanges(counts)) {
    formatting.push({ what: 'whitespace', detail: 'blank lines or trailing spaces' })
    counts.formatting = 1
  }
  return { ...body, status: hasChanges(counts) ? 'modified' : 'unchanged', counts }
}

function sortSections(changes: ReturnType<typeof sectionChanges>['changes'], o: Side, n: Side, o2n: number[]) {
  const anchor = (a: number): number => {
    for (let i = a; i >= 0; i--) if (o2n[i]! >= 0) return o2n[i]! + 0.5
    return -0.5
  }
  const keyOf = (c: (typeof changes)[number]): [number, number] => (c.change === 'removed' ? [anchor(c.old.index), c.old.index] : [c.new.index, c.change === 'added' ? -1 : c.change === 'renamed' ? 0 : 1])
  return changes
    .map((c) => ({ c, k: keyOf(c) }))
    .sort((x, y) => x.k[0] - y.k[0] || x.k[1] - y.k[1])
    .map((x) => x.c)
}

function eolName(eol: string): string {
  return eol === '\r\n' ? 'CRLF' : 'LF'
}

/** The diff of an agent that exists only in NEW (`added`) or only in OLD (`removed`). */
export function diffWhole(agent: Agent, status: 'added' | 'removed'): AgentDiff {
  const side = flatten(agent)
  const statements: StatementChange[] = side.statements.map((s) => (status === 'added' ? { change: 'added', new: s } : { change: 'removed', old: s }))
  const fields = agent.meta.fields.map((f) => {
    const at = { value: f.value, at: { path: agent.path, line: f.line } }
    return status === 'added' ? { key: f.key, change: 'added' as const, new: at } : { key: f.key, change: 'removed' as const, old: at }
  })
  const body = { oldPath: status === 'removed' ? agent.path : null, newPath: status === 'added' ? agent.path : null, name: agent.meta.name, fields, sections: [], statements, unchanged: [], formatting: [] }
  return { ...body, status, counts: tally(body) }
}
