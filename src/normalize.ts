// `normalize` as a library function: an agent file's canonical text, with
// the line ending the file used.
import type { Agent } from './model.js'
import { renderAgent } from './render/markdown.js'

export function withEol(text: string, eol: Agent['eol']): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol)
}

/** The canonical Markdown of a parsed agent, in its own line endings. */
export function normalizeAgent(agent: Agent): string {
  return withEol(renderAgent(agent), agent.eol)
}
