// The merged body, as named stages: units.ts reads the inputs into units
// (sections and blocks) and items (statements with their roles); the
// duplicate grouping comes from the dedup module; the alignment engine
// (src/align, clusterSections) clusters the units across inputs; fold.ts
// cuts each group into folds; support and conflicts (stages.ts) decide what
// is written; closings.ts puts the inputs' closings at the top, to be
// written last; tree.ts builds the output, ordered by order.ts. Nothing here
// depends on the order of the inputs.
import type { Agent, Diagnostic, Section, Statement } from '../model.js'
import { byCodeUnits, bySource } from '../order.js'
import type { Fold } from './fold.js'
import type { StatementGrouping } from '../dedup/index.js'
import { clusterSections, TitleTerms, type SectionCluster } from '../align/index.js'
import { Conflicts } from './conflicts.js'
import { foldGroups, HOLD, settle, type FoldContext, type Settled } from './fold.js'
import { pieceKeys } from './html.js'
import { isHandOff } from './handoffs.js'
import { linksOf } from './links.js'
import { contractPairs, isContract } from './contracts.js'
import { collect, isListItem, isOfRun, isPhase, statementsByInput, tablesOfRows, type Item, type Unit } from './units.js'
import { buildTree, type MergedSection } from './tree.js'
import { agentTitle, bestWording, clearestTitle, TermMemo } from './wording.js'
import { applySupport, foldCarried, holdsOnly, phaseOfTree, resolveConflicts, runOfTree, resolveFormats, resolveProcedures, withLists, type Recorded, type SupportTree } from './stages.js'
import { resolveDefinitions } from './definitions.js'
import { sideBySide } from './sidebyside.js'
import { closingsLast, fileClosings } from './closings.js'

export type { Fold } from './fold.js'
export type { MergedSection } from './tree.js'

export interface BodyMerge {
  root: Section
  /** The root and every output section, in document order. */
  sections: MergedSection[]
  /** Input statements recorded but not written: conflict alternatives, below min-support, lead-ins whose list went elsewhere. */
  recorded: Recorded[]
  /** Notes on what is written: two inputs' output contracts or whole-task procedures side by side (sidebyside.ts). */
  notes: Diagnostic[]
  stats: { sectionsIn: number; sectionsOut: number; sectionsMerged: number }
}

export interface BodyOptions {
  /** The duplicate grouping of every statement of the agents (in statementsOfAgents order). */
  grouping: StatementGrouping
  /** With minSupport: the grouping at dedup's bar, by which an input carries a statement it words otherwise. */
  support?: StatementGrouping
  /** Those statements, as statementsOfAgents listed them. */
  statements: readonly Statement[]
  /** The input whose structure and wording win (`--base`), or -1. */
  base?: number
  /** The input that decides conflicts (`--prefer`, else the base, else the central input). */
  decider?: number
  /** Whether the user asked an input to decide (`--prefer`, `--base`, `--base auto` too): then it also decides between procedures. */
  named?: boolean
  /** Write only folds carried by at least this many inputs. */
  minSupport?: number
  /** `keep`: write every side of a conflict. */
  conflicts?: 'decide' | 'keep'
  /** The opening role statements, decided apart (identity.ts): skipped here. */
  openings?: ReadonlySet<Statement>
  /** The opening written first, standing for itself. */
  opening?: Fold
  /** The merged agent's name (frontmatter), which its title should name. */
  name?: string
}

/** Content signature of a section, for ranking: title, then its statements. */
function signature(section: Section): string {
  const parts = [section.key, section.title]
  for (const b of section.body) if (b.type === 'statement') parts.push(b.norm)
  return parts.join('\u0001')
}

