// Properties of frontmatter editing over generated frontmatter (fields in
// many YAML forms, comments between and after them, in any order): normalize
// writes every field it does not have to change as its own source text,
// reads back to the same values, and is idempotent.
import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { normalizeAgent, parseAgent } from '../src/index.js'

const runs = Number(process.env.FUZZ_RUNS ?? 150)

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
})
