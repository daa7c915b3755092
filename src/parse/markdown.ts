// The one Markdown processor of agentmerge: CommonMark with GFM (tables,
// task lists, strikethrough, autolinks) and YAML frontmatter, for parsing and
// for writing canonical Markdown with fixed options. Built once per process.
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify'
import { unified, type Processor } from 'unified'

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

let processor: Processor<Root, undefined, undefined, Root, string> | undefined

function get(): Processor<Root, undefined, undefined, Root, string> {
  processor ??= unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkStringify, STRINGIFY_OPTIONS)
    .freeze() as unknown as Processor<Root, undefined, undefined, Root, string>
  return processor
}

export function parseMarkdown(text: string): Root {
  return get().parse(text)
}

export function stringifyMarkdown(tree: Root): string {
  return get().stringify(tree)
}
