// GFM for parsing, construct by construct. micromark tries each construct of
// an extension wherever it could start (GFM's e-mail autolink at the start of
// every word), and mdast-util-gfm-autolink-literal then walks every text node
// of the tree with four regular expressions: together about a fifth of a
// parse of a typical agent file, which has no autolink, table, footnote or
// strikethrough at all. Each construct needs a marker in the source: a table
// a `|`, a footnote `[^`, strikethrough `~`, a task `[`, a literal autolink
// `@`, `http:`/`https:` or `www.`. The autolink walk reads text nodes, whose
// values resolve backslash escapes and character references, so its marker
// also allows a backslash before the `:` or `.` and any character reference.
// A source without a construct's marker is parsed without that construct and
// gets the same tree (test/parse.gfm.test.ts holds it to remark-gfm's).
// The same rule as escape.ts: a pass is skipped where nothing it looks
// for can occur.
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import type { Processor } from 'unified'

type SyntaxExtension = ReturnType<typeof gfmTable>

interface Construct {
  name: string
  syntax: () => SyntaxExtension
  /** Matches every source that could hold the construct (loose on purpose: a false "maybe" only costs the construct's work). */
  marker: RegExp
}

/** GFM's constructs in the order micromark-extension-gfm combines them. */
export const GFM_CONSTRUCTS: readonly Construct[] = [
  { name: 'autolink literal', syntax: gfmAutolinkLiteral, marker: /@|&[#a-z]|https?\\?:|www\\?\./i },
  { name: 'footnote', syntax: gfmFootnote, marker: /\[\^/ },
  { name: 'strikethrough', syntax: () => gfmStrikethrough(), marker: /~/ },
  { name: 'table', syntax: gfmTable, marker: /\|/ },
  { name: 'task list item', syntax: gfmTaskListItem, marker: /\[/ },
]

const AUTOLINK = 0

/** Which GFM constructs a source could hold, as a bit per entry of GFM_CONSTRUCTS (all set: full GFM). */
export function gfmConstructsIn(source: string): number {
  let bits = 0
  GFM_CONSTRUCTS.forEach((c, i) => {
    if (c.marker.test(source)) bits |= 1 << i
  })
  return bits
}

interface FromMarkdownExtension {
  enter?: Record<string, unknown>
  transforms?: unknown[]
}
type Extensions = Array<FromMarkdownExtension | Extensions>

/**
 * A unified plugin: GFM for parsing with the constructs of `bits` only
 * (gfmConstructsIn). Tree building keeps every GFM handler (a construct
 * left out never produces their tokens) but the autolink walk, which goes
 * with its construct.
 */
export function gfmParsing(this: Processor, bits: number): void {
  const data = this.data() as { micromarkExtensions?: SyntaxExtension[]; fromMarkdownExtensions?: Extensions }
  const syntax = GFM_CONSTRUCTS.filter((_, i) => bits & (1 << i)).map((c) => c.syntax())
  ;(data.micromarkExtensions ??= []).push(...syntax)
  let tree = gfmFromMarkdown() as Extensions
  if (!(bits & (1 << AUTOLINK))) tree = withoutAutolinkWalk(tree)
  ;(data.fromMarkdownExtensions ??= []).push(tree)
}

function withoutAutolinkWalk(extensions: Extensions): Extensions {
  let found = 0
  const strip = (list: Extensions): Extensions =>
    list.map((ext) => {
      if (Array.isArray(ext)) return strip(ext)
      if (!ext.enter || !('literalAutolink' in ext.enter) || !ext.transforms?.length) return ext
      found++
      return { ...ext, transforms: [] }
    })
  const out = strip(extensions)
  // An mdast-util-gfm that hands its extensions over differently would make this a no-op; say so.
  if (found !== 1) throw new Error(`gfmParsing: expected one literal-autolink extension with a transform, found ${found}`)
  return out
}
