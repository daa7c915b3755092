// The merged body: sections aligned (align.ts), each group of duplicates
// folded into one statement per "fold" (at most one statement of each input
// in a fold, so that repetition inside one file, which its author wrote, is
// kept), each fold written once in its most complete wording, in the merged
// section where most of its statements live, and everything ordered by
// consensus position with ties broken by content. Nothing here depends on
// the order of the inputs.
import type { PhrasingContent, Text } from 'mdast'
import type { Agent, Block, Section, Statement } from '../model.js'
import { groupingOf, groupStatements, type DedupOptions, type DedupResult } from '../dedup/index.js'
import { termCount, termsOf, WordMemo } from '../similarity/terms.js'
import { alignUnits, type Cluster, type Unit } from './align.js'

/** One output statement and every input statement it stands for. */
export interface Fold {
  /** The statement written: the most complete wording of the members. */
  statement: Statement
  /** Every input statement it stands for, the written one included. */
  members: Statement[]
}

/** One output section and the input sections aligned into it. */
export interface MergedSection {
  section: Section
  /** The input sections it stands for (empty for the root). */
  members: Section[]
  folds: Fold[]
  children: MergedSection[]
}

export interface BodyMerge {
  root: Section
  /** The root and every output section, in document order. */
  sections: MergedSection[]
  stats: { sectionsIn: number; sectionsOut: number; sectionsMerged: number }
}

interface Item {
  statement: Statement
  agent: number
  /** Unit holding it directly, or -1 for the root. */
  unit: number
  pos: number
  group: number
  /** A lead-in: a statement ending in a colon, right before a subsection in its source. */
  leadsIn: boolean
  /** Opens its section: a paragraph among the paragraphs its section starts with, introducing nothing in particular (no colon at its end). */
  opens: boolean
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const DECORATED = /[\p{Extended_Pictographic}]/u
/** The `1.` or `1)` that numbered a section in its own file. */
const NUMBERING = /^\s*\d+[.)]\s+/

/** A file whose root holds exactly one heading section: its title wraps the whole agent. */
export function wrapperOf(agent: Agent): Section | undefined {
  const body = agent.root.body
  const only = body[0]
  return body.length === 1 && only?.type === 'section' && only.kind === 'heading' ? only : undefined
}

/**
 * The words a title is aligned on: its content terms as the similarity
 * module reads them (synonyms joined, fillers such as "best practices" or
 * "implementation" dropped), or its key words when it has no content term.
 */
export function titleWords(section: Section, memo?: TitleMemo): string[] {
  const plain = section.title.replace(NUMBERING, '')
  let content = memo?.titles.get(plain)
  if (!content) {
    content = termsOf(plain, memo?.words).filter((t) => !/^\d+$/.test(t))
    memo?.titles.set(plain, content)
  }
  return [...new Set(content.length > 0 ? content : section.key.split(' ').filter((w) => w !== ''))]
}

/** What one merge has read of its titles: terms per title, and each word read and stemmed once. */
export interface TitleMemo {
  titles: Map<string, string[]>
  words: WordMemo
}

/** Content signature of a section, for ranking: title, then its statements. */
function signature(section: Section): string {
  const parts = [section.key, section.title]
  for (const b of section.body) if (b.type === 'statement') parts.push(b.norm)
  return parts.join('\u0001')
}

/**
 * The wording a fold is written in: among the statements the similarity
 * module matched directly with the most others of the fold (so that the
 * wording says what each of them says, not only what a neighbour says), the
 * most complete: the most distinct content terms, then the longest text,
 * then the first text in code-point order.
 */
export function bestWording(members: readonly Statement[], links: ReadonlyMap<Statement, number> = new Map()): Statement {
  if (members.length === 1) return members[0]!
  const order = (x: { s: Statement; links: number; terms: number }, y: { s: Statement; links: number; terms: number }) =>
    y.links - x.links || y.terms - x.terms || y.s.text.length - x.s.text.length || cmp(x.s.text, y.s.text) || cmp(x.s.norm, y.s.norm) || cmp(x.s.kind, y.s.kind) || cmp(x.s.source.path, y.s.source.path) || x.s.source.line - y.s.source.line
  // The first in that order (the earliest member of equals, as a stable sort would give).
  let best = { s: members[0]!, links: links.get(members[0]!) ?? 0, terms: termCount(members[0]!.text) }
  for (let i = 1; i < members.length; i++) {
    const s = members[i]!
    const next = { s, links: links.get(s) ?? 0, terms: termCount(s.text) }
    if (order(next, best) < 0) best = next
  }
  return best.s
}

