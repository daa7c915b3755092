// GFM's literal autolinks (www.example.com, https://…, a@b.co) are found in
// two steps: micromark marks some while tokenizing, and mdast-util-gfm-
// autolink-literal then walks every text node of the tree with four regular
// expressions for the rest, about a tenth of a whole parse. Each of those
// expressions needs "http:"/"https:", "www." or "@" in a text node, and a
// text node's value is its source slice with backslash escapes and character
// references resolved. So a source with none of those (allowing a backslash
// before the ":" or "." and any character reference, which could spell them)
// cannot give the walk a match: its parse skips the walk and gives the same
// tree. The same rule as render/escape.ts: a pass over text is skipped when
// nothing it looks for can occur.
import type { Processor } from 'unified'

// Loose on purpose: a false "maybe" only costs the walk.
const MAYBE_LITERAL = /@|&[#a-z]|https?\\?:|www\\?\./i

/** Whether the walk for literal autolinks could change the tree of this Markdown source. */
export function mayHoldLiteralAutolink(source: string): boolean {
  return MAYBE_LITERAL.test(source)
}

interface FromMarkdownExtension {
  enter?: Record<string, unknown>
  transforms?: unknown[]
}
type Extensions = Array<FromMarkdownExtension | Extensions>

/**
 * A unified plugin, used after remark-gfm: its tree transform for literal
 * autolinks is left out (their tokens from micromark are still turned into
 * links). Only for sources where mayHoldLiteralAutolink is false.
 */
export function withoutLiteralAutolinkWalk(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: Extensions }
  let found = 0
  const strip = (list: Extensions): Extensions =>
    list.map((ext) => {
      if (Array.isArray(ext)) return strip(ext)
      if (!ext.enter || !('literalAutolink' in ext.enter) || !ext.transforms?.length) return ext
      found++
      return { ...ext, transforms: [] }
    })
  data.fromMarkdownExtensions = strip(data.fromMarkdownExtensions ?? [])
  // A remark-gfm that hands its extensions over differently would make this a no-op; say so.
  if (found !== 1) throw new Error(`withoutLiteralAutolinkWalk: expected one literal-autolink extension with a transform, found ${found}`)
}