/** Units ranked by content, then path and line: never by their place on the command line. */
function rankUnits(units: Unit[]): void {
  const signatures = units.map((u) => signature(u.section))
  const order = units.map((_, id) => id).sort((x, y) => {
    const a = units[x]!.section.source
    const b = units[y]!.section.source
    return byCodeUnits(signatures[x]!, signatures[y]!) || byCodeUnits(a.path, b.path) || a.line - b.line || x - y
  })
  order.forEach((id, i) => (units[id]!.rank = i))
}

/**
 * Stage 2: each item's duplicate group, by the dedup module's grouping of
 * every statement, with the groups of two inputs' output contract items
 * that dedup's bar pairs joined (contracts.ts).
 */
function groupItems(statements: readonly Statement[], items: Item[], units: Unit[], grouping: StatementGrouping) {
  // Items are the statements in the same order, less the openings: a walk of both maps one onto the other.
  const itemOf = new Int32Array(statements.length).fill(-1)
  let i = 0
  items.forEach((it, k) => {
    while (statements[i] !== it.statement) i++
    itemOf[i] = k
    it.group = grouping.group[i]!
  })
  const joined = new Map<number, number>()
  const find = (g: number): number => {
    while ((joined.get(g) ?? g) !== g) g = joined.get(g)!
    return g
  }
  for (const [a, b] of contractPairs(items, units)) {
    const x = find(items[a]!.group)
    const y = find(items[b]!.group)
    // The smaller group number stands for both, whatever order the pairs come in.
    if (x !== y) joined.set(Math.max(x, y), Math.min(x, y))
  }
  for (const it of items) {
    it.group = find(it.group)
    for (let u = it.unit; u !== -1; u = units[u]!.parent) units[u]!.content.add(it.group)
  }
  return linksOf(items.map((it) => it.statement.text), items.map((it) => it.statement.norm), grouping.reasons, itemOf)
}

/**
 * The lead-ins of a merged block, one fold per cluster: the chosen title's lead-in written (the base's, or
 * the most specific), the others behind it.
 */
function leadFolds(clusters: readonly SectionCluster[], units: readonly Unit[], items: readonly Item[], ctx: FoldContext): Settled[] {
  const byCluster = new Map<number, number[]>()
  items.forEach((it, i) => {
    if (it.role !== 'lead' || it.unit === -1 || units[it.unit]!.lead !== it.statement) return
    const c = units[it.unit]!.cluster
    const list = byCluster.get(c)
    if (list) list.push(i)
    else byCluster.set(c, [i])
  })
  const out: Settled[] = []
  for (const [c, here] of byCluster) {
    const cluster = clusters[c]!
    // Of the blocks' lead-ins only (an output contract's cluster may hold a heading too).
    const blocks = cluster.members.filter((m) => units[m]!.lead !== undefined)
    const baseUnit = blocks.find((m) => units[m]!.input === ctx.base)
    const chosen = blocks.length > 0 ? clearestTitle(blocks.map((m) => units[m]!.section), baseUnit === undefined ? undefined : units[baseUnit]!.section) : undefined
    const written = here.find((i) => items[i]!.statement.source === chosen?.source)
    const settled = settle(here, ctx)
    if (written !== undefined) settled.fold.statement = items[written]!.statement
    out.push({ ...settled, where: c, here })
  }
  return out
}

/**
 * A heading of several inputs that holds its own list, a block (a merged
 * file's "## Output" over "Provide:" and its list, or "## Game Day
 * Planning" over "Game day planning:", merged again with an input): the
 * lead-ins and list items the other inputs bring to the heading are written
 * in that list, one lead-in over one list (left in the heading, a second
 * "Provide:" or bare items stood before the block).
 */
