// Plain text of mdast nodes: what a statement says with its markup removed.
// Blocks and hard breaks become spaces, so words never run together, and
// whitespace collapses, so re-wrapping a paragraph does not change its text.
import { createHash } from 'node:crypto'
import type { Nodes } from 'mdast'

function collect(node: Nodes, out: string[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
    case 'html':
      out.push(node.value)
      return
    case 'image':
    case 'imageReference':
      if (node.alt) out.push(node.alt)
      return
    case 'break':
    case 'thematicBreak':
      out.push(' ')
      return
    case 'yaml':
    case 'definition':
      return
    default:
      break
  }
  if ('children' in node) {
    const phrasing = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'linkReference'
    for (const child of node.children as Nodes[]) {
      collect(child, out)
      if (!phrasing) out.push(' ')
    }
  }
}

// ASCII text is its own NFC form, and asking ICU to confirm it is a good part
// of the cost of reading a file's statements.
const NON_ASCII = /[^\0-\x7f]/

/** Text in NFC with each run of white space one space, trimmed. */
export function collapse(text: string): string {
  return (NON_ASCII.test(text) ? text.normalize('NFC') : text).replace(/\s+/g, ' ').trim()
}

/** The plain text of a node (or of several, space-separated). */
export function plainText(nodes: Nodes | Nodes[]): string {
  const out: string[] = []
  for (const node of Array.isArray(nodes) ? nodes : [nodes]) {
    collect(node, out)
    out.push(' ')
  }
  return collapse(out.join(''))
}

/** A short stable hash of an identity text. */
export function hashText(norm: string): string {
  return createHash('sha256').update(norm).digest('hex').slice(0, 16)
}
