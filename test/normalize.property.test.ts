// Properties of normalize over generated agent files: it never crashes, it
// keeps the multiset of statements, and it is idempotent.
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { AgentError, parseAgent, renderAgent, statementsOf, type Agent } from '../src/index.js'
import { agentFile } from './arbitraries/agent.js'

const runs = Number(process.env.FUZZ_RUNS ?? 60)
const norms = (agent: Agent) => statementsOf(agent.root).map((s) => s.norm).sort()

function parseOrRefuse(text: string): Agent | undefined {
  try {
    return parseAgent(text, 'gen.md')
  } catch (error) {
    if (error instanceof AgentError) return undefined
    throw error
  }
}

describe('normalize properties', () => {
  it('loses no statement and is idempotent', () => {
    fc.assert(
      fc.property(agentFile, (text) => {
        const agent = parseOrRefuse(text)
        if (!agent) return
        const once = renderAgent(agent)
        const again = parseAgent(once, 'gen.md')
        if (JSON.stringify(norms(again)) !== JSON.stringify(norms(agent))) throw new Error(`statements changed:\n${once}`)
        if (renderAgent(again) !== once) throw new Error(`not idempotent:\n${once}`)
      }),
      { seed: 20261123, numRuns: runs },
    )
  })
})
