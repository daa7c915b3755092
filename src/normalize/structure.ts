// Builds the section tree and its statements from an mdast tree. Sections
// come from headings and from the two pseudo-headings that agent files use
// instead: a list item that opens with bold text and holds a nested list, and
// a paragraph of bold text alone followed by a list. Statements are the
// leaves: list items without a nested list, paragraphs, code, table rows,
// HTML and definitions. Every word of the file lands in exactly one of them
// (or in a section title). Each statement and title keeps its source text
// (normalize/source.ts) so that writers write what the author wrote.
import type { Blockquote, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast'
import { AgentError } from '../errors.js'
import type { Block, Placement, Section, SectionKind, Statement, StatementKind } from '../model.js'
import { MAX_NESTING, stringifyMarkdown } from '../markdown/index.js'
import { sectionKey } from './key.js'
import { collapse, hashText, plainText, saidText } from './plain.js'
import { keepSource, nodeSource } from './source.js'

interface Context {
  path: string
  /** The text the tree was parsed from, for source slices; absent for a bare tree. */
  text?: string
  quote: number
  /** Container depth, bounded by MAX_NESTING. */
  depth: number
  /** Depth of the nearest enclosing section, for pseudo-heading depths. */
  sectionDepth: number
}

const lineOf = (node: { position?: { start: { line: number } } }): number => node.position?.start.line ?? 0

/**
 * Our own provenance note, which is not a statement of the agent: its exact,
 * versioned opening line and nothing else (a user's comment that merely
 * starts with `<!-- agentmerge` is content, and kept).
 */
export const PROVENANCE_COMMENT = /^<!-- agentmerge-provenance v1\n[^]*\n-->$/

/**
 * The text of a statement whose words are all in its markup (`[](./a.md)`,
 * `![](logo.png)`): its canonical Markdown, so that the target is not lost.
 */
function markupText(node: RootContent): string {
  const children = node.type === 'listItem' ? node.children : [node]
  return collapse(stringifyMarkdown({ type: 'root', children } as Root))
}

/** A task's identity text keeps its checkbox: `[x] text`. */
const taskNorm = (checked: boolean, text: string): string => `[${checked ? 'x' : ' '}] ${text}`

function addStatement(body: Block[], kind: StatementKind, node: RootContent, text: string, norm: string, ctx: Context, line: number, placement: Partial<Placement> = {}, checked?: boolean): void {
  if (text === '') {
    text = markupText(node)
    if (text === '') return
    norm = checked === undefined ? text : taskNorm(checked, text)
  }
  body.push(makeStatement(kind, node, text, norm, ctx, line, placement, checked))
}

function makeStatement(kind: StatementKind, node: RootContent, text: string, norm: string, ctx: Context, line: number, placement: Partial<Placement> = {}, checked?: boolean): Statement {
  if (ctx.text !== undefined && kind !== 'lead' && kind !== 'html') {
    keepSource(node, nodeSource(ctx.text, node))
  }
  const statement: Statement = {
    type: 'statement',
    kind,
    text,
    norm,
    id: hashText(norm),
    source: { path: ctx.path, line },
    placement: { quote: ctx.quote, ...placement },
    node,
  }
  if (checked !== undefined) statement.checked = checked
  return statement
}

function makeSection(kind: SectionKind, titleNodes: PhrasingContent[], depth: number, path: string, line: number, ordered?: boolean, quote = 0, written?: Omit<NonNullable<Section['written']>, 'plain'>): Section {
  const plain = plainText({ type: 'paragraph', children: titleNodes })
  const title = plain.replace(/\s*:$/, '')
  const section: Section = { type: 'section', kind, title, titleNodes, key: sectionKey(title), depth, source: { path, line }, body: [] }
  if (written) section.written = { ...written, plain }
  if (ordered !== undefined) section.ordered = ordered
  if (quote > 0) section.quote = quote
  return section
}

/** A paragraph that is bold text alone, with at most a colon after it. */
function labelOf(node: Paragraph): PhrasingContent[] | undefined {
  const kids = node.children.filter((c) => !(c.type === 'text' && /^\s*:?\s*$/.test(c.value)))
  if (kids.length !== 1 || kids[0]!.type !== 'strong') return undefined
  return trimColon(kids[0].children)
}

/** Drops a trailing colon from title content: `**Deliverables:**` titles `Deliverables`. */
function trimColon(nodes: PhrasingContent[]): PhrasingContent[] {
  const last = nodes[nodes.length - 1]
  if (last?.type !== 'text' || !/:\s*$/.test(last.value)) return nodes
  const value = last.value.replace(/\s*:\s*$/, '')
  return value === '' ? nodes.slice(0, -1) : [...nodes.slice(0, -1), { ...last, value }]
}

/** Splits a pseudo-heading item's first paragraph into its bold title and the lead after it. */
function splitTitle(paragraph: Paragraph): { title: PhrasingContent[]; lead: PhrasingContent[] } {
  const [first, ...rest] = paragraph.children
  if (first?.type !== 'strong') return { title: trimColon(paragraph.children), lead: [] }
  const lead = [...rest]
  const head = lead[0]
  if (head?.type === 'text') {
    const value = head.value.replace(/^\s*(?:[:\-\u2013\u2014]\s*)?/, '')
    if (value === '') lead.shift()
    else lead[0] = { ...head, value }
  }
  return { title: trimColon(first.children), lead }
}

// What splitTitle takes off the start of a lead-in, as the source spells it.
const LEAD_SEPARATOR = /^\s*(?:[:\-\u2013\u2014]\s*)?/

/**
 * A pseudo-heading's title as written: the title paragraph up to its lead-in
 * (the bold part when a lead-in follows on its first line, else the whole
 * paragraph), the separator after it, and the lead-in's own source.
 */
function writtenTitle(text: string, paragraph: Paragraph, hasLead: boolean): { written?: { text: string; separator: string }; lead?: string } {
  const whole = nodeSource(text, paragraph)
  if (whole === undefined) return {}
  if (!hasLead) return { written: { text: whole, separator: '' } }
  const start = paragraph.position?.start.offset
  const strongEnd = paragraph.children[0]?.position?.end.offset
  if (start === undefined || strongEnd === undefined || text.slice(start, strongEnd).includes('\n')) return {}
  const rest = whole.slice(strongEnd - start)
  const separator = LEAD_SEPARATOR.exec(rest)![0]
  return { written: { text: whole.slice(0, strongEnd - start), separator }, lead: rest.slice(separator.length) }
}

/** A heading's content as written, when it is one line (a setext heading may not be). */
function headingSource(text: string | undefined, heading: Heading): { text: string; separator: string } | undefined {
  const first = heading.children[0]?.position?.start.offset
  const last = heading.children[heading.children.length - 1]?.position?.end.offset
  if (text === undefined || first === undefined || last === undefined) return undefined
  const content = text.slice(first, last)
  return content.includes('\n') ? undefined : { text: content, separator: '' }
}

/** A row's plain and identity texts: its cells' texts between ` | `. */
function rowText(row: TableRow): { text: string; identity: string } {
  const cells = row.children.map((cell) => saidText(cell))
  return { text: cells.map((c) => c.text).join(' | '), identity: cells.map((c) => c.identity).join(' | ') }
}

function codeNorm(lang: string | null | undefined, value: string): string {
  return '```' + (lang ?? '') + '\n' + value.split('\n').map((l) => l.trimEnd()).join('\n')
}

function addTable(table: Table, body: Block[], ctx: Context): void {
  const align = table.align ?? []
  // The header's column count (GFM's alignment has one entry per header cell): a body row with more cells does not widen the table, it is read without the excess.
  const columns = align.length || (table.children[0]?.children.length ?? 0)
  const shape = { align, columns }
  table.children.forEach((row, index) => {
    const said = rowText(row)
    const placement = { table: { ...shape, head: index === 0 } }
    body.push(makeStatement('row', row as unknown as RootContent, said.text, collapse(said.identity), ctx, lineOf(row), placement))
  })
}

/** Where an item of a numbered list stands in it: the number the reader sees, and whether it opens the list. */
function numbering(list: List, index: number): { number: number; first?: true } | undefined {
  if (list.ordered !== true) return undefined
  const number = (list.start ?? 1) + index
  return index === 0 ? { number, first: true } : { number }
}

function addListItem(item: ListItem, list: List, index: number, body: Block[], ctx: Context, listStart: boolean): void {
  const ordered = list.ordered === true
  const nested = item.children.some((c) => c.type === 'list')
  const numbered = numbering(list, index)
  if (!nested) {
    const { text, identity } = saidText(item.children)
    const task = typeof item.checked === 'boolean'
    const norm = task ? taskNorm(item.checked === true, identity) : identity
    const placement: Partial<Placement> = { ordered, ...(listStart ? { listStart } : {}), ...numbered }
    addStatement(body, task ? 'task' : 'item', item, text, norm, ctx, lineOf(item), placement, task ? item.checked === true : undefined)
    return
  }
  const [first, ...rest] = item.children
  const line = lineOf(item)
  if (first?.type !== 'paragraph' && typeof item.checked !== 'boolean') {
    // An item with no words of its own (`- - a`, `- + a`) names no section:
    // its blocks belong to the enclosing one.
    addBlocks(item.children, body, { ...ctx, depth: ctx.depth + 1 })
    return
  }
  const split = first?.type === 'paragraph' ? splitTitle(first) : { title: [], lead: [] }
  const source = ctx.text !== undefined && first?.type === 'paragraph' ? writtenTitle(ctx.text, first, split.lead.length > 0) : {}
  const section = makeSection('item', split.title, ctx.sectionDepth + 1, ctx.path, line, ordered, ctx.quote, source.written)
  if (split.lead.length > 0) {
    const lead: Paragraph = { type: 'paragraph', children: split.lead, position: first?.position }
    keepSource(lead, source.lead)
    const { text, identity } = saidText(lead)
    section.body.push(makeStatement('lead', lead, text, identity, ctx, line))
  }
  if (typeof item.checked === 'boolean') section.checked = item.checked
  if (listStart) section.listStart = true
  if (numbered) Object.assign(section, numbered)
  const inner = { ...ctx, depth: ctx.depth + 1, sectionDepth: ctx.sectionDepth + 1 }
  addBlocks(first?.type === 'paragraph' ? rest : item.children, section.body, inner)
  body.push(section)
}

/** A list's items; `afterList`: the node before it is a numbered list too, which it must not run into when written (it numbers from its own start). */
function addList(list: List, body: Block[], ctx: Context, afterList = false): void {
  list.children.forEach((item, i) => addListItem(item, list, i, body, ctx, afterList && i === 0))
}

/** Adds a run of block nodes (not headings at top level) to a section body. */
export function addBlocks(nodes: RootContent[], body: Block[], ctx: Context): void {
  if (ctx.depth > MAX_NESTING) {
    throw new AgentError('too-deep', `containers nested more than ${MAX_NESTING} deep`, ctx.path, lineOf(nodes[0] ?? {}))
  }
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!
    const line = lineOf(node)
    switch (node.type) {
      case 'yaml':
        break
      case 'paragraph': {
        const label = labelOf(node)
        const next = nodes[i + 1]
        if (label && next?.type === 'list') {
          const written = ctx.text === undefined ? undefined : nodeSource(ctx.text, node)
          const section = makeSection('label', label, ctx.sectionDepth + 1, ctx.path, line, undefined, ctx.quote, written === undefined ? undefined : { text: written, separator: '' })
          addList(next, section.body, { ...ctx, depth: ctx.depth + 1, sectionDepth: ctx.sectionDepth + 1 })
          body.push(section)
          i++
        } else {
          const { text, identity } = saidText(node)
          addStatement(body, 'paragraph', node, text, identity, ctx, line)
        }
        break
      }
      case 'list': {
        const before = nodes[i - 1]
        // Only numbering makes two lists differ: bullet lists one after the other are one list, whatever their markers.
        addList(node, body, { ...ctx, depth: ctx.depth + 1 }, before?.type === 'list' && before.ordered === true && node.ordered === true)
        break
      }
      case 'code': {
        const text = collapse(`${node.lang ? node.lang + ': ' : ''}${node.value}`)
        body.push(makeStatement('code', node, text, codeNorm(node.lang, node.value), ctx, line))
        break
      }
      case 'table':
        addTable(node, body, ctx)
        break
      case 'blockquote':
        addBlocks((node as Blockquote).children, body, { ...ctx, quote: ctx.quote + 1, depth: ctx.depth + 1 })
        break
      case 'thematicBreak':
        body.push({ type: 'rule', source: { path: ctx.path, line } })
        break
      case 'html': {
        if (PROVENANCE_COMMENT.test(node.value)) break
        const text = collapse(node.value)
        if (text !== '') body.push(makeStatement('html', node, text, text, ctx, line))
        break
      }
      case 'heading': {
        // A heading inside a container is content of that container.
        const { text, identity } = saidText(node)
        addStatement(body, 'heading', node, text, `${'#'.repeat(node.depth)} ${identity}`, ctx, line)
        break
      }
      case 'definition': {
        const text = `[${node.label ?? node.identifier}]: ${node.url}${node.title ? ` "${node.title}"` : ''}`
        body.push(makeStatement('definition', node, text, text, ctx, line))
        break
      }
      default: {
        // Footnote definitions and any block an extension adds: keep it whole.
        const { text, identity } = saidText(node)
        addStatement(body, 'paragraph', node, text, identity, ctx, line)
      }
    }
  }
}

