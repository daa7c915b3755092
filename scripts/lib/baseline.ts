// The reference point the method has to beat: plain stemmed words (stopwords
// dropped, no synonyms, no fillers, no specifics rule), IDF-weighted Jaccard
// over all pairs, single-link clustering. Quadratic on purpose; only eval uses
// it, on a few hundred statements.

import { stemmer } from 'stemmer'
import { STOPWORDS } from '../../src/similarity/fillers.js'

function words(text: string): string[] {
  const out = new Set<string>()
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w && !STOPWORDS.has(w)) out.add(stemmer(w))
  }
  return [...out].sort()
}

/** Pair scores of the baseline, for every pair with a nonzero score. */
export function baselinePairs(texts: readonly string[]): { a: number; b: number; score: number }[] {
  const sets = texts.map(words)
  const df = new Map<string, number>()
  for (const s of sets) for (const w of s) df.set(w, (df.get(w) ?? 0) + 1)
  const weigh = (w: string) => Math.log(1 + texts.length / (df.get(w) ?? 1))
  const out: { a: number; b: number; score: number }[] = []
  for (let a = 0; a < sets.length; a++) {
    const A = new Set(sets[a])
    const wa = sets[a]!.reduce((s, w) => s + weigh(w), 0)
    for (let b = a + 1; b < sets.length; b++) {
      let shared = 0
      let wb = 0
      for (const w of sets[b]!) {
        const x = weigh(w)
        wb += x
        if (A.has(w)) shared += x
      }
      const union = wa + wb - shared
      if (shared > 0 && union > 0) out.push({ a, b, score: shared / union })
    }
  }
  return out
}

/** Single-link groups (indices) of the pairs scoring at least `threshold`. */
export function singleLink(n: number, pairs: readonly { a: number; b: number; score: number }[], threshold: number): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i)
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)))
  for (const p of pairs) {
    if (p.score < threshold) continue
    const ra = find(p.a)
    const rb = find(p.b)
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
  const groups = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const r = find(i)
    const g = groups.get(r)
    if (g) g.push(i)
    else groups.set(r, [i])
  }
  return [...groups.values()]
}
