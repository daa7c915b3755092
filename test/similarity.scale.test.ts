import { describe, expect, it } from 'vitest'
import { candidatePairs } from '../src/similarity/blocking.js'
import { compareProfiles } from '../src/similarity/compare.js'
import { buildCorpus, idf } from '../src/similarity/corpus.js'
import { groupDuplicates, type SimItem } from '../src/similarity/index.js'
import { profileOf } from '../src/similarity/profile.js'

/** Deterministic PRNG (mulberry32), so the synthetic corpus is fixed. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'zan', 'qui', 'vor', 'pex', 'dul', 'sam', 'bri', 'nox', 'fel', 'gra', 'hin']
const VERBS = ['Implement', 'Design', 'Build', 'Use', 'Create', '']

/** n statements over a Zipf-like vocabulary, with exact repeats across "files". */
function synthetic(n: number, seed: number): SimItem[] {
  const r = rng(seed)
  const vocab: string[] = []
  for (let i = 0; i < 4000; i++) vocab.push(SYLLABLES[i % 16]! + SYLLABLES[(i >> 4) % 16]! + SYLLABLES[(i >> 8) % 16]!)
  const word = () => vocab[Math.floor(vocab.length * Math.pow(r(), 2.5))]!
  const base: string[] = []
  for (let i = 0; i < n / 4; i++) {
    const k = 1 + Math.floor(r() * 4)
    const words = Array.from({ length: k }, word)
    base.push(`${VERBS[Math.floor(r() * VERBS.length)]} ${words.join(' ')}${r() < 0.3 ? ' and ' + word() : ''}`.trim())
  }
  // Each statement appears in several of 1000 "files", sometimes reworded.
  return Array.from({ length: n }, () => {
    const s = base[Math.floor(r() * base.length)]!
    const text = r() < 0.5 ? s : `${VERBS[Math.floor(r() * VERBS.length)]} proper ${s.toLowerCase()}`
    return { text, kind: r() < 0.02 ? 'code' : 'item' }
  })
}

describe('blocking', () => {
  it('finds every duplicate pair that all-pairs comparison finds (no cap hit)', () => {
    const items = synthetic(600, 7)
    const corpus = buildCorpus(items.map((i) => i.text))
    const weigh = (t: string) => idf(corpus, t)
    const profiles = items.map((i) => profileOf(i.text, 'item'))
    for (const threshold of [0.4, 0.6, 0.8]) {
      const nodes = profiles.map((p) => ({ terms: p.terms, partition: 'text' }))
      const found = new Set(candidatePairs(nodes, weigh, { threshold }).map(([a, b]) => `${a},${b}`))
      let dups = 0
      for (let a = 0; a < items.length; a++) {
        for (let b = a + 1; b < items.length; b++) {
          if (!compareProfiles(profiles[a]!, profiles[b]!, weigh, threshold).duplicate) continue
          dups++
          expect(found.has(`${a},${b}`)).toBe(true)
        }
      }
      expect(dups).toBeGreaterThan(100)
      // And it is far from all pairs.
      expect(found.size).toBeLessThan((items.length * (items.length - 1)) / 8)
    }
  })

  it('keeps candidates roughly linear in the number of statements', () => {
    const items = synthetic(20000, 11)
    const profiles = items.map((i) => profileOf(i.text, 'item'))
    const corpus = buildCorpus(items.map((i) => i.text))
    const nodes = profiles.map((p) => ({ terms: p.terms, partition: 'text' }))
    const pairs = candidatePairs(nodes, (t) => idf(corpus, t), { threshold: 0.6, maxPosting: 200 })
    expect(pairs.length).toBeLessThan(items.length * 200)
  })
})

describe('groupDuplicates at scale', () => {
  it('groups 20k synthetic statements and keeps the output well-formed', () => {
    const items = synthetic(20000, 3)
    const g = groupDuplicates(items)
    const seen = new Uint8Array(items.length)
    for (const grp of g.groups) for (const i of grp) seen[i]!++
    expect(seen.every((c) => c === 1)).toBe(true)
    // Exact repeats of a prose statement always end up together.
    const groupOf = new Int32Array(items.length)
    g.groups.forEach((grp, gi) => grp.forEach((i) => (groupOf[i] = gi)))
    const firstByText = new Map<string, number>()
    items.forEach((it, i) => {
      if (it.kind !== 'item') return
      const f = firstByText.get(it.text)
      if (f === undefined) firstByText.set(it.text, i)
      else expect(groupOf[i]).toBe(groupOf[f])
    })
    expect(g.groups.length).toBeLessThan(items.length / 2)
  })
})
