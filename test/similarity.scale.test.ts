// groupDuplicates on a large synthetic input: every statement in exactly
// one group, equal texts together, and many duplicates found.
import { describe, expect, it } from 'vitest'
import { groupDuplicates, type SimItem } from '../src/similarity/index.js'
import { rng } from '../scripts/lib/rng.mjs'


const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'zan', 'qui', 'vor', 'pex', 'dul', 'sam', 'bri', 'nox', 'fel', 'gra', 'hin']
const VERBS = ['Implement', 'Design', 'Build', 'Use', 'Create', '']
// Particular and general terms and trailing modifiers: rewordings of one
// statement that a grouping has to keep together or apart.
const PARTICULARS: ReadonlyArray<readonly [string, string]> = [
  ['Docker', 'containers'],
  ['RBAC', 'authorization'],
  ['Kafka', 'message queues'],
  ['Redis', 'caching'],
]
const OPENERS = ['with', 'for', 'using', 'via']

/** n statements over a Zipf-like vocabulary, with exact repeats across "files". */
function synthetic(n: number, seed: number): SimItem[] {
  const r = rng(seed)
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const vocab: string[] = []
  for (let i = 0; i < 4000; i++) vocab.push(SYLLABLES[i % 16]! + SYLLABLES[(i >> 4) % 16]! + SYLLABLES[(i >> 8) % 16]!)
  const word = () => vocab[Math.floor(vocab.length * Math.pow(r(), 2.5))]!
  const base: { head: string; general?: string; tail: string }[] = []
  for (let i = 0; i < n / 4; i++) {
    const k = 1 + Math.floor(r() * 4)
    const words = Array.from({ length: k }, word)
    const particular = r() < 0.15 ? pick(PARTICULARS) : undefined
    if (particular) words.push(particular[0])
    const head = `${pick(VERBS)} ${words.join(' ')}${r() < 0.3 ? ' and ' + word() : ''}`.trim()
    const tail = r() < 0.25 ? ` ${pick(OPENERS)} ${word()}${r() < 0.5 ? ' ' + word() : ''}` : ''
    base.push({ head, tail, ...(particular ? { general: particular[1] } : {}) })
  }
  // Each statement appears in several of 1000 "files", sometimes reworded,
  // sometimes without its modifier or with the general term its particular implies.
  return Array.from({ length: n }, () => {
    const b = pick(base)
    const x = r()
    let s = b.head + b.tail
    if (x < 0.15) s = b.head
    else if (x < 0.3 && b.general) s = `${b.head} ${b.general}${b.tail}`
    const text = r() < 0.5 ? s : `${pick(VERBS)} proper ${s.toLowerCase()}`
    return { text, kind: r() < 0.02 ? 'code' : 'item' }
  })
}

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
