// Tables through normalize and merge: the header and delimiter rows keep the
// header's column count, whatever cells the body rows hold (fewer, more,
// pipes in code spans, escaped pipes), so the block stays a table; every row
// is written as its author wrote it, and normalizing is idempotent.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAgent, renderAgent, statementsOf, type Agent } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const runs = Number(process.env.FUZZ_RUNS ?? 80)
const HEAD = '---\nname: t\ndescription: T\n---\n\n'

/** Each table row statement: its text, its source as written, and whether it heads its table. */
const rowsOf = (agent: Agent) =>
  statementsOf(agent.root)
    .filter((s) => s.placement.table)
    .map((s) => ({ text: s.text, source: s.node.data?.source, head: s.placement.table!.head }))

describe('normalize keeps tables whole', () => {
  it('a pipe in a code span and a row longer than the header: the delimiter row has the header count', async () => {
    const dir = tempDir()
    const file = join(dir, 'tbl2.md')
    const text = HEAD + '| a | b |\n|---|---|\n| `x|y` | 2 |\n| 1 | 2 | 3 |\n| 4 |\n'
    writeFileSync(file, text)
    const r = await cli(['normalize', file])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(HEAD + '| a | b |\n| --- | --- |\n| `x|y` | 2 |\n| 1 | 2 | 3 |\n| 4 |\n')
    expect(rowsOf(parseAgent(r.stdout, 'out.md'))).toEqual(rowsOf(parseAgent(text, 'in.md')))
    const out = join(dir, 'out.md')
    writeFileSync(out, r.stdout)
    const d = await cli(['diff', file, out])
    expect(d.stdout).toMatch(/^nothing changed in meaning/)
    const again = await cli(['normalize', '--check', out])
    expect(again.code).toBe(0)
  })

  it('--write leaves a table, and a merge writes one table with every row', async () => {
    const dir = tempDir()
    const one = join(dir, 'one.md')
    const two = join(dir, 'two.md')
    writeFileSync(one, HEAD + 'Use the table.\n\n| a | b |\n|:--|--:|\n| 1 | 2 | 3 |\n| `x|y` | 2 |\n')
    writeFileSync(two, HEAD + 'Use the table.\n\n| a | b |\n|:--|--:|\n| 5 | 6 |\n')
    const w = await cli(['normalize', '--write', one])
    expect(w.code).toBe(0)
    expect(readFileSync(one, 'utf8')).toBe(HEAD + 'Use the table.\n\n| a | b |\n| :-- | --: |\n| 1 | 2 | 3 |\n| `x|y` | 2 |\n')
    const m = await cli(['merge', '--provenance', 'none', one, two])
    expect(m.code).toBe(0)
    expect(m.stdout).toContain('| a | b |\n| :-- | --: |\n')
    const rows = rowsOf(parseAgent(m.stdout, 'merged.md'))
    expect(rows.map((r) => r.source).sort()).toEqual(['| 1 | 2 | 3 |', '| 5 | 6 |', '| `x|y` | 2 |', '| a | b |'])
    expect(rows.filter((r) => r.head)).toHaveLength(1)
  })
})

// Cells that stress the row splitter: words, empty cells, a code span with a
// pipe (two cells to GFM), escaped pipes in and out of code, emphasis.
const cell = fc.oneof(fc.stringMatching(/^[a-z]{1,5}$/), fc.constantFrom('', ' ', '`x|y`', 'a \\| b', '`p\\|q`', 'c\\', 'c\\\\', '_em_', '**b**|c'))
const align = fc.constantFrom('---', ':--', '--:', ':-:')

const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
  fc.record({
    header: fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: columns, maxLength: columns }),
    align: fc.array(align, { minLength: columns, maxLength: columns }),
    rows: fc.array(fc.record({ cells: fc.array(cell, { minLength: 1, maxLength: columns + 3 }), closed: fc.boolean(), tight: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  }),
)

/**
 * A row's source as the writer writes it: the blanks after its last cell
 * off, and a closing pipe where the author left it out (a pipe after an odd
 * run of backslashes is the cell's, not a closing one; a lone pipe opens).
 */
const closing = (source: string) => {
  const trimmed = source.trimEnd()
  return trimmed.length > 1 && /(?:^|[^\\])(?:\\\\)*\|$/.test(trimmed) ? trimmed : `${trimmed} |`
}

// A row as an author might write it: with or without its closing pipe, with or without blanks around the pipes.
const line = ({ cells, closed = true, tight = false }: { cells: string[]; closed?: boolean; tight?: boolean }) =>
  tight ? `|${cells.join('|')}${closed ? '|' : ''}` : `| ${cells.join(' | ')}${closed ? ' |' : ''}`

describe('normalize table properties', () => {
  it('keeps each row as written, keeps one table, and is idempotent', () => {
    fc.assert(
      fc.property(table, ({ header, align, rows }) => {
        const text = HEAD + 'Rows:\n\n' + [line({ cells: header }), line({ cells: align }), ...rows.map(line)].join('\n') + '\n'
        const before = rowsOf(parseAgent(text, 'gen.md'))
        expect(before).toHaveLength(rows.length + 1)
        const once = renderAgent(parseAgent(text, 'gen.md'))
        const after = rowsOf(parseAgent(once, 'gen.md'))
        // Same rows, same text, sources as written (the outer pipes the writer adds aside), one head.
        expect(after.map((r) => r.text)).toEqual(before.map((r) => r.text))
        expect(after.map((r) => r.source)).toEqual(before.map((r) => closing(r.source!)))
        expect(after.map((r) => r.head)).toEqual(before.map((_, i) => i === 0))
        expect(renderAgent(parseAgent(once, 'gen.md'))).toBe(once)
      }),
      { seed: 20261207, numRuns: runs },
    )
  })
})
