// Refuses a file that still holds a merge conflict: git's markers
// (`<<<<<<< ours`, `=======`, `>>>>>>> theirs`, seven or more of each, at
// the start of a line) left in it by an unfinished merge. Markdown reads
// them as a paragraph, a heading underline and a nested quote, so every
// command would go on with both sides of the conflict as statements (a
// merge would write the markers into the merged agent, lint would pass
// it). Inside a code block too: the merge driver writes a conflict of a
// code block's lines there. An example that shows markers in an agent file
// indents them (none of the 726 corpus files has them at a line's start).
import { AgentError } from '../errors.js'

const OPEN = /^<{7,}(?:[ \r]|$)/
const SEPARATOR = /^={7,}\r?$/
const CLOSE = /^>{7,}(?:[ \r]|$)/

/** Throws AgentError at the first opening marker line followed by a separator and a closing marker line. */
export function checkConflictMarkers(text: string, path: string): void {
  if (!text.includes('<<<<<<<')) return
  let open = -1
  let separated = false
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    // A later opening line before any separator starts the conflict (a stray one above it is no part of it).
    if (!separated && OPEN.test(line)) open = i + 1
    else if (open === -1) continue
    else if (!separated) separated = SEPARATOR.test(line)
    else if (CLOSE.test(line)) throw new AgentError('conflict-markers', `unresolved merge conflict: git conflict markers from here to line ${i + 1}; resolve the conflict first`, path, open, 1)
  }
}
