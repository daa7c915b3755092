// Parses an agent from bytes read elsewhere (a git blob, a temporary file)
// together with its decoded text: the diff compares models, and uses the
// text only to name changes of form (a bullet, a line break).
import type { Agent } from '../model.js'
import { agentFromInput } from '../pipeline.js'
import { inputFromBytes, type ReadOptions } from '../read/read.js'

export interface LoadedAgent {
  agent: Agent
  text: string
}

/** Parses bytes read elsewhere (a git blob, a temporary file); `path` names them. */
export function loadAgentBytes(bytes: Uint8Array, path: string, options: ReadOptions = {}): LoadedAgent {
  const input = inputFromBytes(bytes, path, options)
  return { agent: agentFromInput(input), text: input.text }
}
