// A code block both sides changed, merged by its lines as git merges a file:
// edits of different lines both apply, and only lines both sides changed
// differently are a conflict, written inside the block. A list item holding
// a code block merges the same way. The merged statement is read back as
// Markdown, so its texts and id are what a file holding it would give.
import type { RootContent } from 'mdast'
import type { Statement } from '../model.js'
import { parseAgent } from '../pipeline.js'
import { statementMarkdown } from '../render/markdown.js'
import { statementsOf } from '../walk.js'
import { mergeLines } from './lines3.js'

/** Lines both sides changed differently: the merged block holds `token`'s line in their place. */
export interface CodeClash {
  token: string
  ours: string[]
  theirs: string[]
  /** The line of ours where they start, in the file. */
  line: number
}

/**
 * The merge of a code block changed on both sides (`o` the base, `a` ours,
 * `b` theirs), or undefined when the three are not all code blocks (or items
 * holding one) or the merged lines do not read as one such statement (both
 * changed a fence line, or an item's first line).
 */
export function mergeCodeLines(o: Statement, a: Statement, b: Statement, token: () => string): { statement: Statement; clashes: CodeClash[] } | undefined {
  if (![o, a, b].every((x) => x.kind === a.kind && holdsCode(x))) return undefined
  const merged = mergeLines(statementMarkdown(o), statementMarkdown(a), statementMarkdown(b))
  const lines = merged.text.split('\n')
  // A clash in a fence line leaves no block to write the markers inside.
  if (merged.clashes.some((c) => c.at === 0 || c.at + c.ours.length >= lines.length)) return undefined
  const clashes: CodeClash[] = []
  // From the last clash back, so that the earlier ones' places stay true.
  for (const clash of [...merged.clashes].reverse()) {
    const t = token()
    lines.splice(clash.at, clash.ours.length, t)
    clashes.unshift({ token: t, ours: clash.ours, theirs: clash.theirs, line: a.source.line + clash.inOurs })
  }
  // An item's text is without its marker and its continuation lines without the item's indentation: read back as an item.
  const text = a.kind === 'item' ? lines.map((l, i) => (i === 0 ? '- ' : l === '' ? '' : '  ') + l).join('\n') : lines.join('\n')
  let read
  try {
    read = statementsOf(parseAgent(text, a.source.path).root)
  } catch {
    // Lines that do not read as Markdown (over a limit): the whole statement is the conflict.
    return undefined
  }
  const block = read[0]
  if (read.length !== 1 || block?.kind !== a.kind) return undefined
  return { statement: { ...block, source: a.source, placement: a.placement }, clashes }
}

/** A code block, or a list item (not a task) with a code block in it. */
function holdsCode(s: Statement): boolean {
  const children = (s.node as { children?: RootContent[] }).children ?? []
  return s.kind === 'code' || (s.kind === 'item' && children.some((c) => c.type === 'code'))
}
