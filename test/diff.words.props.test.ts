// The word diff's promise (docs/diff.md): the `equal` and `removed` runs
// spell OLD's text and the `equal` and `added` runs NEW's, exactly,
// whitespace included, over generated word edits of statements with inline
// code, bold and struck-out words; and the formats built on the runs show
// the two texts as they are.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAgent, statementsOf, type Statement } from '../src/index.js'
import { diffStatements, diffText } from '../src/diff/words.js'
import type { WordRun } from '../src/diff/index.js'
import { cli } from './helpers/cli.js'
import { edit, fixture, tempDir, write } from './diff-helpers.js'

const SEED = 20251207
const RUNS = Number(process.env.FUZZ_RUNS ?? 60)

interface Piece {
  word: string
  /** What comes before the word: a space, nothing, a slash, a comma. */
  sep: string
  mark: 'none' | 'code' | 'strong' | 'strike'
}

const WORDS = ['make', 'build', 'all', 'rm', '-rf', 'run', 'tests', 'never', 'always', '/', '.', 'API', "don't", '1.2']
const pieceArb: fc.Arbitrary<Piece> = fc.record({
  word: fc.constantFrom(...WORDS),
  sep: fc.constantFrom(' ', ' ', ' ', '', '/', ', ', ' - '),
  mark: fc.constantFrom('none', 'none', 'none', 'code', 'strong', 'strike'),
})

type Edit = { op: 'delete'; at: number } | { op: 'insert'; at: number; piece: Piece } | { op: 'sep'; at: number; sep: string } | { op: 'word'; at: number; word: string }
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: pieceArb }),
  fc.record({ op: fc.constant('sep' as const), at: fc.nat(), sep: fc.constantFrom(' ', '', '/', ', ') }),
  fc.record({ op: fc.constant('word' as const), at: fc.nat(), word: fc.constantFrom(...WORDS) }),
)

function applyEdits(pieces: Piece[], edits: Edit[]): Piece[] {
  const out = pieces.slice()
  for (const e of edits) {
    const i = e.at % (out.length + 1)
    if (e.op === 'insert') out.splice(i, 0, e.piece)
    else if (i < out.length) {
      if (e.op === 'delete') out.splice(i, 1)
      else if (e.op === 'sep') out[i] = { ...out[i]!, sep: e.sep }
      else out[i] = { ...out[i]!, word: e.word }
    }
  }
  return out
}

const WRAP = { none: (w: string) => w, code: (w: string) => `\`${w}\``, strong: (w: string) => `**${w}**`, strike: (w: string) => `~~${w}~~` }

/** The one statement of a list item written from the pieces (the first piece's separator left out). */
function statement(pieces: Piece[], path: string): Statement | undefined {
  const line = pieces.map((p, i) => (i === 0 ? '' : p.sep) + WRAP[p.mark](p.word)).join('')
  const agent = parseAgent(`---\nname: x\ndescription: X\n---\n\n- ${line}\n`, path)
  const all = statementsOf(agent.root)
  return all.length === 1 ? all[0] : undefined
}

const spell = (runs: WordRun[], side: 'old' | 'new') => runs.filter((r) => r.op !== (side === 'old' ? 'added' : 'removed')).map((r) => r.text).join('')

