// normalize keeps where each numbered list starts (mdast `list.start`): the
// number is part of what the model reads (`3.` after a code block continues
// a procedure, `1.` would start a new one), and numbering the rest from it
// stays idempotent.
import fc from 'fast-check'
import type { List, Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../src/markdown/index.js'
import { parseAgent, renderAgent } from '../src/index.js'
import { cli } from './helpers/cli.js'

const HEAD = '---\nname: t\ndescription: d\n---\n\nYou are t.\n\n'
const body = (text: string) => text.slice(text.indexOf('You are t.\n\n') + 'You are t.\n\n'.length)

/** Each top-level list's start as the Markdown reader takes it (null for bullets). */
function starts(text: string): Array<number | null> {
  const tree = parseMarkdown(text) as Root
  return tree.children.filter((n): n is List => n.type === 'list').map((l) => (l.ordered ? (l.start ?? 1) : null))
}

describe('normalize keeps each numbered list start', () => {
  it('a list that goes on after an unindented code block keeps its 3.', async () => {
    const r = await cli(['normalize', '-'], { input: HEAD + '1. Read.\n2. Run:\n\n```sh\nnpm test\n```\n\n3. Write.\n4. Post.\n' })
    expect(r.code).toBe(0)
    expect(body(r.stdout)).toBe('1. Read.\n2. Run:\n\n```sh\nnpm test\n```\n\n3. Write.\n4. Post.\n')
  })

  it('a list starting at 10, and a second list written right after a first (`2)`), keep their numbers', async () => {
    const ten = await cli(['normalize', '-'], { input: HEAD + '10. ten\n11. eleven\n' })
    expect(body(ten.stdout)).toBe('10. ten\n11. eleven\n')
    const two = await cli(['normalize', '-'], { input: HEAD + '1. one\n2) two\n' })
    expect(body(two.stdout)).toBe('1. one\n\n2) two\n')
    expect(starts(two.stdout)).toEqual([1, 2])
  })

  it('a numbered item with a title and its nested list keeps its number', async () => {
    const r = await cli(['normalize', '-'], { input: HEAD + 'Intro:\n\n4. **Ship**: then\n   - tag it\n5. **Tell**\n' })
    expect(starts(r.stdout)).toEqual([4])
  })

  it('property: the starts of the lists read back are the input lists\' starts, and normalize is idempotent', () => {
    const list = fc.record({ start: fc.integer({ min: 0, max: 30 }), n: fc.integer({ min: 1, max: 3 }), paren: fc.boolean(), bullet: fc.boolean() })
    const between = fc.constantFrom('```sh\nnpm test\n```', 'Then:', '---', '')
    const doc = fc.array(fc.tuple(list, between), { minLength: 1, maxLength: 4 }).map((parts) =>
      parts
        .map(([l, sep], k) => {
          const items = Array.from({ length: l.n }, (_, i) => (l.bullet ? `- b${k}${i}` : `${l.start + i}${l.paren ? ')' : '.'} s${k}${i}`)).join('\n')
          return sep === '' ? items : `${items}\n\n${sep}`
        })
        .join('\n\n'),
    )
    fc.assert(
      fc.property(doc, (text) => {
        const source = HEAD + text + '\n'
        const once = renderAgent(parseAgent(source, 'gen.md'))
        // Bullet lists one after the other are one list when written: compare the numbered ones.
        expect(starts(once).filter((s) => s !== null)).toEqual(starts(source).filter((s) => s !== null))
        expect(renderAgent(parseAgent(once, 'gen.md'))).toBe(once)
      }),
      { seed: 20261207, numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    )
  })
})
