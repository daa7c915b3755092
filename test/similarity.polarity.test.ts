// Polarity: a statement that asks for something and one that forbids it are
// never grouped by dedup, however alike their words; rewordings of one
// polarity still are (so the test can fail both ways).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { groupDuplicates } from '../src/similarity/index.js'
import { isNegative } from '../src/similarity/polarity.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const PAIRS: [string, string][] = [
  ['Always run the tests before merging.', 'Never run the tests before merging.'],
  ['Use global variables for shared configuration.', 'Do not use global variables for shared configuration.'],
  ['Commit generated files to the repository.', "Don't commit generated files to the repository."],
  ['Mock the database in unit tests.', 'Avoid mocking the database in unit tests.'],
  ['You must log request bodies for debugging.', 'You must not log request bodies for debugging.'],
]

function agent(dir: string, name: string, items: string[]): string {
  const path = join(dir, `${name}.md`)
  writeFileSync(path, `---\nname: ${name}\ndescription: test agent\n---\n\n# Rules\n\n${items.map((i) => `- ${i}`).join('\n')}\n`)
  return path
}

describe('polarity', () => {
  it('reads what forbids and what asks', () => {
    for (const [yes, no] of PAIRS) {
      expect(isNegative(yes), yes).toBe(false)
      expect(isNegative(no), no).toBe(true)
    }
    expect(isNegative('Ensure deterministic tests with no flakiness')).toBe(false)
    expect(isNegative('Never commit secrets')).toBe(true)
    expect(isNegative('Do not commit secrets')).toBe(true)
  })

  it('reads a contrast ("X, not Y", "but not", "not just") as asking for X', () => {
    for (const text of [
      'Test behavior, not implementation.',
      'Test Behavior, Not Implementation: Focus tests on user interactions',
      'Catch specific exceptions, not bare except clauses',
      'Treat testing as an accelerator — not a bottleneck',
      'Prefer composition but not deep hierarchies',
      'Explain not just what to do but why it matters',
      'Quality is not just tested, but built into the development process',
    ])
      expect(isNegative(text), text).toBe(false)
    for (const text of ['Tests must not depend on each other', 'Do this, but never that', 'Not for production use', 'Keep it simple, do not over-engineer', 'Must not simply swallow errors', 'Do not only rely on mocks'])
      expect(isNegative(text), text).toBe(true)
  })

  it('groupDuplicates never groups opposite polarity, and still groups same-polarity rewordings', () => {
    const items = [...PAIRS.flat(), 'Always run all tests prior to merging.', 'Never run all tests prior to merging.'].map((text) => ({ text, kind: 'item' }))
    const g = groupDuplicates(items, { threshold: 0.3 })
    const groupOf = new Map<number, number>()
    g.groups.forEach((grp, k) => grp.forEach((i) => groupOf.set(i, k)))
    for (let p = 0; p < PAIRS.length; p++) expect(groupOf.get(2 * p)).not.toBe(groupOf.get(2 * p + 1))
    expect(groupOf.get(0)).toBe(groupOf.get(10))
    expect(groupOf.get(1)).toBe(groupOf.get(11))
  })

  it('dedup --json never puts an instruction and its negation in one group', async () => {
    const dir = tempDir('agentmerge-polarity-')
    const a = agent(dir, 'a', PAIRS.map((p) => p[0]))
    const b = agent(dir, 'b', PAIRS.map((p) => p[1]))
    const c = agent(dir, 'c', PAIRS.map((p) => p[0]))
    const r = await cli(['dedup', '--json', '-q', '--threshold', '0.3', a, b, c])
    expect(r.code, r.stderr).toBe(0)
    const groups = (JSON.parse(r.stdout) as { groups: string[][] }).groups
    for (let k = 0; k < PAIRS.length; k++) {
      const line = 8 + k
      const group = groups.find((g) => g.includes(`${a}:${line}`))!
      expect(group).toContain(`${c}:${line}`)
      expect(group).not.toContain(`${b}:${line}`)
    }
  })
})
