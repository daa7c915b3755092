// Properties of frontmatter editing over generated frontmatter (fields in
// many YAML forms, comments between and after them, in any order): normalize
// writes every field it does not have to change as its own source text,
// reads back to the same values, and is idempotent.
import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { normalizeAgent, parseAgent } from '../src/index.js'

const runs = Number(process.env.FUZZ_RUNS ?? 60)

/** Values written in forms that a regenerating writer would change. */
const value = fc.constantFrom(
  'plain words here',
  "'single quoted: yes'",
  '"double \\"quoted\\""',
  '0x1F',
  '0o17',
  '1.10',
  '1e3',
  '9007199254740993',
  '-.inf',
  '~',
  'yes',
  '!!binary R0lGODlh',
  '!local tagged',
  '!!str 012',
  '2001-12-14',
  '[a,  b]',
  '{x: 1,  y: 2}',
  '|\n  line one\n  line two',
  '>-\n  folded\n  text',
  '\n  - one\n  - two',
  '\n  inner: 1 # inner comment\n  other: "2"',
)
const comment = fc.constantFrom('', '# a comment\n', '\n', '# one\n# two\n')
const trailing = fc.constantFrom('', ' # after')
const KEYS = ['model', 'color', 'maxTurns', 'skills', 'x-team', 'x-notes', 'zeta', 'alpha']

const frontmatter = fc
  .tuple(fc.shuffledSubarray(KEYS, { minLength: 1 }), fc.array(fc.tuple(value, comment, trailing), { minLength: KEYS.length, maxLength: KEYS.length }), comment)
  .map(([keys, forms, tail]) => {
    const entries = keys.map((key, i) => {
      const [v, before, after] = forms[i]!
      const multiline = v.includes('\n')
      return `${before}${key}: ${v}${multiline ? '' : after}\n`
    })
    return { entries, text: `---\nname: gen\ndescription: Generated.\n${entries.join('')}${tail}---\n\nBody text.\n` }
  })

describe('frontmatter editing properties', () => {
  it('keeps each unchanged field as written, reads back to the same values, and is idempotent', () => {
    fc.assert(
      fc.property(frontmatter, ({ entries, text }) => {
        const agent = parseAgent(text, 'gen.md')
        const once = normalizeAgent(agent)
        for (const entry of entries) expect(once).toContain(entry.replace(/^(?:#.*\n|\n)*/, ''))
        const again = parseAgent(once, 'gen.md')
        expect(isDeepStrictEqual(again.meta.fields.map((f) => [f.key, f.value]).sort(), agent.meta.fields.map((f) => [f.key, f.value]).sort())).toBe(true)
        expect(normalizeAgent(again)).toBe(once)
      }),
      { seed: 20261206, numRuns: runs },
    )
  })

  // Block scalars of every chomping, each with blank lines after it (which a
  // kept one, `|+` or `>+`, holds as part of its value), in frontmatter that
  // YAML reads as a whole and in frontmatter only the lenient reader takes.
  const block = fc
    .tuple(fc.constantFrom('|', '|-', '|+', '>', '>-', '>+'), fc.constantFrom('  one\n', '  one\n  two\n', '  one\n\n  two\n'), fc.constantFrom('', '\n', '\n\n', '\n\n\n'), fc.constantFrom('', '# note\n', '# note\n\n'))
    .map(([indicator, body, blanks, comment]) => `${indicator}\n${body}${blanks}${comment}`)
  const blocks = fc.tuple(fc.shuffledSubarray(KEYS, { minLength: 1 }), fc.array(block, { minLength: KEYS.length, maxLength: KEYS.length }), fc.boolean()).map(([keys, values, lenient]) => {
    const yaml = keys.map((key, i) => `${key}: ${values[i]!}`).join('')
    const description = (quoted: boolean) => (quoted ? 'description: "Use when: asked."' : 'description: Use when: asked.')
    const text = (quoted: boolean) => `---\nname: gen\n${description(quoted)}\n${yaml}---\n\nBody text.\n`
    return { text: text(!lenient), strict: text(true) }
  })
  const valuesOf = (text: string) => parseAgent(text, 'gen.md').meta.fields.map((f) => [f.key, f.value])

  it('keeps the value of every block scalar, the blank lines a kept one holds included, and is idempotent', () => {
    fc.assert(
      fc.property(blocks, ({ text, strict }) => {
        const expected = valuesOf(strict)
        expect(valuesOf(text)).toEqual(expected)
        const once = normalizeAgent(parseAgent(text, 'gen.md'))
        expect(valuesOf(once).sort()).toEqual([...expected].sort())
        expect(normalizeAgent(parseAgent(once, 'gen.md'))).toBe(once)
      }),
      { seed: 20261207, numRuns: runs },
    )
  })
})
