import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_THRESHOLD, groupDuplicates, type Grouping, type SimItem } from '../src/similarity/index.js'
import { clusterNodes } from '../src/similarity/cluster.js'

function checkShape(g: Grouping, n: number): void {
  const all = g.groups.flat()
  expect(all.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i))
  for (const grp of g.groups) expect(grp).toEqual(grp.slice().sort((a, b) => a - b))
  const firsts = g.groups.map((grp) => grp[0]!)
  expect(firsts).toEqual(firsts.slice().sort((a, b) => a - b))
  for (const r of g.reasons) {
    expect(r.a).toBeLessThan(r.b)
    expect(g.groups.some((grp) => grp.includes(r.a) && grp.includes(r.b))).toBe(true)
  }
}

describe('clusterNodes', () => {
  it('does not chain: A~B and B~C do not merge A with C when A!~C', () => {
    const score = (x: number, y: number) => (Math.abs(x - y) === 1 ? 0.9 : 0.1)
    const edges = [
      { a: 0, b: 1, score: 0.9 },
      { a: 1, b: 2, score: 0.9 },
    ]
    const { clusters } = clusterNodes(3, edges, score, { threshold: 0.6 })
    expect(clusters).toEqual([[0, 1], [2]])
  })

  it('merges when every cross pair agrees', () => {
    const { clusters } = clusterNodes(3, [{ a: 0, b: 1, score: 0.9 }, { a: 1, b: 2, score: 0.9 }], () => 0.9, { threshold: 0.6 })
    expect(clusters).toEqual([[0, 1, 2]])
  })

  it('never merges across a veto', () => {
    const veto = (x: number, y: number) => (x + y === 2 ? undefined : 0.95)
    const { clusters } = clusterNodes(3, [{ a: 0, b: 1, score: 0.95 }, { a: 1, b: 2, score: 0.95 }], veto, { threshold: 0.6 })
    expect(clusters).toEqual([[0, 1], [2]])
  })
})

describe('groupDuplicates', () => {
  const A = 'kappa lambda mu nu'
  const B = 'kappa lambda mu xi'
  const C = 'kappa lambda omicron xi'

  it('does not chain on real text', () => {
    const texts = [A, B, C, 'sigma tau', 'upsilon phi']
    const items = texts.map((text) => ({ text, kind: 'item' }))
    // Pure word overlap (no learned vectors for these words), average link:
    // a group joins another only when the pairs across average the threshold.
    const opts = { threshold: 0.6, tuning: { short: 0, mix: 0, jaccard: false } }
    const g = groupDuplicates(items, opts)
    checkShape(g, texts.length)
    // Each of A~B and B~C alone is grouped at these settings, A~C is not...
    expect(groupDuplicates([items[0]!, items[1]!], opts).groups).toEqual([[0, 1]])
    expect(groupDuplicates([items[1]!, items[2]!], opts).groups).toEqual([[0, 1]])
    expect(groupDuplicates([items[0]!, items[2]!], opts).groups).toEqual([[0], [1]])
    // ...and A~B and B~C do not pull A and C together.
    expect(g.groups.some((grp) => grp.length >= 3)).toBe(false)
    expect(g.groups.some((grp) => grp.length === 2 && grp.includes(1))).toBe(true)
  })

  it('has a documented default threshold and honours the option', () => {
    expect(DEFAULT_THRESHOLD).toBeGreaterThan(0)
    expect(DEFAULT_THRESHOLD).toBeLessThan(1)
    const items: SimItem[] = ['Kafka consumers and producers', 'Kafka consumer groups and producers', 'Unrelated thing'].map((text) => ({ text, kind: 'item' }))
    expect(groupDuplicates(items, { threshold: 0.3 }).groups).toEqual([[0, 1], [2]])
    expect(groupDuplicates(items, { threshold: 0.99 }).groups).toEqual([[0], [1], [2]])
  })

  it('handles empty input and statements without terms', () => {
    expect(groupDuplicates([])).toEqual({ groups: [], reasons: [] })
    const g = groupDuplicates([
      { text: '---', kind: 'paragraph' },
      { text: '***', kind: 'paragraph' },
      { text: 'the and of', kind: 'paragraph' },
    ])
    expect(g.groups).toEqual([[0], [1], [2]])
  })

  it('explains every merge', () => {
    const items: SimItem[] = ['Implement rate limiting', 'Rate limiting', 'Rate limiting', 'Logging'].map((text) => ({ text, kind: 'item' }))
    const g = groupDuplicates(items)
    checkShape(g, items.length)
    expect(g.groups).toEqual([[0, 1, 2], [3]])
    expect(g.reasons.length).toBe(2)
    for (const r of g.reasons) expect(r.note).toBeDefined()
    // The merge of different texts shows the parts of its score.
    const merge = g.reasons.find((r) => r.parts)!
    expect(merge.shared).toEqual(expect.arrayContaining(['rate', 'limit']))
    expect(merge.parts!.weights.map((w) => w.term)).toEqual(expect.arrayContaining(['rate', 'limit']))
    expect(merge.parts!.lexical).toBeGreaterThan(0)
  })
})

