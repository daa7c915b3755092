// mergeAgents(agents, { dedup }): a grouping dedupAgents made for the same
// agents and bar (threshold and extra-part bar) is taken as it is (the
// similarity module is not run again), and the merge is the same as without
// it; a grouping of other agents or another bar is ignored and merge groups
// on its own.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { dedupAgents, FOLD_OPTIONS, mergeAgents, renderMerged } from '../src/index.js'
import { groupDuplicates } from '../src/similarity/index.js'
import { fixtureAgents } from './merge.helpers.js'

vi.mock('../src/similarity/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/similarity/index.js')>()
  return { ...real, groupDuplicates: vi.fn((...args: Parameters<typeof real.groupDuplicates>) => real.groupDuplicates(...args)) }
})

const calls = () => vi.mocked(groupDuplicates).mock.calls.length

describe('mergeAgents reuses the grouping of dedupAgents', () => {
  const agents = fixtureAgents()
  const plain = renderMerged(mergeAgents(agents), 'inline')
  beforeEach(() => {
    vi.mocked(groupDuplicates).mockClear()
  })

  it('takes the grouping of the same agents and threshold without grouping again; same output', () => {
    const dedup = dedupAgents(agents, FOLD_OPTIONS)
    expect(calls()).toBe(1)
    expect(renderMerged(mergeAgents(agents, { dedup }), 'inline')).toBe(plain)
    expect(calls()).toBe(1)
    const strict = dedupAgents(agents, { ...FOLD_OPTIONS, threshold: 0.9 })
    expect(renderMerged(mergeAgents(agents, { threshold: 0.9, dedup: strict }), 'inline')).toBe(renderMerged(mergeAgents(agents, { threshold: 0.9 }), 'inline'))
    expect(calls()).toBe(3)
  })

  it('groups again when the grouping is of another threshold or other agents; same output', () => {
    const strict = dedupAgents(agents, { threshold: 0.9 })
    expect(renderMerged(mergeAgents(agents, { dedup: strict }), 'inline')).toBe(plain)
    expect(calls()).toBe(2)
    // dedup's own default is another threshold than the merge's.
    expect(renderMerged(mergeAgents(agents, { dedup: dedupAgents(agents) }), 'inline')).toBe(plain)
    expect(calls()).toBe(4)
    // The merge's threshold without its extra-part bar is another bar too.
    expect(renderMerged(mergeAgents(agents, { dedup: dedupAgents(agents, { threshold: FOLD_OPTIONS.threshold, extra: 0 }) }), 'inline')).toBe(plain)
    expect(calls()).toBe(6)
    const fewer = dedupAgents(agents.slice(1), FOLD_OPTIONS)
    expect(renderMerged(mergeAgents(agents, { dedup: fewer }), 'inline')).toBe(plain)
    const reordered = dedupAgents([...agents].reverse(), FOLD_OPTIONS)
    expect(renderMerged(mergeAgents(agents, { dedup: reordered }), 'inline')).toBe(plain)
    // The grouping is a field of the result: a copy carries it, for the same statements and threshold.
    const copy = { ...dedupAgents(agents, FOLD_OPTIONS) }
    vi.mocked(groupDuplicates).mockClear()
    expect(renderMerged(mergeAgents(agents, { dedup: copy }), 'inline')).toBe(plain)
    expect(calls()).toBe(0)
  })
})
