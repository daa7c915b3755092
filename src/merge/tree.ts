// Stage 5 of the body merge: the merged tree. Each cluster of aligned units
// becomes one output section under its clearest title (the base's when
// there is a base), keeping the kind its title had (a bold lead-in stays a
// bold lead-in; a heading is only ever a heading of an input); a block
// becomes its lead-in followed by its list, in place; a section left empty
// is not written. The chosen opening goes first.
import type { Block, Section, Statement } from '../model.js'
import { byCodeUnits } from '../order.js'
import type { SectionCluster as Cluster } from '../align/index.js'
import type { Fold, Settled } from './fold.js'
import { listStarts, type ListEntry } from './lists.js'
import { orderEntries, partOf, type Entry } from './order.js'
import { isListItem, PROCESS, type Item, type Unit } from './units.js'
import { NUMBERING } from '../align/index.js'
import { clearestTitle, unnumbered } from './wording.js'

/** One output section and the input sections aligned into it. */
export interface MergedSection {
  section: Section
  /** The input sections it stands for (empty for the root). */
  members: Section[]
  folds: Fold[]
  children: MergedSection[]
}

export interface TreeInput {
  units: readonly Unit[]
  clusters: readonly Cluster[]
  items: readonly Item[]
  /** Settled folds by merged section (-1 the root). */
  placed: ReadonlyMap<number, Settled[]>
  paths: readonly string[]
  base: number
  /** The deciding input (`--prefer`, else the base, else the central input): its steps come first where two inputs put different ones in one gap. */
  decider?: number
  opening?: Fold
  /** The table each row statement stands in (tablesOfRows). */
  tables: ReadonlyMap<Statement, string>
}

/** What one cluster writes: the blocks it adds to its parent's body, and its notes. */
interface Built {
  blocks: Block[]
  folds: Fold[]
  children: MergedSection[]
  /** The lead-ins of blocks that lost their whole list (recorded, not written). */
  orphans: Fold[]
}

export function buildTree(input: TreeInput): { top: MergedSection; orphans: Fold[] } {
  const children = new Map<number, Cluster[]>()
  for (const c of input.clusters) {
    const list = children.get(c.parent)
    if (list) list.push(c)
    else children.set(c.parent, [c])
  }
  const orphans: Fold[] = []
  const root: Section = { type: 'section', kind: 'root', title: '', titleNodes: [], key: '', depth: 0, source: { path: '', line: 1 }, body: [] }
  // Top-level sections are level 2: level 1 is the title's.
  const built = buildCluster(-1, root, input, children, 1)
  orphans.push(...built.orphans)
  root.body = built.blocks
  // The closings are written after every section: the record lists them with the last section written, so that
  // the record, sections in document order, reads in the file's order, and where the file read again has them.
  // Which folds are closings is decided once (closings.ts); tree and record read the same flag.
  const closings = new Set((input.placed.get(-1) ?? []).filter((s) => s.closing).map((s) => s.fold))
  const closing = (f: Fold) => closings.has(f)
  const last = lastOf(built.children)
  const folds = last ? built.folds.filter((f) => !closing(f)) : built.folds
  if (last) last.folds.push(...built.folds.filter(closing))
  return { top: { section: root, members: [], folds, children: built.children }, orphans }
}

/** The last merged section in document order (the last child's last descendant). */
function lastOf(children: readonly MergedSection[]): MergedSection | undefined {
  const last = children.at(-1)
  return last && (lastOf(last.children) ?? last)
}

/**
 * The title chosen for a cluster: the base's member, else the clearest; a
 * section holding procedure steps keeps a title that names a process, so
 * that its steps read as steps wherever the merge is read again. Headings
 * nest only in headings: under a list item or a bold lead-in (`nested`) a
 * member that was not a heading is chosen, and a section holding
 * subsections that were headings keeps a heading's title.
 */
function titleOf(c: Cluster, input: TreeInput, children: ReadonlyMap<number, Cluster[]>, nested: boolean): Section {
  let sections = c.members.map((m) => input.units[m]!.section)
  const only = (keep: (s: Section) => boolean) => {
    const kept = sections.filter(keep)
    if (kept.length > 0) sections = kept
  }
  // An output contract joined from a lead-in block and a heading is the heading, the block's lead-in and list inside it;
  // with a base whose member is the block, the block, where and as the base writes it (its structure wins).
  const blocks = new Set(c.members.filter((m) => input.units[m]!.lead !== undefined).map((m) => input.units[m]!.section))
  if (!writtenAsBlock(c, input)) only((s) => !blocks.has(s))
  if (nested) only((s) => s.kind !== 'heading')
  else if ((children.get(c.id) ?? []).some((k) => k.members.some((m) => input.units[m]!.section.kind === 'heading'))) only((s) => s.kind === 'heading')
  if ((input.placed.get(c.id) ?? []).some((s) => s.here.some((i) => input.items[i]!.role === 'step'))) only((s) => PROCESS.test(s.title))
  const base = c.members.find((m) => input.units[m]!.input === input.base)
  return clearestTitle(sections, base === undefined ? undefined : input.units[base]!.section)
}

