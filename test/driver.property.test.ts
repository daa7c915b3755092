// Properties of the three-way merge on the shipped fixtures (library level,
// bounded runs, fixed seed): edits of different statements on the two sides
// never conflict and all survive as written (markup included), a statement
// one side moves is never lost to the other side's deletion, merging with
// an unchanged side gives the other side, swapping the sides gives the same
// statements, and a list one side numbers or quotes stays one such list with
// every edit of the other side in it.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { merge3 } from '../src/driver/index.js'
import { normalizeAgent, parseAgent, statementsOf } from '../src/index.js'
import { FIXTURES } from './helpers/cli.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 8)

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
  // A deleted statement by its plain text, as the base's statement on that line has it.
  const onLine = new Map(statementsOf(parseAgent(text, 'x.md').root).map((s) => [s.source.line - 1, s.text]))
  lines.forEach((line, i) => {
    const op = ops.find((o) => o.line === i)
    const m = /^(\s*- )(.*)$/.exec(line)
    if (!op || !m) return void out.push(line)
    if (op.kind === 'delete') removed.push(onLine.get(i) ?? m[2]!)
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

const MARKER = /^((?:> ?)*\s*(?:[-*+]|\d+[.)]) )/
const indent = (l: string) => /^\s*/.exec(l)![0].length

/**
 * Lines that are one-line bullet items, markup and all: an item statement
 * starts there (not a line of a code block), the next line is blank or
 * another item no more indented (no continuation, no nested list), and the
 * line does not end in a hard break.
 */
function bulletLines(text: string): number[] {
  const lines = text.split('\n')
  const items = new Set(statementsOf(parseAgent(text, 'x.md').root).flatMap((s) => (s.kind === 'item' || s.kind === 'task' ? [s.source.line - 1] : [])))
  const alone = (i: number) => lines[i + 1] === undefined || lines[i + 1]!.trim() === '' || (MARKER.test(lines[i + 1]!) && indent(lines[i + 1]!) <= indent(lines[i]!))
  return lines.flatMap((l, i) => (items.has(i) && /^\s*- \S/.test(l) && !/(\\| {2})$/.test(l) && alone(i) ? [i] : []))
}

/** Each item line of a text without its marker: what a merge must write as the side wrote it. */
const writtenItems = (text: string) => new Set(text.split('\n').flatMap((l) => (MARKER.test(l) ? [l.replace(MARKER, '')] : [])))

/**
 * Whole top-level lists of one-line bullets: runs of two or more `- ` lines
 * with no other item before or after them (a blank line and no item next).
 */
function listRuns(text: string): Array<{ start: number; end: number }> {
  const lines = text.split('\n')
  const single = new Set(bulletLines(text))
  const item = (l: string | undefined) => l !== undefined && MARKER.test(l)
  const runs: Array<{ start: number; end: number }> = []
  for (let i = 0; i < lines.length; i++) {
    if (!/^- /.test(lines[i]!) || item(lines[i - 1]) || lines[i - 1] !== '') continue
    let j = i
    while (/^- /.test(lines[j + 1] ?? '') && single.has(j + 1)) j++
    const next = lines.slice(j + 1).find((l) => l.trim() !== '')
    if (j > i && single.has(i) && (lines[j + 1] ?? '') === '' && !item(next)) runs.push({ start: i, end: j })
    i = j
  }
  return runs
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
        const written = writtenItems(r.text)
        for (const t of [...a.added, ...b.added, ...a.reworded, ...b.reworded]) expect(written).toContain(t)
        // A deleted statement is gone, unless the base had it more than once.
        for (const t of [...a.removed, ...b.removed]) if (BASE_TEXTS[which]!.filter((x) => x === t).length === 1) expect(got).not.toContain(t)
        // Swapping the sides gives the same statements.
        const swapped = merge3(BASE_AGENTS[which]!, pb, pa)
        expect([...texts(swapped.text)].sort()).toEqual([...got].sort())
      }),
      { seed: 6, numRuns: RUNS },
    )
  })

  it('a list one side numbers or quotes stays one such list, with the other side\'s additions, rewordings and deletions in it', () => {
    // A list under a bold label (`**Expertise**:`) is that label's section, and quoted it is not (the label becomes a paragraph): the other side's edits still land in the quoted list.
    const lists = BASES.flatMap((base, which) => listRuns(base).map((run) => ({ which, run })))
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('number', 'quote'), fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'reword', 'insert') as fc.Arbitrary<Op['kind']>), { minLength: 1, maxLength: 4 }), fc.boolean(), (pick, how, raw, swap) => {
        const { which, run } = lists[pick % lists.length]!
        const base = BASES[which]!
        const lines = base.split('\n')
        const marked = lines.map((l, i) => (i >= run.start && i <= run.end ? (how === 'number' ? l.replace(/^- /, '1. ') : `> ${l}`) : l)).join('\n')
        const used = new Set<number>()
        const ops: Op[] = []
        for (const [n, kind] of raw) {
          const line = run.start + (n % (run.end - run.start + 1))
          if (used.has(line) || used.has(line - 1) || used.has(line + 1)) continue
          used.add(line)
          ops.push({ kind, line })
        }
        const edited = apply(base, ops, 'theirs')
        // The list as the editing side has it, each item as written: the merge must write it so, with the other side's marking.
        const after = edited.text.split('\n').slice(run.start, run.end + 1 + edited.added.length - ops.filter((o) => o.kind === 'delete').length).map((l) => l.replace(/^- /, ''))
        const [ours, theirs] = swap ? [edited.text, marked] : [marked, edited.text]
        const r = merge3(BASE_AGENTS[which]!, parseAgent(ours, 'x.md'), parseAgent(theirs, 'x.md'))
        expect(r.conflicts).toBe(0)
        const want = after.map((l, i) => (how === 'number' ? `${i + 1}. ${l}` : `> - ${l}`)).join('\n')
        expect(r.text).toContain(`\n\n${want}\n`)
      }),
      { seed: 7, numRuns: RUNS },
    )
  })

  it('bullets one side deletes and the other moves to another section: a moved one is never lost (a conflict where both touched it), the rest deleted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BASES.length - 1 }), fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 6 }), fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 4 }), fc.nat(), fc.boolean(), (which, dels, moves, target, swap) => {
        const base = BASES[which]!
        const lines = base.split('\n')
        const candidates = bulletLines(base).filter((i) => /^- /.test(lines[i]!))
        // The heading a line sits under: a move goes to a bullet under another one.
        const heading = (i: number) => lines.slice(0, i).findLastIndex((l) => /^#{1,6} /.test(l))
        const pick = (ns: number[]) => [...new Set(ns.map((n) => candidates[n % candidates.length]!))]
        const deleted = pick(dels)
        const moved = pick(moves)
        const after = candidates.filter((j) => moved.every((i) => heading(j) !== heading(i)) && !moved.includes(j))
        if (after.length === 0) return
        const to = after[target % after.length]!
        const ours = lines.filter((_, i) => !deleted.includes(i)).join('\n')
        const theirs = lines.flatMap((l, i) => (moved.includes(i) ? [] : i === to ? [l, ...moved.map((m) => lines[m]!)] : [l])).join('\n')
        const [a, b] = swap ? [theirs, ours] : [ours, theirs]
        const r = merge3(BASE_AGENTS[which]!, parseAgent(a, 'x.md'), parseAgent(b, 'x.md'))
        const both = moved.filter((i) => deleted.includes(i))
        expect(r.conflicts).toBe(both.length)
        const written = r.text.split('\n')
        for (const i of moved) expect(written).toContain(lines[i])
        // Deleted and not moved: gone (unless the base says it twice).
        for (const i of deleted) if (!moved.includes(i) && lines.filter((l) => l === lines[i]).length === 1) expect(written).not.toContain(lines[i])
      }),
      { seed: 8, numRuns: RUNS },
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
