// The AgentError a call throws, for tests that check what a bad input is
// refused with (its code, line and column).
import { AgentError, parseAgent } from '../../src/index.js'

/** The AgentError `fn` throws; fails when it throws something else or nothing. */
export function thrownBy(fn: () => unknown): AgentError {
  try {
    fn()
  } catch (error) {
    if (error instanceof AgentError) return error
    throw error
  }
  throw new Error('expected an AgentError')
}

/** The AgentError parsing `source` as an agent throws. */
export const errorOf = (source: string): AgentError => thrownBy(() => parseAgent(source, 'agent.md'))
