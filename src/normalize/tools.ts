// The tools an agent grants, in canonical form: every spelling of a tool maps
// to one canonical id (the dialect registry knows the spellings), so that
// `Read, Write` and `{read: true, write: true}` compare equal.
import { dialect, splitToolList, toolEntries, toolId, toolNames, respell as respellIn } from '../dialects/index.js'
import type { Dialect, ToolGrant } from '../model.js'

export { splitToolList, toolId }

/** A tool name in its own dialect's spelling: only the case changes (`read` -> `Read` in Claude Code). */
export function respell(written: string, id: Dialect): string {
  return respellIn(written, dialect(id), toolNames)
}

/** Reads a `tools` value in any form into grants sorted by id. */
export function readTools(value: unknown): { tools: ToolGrant[]; form: 'string' | 'list' | 'map' } | undefined {
  const form = typeof value === 'string' ? 'string' : Array.isArray(value) ? 'list' : value && typeof value === 'object' ? 'map' : undefined
  if (form === undefined) return undefined
  const tools = toolEntries(value).map(([written, enabled]) => ({ id: toolId(written), written, enabled }))
  tools.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { tools, form }
}
