// The grouping cache behind --cache for dedup and merge: a re-run over
// unchanged files reads the grouping back instead of grouping again, and
// the result is the same as without the cache; a changed file, another
// threshold, another tool version or a corrupt entry miss and are grouped
// again (and the entry rewritten). The CLI prints the same with and without it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { dedupAgents, dedupJson, FOLD_OPTIONS, mergeAgents, readAgent, renderMerged, type Agent } from '../src/index.js'
import { dedupCached, GroupingCache, groupingCacheFor } from '../src/dedup/index.js'
import { groupDuplicates } from '../src/similarity/index.js'
import { cli } from './helpers/cli.js'
import { fixtureCopies } from './helpers/tmp.js'

vi.mock('../src/similarity/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/similarity/index.js')>()
  return { ...real, groupDuplicates: vi.fn((...args: Parameters<typeof real.groupDuplicates>) => real.groupDuplicates(...args)) }
})

let dir: string
let files: string[]
const temp = () => mkdtempSync(join(dir, 'cache-'))
const groupings = (cache: string) => readdirSync(join(cache, 'groupings')).map((f) => join(cache, 'groupings', f))
const calls = () => vi.mocked(groupDuplicates).mock.calls.length
const read = (paths: string[]) => paths.map((p) => readAgent(p))
const explained = (agents: Agent[], result = dedupAgents(agents)) => JSON.stringify(dedupJson(result, true))