/**
 * Whether a cluster is written as a block (a lead-in and its list): when
 * every member is one, or when the base's member is one, so that the base's
 * structure wins over another input's heading joined with it.
 */
function writtenAsBlock(c: Cluster, input: TreeInput): boolean {
  const lead = (m: number) => input.units[m]!.lead !== undefined
  return c.members.every(lead) || c.members.some((m) => lead(m) && input.units[m]!.input === input.base)
}

/** An entry of a merged section: a fold, or a subsection or block built from a cluster. */
type Value = { fold: Fold; mark?: string; beside?: Statement } | { built: Built; section?: Section }

function buildCluster(c: number, section: Section, input: TreeInput, children: ReadonlyMap<number, Cluster[]>, depth: number): Built {
  const { units, items } = input
  const nested = section.kind !== 'root' && section.kind !== 'heading'
  const kids = (children.get(c) ?? []).map((k) => ({ k, title: titleOf(k, input, children, nested), pos: k.members.reduce((s, m) => s + units[m]!.pos, 0) / k.members.length }))
  const isBlock = (k: Cluster) => writtenAsBlock(k, input)
  const headings = kids.filter(({ k, title }) => !isBlock(k) && title.kind === 'heading')
  const inline = kids.filter((x) => !headings.includes(x))
  const entries: Entry<Value>[] = []
  const orphans: Fold[] = []
  const steps = new Set<Fold>()
  const amidBullets = new Set<Value>()
  // The inputs' closings at the top (closings.ts decides which folds are).
  const closings = new Set<Value>()
  // A block joined with a heading of its title (units.ts `meets`) is written as the heading holding the block's
  // lead-in and list, the heading's own items among them: the lead-in goes right before the first list item, since
  // what the heading holds before that (a bold lead-in of its own, "**Modern file-based routing ...:**") would read
  // the block's items as its list.
  const members = c === -1 ? [] : input.clusters[c]!.members
  const blockUnits = new Set(members.some((m) => units[m]!.lead === undefined && units[m]!.section.kind === 'heading') ? members.filter((m) => units[m]!.lead !== undefined) : [])
  const leads = new Set<Value>()
  const blockItems = new Set<Value>()
  for (const s of input.placed.get(c) ?? []) {
    const here = s.here.map((i) => items[i]!)
    if (here.some((it) => it.role === 'step')) steps.add(s.fold)
    const part = here.length > 0 && here.every((it) => it.role === 'lead') ? 0 : partOf(here)
    const value = { fold: s.fold, ...(s.mark ? { mark: s.mark } : {}), ...(s.beside ? { beside: s.beside } : {}) }
    if (here.length > 0 && here.every((it) => isListItem(it.statement) && it.statement.placement.ordered !== true)) amidBullets.add(value)
    if (c === -1 && s.closing) closings.add(value)
    if (part === 0 && blockUnits.size > 0 && here.some((it) => blockUnits.has(it.unit))) leads.add(value)
    if (here.some((it) => it.role !== 'lead' && isListItem(it.statement))) blockItems.add(value)
    entries.push({ value, places: here.map((it) => ({ agent: it.agent, pos: it.pos, text: it.statement.text })), part, key: s.fold.statement.text })
  }
  for (const { k, title } of inline) {
    const places = k.members.map((m) => ({ agent: units[m]!.input, pos: units[m]!.pos, text: units[m]!.section.title }))
    if (isBlock(k)) {
      const built = buildCluster(k.id, title, input, children, depth)
      orphans.push(...built.orphans)
      if (built.folds.length <= 1 && built.children.length === 0) orphans.push(...built.folds)
      else entries.push({ value: { built }, places, part: 1, key: title.title })
      continue
    }
    const sub = section.kind === 'root' || section.kind === 'heading' ? depth + 1 : depth
    const made = subsection(k, title, sub, input, children)
    orphans.push(...made.orphans)
    if (made.section) entries.push({ value: made, places, part: 1, key: title.title })
  }
  const blocks: Block[] = []
  const folds: Fold[] = []
  const merged: MergedSection[] = []
  if (c === -1 && input.opening) {
    blocks.push(input.opening.statement)
    folds.push(input.opening)
  }
  // A block (a lead-in and its list) is aligned on its anchors, and so is a
  // section holding a procedure's steps or a table's rows: an input's step
  // (or row) that no other input has stays between the steps its author put
  // it between (a row put after another input's item starts a table of its
  // own, read as a header).
  const rows = entries.some((e) => 'fold' in e.value && e.value.fold.statement.placement.table !== undefined)
  const aligned = (c !== -1 && input.clusters[c]!.members.some((m) => units[m]!.lead !== undefined)) || steps.size > 0 || rows
  // At the top, the inputs' closings (closings.ts: "Always prioritize ..." after the last section's list, a flat
  // file's last line) close the merged file: written after every section, not before the other inputs' sections;
  // the deciding input's first, since it decides where inputs differ, then by input as a section's runs are (the
  // base, else the input closing with the most), each author's in its own order: never ordered on the top's
  // anchors, which would put one author's closing between another's two paragraphs.
  // Decided once, by closings.ts (`closing`): the sidecar's record reads the same flag.
  const ordered = leadsBeforeLists(tablesTogether(besideWinners(orderEntries(entries, input.paths, input.base, aligned, input.decider)), input.tables).filter((v) => !closings.has(v)), leads, blockItems)
  const inputsOf = new Map(entries.map((e) => [e.value, [...new Set(e.places.map((p) => p.agent))]]))
  const byDecider = (v: Value) => Number(!inputsOf.get(v)!.includes(input.decider ?? -1))
  // A kept side of a conflict between two closings is written right after the one it differs from, here too.
  const closing = besideWinners(orderEntries(entries.filter((e) => closings.has(e.value)), input.paths, input.base).sort((x, y) => byDecider(x) - byDecider(y)))
  const bulleted = amongBullets(ordered, (f) => steps.has(f), amidBullets)
  const listed = ordered.map((v) => ({ ...listEntry(v, inputsOf.get(v)!), ...(bulleted.has(v) ? { numbered: false } : {}) }))
  const starts = listStarts(listed)
  const numbers = listNumbers(ordered, listed, starts)
  ordered.forEach((v, i) => {
    if ('fold' in v) {
      if (v.mark) blocks.push(marker(v.mark, v.fold.statement))
      const st = withListStart(bulleted.has(v) ? asBullet(v.fold.statement) : v.fold.statement, starts.has(i))
      blocks.push(numbers[i] ? numberedAs(st, numbers[i]) : st)
      folds.push(v.fold)
    } else if (v.section) {
      if (starts.has(i)) v.section.listStart = true
      const numbered = numbers[i]
      if (numbered) {
        v.section.number = numbered.number
        if (numbered.first) v.section.first = true
        else delete v.section.first
      }
      blocks.push(v.section)
      merged.push(...v.built.children)
    } else {
      blocks.push(...v.built.blocks)
      folds.push(...v.built.folds)
      merged.push(...v.built.children)
    }
  })
  // A number is its author's words, never rewritten: the written headings keep theirs only while they read
  // 1, 2, 3 (or 0, 1, 2) as written; else every one is written without its number (a core that empties "1."
  // does not write "2.", "3.").
  const kept: Section[] = []
  for (const { k, title, keep } of numbered(headings, input)) {
    const made = subsection(k, title, Math.min(6, depth + 1), input, children, keep)
    orphans.push(...made.orphans)
    if (made.section) {
      if (keep) kept.push(made.section)
      blocks.push(made.section)
      merged.push(...made.built.children)
    }
  }
  // In place: the merged section's record (provenance) holds this same object.
  const first = kept.length > 0 ? parseInt(kept[0]!.title, 10) : 1
  if (!((first === 0 || first === 1) && kept.every((h, i) => parseInt(h.title, 10) === first + i))) for (const h of kept) Object.assign(h, withoutNumber(h))
  for (const v of closing) {
    if (!('fold' in v)) continue
    if (v.mark) blocks.push(marker(v.mark, v.fold.statement))
    blocks.push(v.fold.statement)
    folds.push(v.fold)
  }
  return { blocks, folds, children: merged, orphans }
}

