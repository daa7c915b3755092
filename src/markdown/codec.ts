// agentmerge's Markdown: CommonMark with GFM (tables, task lists,
// strikethrough, autolinks) and YAML frontmatter. Sources are parsed with the
// GFM constructs they could hold (gfm.ts: the same tree as full GFM, with
// less work); trees are written as canonical Markdown with fixed options and
// a text handler that skips escaping where it would change nothing
// (escape.ts). Each processor is built once per process.
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify'
import { unified, type Processor } from 'unified'
import { text } from './escape.js'
import { gfmConstructsIn, gfmParsing } from './gfm.js'

/** The canonical Markdown style; changing any of these changes every output. */
export const STRINGIFY_OPTIONS: StringifyOptions = {
  bullet: '-',
  bulletOther: '*',
  bulletOrdered: '.',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  ruleRepetition: 3,
  listItemIndent: 'one',
  incrementListMarker: true,
  setext: false,
  closeAtx: false,
  quote: '"',
  resourceLink: false,
  tightDefinitions: true,
}

type MarkdownProcessor = Processor<Root, undefined, undefined, Root, string>

const writers = new Map<string, MarkdownProcessor>()
const parsers = new Map<number, MarkdownProcessor>()

/** The writer for one thematic-break style. */
function writer(rule: '-' | '*'): MarkdownProcessor {
  let processor = writers.get(rule)
  if (!processor) {
    processor = unified()
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkGfm)
      .use(remarkStringify, { ...STRINGIFY_OPTIONS, rule, handlers: { text } })
      .freeze() as unknown as MarkdownProcessor
    writers.set(rule, processor)
  }
  return processor
}

/** The parser for the GFM constructs a source could hold (gfm.ts): the same tree as full GFM, with less work. */
function parser(bits: number): MarkdownProcessor {
  let processor = parsers.get(bits)
  if (!processor) {
    processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmParsing, bits).freeze() as unknown as MarkdownProcessor
    parsers.set(bits, processor)
  }
  return processor
}

export function parseMarkdown(text: string): Root {
  return parser(gfmConstructsIn(text)).parse(text)
}

/**
 * Canonical Markdown of a tree. A document without frontmatter that opens
 * with a thematic break writes its breaks as `***`: a leading `---` line
 * followed by another would read back as a frontmatter block.
 */
export function stringifyMarkdown(tree: Root): string {
  const leadingRule = tree.children[0]?.type === 'thematicBreak'
  return writer(leadingRule ? '*' : '-').stringify(tree)
}
