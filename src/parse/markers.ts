// Refuses a file that still holds a merge conflict: git's markers
// (`<<<<<<< ours`, `=======`, `>>>>>>> theirs`) left in it by an unfinished
// merge. Markdown reads them as a paragraph and a nested quote, so every
// command would go on with both sides of the conflict as statements (a
// merge would write the markers into the merged agent, lint would pass it).
// Markers inside a code block are an example, not a conflict.
import type { Nodes, Root } from 'mdast'
import { AgentError } from '../errors.js'

const OPEN = /^<{7}(?:[ \r]|$)/
const CLOSE = /^>{7}(?:[ \r]|$)/

/** Throws AgentError at the first opening marker line followed by a closing one, outside code blocks. */
export function checkConflictMarkers(tree: Root, text: string, path: string): void {
  if (!text.includes('<<<<<<<')) return
  const code = new Set<number>()
  const visit = (node: Nodes): void => {
    if (node.type === 'code' || node.type === 'html') {
      for (let l = node.position?.start.line ?? 0; l <= (node.position?.end.line ?? -1); l++) code.add(l)
      return
    }
    if ('children' in node) for (const c of node.children) visit(c)
  }
  visit(tree)
  const lines = text.split('\n')
  let open = -1
  lines.forEach((line, i) => {
    if (code.has(i + 1)) return
    if (open === -1 && OPEN.test(line)) open = i + 1
    else if (open !== -1 && CLOSE.test(line)) throw new AgentError('conflict-markers', 'unresolved merge conflict: git conflict markers from here to line ' + (i + 1) + '; resolve the conflict first', path, open, 1)
  })
}