/**
 * The rows of one merged table written together where its first row falls,
 * its head row first: a row apart from its table starts a table of its own,
 * read as a header. A fold's table is its wording's (`tables`: the table of
 * each row, tablesOfRows); rows fold only within one shape.
 */
function tablesTogether(ordered: Value[], tables: ReadonlyMap<Statement, string>): Value[] {
  const tableOf = (v: Value): string | undefined => ('fold' in v ? tables.get(v.fold.statement) : undefined)
  const rows = new Map<string, Value[]>()
  for (const v of ordered) {
    const table = tableOf(v)
    if (table === undefined) continue
    const list = rows.get(table)
    if (list) list.push(v)
    else rows.set(table, [v])
  }
  if (rows.size === 0) return ordered
  const head = (v: Value) => ('fold' in v && v.fold.statement.placement.table?.head ? 0 : 1)
  const out: Value[] = []
  for (const v of ordered) {
    const table = tableOf(v)
    if (table === undefined) out.push(v)
    else if (rows.has(table)) {
      out.push(...rows.get(table)!.slice().sort((x, y) => head(x) - head(y)))
      rows.delete(table)
    }
  }
  return out
}

/** What the list-start choice (lists.ts) reads of an entry. */
function listEntry(v: Value, inputs: number[]): ListEntry {
  if ('fold' in v) {
    const st = v.fold.statement
    return { numbered: st.placement.ordered === true && (st.kind === 'item' || st.kind === 'task'), inputs, ownStart: v.fold.members.every((m) => m.placement.listStart === true) }
  }
  const own = v.built.children[0]?.members ?? []
  return { numbered: v.section?.kind === 'item' && v.section.ordered === true, inputs, ownStart: own.length > 0 && own.every((m) => m.listStart === true) }
}