describe('word runs spell each side exactly', () => {
  it('equal+removed is OLD, equal+added is NEW, over word edits of statements', () => {
    fc.assert(
      fc.property(fc.array(pieceArb, { minLength: 1, maxLength: 10 }), fc.array(editArb, { minLength: 1, maxLength: 5 }), (pieces, edits) => {
        const a = statement(pieces, 'a.md')
        const b = statement(applyEdits(pieces, edits), 'b.md')
        fc.pre(a !== undefined && b !== undefined)
        const runs = diffStatements(a!, b!)!
        expect(spell(runs, 'old')).toBe(a!.text)
        expect(spell(runs, 'new')).toBe(b!.text)
        for (const r of runs) expect(r.text).not.toBe('')
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('the same for frontmatter text values', () => {
    fc.assert(
      fc.property(fc.array(pieceArb, { minLength: 1, maxLength: 10 }), fc.array(editArb, { minLength: 1, maxLength: 5 }), (pieces, edits) => {
        const text = (ps: Piece[]) => ps.map((p, i) => (i === 0 ? '' : p.sep) + p.word).join('')
        const a = text(pieces)
        const b = text(applyEdits(pieces, edits))
        const runs = diffText(a, b)!
        expect(spell(runs, 'old')).toBe(a.replace(/\s+/g, ' ').trim())
        expect(spell(runs, 'new')).toBe(b.replace(/\s+/g, ' ').trim())
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })
})

describe('the formats show the spacing of each side', () => {
  const agent = (item: string) => `---\nname: x\ndescription: X\n---\n\n- ${item}\n`

  it('`make build/all` -> `make all`: json runs, text and markdown', async () => {
    const dir = tempDir()
    const a = write(dir, 'a.md', agent('Run make build/all first.'))
    const b = write(dir, 'b.md', agent('Run make all first.'))
    const json = JSON.parse((await cli(['diff', '--format', 'json', a, b])).stdout)
    const words = json.files[0].statements[0].words as WordRun[]
    expect(spell(words, 'old')).toBe('Run make build/all first.')
    expect(spell(words, 'new')).toBe('Run make all first.')
    const text = await cli(['diff', a, b])
    expect(text.stdout).toContain('Run make [-build/-] all first.')
    const md = await cli(['diff', '--format', 'markdown', a, b])
    expect(md.stdout).toContain('Run make <del>build/</del> all first.')
  })

  it('a replacement whose sides differ in the space before them keeps each side\'s space inside its marks, either way', async () => {
    const dir = tempDir()
    const a = write(dir, 'a.md', agent('Trace execution flow, verify the fix.'))
    const b = write(dir, 'b.md', agent('Trace the execution flow and verify the fix.'))
    expect((await cli(['diff', a, b])).stdout).toContain('Trace {+the+} execution flow[-,-]{+ and+} verify the fix.')
    expect((await cli(['diff', b, a])).stdout).toContain('Trace [-the-] execution flow[- and-]{+,+} verify the fix.')
    expect((await cli(['diff', '--format', 'markdown', a, b])).stdout).toContain('Trace <ins>the</ins> execution flow<del>,</del><ins> and</ins> verify the fix.')
    expect((await cli(['diff', '--format', 'markdown', b, a])).stdout).toContain('Trace <del>the</del> execution flow<del> and</del><ins>,</ins> verify the fix.')
    // The JSON runs spell each side as written already.
    const words = JSON.parse((await cli(['diff', '--format', 'json', a, b])).stdout).files[0].statements[0].words as WordRun[]
    expect(words).toContainEqual({ op: 'added', text: ' and' })
  })

  it('a change that is only a space is marked, in a statement and in a description, either way; the JSON is as it was', async () => {
    const dir = tempDir()
    const file = (description: string, item: string) => `---\nname: x\ndescription: ${description}\n---\n\n- ${item}\n`
    const a = write(dir, 'a.md', file('Builds web applications.Leverages Next.js.', 'Use it.Then go.'))
    const b = write(dir, 'b.md', file('Builds web applications. Leverages Next.js.', 'Use it. Then go.'))
    const text = (await cli(['diff', a, b])).stdout
    expect(text).toContain('description: Builds web applications.{+ +}Leverages Next.js.')
    expect(text).toContain('~ Use it.{+ +}Then go.')
    expect((await cli(['diff', b, a])).stdout).toContain('~ Use it.[- -]Then go.')
    // In color too: a green space would show nothing.
    expect((await cli(['diff', '--color', a, b])).stdout).toContain('Use it.\x1b[32m{+ +}\x1b[39mThen go.')
    const md = (await cli(['diff', '--format', 'markdown', a, b])).stdout
    expect(md).toContain('Builds web applications.<ins> </ins>Leverages Next.js.')
    expect(md).toContain('Use it.<ins> </ins>Then go.')
    expect((await cli(['diff', '--format', 'markdown', b, a])).stdout).toContain('Use it.<del> </del>Then go.')
    const words = JSON.parse((await cli(['diff', '--format', 'json', a, b])).stdout).files[0].statements[0].words as WordRun[]
    expect(words).toEqual([{ op: 'equal', text: 'Use it.' }, { op: 'added', text: ' ' }, { op: 'equal', text: 'Then go.' }])
  })

  it('a re-indented line in a code block: the text format prints the block\'s line diff, as markdown does, not a flattened line', async () => {
    const dir = tempDir()
    const structured = fixture('backend-developer-structured.md')
    const a = write(dir, 'a.md', structured)
    const b = write(dir, 'b.md', edit(structured, '      "middleware": ["auth", "validate"],\n', '        "middleware": ["auth", "validate"],\n'))
    const text = await cli(['diff', a, b])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/~ code block \(json\)  reworded, \S*a\.md:76 -> \S*b\.md:76\n/)
    expect(text.stdout).toContain('\n              "handler": "// Controller code here",\n      -       "middleware": ["auth", "validate"],\n      +         "middleware": ["auth", "validate"],\n              "tests": "// Test code here"\n')
    expect(text.stdout).not.toContain('json: {')
    const md = (await cli(['diff', '--format', 'markdown', a, b])).stdout
    expect(md).toContain('  -       "middleware": ["auth", "validate"],\n  +         "middleware": ["auth", "validate"],')
    // A code block whose language alone changed says so on its line.
    const lang = write(dir, 'c.md', edit(structured, '```json\n', '```jsonc\n'))
    expect((await cli(['diff', a, lang])).stdout).toContain('~ code block (json -> jsonc)  reworded')
  })

  it('a word added at the start keeps the space after it outside the marks', async () => {
    const dir = tempDir()
    const a = write(dir, 'a.md', agent('run the tests.'))
    const b = write(dir, 'b.md', agent('always run the tests.'))
    const r = await cli(['diff', a, b])
    expect(r.stdout).toMatch(/\{\+always\+\} run the tests\./)
  })
})