function intoInnerBlocks(settled: Settled[], clusters: readonly SectionCluster[], units: readonly Unit[], items: readonly Item[]): Settled[] {
  const inner = new Map<number, number>()
  for (const k of clusters) {
    const p = k.parent
    if (p === -1 || inner.has(p)) continue
    const heading = clusters[p]!.members.map((m) => units[m]!)
    if (new Set(heading.map((u) => u.input)).size < 2) continue
    const contract = k.members.every((m) => units[m]!.lead !== undefined && isContract(units[m]!)) && heading.some((u) => u.lead === undefined && isContract(u))
    if (contract || k.members.every((m) => units[m]!.headingList === true)) inner.set(p, k.id)
  }
  if (inner.size === 0) return settled
  const listed = (s: Settled) => s.here.length > 0 && s.here.every((i) => items[i]!.role === 'lead' || isListItem(items[i]!.statement))
  return settled.map((s) => (inner.has(s.where) && listed(s) ? { ...s, where: inner.get(s.where)! } : s))
}

/** A merged section opens with at most one lead: lead folds that landed in one section become one fold. */
function oneLeadPerSection(settled: Settled[], items: readonly Item[], ctx: FoldContext): Settled[] {
  const leads = new Map<number, Settled[]>()
  const rest: Settled[] = []
  for (const s of settled) {
    if (s.where !== -1 && holdsOnly(s, items, 'lead')) {
      const list = leads.get(s.where)
      if (list) list.push(s)
      else leads.set(s.where, [s])
    } else rest.push(s)
  }
  for (const [where, list] of leads) {
    if (list.length === 1) rest.push(list[0]!)
    else {
      const indices = list.flatMap((s) => s.here)
      const one = settle(indices, { ...ctx, home: () => where })
      const others = list.flatMap((s) => s.fold.members).filter((m) => !one.fold.members.includes(m))
      rest.push({ fold: { statement: one.fold.statement, members: [...one.fold.members, ...others].sort(bySource) }, where, here: indices })
    }
  }
  return rest
}

/**
 * For each input statement, the statements of other inputs that carry it:
 * those in its group of the support grouping (none without one).
 */
function carriersOf(statements: readonly Statement[], items: readonly Item[], support: StatementGrouping | undefined): (s: Statement) => readonly Statement[] {
  if (!support) return () => []
  const agentOf = new Map(items.map((it) => [it.statement, it.agent]))
  const byGroup = new Map<number, Statement[]>()
  const groupOf = new Map<Statement, number>()
  statements.forEach((s, i) => {
    if (!agentOf.has(s)) return
    const g = support.group[i]!
    groupOf.set(s, g)
    const list = byGroup.get(g)
    if (list) list.push(s)
    else byGroup.set(g, [s])
  })
  return (s) => {
    const g = groupOf.get(s)
    return g === undefined ? [] : byGroup.get(g)!.filter((t) => agentOf.get(t) !== agentOf.get(s))
  }
}

/** A title naming a checklist: "## Quality Checklist", "Swift development checklist:". */
const CHECKLIST_TITLE = /\bcheck-?lists?\b/i

/** Whether a unit is a checklist: its items are checkboxes (`- [ ]`), or its lead-in (else its title) names a checklist, whose plain bullets are checks all the same. */
function isChecklist(u: Unit): boolean {
  return CHECKLIST_TITLE.test(u.lead?.text ?? u.section.title) || u.section.body.some((b) => b.type === 'statement' && b.kind === 'task')
}

