// The source text of a statement: the slice of the file its mdast node
// covers, as the author wrote it (words, punctuation, escapes, inline markup,
// line breaks). Continuation lines lose only the prefixes of the containers
// the statement sat in (blockquote markers, list indentation), so a writer
// can put the text into any container and re-indent it consistently.
import type { Data, Nodes } from 'mdast'
import { leftOpen, parseMarkdown } from '../markdown/index.js'

declare module 'mdast' {
  interface Data {
    /** The node's source text without its containers' prefixes (normalize/source.ts). */
    source?: string
  }
}

type Segment = { quote: true } | { quote: false; width: number }

const tabStop = (column: number) => column + 4 - (column % 4)

/** The containers a line's prefix stands for: blockquote markers and widths of indentation. */
function segmentsOf(prefix: string): Segment[] {
  const out: Segment[] = []
  let column = 0
  let width = 0
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i]!
    if (c === '>') {
      if (width > 0) out.push({ quote: false, width })
      width = 0
      out.push({ quote: true })
      column++
      // The one space after `>` belongs to the marker.
      if (prefix[i + 1] === ' ') {
        i++
        column++
      }
      continue
    }
    const next = c === '\t' ? tabStop(column) : column + 1
    width += next - column
    column = next
  }
  if (width > 0) out.push({ quote: false, width })
  return out
}

/**
 * Takes what the containers own off the start of a continuation line. A lazy
 * line (one that lacks a marker or part of the indentation) keeps what it has.
 */
function stripLine(line: string, segments: Segment[]): { line: string; lazy: boolean } {
  let i = 0
  let column = 0
  let lazy = false
  for (const segment of segments) {
    if (segment.quote) {
      const m = /^ {0,3}> ?/.exec(line.slice(i))
      if (m) {
        i += m[0].length
        column += m[0].length
      } else lazy = true
      continue
    }
    const target = column + segment.width
    while (i < line.length && column < target && (line[i] === ' ' || line[i] === '\t')) {
      const next = line[i] === '\t' ? tabStop(column) : column + 1
      if (next > target) return { line: ' '.repeat(next - target) + line.slice(i + 1), lazy }
      column = next
      i++
    }
    if (column < target && line.trim() !== '') lazy = true
  }
  return { line: line.slice(i), lazy }
}

/**
 * The text from `start` to `end` with each continuation line stripped of the
 * container prefix that the line of `start` has before it, and whether a line
 * was lazy. `skip` matches the end of that prefix when part of it belongs to
 * the node (a task's checkbox).
 */
function sliceSource(text: string, start: number, end: number, skip?: RegExp): { source: string; lazy: boolean } {
  const raw = text.slice(start, end)
  if (!raw.includes('\n')) return { source: raw, lazy: false }
  let prefix = text.slice(text.lastIndexOf('\n', start - 1) + 1, start)
  if (skip) prefix = prefix.replace(skip, '')
  const segments = segmentsOf(prefix)
  const lines = raw.split('\n')
  let lazy = false
  for (let i = 1; i < lines.length; i++) {
    const stripped = stripLine(lines[i]!, segments)
    lines[i] = stripped.line
    lazy ||= stripped.lazy
  }
  return { source: lines.join('\n'), lazy }
}

/**
 * Whether a source with lazy lines still reads as the blocks it was: once
 * re-indented, a lazy `- x` or `===` line would start a list or a heading.
 */
function readsAs(source: string, blocks: readonly Nodes[]): boolean {
  const tree = parseMarkdown(source)
  return tree.children.length === blocks.length && tree.children.every((c, i) => c.type === blocks[i]!.type)
}

const TASK_BOX = /\[[ xX]\][ \t]*$/

/** Whether a code block is fenced: indented code would read differently after a list marker. */
function isFenced(text: string, node: Nodes): boolean {
  const start = node.position?.start.offset
  return start !== undefined && (text.startsWith('```', start) || text.startsWith('~~~', start))
}

/** The offsets a node spans in its file, when the parser recorded them. */
function span(node: Nodes | undefined): [number, number] | undefined {
  const start = node?.position?.start.offset
  const end = node?.position?.end.offset
  return start === undefined || end === undefined ? undefined : [start, end]
}

/**
 * The source text of a block node; a list item's is its content, without
 * marker or checkbox. Undefined when the node has no offsets, or when lazy
 * lines would read differently once indented (the node is then written from
 * its tree).
 */
export function nodeSource(text: string, node: Nodes): string | undefined {
  const whole = span(node)
  if (!whole) return undefined
  // Indented code is written from the tree: its slice holds the indent of where it stood.
  if (node.type === 'code' && !isFenced(text, node)) return undefined
  let sliced: { source: string; lazy: boolean }
  let blocks: readonly Nodes[] = [node]
  if (node.type === 'listItem') {
    const first = span(node.children[0])
    if (!first) return undefined
    blocks = node.children
    if (node.children.some((c) => c.type === 'code' && !isFenced(text, c))) return undefined
    // A fence it never closes would run on into what is written after the item.
    if (node.children.some((c) => c.type === 'code' && unclosedAt(text, c))) return undefined
    if (typeof node.checked !== 'boolean') sliced = sliceSource(text, first[0], whole[1])
    else {
      // The parser starts a task's paragraph after its checkbox, or at it when code follows.
      sliced = sliceSource(text, first[0], whole[1], TASK_BOX)
      sliced.source = sliced.source.replace(/^\[[ xX]\][ \t]*/, '')
    }
  } else sliced = sliceSource(text, whole[0], whole[1])
  if (node.type === 'code' && unclosed(sliced.source)) return undefined
  return sliced.lazy && !readsAs(sliced.source, blocks) ? undefined : sliced.source
}

/**
 * A fence its file never closed (the code runs to the end of the file): its
 * slice would swallow whatever a merge writes after it, so it is written
 * from its tree, which closes it.
 */
function unclosed(source: string): boolean {
  return leftOpen(source.split('\n'))
}

/** Whether a fenced code node's own slice leaves its fence open. */
function unclosedAt(text: string, node: Nodes): boolean {
  const at = span(node)
  return at !== undefined && unclosed(sliceSource(text, at[0], at[1]).source)
}

/** Records a node's source text in its `data`, where writers look for it. */
export function keepSource(node: { data?: Data }, source: string | undefined): void {
  if (source !== undefined) node.data = { ...node.data, source }
}

/** The source text recorded for a node, if any. */
export const sourceText = (node: { data?: Data }): string | undefined => node.data?.source