/** The number a numbered entry is written with, and whether it opens its list. */
interface Numbered {
  number: number
  first?: true
}

/**
 * The numbers the merged section's numbered entries are written with. A
 * list whose first item began its author's list at 1 (any member of it) starts at 1 (a
 * procedure kept whole beside another, too). A kept side of a conflict,
 * written after its marker as a list of its own, takes the number of the
 * statement it differs from (the other side of step 4 reads as a step 4).
 * Any other list goes on from the one before it in
 * the section when the two share an input (a block between broke one
 * procedure: its `3.` after a code block reads on), else starts where its
 * first item began its input's list (`10.`), else at 1 (its first item was
 * in the middle of its author's list). The rest count on.
 */
function listNumbers(ordered: readonly Value[], listed: readonly ListEntry[], starts: ReadonlySet<number>): Array<Numbered | undefined> {
  const out: Array<Numbered | undefined> = []
  const written = new Map<Statement, number>()
  let number = 0
  let inputs = new Set<number>()
  ordered.forEach((v, i) => {
    const entry = listed[i]!
    if (!entry.numbered) {
      out.push(undefined)
      return
    }
    const opens = i === 0 || !listed[i - 1]!.numbered || starts.has(i) || ('fold' in v && v.mark !== undefined)
    if (opens) {
      const after = entry.inputs.some((a) => inputs.has(a)) ? number : undefined
      number = startOf(v, written, after)
      inputs = new Set()
    } else number++
    for (const a of entry.inputs) inputs.add(a)
    if ('fold' in v) written.set(v.fold.statement, number)
    out.push(opens ? { number, first: true } : { number })
  })
  return out
}

/** Where a list the merge writes starts when `v` opens it, `after` the last number of the list before it of the same inputs (see listNumbers). */
function startOf(v: Value, written: ReadonlyMap<Statement, number>, after: number | undefined): number {
  const { first, number } = 'fold' in v ? v.fold.statement.placement : (v.section ?? {})
  // Of a fold, 1 when any member began its author's list at 1 (that author's list opens here: "3." would go on from
  // nothing written), else the latest start any member's list had: a list another container broke ("1. 2." in a block,
  // a code block, "3. 4." after it) goes on from the longest of its inputs' first parts, which the merged first part is at least.
  const starts = 'fold' in v ? v.fold.members.flatMap((m) => (m.placement.first === true ? [m.placement.number ?? 1] : [])) : []
  const own = starts.includes(1) ? 1 : starts.length > 0 ? Math.max(...starts) : first === true ? (number ?? 1) : undefined
  if (own === 1) return 1
  const beside = 'fold' in v && v.mark !== undefined && v.beside ? written.get(v.beside) : undefined
  if (beside !== undefined) return beside
  return after !== undefined ? after + 1 : (own ?? 1)
}

