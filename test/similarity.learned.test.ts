// The learned data file: within the size budget, readable, recording the hash
// of the corpus list it was built from, and rebuilt byte for byte by
// `npm run train`. The rebuild takes about 20 s of CPU, so it runs only with
// AGENTMERGE_TRAIN_CHECK=1 and a corpus at ../shared/corpus (or
// ../../shared/corpus from a worktree); the other checks always run.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeLearned, encodeLearned, learnedHeader } from '../src/similarity/learned.js'

const root = join(import.meta.dirname, '..')
const data = join(root, 'data/similarity.bin')
const corpus = [join(root, '../shared/corpus'), join(root, '../../shared/corpus')].find((d) => existsSync(join(d, 'SOURCES.json')))

describe('learned data', () => {
  it('is at most 2 MB and decodes to stems, frequencies and unit vectors', () => {
    expect(statSync(data).size).toBeLessThanOrEqual(2 * 1024 * 1024)
    const learned = decodeLearned(readFileSync(data))
    expect(learned.header.dims).toBeGreaterThan(10)
    expect(learned.vectors.size).toBe(learned.header.vectors)
    expect(learned.df.size).toBe(learned.header.terms)
    const v = learned.vectors.get('test')!
    expect(Math.hypot(...v)).toBeCloseTo(1, 5)
    expect(learned.header.sources).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reads the header alone (the grouping cache key) as the whole decode reads it', () => {
    expect(learnedHeader()).toEqual(decodeLearned(readFileSync(data)).header)
  })

  it('refuses a truncated file as corrupt', () => {
    const bytes = readFileSync(data)
    expect(() => decodeLearned(bytes.subarray(0, bytes.length - 1000), 'cut.bin')).toThrow(/cut\.bin: corrupt \(vectors\)/)
  })

  it('encodes what it decodes', () => {
    const buf = encodeLearned({
      header: { sources: 'x'.repeat(64), files: 1, statements: 2 },
      dims: 2,
      vectorTerms: [{ stem: 'a', df: 2, q: Int8Array.from([127, 0]) }],
      otherTerms: [{ stem: 'b', df: 3 }],
    })
    const back = decodeLearned(buf)
    expect([...back.df]).toEqual([['a', 2], ['b', 3]])
    expect([...back.vectors.get('a')!]).toEqual([1, 0])
  })

  it.skipIf(!corpus)('records the SHA-256 of the corpus list it was built from', () => {
    const sources = createHash('sha256').update(readFileSync(join(corpus!, 'SOURCES.json'))).digest('hex')
    expect(decodeLearned(readFileSync(data)).header.sources).toBe(sources)
  })

  it.skipIf(!corpus || process.env.AGENTMERGE_TRAIN_CHECK !== '1')('is rebuilt byte for byte by npm run train', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/train.mjs'), join(corpus!, 'agents'), '--check'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
  }, 300_000)
})
