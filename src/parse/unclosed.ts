// Finds fenced code blocks that are never closed. CommonMark runs such a
// block to the end of its container, so a stray ``` swallows everything
// after it: every section below becomes code, for the model that reads the
// file and for every command that compares it. The parse is right to read it
// so; the author should hear of it, with the line to look at.
import type { Nodes, Root } from 'mdast'
import { warning } from '../errors.js'
import { fenceOf, leftOpen } from '../markdown/index.js'
import type { Diagnostic } from '../model.js'

/** What stands before a fence on its line inside containers: indentation and blockquote markers. */
const PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*/

/** One warning per fenced code block of the tree whose closing fence is missing. */
export function unclosedFences(tree: Root, text: string, path: string): Diagnostic[] {
  const out: Diagnostic[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'code') {
      const start = node.position?.start
      const end = node.position?.end
      if (start?.offset === undefined || end?.offset === undefined) return
      const lines = text.slice(start.offset, end.offset).split('\n')
      if (!leftOpen(lines.map((l) => l.replace(PREFIX, '')))) return
      const fence = fenceOf(lines[0]!.replace(PREFIX, ''))!
      const rest = text.slice(end.offset).trim() === '' ? 'the end of the file' : 'the end of its list item or quote'
      // The block may end with the file's last line break.
      const count = lines.length - 1 - (lines[lines.length - 1] === '' ? 1 : 0)
      out.push(warning('unclosed-fence', `code fence ${fence} is never closed: the ${count} line${count === 1 ? '' : 's'} after it, to ${rest}, are read as code`, path, start.line, start.column))
      return
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return out
}

