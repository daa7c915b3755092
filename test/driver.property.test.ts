// Properties of the three-way merge on the shipped fixtures (library level,
// bounded runs, fixed seed): edits of different statements on the two sides
// never conflict and all survive, merging with an unchanged side gives the
// other side, and swapping the sides gives the same statements.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { merge3 } from '../src/driver/index.js'
import { normalizeAgent, parseAgent, statementsOf } from '../src/index.js'
import { FIXTURES } from './helpers/cli.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 12)

const canonical = (file: string) => normalizeAgent(parseAgent(readFileSync(FIXTURES + file, 'utf8'), file))
const BASES = ['backend-developer-elite.md', 'backend-engineer.md', 'backend-developer-structured.md'].map(canonical)

type Op = { kind: 'delete' | 'reword' | 'insert'; line: number }

/** Applies line edits to plain bullet lines (a bullet with no nested list after it). */
function apply(text: string, ops: Op[], who: string): { text: string; added: string[]; removed: string[]; reworded: string[] } {
  const lines = text.split('\n')
  const added: string[] = []
  const removed: string[] = []
  const reworded: string[] = []
  const out: string[] = []
  lines.forEach((line, i) => {
    const op = ops.find((o) => o.line === i)
    const m = /^(\s*- )(.*)$/.exec(line)
    if (!op || !m) return void out.push(line)
    if (op.kind === 'delete') removed.push(m[2]!)
    else if (op.kind === 'reword') {
      const text = `${m[2]} (checked by ${who} ${i})`
      reworded.push(text)
      out.push(m[1] + text)
    } else {
      out.push(line)
      const text = `Extra rule ${i} written by ${who} about caching headers.`
      added.push(text)
      out.push(m[1] + text)
    }
  })
  return { text: out.join('\n'), added, removed, reworded }
}

/** Lines that are plain bullets: the next line is not more indented. */
function bulletLines(text: string): number[] {
  const lines = text.split('\n')
  const indent = (l: string) => /^\s*/.exec(l)![0].length
  return lines.flatMap((l, i) => (/^\s*- [^\s*_`[\]<>]/.test(l) && !/[*_`[\]<>\\]/.test(l.replace(/^\s*- /, '')) && !(lines[i + 1] && indent(lines[i + 1]!) > indent(l) && /^\s*(- |\d+\. )/.test(lines[i + 1]!.trim() ? lines[i + 1]! : '')) ? [i] : []))
}

const texts = (text: string) => statementsOf(parseAgent(text, 'x.md').root).map((s) => s.text)
const BASE_TEXTS = BASES.map(texts)
const BASE_AGENTS = BASES.map((b) => parseAgent(b, 'x.md'))

describe('three-way merge properties', () => {
  it('edits of different statements on each side merge without conflict and all survive', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BASES.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'reword', 'insert') as fc.Arbitrary<Op['kind']>, fc.boolean()), { minLength: 1, maxLength: 8 }), (which, raw) => {
        const base = BASES[which]!
        const candidates = bulletLines(base)
        const used = new Set<number>()
        const opsA: Op[] = []
        const opsB: Op[] = []
        for (const [n, kind, side] of raw) {
          const line = candidates[n % candidates.length]!
          // Different statements, and not neighbours, so that each edit is unambiguous.
          if (used.has(line) || used.has(line - 1) || used.has(line + 1)) continue
          used.add(line)
          ;(side ? opsA : opsB).push({ kind, line })
        }
        const a = apply(base, opsA, 'ours')
        const b = apply(base, opsB, 'theirs')
        const [pa, pb] = [parseAgent(a.text, 'x.md'), parseAgent(b.text, 'x.md')]
        const r = merge3(BASE_AGENTS[which]!, pa, pb)
        expect(r.conflicts).toBe(0)
        const got = texts(r.text)
        for (const t of [...a.added, ...b.added, ...a.reworded, ...b.reworded]) expect(got).toContain(t)
        // A deleted statement is gone, unless the base had it more than once.
        for (const t of [...a.removed, ...b.removed]) if (BASE_TEXTS[which]!.filter((x) => x === t).length === 1) expect(got).not.toContain(t)
        // Swapping the sides gives the same statements.
        const swapped = merge3(BASE_AGENTS[which]!, pb, pa)
        expect([...texts(swapped.text)].sort()).toEqual([...got].sort())
      }),
      { seed: 6, numRuns: RUNS },
    )
  })

  it('merging with an unchanged side gives the other side', () => {
    for (const base of BASES) {
      const edited = apply(base, bulletLines(base).filter((_, i) => i % 5 === 0).map((line, i) => ({ kind: (['delete', 'reword', 'insert'] as const)[i % 3]!, line })), 'ours').text
      const o = parseAgent(base, 'x.md')
      const e = parseAgent(edited, 'x.md')
      expect(merge3(o, e, o).text).toBe(normalizeAgent(e))
      expect(merge3(o, o, e).text).toBe(normalizeAgent(e))
    }
  })
})
