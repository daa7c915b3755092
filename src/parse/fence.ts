// Finds the frontmatter fences before Markdown parsing. remark-frontmatter
// accepts only `---` fences; hand-written agent files also close with extra
// dashes or `...`, which agent tools accept. Such a fence is rewritten to
// `---` in place (the line count stays, so every position stays true), with a
// warning. An opening fence that is never closed is an error, since the
// Markdown parser would otherwise read the YAML as prose.
import { AgentError, warning } from '../errors.js'
import type { Diagnostic } from '../model.js'

interface Fenced {
  /** The text, with a non-standard closing fence rewritten to `---`. */
  text: string
  warnings: Diagnostic[]
}

const opening = /^---[ \t]*$/
const closing = /^(?:-{3,}|\.{3})[ \t]*$/
const yamlKey = /^[^\s#:][^:]*:(?:\s|$)/

export function fixFences(text: string, path: string): Fenced {
  const firstBreak = text.indexOf('\n')
  const firstLine = firstBreak === -1 ? text : text.slice(0, firstBreak)
  if (!opening.test(firstLine)) return { text, warnings: [] }
  const lines = text.split('\n')
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (!closing.test(line)) continue
    if (/^---[ \t]*$/.test(line)) return { text, warnings: [] }
    lines[i] = '---'
    const note = warning('frontmatter-fence', `frontmatter closed with ${JSON.stringify(line.trim())}; read as '---'`, path, i + 1)
    return { text: lines.join('\n'), warnings: [note] }
  }
  // No closing fence: a file that opens with a thematic break is fine, one
  // that opens with YAML keys is an unclosed frontmatter block.
  const next = lines.slice(1).find((line) => line.trim() !== '')
  if (next !== undefined && yamlKey.test(next)) {
    throw new AgentError('frontmatter-unclosed', "frontmatter opened with '---' is never closed", path, 1, 1)
  }
  return { text, warnings: [] }
}
