// Order independence through the API: every one of the 120 orders of the
// five fixtures gives a byte-identical body and the same provenance once its
// lists are sorted (they are sorted by path and line already).
import { describe, expect, it } from 'vitest'
import { mergeAgents, renderMerged } from '../src/index.js'
import { body, fixtureAgents, permutations } from './merge.helpers.js'

describe('merge order independence (API)', () => {
  it('all 120 orders of the five fixtures give the same body and the same notes', () => {
    const agents = fixtureAgents()
    const first = mergeAgents(agents)
    const reference = body(renderMerged(first))
    const sections = JSON.stringify(first.provenance.sections)
    let checked = 0
    for (const order of permutations(agents)) {
      const result = mergeAgents(order)
      expect(body(renderMerged(result))).toBe(reference)
      expect(JSON.stringify(result.provenance.sections)).toBe(sections)
      checked++
    }
    expect(checked).toBe(120)
  })
})
