// `agentmerge dedup` and dedupAgents: the JSON interface (every statement of
// every input in exactly one group, `path:line` as given), the readable
// lint view with --explain, groups counted by agents, and every output form
// the same bytes whatever the order of the files.
import { readdirSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dedupAgents, dedupJson, readAgent, statementsOf } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { at, FIXTURE_PATHS, fixtureAgents } from './merge.helpers.js'

const FAMILIES = ['backend-developer', 'python-pro', 'test-automator'] as const
const familyPaths = (family: string): string[] => readdirSync(`fixtures/${family}`).filter((f) => f.endsWith('.md')).sort().map((f) => `fixtures/${family}/${f}`)

/** `path:line` places by path (code units), then line. */
function byPlace(a: string, b: string): number {
  const [pa, la] = [a.slice(0, a.lastIndexOf(':')), Number(a.slice(a.lastIndexOf(':') + 1))]
  const [pb, lb] = [b.slice(0, b.lastIndexOf(':')), Number(b.slice(b.lastIndexOf(':') + 1))]
  return (pa < pb ? -1 : pa > pb ? 1 : 0) || la - lb
}

describe('dedup', () => {
  it('--json: {"groups": [["path:line", ...]]} with every statement exactly once, singletons included', async () => {
    const result = await cli(['dedup', '--json', '-q', ...FIXTURE_PATHS])
    expect(result.code, result.stderr).toBe(0)
    const json = JSON.parse(result.stdout) as { groups: string[][] }
    expect(Object.keys(json)).toEqual(['groups', 'errors'])
    const ids = json.groups.flat()
    const expected = fixtureAgents().flatMap((a) => statementsOf(a.root).map(at))
    expect(ids.slice().sort()).toEqual(expected.slice().sort())
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^fixtures\/backend-developer\/[\w.-]+\.md:\d+$/)
    expect(json.groups.some((g) => g.length === 1)).toBe(true)
    // The persona paragraphs of the five files are one group.
    expect(json.groups).toContainEqual(expect.arrayContaining(['fixtures/backend-developer/backend-developer-elite.md:9', 'fixtures/backend-developer/backend-engineer.md:8']))
  })

  it('the readable view lists groups by how many agents repeat them, and --explain shows scores and shared terms', async () => {
    const result = await cli(['dedup', '--explain', '-q', '--min-agents', '4', ...FIXTURE_PATHS])
    expect(result.code, result.stderr).toBe(0)
    const heads = result.stdout.split('\n').filter((l) => /^in \d+ agents/.test(l))
    expect(heads.length).toBeGreaterThan(2)
    const counts = heads.map((h) => Number(/^in (\d+)/.exec(h)![1]))
    expect(counts).toEqual(counts.slice().sort((a, b) => b - a))
    expect(counts.every((n) => n >= 4)).toBe(true)
    expect(result.stdout).toMatch(/^ {2}fixtures\/backend-developer\/backend-developer-elite\.md:9 +You are an elite/m)
    expect(result.stdout).toMatch(/^ {4}\S+:\d+ ~ \S+:\d+: score [01]\.\d\d, shared /m)
    // Statements of equal terms say so, with no empty list of shared terms.
    expect(result.stdout).not.toContain('shared (none)')
    expect(result.stdout).toMatch(/^ {4}\S+:\d+ ~ \S+:\d+: score 1\.00 \(same terms\)$/m)
  })

  it('--check exits 1 when a group is listed; a lone file without repetition passes', async () => {
    expect((await cli(['dedup', '-q', '--check', '--min-agents', '2', ...FIXTURE_PATHS])).code).toBe(1)
    const single = await cli(['dedup', '-q', '--check', '--min-agents', '2', FIXTURE_PATHS[2]!])
    expect(single.code, single.stderr).toBe(0)
    expect(single.stdout).toBe('')
  })

  it('dedupAgents counts distinct agents per group and keeps a reason for every pairing', async () => {
    const agents = fixtureAgents()
    const result = dedupAgents(agents)
    const total = agents.reduce((n, a) => n + statementsOf(a.root).length, 0)
    expect(result.statements).toHaveLength(total)
    expect(result.groups.reduce((n, g) => n + g.statements.length, 0)).toBe(total)
    for (const g of result.groups) {
      expect(g.agents).toBe(new Set(g.statements.map((s) => s.source.path)).size)
      // A group of n statements is held together by at least n - 1 reasons.
      expect(g.reasons.length).toBeGreaterThanOrEqual(g.statements.length - 1)
    }
    expect(dedupJson(result).groups.flat()).toHaveLength(total)
  })

  describe('the order of the files does not matter', () => {
    // The text and JSON forms, each with the reasons (--explain), and a filtered listing: the others print the same grouping with less.
    const FORMS = [['--explain'], ['--json', '--explain'], ['--min-agents', '3']]

    it.each(FAMILIES)('%s: every output form is the same bytes for the files given, reversed and rotated', async (family) => {
      const files = familyPaths(family)
      // Rotated too on the first family: reversal already moves every file.
      const orders = family === FAMILIES[0] ? [files, [...files].reverse(), [...files.slice(2), ...files.slice(0, 2)]] : [files, [...files].reverse()]
      for (const form of FORMS) {
        const outputs: string[] = []
        for (const order of orders) {
          const r = await cli(['dedup', '-q', ...form, ...order])
          expect(r.code, r.stderr).toBe(0)
          outputs.push(r.stdout)
        }
        expect(outputs[0]!.length, form.join(' ')).toBeGreaterThan(0)
        expect(outputs[1], `${form.join(' ')} reversed`).toBe(outputs[0])
        if (outputs.length > 2) expect(outputs[2], `${form.join(' ')} rotated`).toBe(outputs[0])
      }
    })

    it('--json lists members by path (code units), then line, and groups by their first member', async () => {
      const r = await cli(['dedup', '-q', '--json', ...[...familyPaths('backend-developer')].reverse()])
      const { groups } = JSON.parse(r.stdout) as { groups: string[][] }
      for (const g of groups) expect(g).toEqual(g.slice().sort(byPlace))
      const firsts = groups.map((g) => g[0]!)
      expect(firsts).toEqual(firsts.slice().sort(byPlace))
    })

    it('dedupAgents over the three families: the same groups and reasons for any order of the agents (property)', () => {
      const agents = FAMILIES.flatMap(familyPaths).map((p) => readAgent(p))
      const expected = JSON.stringify(dedupJson(dedupAgents(agents), true))
      fc.assert(
        fc.property(fc.shuffledSubarray(agents, { minLength: agents.length, maxLength: agents.length }), (order) => {
          expect(JSON.stringify(dedupJson(dedupAgents(order), true))).toBe(expected)
        }),
        { seed: 20261207, numRuns: 8 },
      )
    })
  })
})
