// Properties of the semantic diff over generated edits of the fixtures:
// completeness (every statement of OLD is unchanged, reworded, moved or
// removed, and every statement of NEW unchanged, reworded, moved or added,
// each exactly once) and inversion (diff(B, A) is diff(A, B) turned around:
// added <-> removed, reworded and moved pairs swapped, section and field
// changes mirrored). Also: determinism, and a pathological pair degrades to
// replaced.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffAgents, parseAgent, statementsOf, type AgentDiff } from '../src/index.js'
import { diffStatements } from '../src/diff/words.js'
import { formatJson } from '../src/diff/format/json.js'
import { fixture } from './diff-helpers.js'
import { FIXTURE_FILES } from './helpers/cli.js'

const SEED = 20240604
const RUNS = Number(process.env.FUZZ_RUNS ?? process.env.DIFF_PROP_RUNS ?? 10)

// Edits on lines, the way people edit agent files.
type Edit =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number; to: number }
  | { op: 'move'; at: number; to: number }
  | { op: 'swap'; at: number; to: number }
  | { op: 'reword'; at: number; word: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'rebullet'; at: number }
  | { op: 'retitle'; at: number; word: string }

const WORDS = ['robust', 'secure', 'API', 'cache', 'tests', 'Kafka', 'latency', 'schema', 'always', 'never']

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('reword' as const), at: fc.nat(), word: fc.constantFrom(...WORDS) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('- Prefer small, reviewable changes', 'Always write tests first.', '## Notes', '- [ ] Check the logs', '```sh\nnpm test\n```') }),
  fc.record({ op: fc.constant('rebullet' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('retitle' as const), at: fc.nat(), word: fc.constantFrom(...WORDS) }),
)