beforeAll(() => {
  ;({ dir, files } = fixtureCopies('agentmerge-grouping-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeEach(() => {
  vi.mocked(groupDuplicates).mockClear()
})

describe('grouping cache (library)', () => {
  it('a re-run reads the grouping back: the same dedup result and merge, without grouping again', async () => {
    const cache = groupingCacheFor(temp())!
    const agents = read(files)
    // The merge's threshold, so that the merge takes the cached grouping.
    const plain = explained(agents, dedupAgents(agents, FOLD_OPTIONS))
    const merged = renderMerged(mergeAgents(agents), 'inline')
    vi.mocked(groupDuplicates).mockClear()
    const first = dedupCached(agents, FOLD_OPTIONS, cache)
    expect(calls()).toBe(1)
    expect(groupings(cache.dir)).toHaveLength(1)
    // A new process would read the agents again: other objects, same statements.
    const again = read(files)
    const second = dedupCached(again, FOLD_OPTIONS, cache)
    expect(calls()).toBe(1)
    expect(explained(again, second)).toBe(plain)
    expect(explained(agents, first)).toBe(plain)
    // Merge takes the grouping read back as it takes dedupAgents' own.
    expect(renderMerged(mergeAgents(again, { dedup: second }), 'inline')).toBe(merged)
    expect(calls()).toBe(1)
    // The same threshold without the extra-part bar is another bar: a miss, grouped again.
    dedupCached(again, { threshold: FOLD_OPTIONS.threshold, extra: 0 }, cache)
    expect(calls()).toBe(2)
    // Each bar keeps its own entry: going back to the merge's bar reads its grouping again.
    dedupCached(read(files), FOLD_OPTIONS, cache)
    expect(calls()).toBe(2)
    expect(groupings(cache.dir)).toHaveLength(2)
  })

  it('a changed file misses and rewrites the entry of the run; the next run hits', async () => {
    const cache = groupingCacheFor(temp())!
    const path = join(dir, 'changing.md')
    writeFileSync(path, '---\nname: changing\n---\n\n- Write unit tests for every service.\n- Use tabs.\n')
    const paths = [...files, path]
    dedupCached(read(paths), {}, cache)
    writeFileSync(path, '---\nname: changing\n---\n\n- Write unit tests for every service.\n- Use spaces.\n')
    const changed = read(paths)
    vi.mocked(groupDuplicates).mockClear()
    const result = dedupCached(changed, {}, cache)
    expect(calls()).toBe(1)
    const expected = explained(changed)
    expect(explained(changed, result)).toBe(expected)
    expect(groupings(cache.dir)).toHaveLength(1)
    vi.mocked(groupDuplicates).mockClear()
    expect(explained(changed, dedupCached(read(paths), {}, cache))).toBe(expected)
    expect(calls()).toBe(0)
  })

  it('another threshold or tool version misses; a corrupt or truncated entry is ignored and rewritten', async () => {
    const location = temp()
    const agents = read(files)
    dedupCached(agents, {}, groupingCacheFor(location))
    vi.mocked(groupDuplicates).mockClear()
    const strict = dedupCached(agents, { threshold: 0.9 }, groupingCacheFor(location))
    expect(calls()).toBe(1)
    expect(explained(agents, strict)).toBe(explained(agents, dedupAgents(agents, { threshold: 0.9 })))
    dedupCached(agents, { threshold: 0.9 }, new GroupingCache(location, { version: '99.0.0' }))
    expect(calls()).toBe(3)
    // Each bar has its own entry: the one at 0.9 is damaged.
    expect(groupings(location)).toHaveLength(2)
    const entry = groupingCacheFor(location)!.entry(agents.map((a) => a.path), { threshold: 0.9, extra: 0 })
    const good = readFileSync(entry)
    for (const bad of [Buffer.from('not a cache entry'), good.subarray(0, 200), Buffer.alloc(0), Buffer.concat([good.subarray(0, 71), Buffer.from([0xff, 0x0f, 0x00])])]) {
      writeFileSync(entry, bad)
      vi.mocked(groupDuplicates).mockClear()
      const result = dedupCached(agents, { threshold: 0.9 }, groupingCacheFor(location))
      expect(calls()).toBe(1)
      expect(explained(agents, result)).toBe(explained(agents, strict))
    }
    vi.mocked(groupDuplicates).mockClear()
    dedupCached(agents, { threshold: 0.9 }, groupingCacheFor(location))
    expect(calls()).toBe(0)
  })

  it('an entry is read back only as a grouping of as many statements as the run has', () => {
    const cache = groupingCacheFor(temp())!
    const paths = ['a.md', 'b.md']
    const key = 'f'.repeat(64)
    const grouping = { group: [0, 1, 0], count: 2, reasons: [{ a: 0, b: 2, score: 0.9, shared: ['test'] }] }
    const bar = { threshold: 0.55, extra: 0 }
    cache.put(paths, bar, key, grouping)
    expect(cache.get(paths, bar, key, 3)).toEqual(grouping)
    expect(cache.get(paths, bar, key, 2)).toBeUndefined()
    expect(cache.get(paths, bar, key, 4)).toBeUndefined()
    expect(cache.get(paths, bar, 'e'.repeat(64), 3)).toBeUndefined()
    expect(cache.get(paths, { threshold: 0.55, extra: 0.2 }, key, 3)).toBeUndefined()
  })
})

describe('grouping cache (CLI)', () => {
  it('dedup and merge print the same with --cache, first run and re-run, as without it', async () => {
    const cache = temp()
    for (const args of [['dedup', '--json', '--explain'], ['dedup', '--explain', '--min-agents', '2'], ['merge', '--provenance', 'inline']]) {
      const plain = await cli([...args, ...files])
      expect(plain.code, plain.stderr).toBe(0)
      for (let run = 0; run < 2; run++) expect(await cli(['--cache-location', cache, ...args, ...files])).toEqual(plain)
    }
    // dedup and merge group at different bars: one entry each, neither overwriting the other.
    expect(groupings(cache)).toHaveLength(2)
  })

  it('merge --min-support reads back both its groupings (the fold bar and dedup\'s, by which support is counted)', async () => {
    const cache = temp()
    const args = ['merge', '--min-support', '2', '--provenance', 'inline']
    const plain = await cli([...args, ...files])
    expect(plain.code, plain.stderr).toBe(0)
    expect(await cli(['--cache-location', cache, ...args, ...files])).toEqual(plain)
    expect(groupings(cache)).toHaveLength(2)
    const before = calls()
    expect(await cli(['--cache-location', cache, ...args, ...files])).toEqual(plain)
    expect(calls()).toBe(before)
  })
})