/**
 * Builds the section tree of a document: headings nest by depth. With the
 * text the tree was parsed from, statements and titles keep their source.
 */
export function buildSections(tree: Root, path: string, text?: string): Section {
  const root = makeSection('root', [], 0, path, 1)
  const stack: Section[] = [root]
  let run: RootContent[] = []
  const flush = () => {
    const current = stack[stack.length - 1]!
    addBlocks(run, current.body, { path, text, quote: 0, depth: 0, sectionDepth: current.depth })
    run = []
  }
  for (const node of tree.children) {
    if (node.type !== 'heading') {
      run.push(node)
      continue
    }
    flush()
    const heading = node as Heading
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= heading.depth) stack.pop()
    const section = makeSection('heading', heading.children, heading.depth, path, lineOf(heading), undefined, 0, headingSource(text, heading))
    stack[stack.length - 1]!.body.push(section)
    stack.push(section)
  }
  flush()
  return root
}

interface Walked {
  type?: string
  value?: string
  position?: unknown
  children?: Walked[]
}

/** Calls `fn` on every node below `nodes` (and on them), without recursion: nesting is only bounded at 100. */
function eachNode(nodes: readonly unknown[], fn: (node: Walked) => void): void {
  const pending = nodes.slice() as Walked[]
  while (pending.length > 0) {
    const node = pending.pop()!
    fn(node)
    if (node.children) for (const child of node.children) pending.push(child)
  }
}

/**
 * Drops the source positions below statements and in titles once the model
 * is built (lines are in `source`). A statement's own node keeps its
 * position, whose offsets `diff` reads to name changes of form. Positions are
 * about a third of the objects of a parsed tree; without them a model is
 * faster to copy between threads, to cache and to hold.
 */
export function dropPositions(section: Section): void {
  const strip = (node: Walked) => {
    if (node.position !== undefined) delete node.position
  }
  eachNode(section.titleNodes, strip)
  for (const block of section.body) {
    if (block.type === 'section') dropPositions(block)
    else if (block.type === 'statement') eachNode((block.node as Walked).children ?? [], strip)
  }
}

/** Joins soft line breaks so that re-wrapping a paragraph changes nothing. */
export function unwrap(tree: Root): void {
  eachNode(tree.children, (node) => {
    if ((node.type === 'text' || node.type === 'inlineCode') && node.value !== undefined && node.value.includes('\n')) {
      node.value = node.value.replace(/[ \t]*\n[ \t]*/g, ' ')
    }
  })
}