/** Applies edits to the body lines (the frontmatter stays valid). */
function applyEdits(text: string, edits: Edit[]): string {
  const lines = text.split('\n')
  let start = 0
  if (lines[0] === '---') start = lines.indexOf('---', 1) + 1
  const head = lines.slice(0, start)
  const body = lines.slice(start)
  const content = () => body.map((l, i) => i).filter((i) => body[i]!.trim() !== '' && !body[i]!.startsWith('```'))
  for (const e of edits) {
    const pool = content()
    if (pool.length === 0) break
    const i = pool[e.at % pool.length]!
    const j = 'to' in e ? pool[e.to % pool.length]! : i
    switch (e.op) {
      case 'delete':
        body.splice(i, 1)
        break
      case 'duplicate':
        body.splice(j, 0, body[i]!)
        break
      case 'move': {
        const [line] = body.splice(i, 1)
        body.splice(Math.min(j, body.length), 0, line!)
        break
      }
      case 'swap': {
        const x = body[i]!
        body[i] = body[j]!
        body[j] = x
        break
      }
      case 'reword':
        body[i] = body[i]!.replace(/\b([A-Za-z]{4,})\b/, e.word)
        break
      case 'insert':
        body.splice(i, 0, '', e.text, '')
        break
      case 'rebullet':
        body[i] = body[i]!.replace(/^(\s*)- /, '$1* ')
        break
      case 'retitle':
        if (/^#{1,6} /.test(body[i]!)) body[i] = `${body[i]} ${e.word}`
        else body[i] = body[i]!.replace(/\*\*([^*]+)\*\*/, `**$1 ${e.word}**`)
        break
    }
  }
  return [...head, ...body].join('\n')
}

/** Each side's statement indices, as the diff accounts for them. */
function accounted(d: AgentDiff): { old: number[]; new: number[] } {
  const old: number[] = []
  const nu: number[] = []
  for (const u of d.unchanged) {
    old.push(u.old.index)
    nu.push(u.new.index)
  }
  for (const c of d.statements) {
    if (c.change !== 'added') old.push(c.old.index)
    if (c.change !== 'removed') nu.push(c.new.index)
  }
  return { old: old.sort((a, b) => a - b), new: nu.sort((a, b) => a - b) }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

/** The diff as a set of facts, each written from OLD to NEW; `flip` writes them from the other side. */
function facts(d: AgentDiff, flip: boolean): string[] {
  const pair = (a: number, b: number) => (flip ? `${b}>${a}` : `${a}>${b}`)
  const out: string[] = []
  for (const u of d.unchanged) out.push(`same ${pair(u.old.index, u.new.index)}`)
  for (const c of d.statements) {
    if (c.change === 'added') out.push(flip ? `removed ${c.new.index}` : `added ${c.new.index}`)
    else if (c.change === 'removed') out.push(flip ? `added ${c.old.index}` : `removed ${c.old.index}`)
    else if (c.change === 'reworded') out.push(`reworded ${pair(c.old.index, c.new.index)}`)
    else out.push(`moved ${c.move} ${c.words !== undefined ? 'reworded ' : ''}${pair(c.old.index, c.new.index)}`)
  }
  for (const s of d.sections) {
    if (s.change === 'added') out.push(flip ? `section removed ${s.new.index}` : `section added ${s.new.index}`)
    else if (s.change === 'removed') out.push(flip ? `section added ${s.old.index}` : `section removed ${s.old.index}`)
    else if (s.change === 'renamed') out.push(`section renamed ${pair(s.old.index, s.new.index)}`)
    else out.push(`section moved ${s.move} ${pair(s.old.index, s.new.index)}`)
  }
  for (const f of d.fields) out.push(`field ${f.key} ${f.change === 'changed' ? 'changed' : (f.change === 'added') !== flip ? 'added' : 'removed'}`)
  return out.sort()
}

describe('diff properties over generated edits of the fixtures', () => {
  for (const name of FIXTURE_FILES) {
    const original = fixture(name)
    const parsedOriginal = parseAgent(original, 'a.md')
    it(`${name}: completeness and inversion`, () => {
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), fc.oneof(fc.constant([] as Edit[]), fc.array(editArb, { maxLength: 2 })), (editsB, editsA) => {
          const textA = applyEdits(original, editsA)
          const textB = applyEdits(textA, editsB)
          const a = textA === original ? parsedOriginal : parseAgent(textA, 'a.md')
          const b = parseAgent(textB, 'b.md')
          const ab = diffAgents(a, b, { oldText: textA, newText: textB })
          const ba = diffAgents(b, a, { oldText: textB, newText: textA })
          // Completeness: each statement accounted for exactly once, on each side.
          const acc = accounted(ab)
          expect(acc.old).toEqual(range(statementsOf(a.root).length))
          expect(acc.new).toEqual(range(statementsOf(b.root).length))
          // Inversion: the same facts, seen from the other side.
          expect(facts(ba, true)).toEqual(facts(ab, false))
          expect(ba.counts.added).toBe(ab.counts.removed)
          expect(ba.counts.reworded).toBe(ab.counts.reworded)
          expect(ba.counts.moved).toBe(ab.counts.moved)
          // Nothing changed in meaning exactly when B says what A says.
          if (textA === textB) expect(ab.status).toBe('unchanged')
        }),
        { seed: SEED, numRuns: RUNS },
      )
    })
  }

  it('is deterministic: the same inputs give byte-identical JSON', () => {
    const a = fixture('backend-developer-structured.md')
    const b = applyEdits(a, [{ op: 'move', at: 10, to: 50 }, { op: 'reword', at: 20, word: 'cache' }, { op: 'delete', at: 30 }])
    const once = () => formatJson(diffAgents(parseAgent(a, 'a.md'), parseAgent(b, 'b.md'), { oldText: a, newText: b }))
    expect(once()).toBe(once())
  })

  it('a pathological pair degrades to replaced instead of hanging', () => {
    const words = (seed: number) => Array.from({ length: 3000 }, (_, i) => `w${(i * seed) % 997}`).join(' ')
    const a = parseAgent(`- ${words(7)}\n`, 'a.md')
    const b = parseAgent(`- ${words(13)}\n`, 'b.md')
    const [x] = statementsOf(a.root)
    const [y] = statementsOf(b.root)
    expect(diffStatements(x!, y!, 50)).toBeNull()
    const d = diffAgents(a, b, { maxEditLength: 50 })
    for (const c of d.statements) if (c.change === 'reworded') expect(c.words).toBeNull()
  })
})