// Statements of the kind agents contain, with rewordings and exact repeats.
const POOL = [
  'Implement authentication and authorization systems',
  'Authentication and authorization systems',
  'Authentication/authorization implementation',
  'Caching strategies (Redis, Memcached)',
  'Caching layers (Redis, Memcached)',
  'Implement caching strategies',
  'Caching strategy for performance',
  'Rate limiting & throttling',
  'Rate limiting implementation',
  'Rate limiting and DDoS protection',
  'API rate limiting and DDoS protection',
  'Input validation and sanitization',
  'Validate and sanitize all input data',
  'Database migrations & versioning',
  'Database migration scripts',
  'Error handling and logging',
  'Comprehensive error handling and logging',
  'Error handling and structured logging',
  'Unit tests for business logic (>80% coverage)',
  'Test coverage exceeding 80%',
  'You are a senior backend developer.',
  'You are an expert backend engineer who builds APIs.',
  'Optimize performance',
  'Performance optimization',
  'Security headers configured',
  'Security headers implementation',
  'Implement security headers and CORS policies',
  'CORS & security headers',
  'Rate limiting implementation',
  'Input validation and sanitization',
]

describe('determinism', () => {
  const asTexts = (items: SimItem[], g: Grouping) => {
    const groups = g.groups.map((grp) => grp.map((i) => items[i]!.text).sort()).sort((x, y) => (x.join('\n') < y.join('\n') ? -1 : 1))
    const reasons = g.reasons
      .map((r) => [items[r.a]!.text, items[r.b]!.text].sort().join(' | ') + ` ${r.score} ${r.shared.join(',')} ${r.note ?? ''}`)
      .sort()
    return { groups, reasons }
  }

  it('gives the same grouping whatever the input order', () => {
    const arb = fc
      .shuffledSubarray(POOL, { minLength: 2 })
      .chain((subset) => fc.tuple(fc.constant(subset), fc.shuffledSubarray(subset, { minLength: subset.length, maxLength: subset.length })))
    fc.assert(
      fc.property(arb, ([items, shuffled]) => {
        const x = items.map((text) => ({ text, kind: 'item' }))
        const y = shuffled.map((text) => ({ text, kind: 'item' }))
        const gx = groupDuplicates(x)
        const gy = groupDuplicates(y)
        checkShape(gx, x.length)
        checkShape(gy, y.length)
        expect(asTexts(y, gy)).toEqual(asTexts(x, gx))
      }),
      { seed: 42, numRuns: 50 },
    )
  })

  it('does not mutate its input', () => {
    const items = POOL.map((text) => ({ text, kind: 'item' }))
    const copy = structuredClone(items)
    groupDuplicates(items)
    expect(items).toEqual(copy)
  })
})