/**
 * The clearest title of a merged section: without emoji first (numbering
 * is dropped from merged titles anyway); then the title sharing the most key words with the other
 * members' titles; then the shortest; then code-point order.
 */
export function clearestTitle(sections: readonly Section[]): Section {
  if (sections.length === 1) return sections[0]!
  const words = sections.map((s) => new Set(s.key.split(' ').filter((w) => w !== '')))
  // A title's shared count: for each of its words, the other titles that
  // have it (how many titles have each word, less itself).
  const titlesWith = new Map<string, number>()
  for (const set of words) for (const w of set) titlesWith.set(w, (titlesWith.get(w) ?? 0) + 1)
  const scored = sections.map((s, i) => {
    let shared = 0
    for (const w of words[i]!) shared += titlesWith.get(w)! - 1
    return { s, decorated: DECORATED.test(s.title) ? 1 : 0, shared }
  })
  scored.sort((x, y) => x.decorated - y.decorated || y.shared - x.shared || x.s.title.length - y.s.title.length || cmp(x.s.title, y.s.title) || cmp(x.s.source.path, y.s.source.path) || x.s.source.line - y.s.source.line)
  return scored[0]!.s
}

/** Title nodes without a leading `1.` that numbered the section in its own file. */
function unnumbered(nodes: PhrasingContent[]): PhrasingContent[] {
  const first = nodes[0]
  if (first?.type !== 'text') return nodes
  const value = first.value.replace(NUMBERING, '')
  if (value === first.value) return nodes
  return value === '' ? nodes.slice(1) : [{ ...(first as Text), value }, ...nodes.slice(1)]
}

/** A grouping already made by dedupAgents over the same agents, used instead of grouping again when it matches. */
export interface BodyOptions extends DedupOptions {
  dedup?: DedupResult
}

