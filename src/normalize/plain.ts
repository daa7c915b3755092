// Plain text of mdast nodes: what a statement says with its markup removed.
// Blocks and hard breaks become spaces, so words never run together, and
// whitespace collapses, so re-wrapping a paragraph does not change its text.
// The identity text (a statement's `norm`) is the plain text with the markup
// that says something kept: struck-out words between `~~`, and each link's or
// image's target after its text (`guide <https://...>`), so that striking a
// rule out or pointing a link elsewhere is a change, while emphasis, escapes
// and the link's style (inline, reference, autolink) stay form.
import { createHash } from 'node:crypto'
import type { Nodes } from 'mdast'

/** What a collection is for (the plain text, or the identity text), and whether it met markup that says something. */
interface Mode {
  identity: boolean
  marked: boolean
}

/**
 * The target a link, image or reference carries into the identity text,
 * written after its text: `<url>` for a link or image, `<[label]>` for a
 * full reference; none for a link whose text is its target (an autolink).
 */
export function carriedTarget(node: Nodes, text: string): string | undefined {
  switch (node.type) {
    case 'link':
      return node.url === text || node.url === `mailto:${text}` || node.url === `http://${text}` ? undefined : `<${node.url}>`
    case 'image':
      return `<${node.url}>`
    case 'linkReference':
    case 'imageReference':
      // The label names the definition, which holds the URL (a statement of its
      // own); a shortcut or collapsed reference is named by its text.
      return node.referenceType === 'full' ? `<[${node.identifier}]>` : undefined
    default:
      return undefined
  }
}

function collect(node: Nodes, out: string[], mode: Mode): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
    case 'html':
      out.push(node.value)
      return
    case 'image':
    case 'imageReference':
      mode.marked = true
      if (node.alt) out.push(node.alt)
      if (mode.identity) carry(node, node.alt ?? '', out)
      return
    case 'break':
    case 'thematicBreak':
      out.push(' ')
      return
    case 'yaml':
    case 'definition':
      return
    case 'link':
    case 'linkReference':
    case 'delete':
      mode.marked = true
      if (mode.identity) {
        saidByMarkup(node, out, mode)
        return
      }
      break
    default:
      break
  }
  if ('children' in node) {
    const phrasing = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'linkReference'
    for (const child of node.children as Nodes[]) {
      collect(child, out, mode)
      if (!phrasing) out.push(' ')
    }
  }
}

/** A struck-out part between `~~`, a link's text followed by its target. */
function saidByMarkup(node: Nodes & { children: Nodes[] }, out: string[], mode: Mode): void {
  const inner: string[] = []
  for (const child of node.children) collect(child, inner, mode)
  const text = collapse(inner.join(''))
  if (node.type === 'delete') {
    out.push(`~~${text}~~`)
    return
  }
  out.push(text)
  carry(node, text, out)
}

function carry(node: Nodes, text: string, out: string[]): void {
  const target = carriedTarget(node, text)
  if (target !== undefined) out.push(' ', target)
}

// ASCII text is its own NFC form, and asking ICU to confirm it is a good part
// of the cost of reading a file's statements.
const NON_ASCII = /[^\0-\x7f]/

/** Text in NFC with each run of white space one space, trimmed. */
export function collapse(text: string): string {
  return squashSpace(NON_ASCII.test(text) ? text.normalize('NFC') : text)
}

/** Each run of white space one space, trimmed: the text as re-wrapping and indentation leave it. */
export function squashSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function gather(nodes: Nodes | Nodes[], mode: Mode): string {
  const out: string[] = []
  for (const node of Array.isArray(nodes) ? nodes : [nodes]) {
    collect(node, out, mode)
    out.push(' ')
  }
  return collapse(out.join(''))
}

/** The plain text of a node (or of several, space-separated). */
export function plainText(nodes: Nodes | Nodes[]): string {
  return gather(nodes, { identity: false, marked: false })
}

/**
 * The plain text of a statement's nodes and its identity text: the same
 * string unless the nodes hold a link, an image or struck-out words.
 */
export function saidText(nodes: Nodes | Nodes[]): { text: string; identity: string } {
  const mode = { identity: false, marked: false }
  const text = gather(nodes, mode)
  return { text, identity: mode.marked ? gather(nodes, { identity: true, marked: true }) : text }
}

/** A short stable hash of an identity text. */
export function hashText(norm: string): string {
  return createHash('sha256').update(norm).digest('hex').slice(0, 16)
}