export function mergeBodies(agents: readonly Agent[], options: BodyOptions): BodyMerge {
  const base = options.base ?? -1
  const { units, items, wrappers } = collect(agents, options.openings ?? new Set(), new TitleTerms(), base)
  const links = groupItems(options.statements, items, units, options.grouping)
  rankUnits(units)
  const { clusters, clusterOf } = clusterSections(units, base)
  clusterOf.forEach((c, u) => (units[u]!.cluster = c))
  const home = (it: Item): number => (it.unit === -1 ? -1 : units[it.unit]!.cluster)
  const byGroup = new Map<number, number[]>()
  items.forEach((it, i) => {
    // A block's lead-in is folded with its block (leadFolds); an inline lead with its twins first.
    if (it.role === 'lead' && units[it.unit]?.lead === it.statement) return
    const list = byGroup.get(it.group)
    if (list) list.push(i)
    else byGroup.set(it.group, [i])
  })
  const terms = new TermMemo()
  const conflicts = new Conflicts(terms)
  const shapeOf = (c: SectionCluster) => units[c.members[0]!]!.shape
  // A lead-in's item stands in the lead-in's unit (its block, or the titled item its inline lead opens), or in a section under it.
  const inList = (i: number, lead: number): boolean => {
    for (let u = items[i]!.unit; u !== -1; u = units[u]!.parent) if (u === items[lead]!.unit) return i !== lead
    return false
  }
  const tree: SupportTree = { parentOf: (w) => clusters[w]!.parent, phases: clusters.filter((c) => isPhase(shapeOf(c))).map((c) => c.id), runs: clusters.filter((c) => isOfRun(shapeOf(c))).map((c) => c.id), home: (i) => home(items[i]!), inList }
  const phaseOf = phaseOfTree(tree)
  const inPhase = (w: number): boolean => phaseOf(w) !== -1
  // An output contract ("## Output", "Provide:") and a checklist (`- [ ]` items, or a list titled as one) keep their items as a phase does:
  // moved into another author's list, a deliverable is no longer promised, a check no longer made before delivery.
  // Read off the statement's own section, not its merged one: a "## Deliverables" joined to another author's "## Notes" is not the notes' contract.
  const contract = units.map((u) => isContract(u) || isChecklist(u))
  // A numbered list is its author's enumeration (a ranking, a top ten): folded out of it, an item leaves the list one short and
  // renumbered. It keeps its items as a contract does, less firmly: a phase's, a contract's or a checklist's place comes first.
  const numbered = (st: Statement): boolean => isListItem(st) && st.placement.ordered === true
  const holdsOwn = (i: number): number => (inPhase(home(items[i]!)) ? HOLD.phase : items[i]!.unit !== -1 && contract[items[i]!.unit] ? HOLD.kept : numbered(items[i]!.statement) ? HOLD.numbered : HOLD.none)
  const pieces = pieceKeys([...statementsByInput(items).values()])
  const ctx: FoldContext = { items, links, home, base, conflicts, terms, holdsOwn, pieceKey: (s) => pieces.get(s) }
  let settled = oneLeadPerSection(intoInnerBlocks([...foldGroups(byGroup.values(), ctx), ...leadFolds(clusters, units, items, ctx)], clusters, units, items), items, ctx)
  let recorded: Recorded[] = []
  if (options.minSupport !== undefined && options.minSupport > 1) settled = applySupport(settled, items, options.minSupport, recorded, tree, carriersOf(options.statements, items, options.support), options.opening?.statement)
  // Response formats first: a contract decided whole, its statements are not then decided one by one.
  settled = resolveFormats(settled, items, units, options.decider ?? -1, options.conflicts ?? 'decide', recorded)
  settled = resolveProcedures(settled, items, units, options.named ? (options.decider ?? -1) : -1, options.conflicts ?? 'decide', recorded)
  settled = resolveConflicts(settled, items, options.decider ?? -1, options.conflicts ?? 'decide', recorded, conflicts)
  settled = resolveDefinitions(settled, items, options.decider ?? -1, options.conflicts ?? 'decide', recorded)
  // What a block holds stays under its lead-in, and nothing joins another author's block: a point moved out of its list leaves the lead-in without it, and one moved in reads as that list's item.
  const inBlock = (w: number): boolean => {
    const u = w === -1 ? undefined : units[clusters[w]!.members[0]!]!
    // A lead-in paragraph and its list (whatever else an output contract's cluster holds), a bold lead-in
    // ("**Keeping cloud costs in check:**") read as a labelled section, or a titled list item holding its list
    // ("1. **API Development**: When building services, you will:").
    return u !== undefined && (clusters[w]!.members.some((m) => units[m]!.lead !== undefined) || u.section.kind === 'label' || u.section.kind === 'item')
  }
  if (options.minSupport !== undefined && options.minSupport > 1) {
    const baseOf = new Map(items.map((it) => [it.statement, it.agent === base]))
    // What sits in a run the support stage kept whole stays there: folded out, it would leave a numbered heading empty.
    const runOf = runOfTree(tree)
    const folded = foldCarried(settled, {
      // Not a numbered list's item: the support already cuts an enumeration to what inputs share, and kept as firmly as a
      // contract's item or another author's bullet naming more, one point was written twice in a core.
      fixed: (s) => holdsOnly(s, items, 'lead') || holdsOnly(s, items, 'step') || s.here.some((i) => holdsOwn(i) > HOLD.numbered) || runOf(s.where) !== -1,
      closed: (s) => holdsOnly(s, items, 'lead'),
      inBlock,
      apart: (a, b) => conflicts.between(a, b) !== undefined || conflicts.distinct(a, b),
      kin: (a, b) => isHandOff(a.text) === isHandOff(b.text),
      saysMore: (host, point) => terms.saysBeyond(point.text, host.text),
      wording: (statements) => bestWording(statements, new Map(), statements.find((st) => baseOf.get(st)), terms),
    }, recorded)
    settled = folded.settled
    recorded = folded.recorded
    // A block whose own items all folded into points elsewhere has no list: its lead-in is not written, though another
    // author's heading joined with it still holds subsections (a block alone, emptied, the tree leaves out the same way).
    const listed = new Set(withLists(settled, items, tree))
    recorded = [...recorded, ...settled.filter((s) => !listed.has(s)).flatMap((s) => s.fold.members.map((m): Recorded => ({ statement: m, reason: 'lead-without-list', standsFor: null })))]
    settled = settled.filter((s) => listed.has(s))
  }
  const notes = sideBySide(units, clusters, items, settled)
  // An input's closing closes the merged file, wherever its section is written.
  const closings = fileClosings(items, units)
  settled = closingsLast(settled, items, closings)
  const placed = new Map<number, Settled[]>()
  for (const s of settled) {
    const list = placed.get(s.where)
    if (list) list.push(s)
    else placed.set(s.where, [s])
  }
  const { top, orphans } = buildTree({ units, clusters, items, placed, tables: tablesOfRows(items), paths: agents.map((a) => a.path), base, decider: options.decider ?? -1, ...(options.opening ? { opening: options.opening } : {}) })
  for (const f of orphans) for (const m of f.members) recorded.push({ statement: m, reason: 'lead-without-list', standsFor: null })
  let root = top.section
  const baseWrapper = wrappers.find((w) => base !== -1 && w.source.path === agents[base]!.path)
  const chosen = wrappers.length > 0 ? agentTitle(wrappers, options.name ?? '', baseWrapper) : undefined
  if (chosen) {
    const title: Section = { type: 'section', kind: 'heading', title: chosen.title, titleNodes: chosen.titleNodes, key: chosen.key, depth: 1, source: chosen.source, body: root.body, ...(chosen.written ? { written: chosen.written } : {}) }
    root = { ...root, body: [title] }
  }
  // The inputs' titles stand in the provenance of the merged file's root, written or not.
  if (wrappers.length > 0) top.members = wrappers
  top.section = root
  const sections: MergedSection[] = []
  const walk = (m: MergedSection) => {
    sections.push(m)
    m.children.forEach(walk)
  }
  walk(top)
  const headed = units.filter((u) => !u.lead).length
  return {
    root,
    sections,
    recorded,
    notes,
    stats: {
      sectionsIn: headed + wrappers.length,
      sectionsOut: sections.length - 1 + (chosen ? 1 : 0),
      sectionsMerged: sections.filter((s, i) => i > 0 && s.members.length > 1).length + (chosen && wrappers.length > 1 ? 1 : 0),
    },
  }
}