export function mergeBodies(agents: readonly Agent[], options: BodyOptions = {}): BodyMerge {
  // Units: every section below each root (and below a title wrapper).
  const units: Unit[] = []
  const items: Item[] = []
  const wrappers: Section[] = []
  // Titles repeat across files: their terms are read once per title.
  const titleMemo: TitleMemo = { titles: new Map(), words: new WordMemo() }
  const visit = (body: Block[], agent: number, unit: number) => {
    const n = body.length
    let prose = true
    body.forEach((block, i) => {
      const pos = (i + 0.5) / n
      if (block.type === 'statement') {
        const colon = /:$/.test(block.text)
        prose &&= block.kind === 'paragraph' && !colon
        items.push({ statement: block, agent, unit, pos, group: -1, leadsIn: colon && body[i + 1]?.type === 'section', opens: prose })
      } else if (block.type === 'section') {
        prose = false
        const id = units.length
        const words = titleWords(block, titleMemo)
        const keyWords = [...new Set(block.key.split(' ').filter((w) => w !== ''))]
        units.push({ id, agent, section: block, parent: unit, pos, words, keyWords, groups: new Set(), content: block.body.length > 0, rank: 0, cluster: -1 })
        visit(block.body, agent, id)
      }
    })
  }
  agents.forEach((agent, a) => {
    const wrapper = wrapperOf(agent)
    if (wrapper) wrappers.push(wrapper)
    visit(wrapper ? wrapper.body : agent.root.body, a, -1)
  })

  // Duplicate groups over every statement; each unit learns the groups under it.
  const statements = items.map((it) => it.statement)
  const similarity: DedupOptions = options.threshold === undefined ? {} : { threshold: options.threshold }
  const { group, reasons } = groupingOf(options.dedup, statements, similarity) ?? groupStatements(statements, similarity)
  // Direct matches, by text (which of several equal texts the similarity
  // module names follows input order). Statements with equal profiles ("same
  // terms") all match each other; other pairs match where a merge joined them.
  // Texts and norms are numbered (textId[i] is item i's), and classes are sets of numbers.
  const textId = numberBy(items, (it) => it.statement.text)
  const normId = numberBy(items, (it) => it.statement.norm)
  const classOf = Int32Array.from({ length: textId.length }, (_, t) => t)
  const find = (t: number): number => {
    while (classOf[t] !== t) {
      // Path halving keeps later look-ups short.
      classOf[t] = classOf[classOf[t]!]!
      t = classOf[t]!
    }
    return t
  }
  for (const r of reasons) {
    if (r.note !== 'same terms' && r.note !== 'identical code') continue
    const x = find(textId[r.a]!)
    const y = find(textId[r.b]!)
    if (x !== y) classOf[y] = x
  }
  const pairs = new Map<number, Set<number>>()
  const link = (x: number, y: number) => {
    if (x === y) return
    const set = pairs.get(x)
    if (set) set.add(y)
    else pairs.set(x, new Set([y]))
  }
  for (const r of reasons) {
    if (r.note === 'same terms' || r.note === 'identical code') continue
    const x = find(textId[r.a]!)
    const y = find(textId[r.b]!)
    link(x, y)
    link(y, x)
  }
  /** How many other texts of a fold a text (by number) matched directly. */
  const degrees = (texts: Set<number>): Map<number, number> => {
    // Texts of the fold per class; a text's degree is the other texts of its
    // class plus the texts of the classes it was matched with.
    const perClass = new Map<number, number>()
    for (const t of texts) perClass.set(find(t), (perClass.get(find(t)) ?? 0) + 1)
    const byClass = new Map<number, number>()
    for (const [c, n] of perClass) {
      let d = n - 1
      for (const other of pairs.get(c) ?? []) d += perClass.get(other) ?? 0
      byClass.set(c, d)
    }
    return new Map([...texts].map((t) => [t, byClass.get(find(t))!]))
  }
  items.forEach((it, i) => {
    it.group = group[i]!
    for (let u = it.unit; u !== -1; u = units[u]!.parent) units[u]!.groups.add(it.group)
  })

  // Content ranks: by title and statements, then by path and line (so that
  // two inputs with equal content but different names are ordered by name,
  // never by their place on the command line).
  const signatures = units.map((u) => signature(u.section))
  const order = units.map((u) => u.id).sort((x, y) => {
    const a = units[x]!.section.source
    const b = units[y]!.section.source
    return cmp(signatures[x]!, signatures[y]!) || cmp(a.path, b.path) || a.line - b.line || x - y
  })
  order.forEach((id, i) => {
    units[id]!.rank = i
  })

  const clusters = alignUnits(units)
  // A statement's merged section: its cluster (numbered in content order), -1 for the root.
  const home = (it: Item): number => (it.unit === -1 ? -1 : units[it.unit]!.cluster)

  // Folds: per group, at most one statement of each input, preferring a fold
  // in the same merged section; each placed where most of its members live.
  const byGroup = new Map<number, number[]>()
  items.forEach((it, i) => {
    const list = byGroup.get(it.group)
    if (list) list.push(i)
    else byGroup.set(it.group, [i])
  })
  interface Pending { members: number[]; agents: Set<number>; norms: Set<string>; home: number }
  interface Settled { fold: Fold; where: number; here: number[] }
  // Most folds hold one statement: written as it is, where it is.
  const single = (i: number): Settled => {
    const it = items[i]!
    return { fold: { statement: it.statement, members: [it.statement] }, where: home(it), here: [i] }
  }
  // A fold of several: its best wording, in the merged section holding most
  // of its members (ties: the wording's own, then the earliest).
  const settle = (indices: number[]): Settled => {
    const members = indices.map((i) => items[i]!.statement)
    const degree = degrees(new Set(indices.map((i) => textId[i]!)))
    const links = new Map(members.map((m, k) => [m, degree.get(textId[indices[k]!]!)!]))
    const wording = bestWording(members, links)
    const wordingHome = home(items[indices[members.indexOf(wording)]!]!)
    const counts = new Map<number, number>()
    for (const i of indices) counts.set(home(items[i]!), (counts.get(home(items[i]!)) ?? 0) + 1)
    const before = (x: [number, number], y: [number, number]) => y[1] - x[1] || Number(y[0] === wordingHome) - Number(x[0] === wordingHome) || x[0] - y[0]
    let best: [number, number] | undefined
    for (const entry of counts) if (best === undefined || before(entry, best) < 0) best = entry
    const where = best![0]
    const here = indices.filter((i) => home(items[i]!) === where)
    return { fold: { statement: wording, members: members.sort(bySource) }, where, here }
  }
  const placed = new Map<number, Settled[]>()
  const put = (settled: Settled) => {
    const list = placed.get(settled.where)
    if (list) list.push(settled)
    else placed.set(settled.where, [settled])
  }
  // A group of several statements: at most one statement of each input per fold.
  const partition = (list: number[]): Pending[] => {
    const folds: Pending[] = []
    // Large groups are mostly twins: their numbers tell equal texts and
    // norms apart without comparing the strings.
    const sorted = list.slice().sort((x, y) => {
      const a = items[x]!
      const b = items[y]!
      return (textId[x] === textId[y] ? 0 : cmp(a.statement.text, b.statement.text)) || (normId[x] === normId[y] ? 0 : cmp(a.statement.norm, b.statement.norm)) || cmp(a.statement.kind, b.statement.kind) || home(a) - home(b) || cmp(a.statement.source.path, b.statement.source.path) || a.statement.source.line - b.statement.source.line
    })
    // Twins first: statements of one text in different inputs always share
    // a fold (the largest sets of twins are seeded first); then each seed
    // joins a fold of other inputs, in the same merged section if it can.
    const twins = new Map<number, number[]>()
    for (const i of sorted) {
      const list = twins.get(normId[i]!)
      if (list) list.push(i)
      else twins.set(normId[i]!, [i])
    }
    const seeds: Pending[] = []
    for (const list of [...twins.values()].sort((a, b) => b.length - a.length)) {
      const mine: Pending[] = []
      for (const i of list) {
        const it = items[i]!
        const seed = mine.find((f) => !f.agents.has(it.agent))
        if (seed) {
          seed.members.push(i)
          seed.agents.add(it.agent)
        } else mine.push({ members: [i], agents: new Set([it.agent]), norms: new Set([it.statement.norm]), home: home(it) })
      }
      seeds.push(...mine)
    }
    for (const seed of seeds) {
      const open = folds.filter((f) => [...seed.agents].every((a) => !f.agents.has(a)))
      const target = open.find((f) => f.home === seed.home) ?? open[0]
      if (target) {
        target.members.push(...seed.members)
        for (const a of seed.agents) target.agents.add(a)
        for (const n of seed.norms) target.norms.add(n)
      } else folds.push(seed)
    }
    return folds
  }
  for (const list of byGroup.values()) {
    if (list.length === 1) put(single(list[0]!))
    else for (const f of partition(list)) put(f.members.length === 1 ? single(f.members[0]!) : settle(f.members))
  }

  /**
   * The order of a merged section's statements: runs by input section, the
   * section contributing the most statements first (ties by the smallest
   * text it contributes), each run in its own order; a fold goes in the run
   * of its earliest contributor. A section reads prose, then the rest, then
   * what leads into its subsections: the paragraphs that opened their input
   * sections come first, whichever run they belong to, so that one file's
   * introduction does not trail another file's list.
   */
  const orderFolds = (entries: readonly Settled[]): Fold[] => {
    if (entries.length === 0) return []
    // Per input: how many statements it has here, and the smallest of their texts.
    const runsOf = new Map<number, { count: number; least: string }>()
    for (const e of entries) {
      for (const i of e.here) {
        const { agent, statement } = items[i]!
        const run = runsOf.get(agent)
        if (!run) runsOf.set(agent, { count: 1, least: statement.text })
        else {
          run.count++
          if (statement.text < run.least) run.least = statement.text
        }
      }
    }
    const runs = [...runsOf.keys()].sort((x, y) => {
      const a = runsOf.get(x)!
      const b = runsOf.get(y)!
      return b.count - a.count || cmp(a.least, b.least) || cmp(agents[x]!.path, agents[y]!.path) || x - y
    })
    const priority = new Map(runs.map((a, i) => [a, i]))
    // Subsections follow a section's statements in the output, so a lead-in
    // (`Your responsibilities:` right before the subsections of its file)
    // goes last, next to what it introduces, instead of amid other text.
    const keyed = entries.map((e) => {
      // The fold's owner: its member in the earliest run (the first of equals).
      let owner = e.here[0]!
      let run = priority.get(items[owner]!.agent)!
      for (const i of e.here) {
        const r = priority.get(items[i]!.agent)!
        if (r < run) {
          owner = i
          run = r
        }
      }
      const part = e.here.every((i) => items[i]!.opens) ? 0 : e.here.every((i) => items[i]!.leadsIn) ? 2 : 1
      return { fold: e.fold, part, run, pos: items[owner]!.pos }
    })
    keyed.sort((x, y) => x.part - y.part || x.run - y.run || x.pos - y.pos || cmp(x.fold.statement.text, y.fold.statement.text) || cmp(x.fold.statement.norm, y.fold.statement.norm))
    return keyed.map((k) => k.fold)
  }

  // The tree: statements first (see orderFolds), then subsections (by their
  // members' mean position, then title and content).
  const children = new Map<number, Cluster[]>()
  for (const c of clusters) {
    const list = children.get(c.parent)
    if (list) list.push(c)
    else children.set(c.parent, [c])
  }
  const meanPos = (c: Cluster) => c.members.reduce((s, m) => s + units[m]!.pos, 0) / c.members.length
  // `chosen`: the clearest title of cluster c (undefined for the root, -1).
  // A section whose statements all went elsewhere is left out.
  const build = (c: number, depth: number, chosen?: Section): MergedSection | undefined => {
    const kids = (children.get(c) ?? []).map((k) => ({ k, pos: meanPos(k), title: clearestTitle(k.members.map((m) => units[m]!.section)) }))
    kids.sort((x, y) => x.pos - y.pos || cmp(x.title.key, y.title.key) || cmp(x.title.title, y.title.title) || x.k.rank - y.k.rank)
    const sub = kids.map(({ k, title }) => build(k.id, Math.min(6, depth + 1), title)).filter((s): s is MergedSection => s !== undefined)
    const folds = orderFolds(placed.get(c) ?? [])
    const members = c === -1 ? [] : clusters[c]!.members.map((m) => units[m]!.section)
    if (c !== -1 && folds.length === 0 && sub.length === 0 && clusters[c]!.members.some((m) => units[m]!.content)) return undefined
    const statements = unifyLists(folds.map((f) => f.statement))
    let section: Section
    if (chosen === undefined) {
      section = { type: 'section', kind: 'root', title: '', titleNodes: [], key: '', depth: 0, source: { path: '', line: 1 }, body: [] }
    } else {
      const titleNodes = unnumbered(chosen.titleNodes)
      const title = titleNodes === chosen.titleNodes ? chosen.title : chosen.title.replace(NUMBERING, '')
      // Normalize made chosen.key sectionKey(chosen.title), and a key drops
      // numbering anyway: it is the key of the title written too.
      section = { type: 'section', kind: 'heading', title, titleNodes, key: chosen.key, depth, source: chosen.source, body: [] }
    }
    section.body = [...statements, ...sub.map((s) => s.section)]
    return { section, members, folds, children: sub }
  }
  const top = build(-1, 1)!
  let root = top.section
  if (wrappers.length > 0) {
    const chosen = clearestTitle(wrappers)
    const title: Section = { type: 'section', kind: 'heading', title: chosen.title, titleNodes: chosen.titleNodes, key: chosen.key, depth: 1, source: chosen.source, body: root.body }
    root = { ...root, body: [title] }
    top.members = wrappers
  }
  const sections: MergedSection[] = []
  const walk = (m: MergedSection) => {
    sections.push(m)
    m.children.forEach(walk)
  }
  walk(top)
  const out = sections.length - 1
  return {
    root,
    sections,
    stats: {
      sectionsIn: units.length + wrappers.length,
      sectionsOut: out + (wrappers.length > 0 ? 1 : 0),
      sectionsMerged: sections.filter((s, i) => i > 0 && s.members.length > 1).length + (wrappers.length > 1 ? 1 : 0),
    },
  }
}

/** A number per item, equal for equal strings: the first item with a string gives it the next number. */
function numberBy(items: readonly Item[], of: (it: Item) => string): Int32Array {
  const numbers = new Map<string, number>()
  const out = new Int32Array(items.length)
  items.forEach((it, i) => {
    const s = of(it)
    let id = numbers.get(s)
    if (id === undefined) numbers.set(s, (id = numbers.size))
    out[i] = id
  })
  return out
}

function bySource(a: Statement, b: Statement): number {
  return cmp(a.source.path, b.source.path) || a.source.line - b.source.line
}

/**
 * In one body, items keep their numbering only when every item there was
 * numbered; otherwise a merged list would alternate between bullets and numbers.
 */
function unifyLists(statements: Statement[]): Statement[] {
  const listed = statements.filter((s) => s.node.type === 'listItem')
  if (listed.every((s) => s.placement.ordered === true) || listed.every((s) => s.placement.ordered !== true)) return statements
  return statements.map((s) => (s.node.type === 'listItem' && s.placement.ordered ? { ...s, placement: { ...s.placement, ordered: false } } : s))
}
