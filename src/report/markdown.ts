// A statement's content as HTML: its mdast node written element by element,
// every text escaped. Only what Markdown's own meaning needs is made an
// element (emphasis, code, lists, tables, links); raw HTML written in an
// agent file is shown as text, never passed through, and images are shown
// as their alt text (the report loads nothing).
import type { Nodes } from 'mdast'
import type { Statement } from '../model.js'
import { attr, esc, safeHref } from './html.js'

function children(node: Nodes): string {
  return 'children' in node ? (node.children as Nodes[]).map(nodeHtml).join('') : ''
}

function align(a: 'left' | 'right' | 'center' | null | undefined): string {
  return a ? attr('class', `al-${a}`) : ''
}

/** HTML of one mdast node (block or inline). */
export function nodeHtml(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return esc(node.value)
    case 'strong':
      return `<strong>${children(node)}</strong>`
    case 'emphasis':
      return `<em>${children(node)}</em>`
    case 'delete':
      return `<s>${children(node)}</s>`
    case 'inlineCode':
      return `<code>${esc(node.value)}</code>`
    case 'break':
      return '<br>'
    case 'link': {
      const href = safeHref(node.url)
      const inner = children(node)
      return href ? `<a${attr('href', href)} rel="noopener noreferrer">${inner}</a>` : `<span class="link"${attr('title', node.url)}>${inner}</span>`
    }
    case 'linkReference':
      return `<span class="link">${children(node)}</span>`
    case 'image':
    case 'imageReference':
      return `<span class="image">[image${node.alt ? `: ${esc(node.alt)}` : ''}]</span>`
    case 'html':
      return `<code class="raw">${esc(node.value)}</code>`
    case 'footnoteReference':
      return `<sup>[^${esc(node.label ?? node.identifier)}]</sup>`
    case 'paragraph':
      return `<p>${children(node)}</p>`
    case 'heading':
      return `<p class="heading">${children(node)}</p>`
    case 'code':
      return `<pre${node.lang ? attr('data-lang', node.lang) : ''}><code>${esc(node.value)}</code></pre>`
    case 'blockquote':
      return `<blockquote>${children(node)}</blockquote>`
    case 'thematicBreak':
      return '<hr>'
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul'
      return `<${tag}${node.ordered && node.start != null && node.start !== 1 ? attr('start', node.start) : ''}>${children(node)}</${tag}>`
    }
    case 'listItem': {
      const box = node.checked === true || node.checked === false ? checkbox(node.checked) : ''
      return `<li>${box}${children(node)}</li>`
    }
    case 'table':
      return `<table class="md">${node.children.map((row, i) => rowHtml(row, node.align ?? [], i === 0)).join('')}</table>`
    case 'tableRow':
      return rowHtml(node, [], false)
    case 'tableCell':
      return `<td>${children(node)}</td>`
    case 'definition':
      return `<p class="definition">[${esc(node.label ?? node.identifier)}]: ${esc(node.url)}${node.title ? ` "${esc(node.title)}"` : ''}</p>`
    case 'footnoteDefinition':
      return `<div class="footnote">[^${esc(node.label ?? node.identifier)}]: ${children(node)}</div>`
    case 'yaml':
      return ''
    default:
      return 'value' in node && typeof node.value === 'string' ? esc(node.value) : children(node)
  }
}

function checkbox(checked: boolean): string {
  return `<span class="task">${checked ? '[x]' : '[ ]'}<span class="vh">${checked ? ' done:' : ' to do:'}</span></span> `
}

function rowHtml(row: Nodes, aligns: ReadonlyArray<'left' | 'right' | 'center' | null>, head: boolean): string {
  const cells = 'children' in row ? (row.children as Nodes[]) : []
  const tag = head ? 'th' : 'td'
  return `<tr>${cells.map((c, i) => `<${tag}${align(aligns[i])}>${children(c)}</${tag}>`).join('')}</tr>`
}

/** A statement's content as HTML: an item without its bullet, a row as a one-row table. */
export function statementHtml(statement: Statement): string {
  const node = statement.node as Nodes
  let inner: string
  if (node.type === 'listItem') {
    const box = statement.kind === 'task' ? checkbox(statement.checked === true) : ''
    const kids = node.children as Nodes[]
    // A single paragraph: its inline content, so the text sits beside its badges.
    inner = box + (kids.length === 1 && kids[0]!.type === 'paragraph' ? `<p>${children(kids[0]!)}</p>` : kids.map(nodeHtml).join(''))
  } else if (node.type === 'tableRow') {
    const table = statement.placement.table
    inner = `<table class="md row">${rowHtml(node, table?.align ?? [], table?.head === true)}</table>`
  } else inner = nodeHtml(node)
  if (inner === '') inner = `<p>${esc(statement.text)}</p>`
  return statement.placement.quote > 0 ? `<blockquote>${inner}</blockquote>` : inner
}