/** The statement written at `numbered`'s place in its list. */
function numberedAs(st: Statement, numbered: Numbered): Statement {
  const { number, first } = st.placement
  if (number === numbered.number && (first === true) === (numbered.first === true)) return st
  const { first: _, ...placement } = st.placement
  return { ...st, placement: { ...placement, ...numbered } }
}

/**
 * Each statement with a `beside` right after the written statement it
 * names (a kept side of a conflict after the one it differs from, a
 * paraphrase in a core after the point it carries), so the reader sees the
 * two together; several after one in the order they came.
 */
function besideWinners(ordered: Value[]): Value[] {
  const winners = new Set(ordered.flatMap((v) => ('fold' in v ? [v.fold.statement] : [])))
  const moving = new Set(ordered.filter((v) => 'fold' in v && v.beside !== undefined && winners.has(v.beside)))
  if (moving.size === 0) return ordered
  const out = ordered.filter((v) => !moving.has(v))
  for (const v of moving) {
    const beside = (v as { beside: Statement }).beside
    let at = out.findIndex((w) => 'fold' in w && w.fold.statement === beside)
    while (at + 1 < out.length && moving.has(out[at + 1]!) && (out[at + 1] as { beside?: Statement }).beside === beside) at++
    out.splice(at + 1, 0, v)
  }
  return out
}

/**
 * The numbered items of an enumeration written as bullets: those that
 * another input's bullets now sit among (a bullet between two of them, in
 * one run of list items), written as one list (numbered on, the run would
 * read as several lists, each renumbered from 1: "1. 2. 3.", a bullet,
 * "1."), and another author's numbered item written, in its more specific
 * words, where only bullets stood (`amidBullets`: numbered, it read as a
 * list of its own, "1. **Cost Optimization**" after "Data lake design:"'s
 * bullets). Procedure steps keep their numbers.
 */
function amongBullets(ordered: readonly Value[], isStep: (f: Fold) => boolean, amidBullets: ReadonlySet<Value>): Set<Value> {
  const out = new Set<Value>()
  const isItem = (v: Value) => 'fold' in v && isListItem(v.fold.statement)
  let from = 0
  for (let i = 0; i <= ordered.length; i++) {
    if (i < ordered.length && isItem(ordered[i]!)) continue
    const run = ordered.slice(from, i) as Array<Value & { fold: Fold }>
    const numbered = run.map((v) => v.fold.statement.placement.ordered === true && !isStep(v.fold))
    const first = numbered.indexOf(true)
    const last = numbered.lastIndexOf(true)
    const among = first !== -1 && run.slice(first, last).some((v, k) => !numbered[first + k] && v.fold.statement.placement.ordered !== true)
    run.forEach((v, k) => {
      if (numbered[k] && (among || amidBullets.has(v))) out.add(v)
    })
    from = i + 1
  }
  return out
}

/** A numbered item written as a bullet (numbering is structure, not the author's words). */
function asBullet(st: Statement): Statement {
  const { listStart: _, number: __, first: ___, ...placement } = st.placement
  return { ...st, placement: { ...placement, ordered: false } }
}

/** The statement as written here: starting a numbered list of its own or not, whatever its input said. */
function withListStart(st: Statement, start: boolean): Statement {
  if ((st.placement.listStart === true) === start) return st
  const { listStart: _, ...placement } = st.placement
  return { ...st, placement: start ? { ...placement, listStart: true } : placement }
}

/** Our own comment before a kept side of a conflict: not a statement when the file is read again. */
function marker(value: string, next: Statement): Statement {
  return { type: 'statement', kind: 'html', text: value, norm: value, id: '', source: next.source, placement: { quote: next.placement.quote }, node: { type: 'html', value } }
}

