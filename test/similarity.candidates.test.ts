// Candidate blocking loses nothing that matters. The grouping scores only
// candidate pairs (src/similarity/group.ts, forEachCandidate: a statement is
// indexed under its heaviest stems, and meets the statements naming one of
// them); every other pair is never looked at. Here, on all statements of
// each fixture family's files, every pair is scored: no pair that blocking
// skipped reaches its bar, and the grouping from all pairs is the grouping
// the product gives (dedupAgents), at dedup's default bar and at the merge's
// FOLD_OPTIONS. Measured so before this test was written: blocking skipped
// no pair at or above its bar on any family at either bar, so the groupings
// are asserted equal, not close.
//
// The all-pairs grouping is made from the exported pieces: a PairTable of
// the same statements (its nodes, values and clustering are the product's),
// its candidate list completed with every pair blocking left out, then
// clustered as the product clusters. Only the candidate list differs.
// Coarser blocking fails it: indexing each statement under its heaviest stem
// alone skips pairs above dedup's bar and changes the grouping, and the
// skipped pairs are listed with their `file:line`s and scores.
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dedupAgents, FOLD_OPTIONS, readAgent, statementsOf } from '../src/index.js'
import { DEFAULT_EXTRA, DEFAULT_THRESHOLD, DEFAULT_TUNING, loadLearned } from '../src/similarity/index.js'
import { PairTable } from '../src/similarity/group.js'
import { ROOT } from './helpers/cli.js'

const FAMILIES = ['backend-developer', 'python-pro', 'test-automator']
const BARS = [
  { name: 'dedup default', threshold: DEFAULT_THRESHOLD, extra: DEFAULT_EXTRA },
  { name: 'merge fold', ...FOLD_OPTIONS },
]

const agentsOf = (family: string) => {
  const dir = join(ROOT, 'fixtures', family)
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => readAgent(join(dir, f)))
}

describe.each(FAMILIES)('candidate blocking on %s', (family) => {
  const agents = agentsOf(family)
  const statements = agents.flatMap((a) => statementsOf(a.root))
  const items = statements.map((s) => ({ text: s.text, kind: s.kind }))
  const at = (item: number) => `${basename(statements[item]!.source.path)}:${statements[item]!.source.line}`
  /** The groups of more than one statement, each as its `file:line`s, in an order that does not depend on group numbers. */
  const named = (groups: Iterable<readonly number[]>): string[] => [...groups].filter((g) => g.length > 1).map((g) => [...g].sort((a, b) => a - b).map(at).join(' ')).sort()

  it.each(BARS)('at the $name bar: no skipped pair reaches it, and all pairs group as the candidates do', ({ threshold, extra }) => {
    const tuning = { ...DEFAULT_TUNING, threshold, extra }
    const table = new PairTable(items, tuning, loadLearned())
    const blocked = new Set(table.candidates.map((c) => c.a * table.n + c.b))
    const pairs = (table.n * (table.n - 1)) / 2
    // Blocking and the floor together keep under a tenth of the pairs.
    expect(blocked.size).toBeLessThan(pairs / 10)

    const missed: string[] = []
    for (let x = 0; x < table.n; x++) {
      for (let y = x + 1; y < table.n; y++) {
        if (blocked.has(x * table.n + y)) continue
        const v = table.value(x, y)
        if (!v) continue
        table.candidates.push({ a: x, b: y, v })
        const score = table.link(x, y, v, threshold)
        if (score >= threshold - 1e-12) missed.push(`${at(table.reps[x]!)} ~ ${at(table.reps[y]!)} (${score.toFixed(3)})`)
      }
    }
    expect(missed).toEqual([])

    const allPairs = table.cluster(threshold, tuning.linkRatio).groups
    const { grouping } = dedupAgents(agents, { threshold, extra })
    const members = new Map<number, number[]>()
    grouping.group.forEach((g, i) => members.set(g, [...(members.get(g) ?? []), i]))
    expect(named(allPairs)).toEqual(named(members.values()))
    // The comparison is not empty: the family does have duplicates at this bar.
    expect(named(members.values()).length).toBeGreaterThan(0)
  })
})

describe('candidates kept', () => {
  const agents = agentsOf('python-pro')
  const items = agents.flatMap((a) => statementsOf(a.root)).map((s) => ({ text: s.text, kind: s.kind }))

  it('are only the pairs that can link at the floor; a lower floor keeps more and groups the same at the higher threshold', () => {
    const tuning = { ...DEFAULT_TUNING }
    const at = new PairTable(items, tuning, loadLearned())
    const low = new PairTable(items, tuning, loadLearned(), undefined, 0.3)
    for (const c of at.candidates) expect(c.v.score - (c.v.fixed ?? tuning.threshold + c.v.delta)).toBeGreaterThanOrEqual(-1e-12)
    expect(low.candidates.length).toBeGreaterThan(at.candidates.length)
    expect(low.cluster(tuning.threshold, 0).groups).toEqual(at.cluster(tuning.threshold, 0).groups)
    // Below its floor a table would group without the pairs it left out: it refuses.
    expect(() => at.cluster(0.3, 0)).toThrow(/cannot group at 0.3/)
  })
})
