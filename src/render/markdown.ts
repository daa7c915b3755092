// Renders the agent model back to canonical Markdown: the model becomes an
// mdast tree again (sections as their headings or pseudo-headings, runs of
// items as lists, rows as tables, quoted statements in blockquotes) and
// remark-stringify writes it with fixed options. Normalize and merge both end
// here, so a merged file is in canonical form by construction.
import type { Blockquote, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast'
import type { Agent, Block, Placement, Section, Statement } from '../model.js'
import { stringifyMarkdown } from '../parse/markdown.js'
import { renderFrontmatter } from './frontmatter.js'

// A rendered block waiting to be grouped into its container.
type Piece =
  | { kind: 'item'; quote: number; ordered: boolean; node: ListItem }
  | { kind: 'row'; quote: number; table: NonNullable<Placement['table']>; node: TableRow }
  | { kind: 'block'; quote: number; node: RootContent }

function titleParagraph(section: Section, after: PhrasingContent[], colon: boolean): Paragraph {
  const children: PhrasingContent[] = section.titleNodes.length > 0 ? [{ type: 'strong', children: section.titleNodes }] : []
  if (after.length > 0) children.push({ type: 'text', value: children.length > 0 ? ': ' : '' }, ...after)
  else if (colon) children.push({ type: 'text', value: ':' })
  return { type: 'paragraph', children }
}

function itemNode(children: ListItem['children'], checked?: boolean | null): ListItem {
  return { type: 'listItem', spread: children.length > 1 && children.some((c, i) => i > 0 && c.type !== 'list'), checked: checked ?? null, children }
}

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
  if (node.type === 'listItem') {
    return { kind: 'item', quote, ordered: statement.placement.ordered === true, node: itemNode(node.children, node.checked) }
  }
  if (node.type === 'tableRow' && statement.placement.table) return { kind: 'row', quote, table: statement.placement.table, node }
  return { kind: 'block', quote, node }
}

function sectionPieces(section: Section, out: Piece[]): void {
  const quote = section.quote ?? 0
  if (section.kind === 'item') {
    const [first, ...rest] = section.body
    const lead = first?.type === 'statement' && first.kind === 'lead' ? (first.node as Paragraph).children : []
    const body = lead.length > 0 ? rest : section.body
    const children = [titleParagraph(section, lead, false), ...group(piecesOf(body, []), quote)] as ListItem['children']
    out.push({ kind: 'item', quote, ordered: section.ordered === true, node: itemNode(children, section.checked) })
    return
  }
  if (section.kind === 'heading') {
    const depth = Math.min(6, Math.max(1, section.depth)) as 1 | 2 | 3 | 4 | 5 | 6
    out.push({ kind: 'block', quote: 0, node: { type: 'heading', depth, children: section.titleNodes } })
  } else if (section.kind === 'label') {
    out.push({ kind: 'block', quote, node: titleParagraph(section, [], true) })
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
      const list: List = { type: 'list', ordered: piece.ordered, spread: false, children: [] }
      while (i < pieces.length) {
        const next = pieces[i]!
        if (next.kind !== 'item' || next.quote !== level || next.ordered !== piece.ordered) break
        list.children.push(next.node)
        i++
      }
      out.push(list)
    } else if (piece.kind === 'row') {
      const table: Table = { type: 'table', align: piece.table.align, children: [] }
      while (i < pieces.length) {
        const next = pieces[i]!
        if (next.kind !== 'row' || next.quote !== level || !sameTable(next.table, piece.table)) break
        if (next.table.head && table.children.length > 0) break
        table.children.push(next.node)
        i++
      }
      out.push(table)
    } else {
      out.push(piece.node)
      i++
    }
  }
  return out
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

/** The canonical Markdown of one statement; an item without its marker. */
export function statementMarkdown(statement: Statement): string {
  const node = statement.node
  let tree: Root
  if (node.type === 'listItem') tree = { type: 'root', children: node.children }
  else if (node.type === 'tableRow') {
    const { align = [] } = statement.placement.table ?? {}
    const table: Table = { type: 'table', align, children: [node as TableRow] }
    return stringifyMarkdown({ type: 'root', children: [table] }).split('\n')[0]!
  } else tree = { type: 'root', children: [node] }
  return stringifyMarkdown(tree).replace(/\n+$/, '')
}
