// Order independence through the API: orders of the five fixtures (every
// fourth of the 120, so each input comes first in six of them) give a
// byte-identical body and the same provenance once its lists are sorted
// (they are sorted by path and line already). The families' tests check
// reversed and rotated orders of the other fixtures, with and without
// --min-support.
import { describe, expect, it } from 'vitest'
import { mergeAgents, renderMerged } from '../src/index.js'
import { body, fixtureAgents, permutations } from './merge.helpers.js'

describe('merge order independence (API)', () => {
  it('10 of the 120 orders of the five fixtures (each input first in two) give the same body and the same notes', () => {
    const agents = fixtureAgents()
    const first = mergeAgents(agents)
    const reference = body(renderMerged(first))
    const sections = JSON.stringify(first.provenance.sections)
    let checked = 0
    for (const order of permutations(agents).filter((_, i) => i % 12 === 0)) {
      const result = mergeAgents(order)
      expect(body(renderMerged(result))).toBe(reference)
      expect(JSON.stringify(result.provenance.sections)).toBe(sections)
      checked++
    }
    expect(checked).toBe(10)
  })
})