/** A cluster written as a section of its own (a heading, a bold lead-in, a list item with a title). */
function subsection(k: Cluster, chosen: Section, depth: number, input: TreeInput, children: ReadonlyMap<number, Cluster[]>, keepNumber = false): { built: Built; section?: Section; orphans: Fold[] } {
  let section = header(chosen, depth, keepNumber)
  const built = buildCluster(k.id, section, input, children, depth)
  const members = k.members.map((m) => input.units[m]!.section)
  // A list item's inline lead ("**API**: Create services:") must open its body.
  const lead = built.blocks.findIndex((b) => b.type === 'statement' && b.kind === 'lead')
  if (lead > 0) built.blocks.unshift(...built.blocks.splice(lead, 1))
  const first = built.blocks[0]
  // An inline lead shares its line with the title: both are one author's, or the line is one no input has.
  if (lead !== -1 && first?.type === 'statement' && chosen.kind !== 'heading' && first.source.path !== chosen.source.path) {
    // Its author's own title, of the chosen kind where it has one.
    const own = members.filter((m) => m.source.path === first.source.path).sort((x, y) => Number(y.kind === chosen.kind) - Number(x.kind === chosen.kind) || x.source.line - y.source.line)[0]
    if (own) section = header(own, depth, keepNumber)
  }
  section.body = built.blocks
  const merged: MergedSection = { section, members, folds: built.folds, children: built.children }
  const wrapped: Built = { ...built, children: [merged] }
  if (built.blocks.length === 0) return { built: wrapped, orphans: built.orphans }
  return { built: wrapped, section, orphans: built.orphans }
}

/** A merged section's own line, from the member chosen for it (its number dropped unless kept), with an empty body. */
function header(chosen: Section, depth: number, keepNumber: boolean): Section {
  const titleNodes = chosen.kind === 'heading' && !keepNumber ? unnumbered(chosen.titleNodes) : chosen.titleNodes
  const title = titleNodes === chosen.titleNodes ? chosen.title : chosen.title.replace(NUMBERING, '')
  const section: Section = { type: 'section', kind: chosen.kind, title, titleNodes, key: chosen.key, depth, source: chosen.source, body: [] }
  if (chosen.ordered !== undefined) section.ordered = chosen.ordered
  // Where it stood in its input's list, which listNumbers reads and then replaces by where it is written.
  if (chosen.number !== undefined) section.number = chosen.number
  if (chosen.first !== undefined) section.first = chosen.first
  if (chosen.checked !== undefined) section.checked = chosen.checked
  if (chosen.quote !== undefined) section.quote = chosen.quote
  // The title as its author wrote it (`**... standards:**` keeps its colon inside the bold); stale, and unused, where the number was dropped.
  if (chosen.written) section.written = chosen.written
  return section
}

/**
 * Heading subsections in reading order: aligned on the sections several
 * inputs share, each input's others in runs between them (orderEntries).
 * When every one of them was a numbered phase ("1. Plan") they keep their
 * numbers (`keep`), in their order; buildCluster drops them all when those
 * written do not read 1, 2, 3 (one skipped or given twice).
 */
function numbered<T extends { k: Cluster; title: Section; pos: number }>(kids: T[], input: TreeInput): Array<T & { keep: boolean }> {
  const sorted = kids.slice().sort((x, y) => x.pos - y.pos || byCodeUnits(x.title.key, y.title.key) || byCodeUnits(x.title.title, y.title.title) || x.k.rank - y.k.rank)
  if (sorted.length < 2 || !sorted.every((x) => NUMBERING.test(x.title.title))) {
    // Aligned as a block's items are (order.ts): the sections several inputs share keep every input's order, and
    // each input's own sections stand between them as a run, the deciding input's first; by mean position, two
    // authors' sections had been interleaved one by one.
    const entries = sorted.map((x) => ({ value: x, places: x.k.members.map((m) => ({ agent: input.units[m]!.input, pos: input.units[m]!.pos, text: input.units[m]!.section.title })), part: 1 as const, key: x.title.title }))
    return orderEntries(entries, input.paths, input.base, true, input.decider).map((x) => ({ ...x, keep: false }))
  }
  const number = (x: T) => parseInt(x.title.title, 10)
  sorted.sort((x, y) => number(x) - number(y) || x.pos - y.pos || x.k.rank - y.k.rank)
  return sorted.map((x) => ({ ...x, keep: true }))
}

/** A numbered heading written without its number (numbering is structure; another number would not be its author's). */
function withoutNumber(title: Section): Section {
  const titleNodes = unnumbered(title.titleNodes)
  return titleNodes === title.titleNodes ? title : { ...title, title: title.title.replace(NUMBERING, ''), titleNodes }
}

/** The entries with the `leads` moved to right before the first of the `listed` (a joined block's lead-in and its items), when both are there. */
function leadsBeforeLists<V>(ordered: readonly V[], leads: ReadonlySet<V>, listed: ReadonlySet<V>): V[] {
  const first = ordered.find((v) => listed.has(v))
  if (leads.size === 0 || first === undefined) return [...ordered]
  const rest = ordered.filter((v) => !leads.has(v))
  rest.splice(rest.indexOf(first), 0, ...ordered.filter((v) => leads.has(v)))
  return rest
}
