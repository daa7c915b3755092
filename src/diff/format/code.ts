// The line diff of a code block that changed: a word diff flattens a block's
// lines and drops its indentation, so a re-indented line would look the same
// on both sides; the formats show the block's lines instead, each marked.
import { diffLines } from 'diff'
import type { Statement } from '../../model.js'

/** A changed block's lines, as `+ line`, `- line` or `  line` (kept); the whole of each side when the diff is too costly. */
export function codeLines(a: Statement, b: Statement): string[] {
  const x = a.node.type === 'code' ? a.node.value : a.text
  const y = b.node.type === 'code' ? b.node.value : b.text
  const changes = diffLines(x.endsWith('\n') ? x : x + '\n', y.endsWith('\n') ? y : y + '\n', { maxEditLength: 2000 })
  const lines: string[] = []
  if (!changes) {
    for (const l of x.split('\n')) lines.push('- ' + l)
    for (const l of y.split('\n')) lines.push('+ ' + l)
  } else {
    for (const c of changes) {
      const sign = c.added ? '+ ' : c.removed ? '- ' : '  '
      for (const l of c.value.replace(/\n$/, '').split('\n')) lines.push(sign + l)
    }
  }
  return lines
}

/** Whether a change of these two statements is shown as a line diff: either is a code block. */
export const isCodeChange = (a: Statement, b: Statement): boolean => a.node.type === 'code' || b.node.type === 'code'
