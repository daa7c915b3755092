// Properties over generated variants of a fixture (fast-check, fixed seed):
// sections and statements shuffled, some statements reworded or dropped,
// then merged with the fixture. Nothing is lost, and the order of the
// inputs does not change the body.
import fc from 'fast-check'
import type { ListItem } from 'mdast'
import { describe, expect, it } from 'vitest'
import { mergeAgents, parseAgent, renderAgent, renderMerged, type Agent, type Block, type Section, type Statement } from '../src/index.js'
import { body, fixtureAgents, inputPlaces, provenancePlaces } from './merge.helpers.js'
import { rng as random } from '../scripts/lib/rng.mjs'

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const out = xs.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const REWORDINGS = [(t: string) => `Always ${t.charAt(0).toLowerCase()}${t.slice(1)}`, (t: string) => `${t} where it matters`, (t: string) => t.split(' ').slice(1).join(' ') || t]

/** A variant of an agent: a new text, parsed like any input. */
function variant(agent: Agent, seed: number, path: string): Agent {
  const rnd = random(seed)
  const reword = (s: Statement): Statement => {
    if (s.node.type !== 'listItem' || rnd() > 0.3) return s
    const text = REWORDINGS[Math.floor(rnd() * REWORDINGS.length)]!(s.text)
    const node: ListItem = { type: 'listItem', spread: false, checked: null, children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] }
    return { ...s, text, norm: text, node }
  }
  const mix = (section: Section): Section => {
    const blocks: Block[] = []
    for (const b of section.body) {
      if (b.type === 'statement') {
        if (rnd() < 0.1) continue
        blocks.push(reword(b))
      } else if (b.type === 'section') blocks.push(mix(b))
    }
    // Statements keep their place before subsections so that headings stay headings.
    const statements = shuffle(blocks.filter((b) => b.type === 'statement'), rnd)
    const sections = shuffle(blocks.filter((b) => b.type === 'section'), rnd)
    return { ...section, body: [...statements, ...sections] }
  }
  return parseAgent(renderAgent({ ...agent, root: mix(agent.root) }), path)
}

describe('merge properties over generated variants', () => {
  const [elite, , senior] = fixtureAgents() as [Agent, Agent, Agent]

  it('loses nothing and does not depend on the order of the inputs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (s1, s2, useElite) => {
        const base = useElite ? elite : senior
        const inputs = [base, variant(base, s1, 'variant-a.md'), variant(senior, s2, 'variant-b.md')]
        const forward = mergeAgents(inputs)
        expect(provenancePlaces(forward)).toEqual(inputPlaces(inputs))
        const backward = mergeAgents([inputs[2]!, inputs[0]!, inputs[1]!])
        expect(provenancePlaces(backward)).toEqual(inputPlaces(inputs))
        expect(body(renderMerged(backward))).toBe(body(renderMerged(forward)))
        // A variant merged with itself renamed loses nothing and folds every statement.
        const twin = parseAgent(renderAgent(inputs[1]!), 'twin.md')
        const self = mergeAgents([inputs[1]!, twin])
        expect(self.summary.statementsOut).toBe(inputPlaces([inputs[1]!]).length)
      }),
      { seed: 20240611, numRuns: Number(process.env.FUZZ_RUNS ?? 8) },
    )
  })
})
