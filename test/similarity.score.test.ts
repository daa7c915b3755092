import { describe, expect, it } from 'vitest'
import { bcubed, pairwise } from '../scripts/lib/score.js'

const U = ['a', 'b', 'c', 'd', 'e']

describe('pairwise', () => {
  it('is perfect on the gold itself', () => {
    const gold = [['a', 'b', 'c'], ['d', 'e']]
    expect(pairwise(gold, gold, U)).toMatchObject({ precision: 1, recall: 1, f1: 1, truePairs: 4, goldPairs: 4 })
  })

  it('counts pairs', () => {
    // gold pairs: ab ac bc de (4); predicted: ab, cd (2); true: ab (1)
    const r = pairwise([['a', 'b', 'c'], ['d', 'e']], [['a', 'b'], ['c', 'd']], U)
    expect(r.truePairs).toBe(1)
    expect(r.predictedPairs).toBe(2)
    expect(r.goldPairs).toBe(4)
    expect(r.precision).toBeCloseTo(0.5)
    expect(r.recall).toBeCloseTo(0.25)
    expect(r.f1).toBeCloseTo(1 / 3)
  })

  it('treats missing statements as alone and ignores unknown ids', () => {
    const r = pairwise([['a', 'b']], [['a', 'b', 'zzz']], U)
    expect(r).toMatchObject({ precision: 1, recall: 1, predictedPairs: 1 })
    expect(pairwise([['a', 'b']], [], U)).toMatchObject({ precision: 1, recall: 0, f1: 0 })
  })
})

describe('bcubed', () => {
  it('is perfect on the gold and averages per statement', () => {
    expect(bcubed([['a', 'b']], [['a', 'b']], U).f1).toBe(1)
    // all in one predicted cluster: precision per item = |gold cluster|/5
    const r = bcubed([['a', 'b']], [U], U)
    expect(r.recall).toBe(1)
    expect(r.precision).toBeCloseTo((2 / 5 + 2 / 5 + 1 / 5 + 1 / 5 + 1 / 5) / 5)
  })
})
