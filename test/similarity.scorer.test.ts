// pairScorer: the learned score diff and the merge driver pair statements
// on. It is the grouping's score without the grouping's vetoes, so an edit
// that negates a statement still scores as that statement, while grouping
// never joins the two.
import { describe, expect, it } from 'vitest'
import { groupDuplicates, pairScorer } from '../src/similarity/index.js'

describe('pairScorer', () => {
  const texts = [
    'Always run the tests before merging.',
    'Never run the tests before merging.',
    'Profile before optimizing',
    'Optimize code only after profiling and identifying bottlenecks',
    'Use tabs for indentation',
    'Write release notes for every version',
  ]
  const scorer = pairScorer(texts)

  it('scores a negated edit high, though grouping vetoes the pair', () => {
    expect(scorer.score(0, 1)).toBeGreaterThan(0.6)
    const grouping = groupDuplicates(texts.slice(0, 2).map((text) => ({ text, kind: 'item' })))
    expect(grouping.groups).toEqual([[0], [1]])
  })

  it('ranks a paraphrase above an unrelated statement, and is symmetric', () => {
    expect(scorer.score(2, 3)).toBeGreaterThan(scorer.score(2, 4))
    expect(scorer.score(2, 5)).toBeLessThan(0.2)
    expect(scorer.score(3, 2)).toBe(scorer.score(2, 3))
  })

  it('gives every text its stems, for finding candidate pairs', () => {
    expect(scorer.stems(3)).toEqual(expect.arrayContaining(['optim', 'profil', 'bottleneck']))
    expect(new Set(scorer.stems(0)).size).toBe(scorer.stems(0).length)
  })
})
