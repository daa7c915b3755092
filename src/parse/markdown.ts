// The one Markdown processor of agentmerge: CommonMark with GFM (tables,
// task lists, strikethrough, autolinks) and YAML frontmatter, for parsing and
// for writing canonical Markdown with fixed options. Built once per process.
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify'
import { unified, type Processor } from 'unified'
import { text } from '../render/escape.js'
import { mayHoldLiteralAutolink, withoutLiteralAutolinkWalk } from './autolink.js'

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

const processors = new Map<string, MarkdownProcessor>()

/** The processor for one thematic-break style, with or without the walk for literal autolinks (parse/autolink.ts). */
function get(rule: '-' | '*' = '-', autolinkWalk = true): MarkdownProcessor {
  const key = autolinkWalk ? rule : `${rule} lean`
  let processor = processors.get(key)
  if (!processor) {
    const base = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)
    processor = (autolinkWalk ? base : base.use(withoutLiteralAutolinkWalk))
      .use(remarkStringify, { ...STRINGIFY_OPTIONS, rule, handlers: { text } })
      .freeze() as unknown as MarkdownProcessor
    processors.set(key, processor)
  }
  return processor
}

export function parseMarkdown(text: string): Root {
  return get('-', mayHoldLiteralAutolink(text)).parse(text)
}

/**
 * Canonical Markdown of a tree. A document without frontmatter that opens
 * with a thematic break writes its breaks as `***`: a leading `---` line
 * followed by another would read back as a frontmatter block.
 */
export function stringifyMarkdown(tree: Root): string {
  const leadingRule = tree.children[0]?.type === 'thematicBreak'
  return get(leadingRule ? '*' : '-').stringify(tree)
}
