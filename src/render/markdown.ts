// Renders the agent model back to Markdown: the model becomes an mdast tree
// again (sections as their headings or pseudo-headings, runs of items as
// lists, rows as tables, quoted statements in blockquotes) and
// remark-stringify writes that skeleton with fixed options. Each statement
// and title goes into it as its source text (an `html` node, which is
// written verbatim, re-indented by its container), so its words, escapes,
// markup and line breaks are the author's; only what has no source (a title
// the merge made) is written from its nodes. Normalize and merge both end
// here.
import type { Blockquote, Html, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast'
import type { Agent, Block, Placement, Section, Statement } from '../model.js'
import { plainText } from '../normalize/plain.js'
import { sourceText } from '../normalize/source.js'
import { stringifyMarkdown } from '../markdown/index.js'
import { renderFrontmatter } from './frontmatter.js'

// A rendered block waiting to be grouped into its container.
type Piece =
  | { kind: 'item'; quote: number; ordered: boolean; start: boolean; number?: number; node: ListItem }
  | { kind: 'row'; quote: number; table: NonNullable<Placement['table']>; node: TableRow }
  | { kind: 'block'; quote: number; node: RootContent }

// Source text goes in as inline HTML, which is written verbatim; a block of
// it as a paragraph of that, so that it is spaced as the paragraph it mostly is.
const inline = (value: string): Html => ({ type: 'html', value })
const verbatim = (value: string): Paragraph => ({ type: 'paragraph', children: [inline(value)] })

/** The title as written, unless a stage changed the title nodes since it was read. */
export function writtenTitle(section: Section): NonNullable<Section['written']> | undefined {
  const written = section.written
  if (!written || written.plain !== plainText({ type: 'paragraph', children: section.titleNodes })) return undefined
  return written
}

/** A pseudo-heading's title paragraph, with its lead-in: as written when both have a source. */
function titleBlock(section: Section, lead: Statement | undefined, colon: boolean): RootContent {
  const written = writtenTitle(section)
  const leadSource = lead ? sourceText(lead.node) : undefined
  if (written && !lead) return verbatim(written.text + written.separator.trimEnd())
  if (written && leadSource !== undefined) {
    const separator = written.separator === '' ? ': ' : /\s$/.test(written.separator) ? written.separator : written.separator + ' '
    return verbatim(written.text + separator + leadSource)
  }
  return titleParagraph(section, lead ? (lead.node as Paragraph).children : [], colon)
}

function titleParagraph(section: Section, after: PhrasingContent[], colon: boolean): Paragraph {
  const children: PhrasingContent[] = section.titleNodes.length > 0 ? [{ type: 'strong', children: section.titleNodes }] : []
  if (after.length > 0) children.push({ type: 'text', value: children.length > 0 ? ': ' : '' }, ...after)
  else if (colon) children.push({ type: 'text', value: ':' })
  return { type: 'paragraph', children }
}

function itemNode(children: ListItem['children'], checked?: boolean | null): ListItem {
  return { type: 'listItem', spread: children.length > 1 && children.some((c, i) => i > 0 && c.type !== 'list'), checked: checked ?? null, children }
}

// The number a list is written from: its first item's, where that item opened its list (as read, or as the merge numbered it);
// an item that stood further down its list (another stage removed the ones before it) opens a list at 1.
const numberOf = (at: { ordered?: boolean; number?: number; first?: boolean }): { number?: number } => (at.ordered === true && at.first === true && at.number !== undefined ? { number: at.number } : {})

function piecesOf(blocks: Block[], out: Piece[]): Piece[] {
  for (const block of blocks) {
    if (block.type === 'rule') out.push({ kind: 'block', quote: 0, node: { type: 'thematicBreak' } })
    else if (block.type === 'statement') out.push(statementPiece(block))
    else sectionPieces(block, out)
  }
  return out
}

function statementPiece(statement: Statement): Piece {
  const { quote } = statement.placement
  const node = statement.node
  const source = sourceText(node)
  if (node.type === 'listItem') {
    const children = source === undefined ? node.children : [verbatim(source)]
    const { ordered, listStart } = statement.placement
    return { kind: 'item', quote, ordered: ordered === true, start: listStart === true, ...numberOf(statement.placement), node: itemNode(children as ListItem['children'], node.checked) }
  }
  if (node.type === 'tableRow' && statement.placement.table) return { kind: 'row', quote, table: statement.placement.table, node }
  return { kind: 'block', quote, node: source === undefined ? node : verbatim(source) }
}

function sectionPieces(section: Section, out: Piece[]): void {
  const quote = section.quote ?? 0
  if (section.kind === 'item') {
    const [first, ...rest] = section.body
    const lead = first?.type === 'statement' && first.kind === 'lead' ? first : undefined
    const body = lead ? rest : section.body
    const children = [titleBlock(section, lead, false), ...group(piecesOf(body, []), quote)] as ListItem['children']
    out.push({ kind: 'item', quote, ordered: section.ordered === true, start: section.listStart === true, ...numberOf(section), node: itemNode(children, section.checked) })
    return
  }
  if (section.kind === 'heading') {
    const depth = Math.min(6, Math.max(1, section.depth)) as 1 | 2 | 3 | 4 | 5 | 6
    const written = writtenTitle(section)
    out.push({ kind: 'block', quote: 0, node: { type: 'heading', depth, children: written ? [inline(written.text)] : section.titleNodes } })
  } else if (section.kind === 'label') {
    out.push({ kind: 'block', quote, node: titleBlock(section, undefined, true) })
  }
  piecesOf(section.body, out)
}

// Rows belong to one table while the shape agrees; a head row starts the next.
// Each row carries its own copy of the shape, so compare by value.
function sameTable(a: NonNullable<Placement['table']>, b: NonNullable<Placement['table']>): boolean {
  return a.columns === b.columns && a.align.length === b.align.length && a.align.every((x, i) => x === b.align[i])
}

/** Groups pieces into lists, tables and blockquotes, innermost last. */
function group(pieces: Piece[], level: number): RootContent[] {
  const out: RootContent[] = []
  let i = 0
  while (i < pieces.length) {
    const piece = pieces[i]!
    if (piece.quote > level) {
      let j = i
      while (j < pieces.length && pieces[j]!.quote > level) j++
      const quote: Blockquote = { type: 'blockquote', children: group(pieces.slice(i, j), level + 1) as Blockquote['children'] }
      out.push(quote)
      i = j
    } else if (piece.kind === 'item') {
      // A numbered list starts at its first item's number: the reader takes `3.` after a code block for the rest of a procedure, `1.` for a new one.
      const list: List = { type: 'list', ordered: piece.ordered, spread: false, children: [], ...(piece.number !== undefined && piece.number !== 1 ? { start: piece.number } : {}) }
      while (i < pieces.length) {
        const next = pieces[i]!
        if (next.kind !== 'item' || next.quote !== level || next.ordered !== piece.ordered || (next.start && next !== piece)) break
        list.children.push(next.node)
        i++
      }
      out.push(list)
    } else if (piece.kind === 'row') {
      const rows: TableRow[] = []
      while (i < pieces.length) {
        const next = pieces[i]!
        if (next.kind !== 'row' || next.quote !== level || !sameTable(next.table, piece.table)) break
        if (next.table.head && rows.length > 0) break
        rows.push(next.node)
        i++
      }
      out.push(tableBlock(rows, piece.table))
    } else {
      out.push(piece.node)
      i++
    }
  }
  return out
}

const DELIMITER = { left: ':--', right: '--:', center: ':-:' } as const

/**
 * A row's source with the outer pipes a table row needs to be read as one.
 * A closing pipe is one an even run of backslashes precedes (`\|` is a
 * pipe in the cell, `\\|` a backslash and the pipe), once the blanks the
 * row's span ends with are off.
 */
function piped(row: string): string {
  const trimmed = row.trimEnd()
  const open = trimmed.startsWith('|') ? trimmed : `| ${trimmed}`
  return /(?:^|[^\\])(?:\\\\)*\|$/.test(open) && open.length > 1 ? open : `${open} |`
}

/** A row as the author wrote it, or, without a source, from its cells (the writer's own escaping). */
function rowLine(row: TableRow, align: Table['align']): string {
  const source = sourceText(row)
  if (source !== undefined) return piped(source)
  return stringifyMarkdown({ type: 'root', children: [{ type: 'table', align, children: [row] }] }).split('\n')[0]!
}

/**
 * A table written row by row, each row as its own line (rowLine), with a
 * delimiter row after the first. GFM reads a table only where the delimiter
 * row has as many cells as the header, and reads a body row with more cells
 * by ignoring the excess: so the delimiter row has the header's column count
 * (the table's `columns`; a first row that is not the head is the header
 * as written, so its own cells), and a longer row is still written
 * whole. The writer of remark-gfm would pad the header to the longest row
 * instead, which changes the header's text.
 */
function tableBlock(rows: TableRow[], shape: NonNullable<Placement['table']>): Paragraph {
  const first = rows[0]!
  const columns = Math.max(1, shape.head ? shape.columns : first.children.length)
  const delimiter = Array.from({ length: columns }, (_, i) => {
    const side = shape.align[i]
    return side ? DELIMITER[side] : '---'
  })
  const lines = rows.map((row) => rowLine(row, shape.align))
  lines.splice(1, 0, `| ${delimiter.join(' | ')} |`)
  return verbatim(lines.join('\n'))
}

/** The mdast tree of an agent's body (without frontmatter). */
export function bodyTree(root: Section): Root {
  return { type: 'root', children: group(piecesOf([root], []), 0) }
}

/** Canonical Markdown of an agent: frontmatter, then the body. */
export function renderAgent(agent: Agent): string {
  const yaml = agent.meta.present ? renderFrontmatter(agent.meta) : ''
  const body = stringifyMarkdown(bodyTree(agent.root))
  const frontmatter = agent.meta.present ? `---\n${yaml}---\n` : ''
  const text = frontmatter + (body.trim() === '' ? '' : (frontmatter ? '\n' : '') + body)
  return text
}

/** The Markdown of one statement as written (an item without its marker), or its canonical Markdown when it has no source. */
export function statementMarkdown(statement: Statement): string {
  const node = statement.node
  const source = sourceText(node)
  if (source !== undefined) return source
  let tree: Root
  if (node.type === 'listItem') tree = { type: 'root', children: node.children }
  else if (node.type === 'tableRow') return rowLine(node as TableRow, statement.placement.table?.align ?? [])
  else tree = { type: 'root', children: [node] }
  return stringifyMarkdown(tree).replace(/\n+$/, '')
}
