// Converting an agent to another tool's dialect: the frontmatter in the
// target's own fields and spelling (convertMeta), the body unchanged, the
// whole written by the canonical renderer.
import type { Agent, Diagnostic, Dialect } from '../model.js'
import { readMeta } from '../normalize/meta.js'
import { renderAgent } from '../render/markdown.js'
import { convertMeta, type ConvertOptions } from './meta.js'

export { convertMeta, slugName, knownField, DIALECT_FIELDS, DIALECT_NAME, type ConvertOptions, type ConvertResult } from './meta.js'
export { readModel, spellModel, ALIAS_PINS, type ModelRef } from './models.js'
export { readGrant, readGrants, toolEntries, writeGrants, COPILOT_ALIASES, OPENCODE_BUILTINS, CLAUDE_TOOLS, CLAUDE_OLD, type Grant } from './tools.js'

export const DIALECTS: readonly Dialect[] = ['claude', 'opencode', 'copilot']

/** Reads a dialect name as a user writes it (`claude`, `claude-code`, `opencode`, `copilot`, `vscode`). */
export function parseDialect(value: string): Dialect | undefined {
  const v = value.trim().toLowerCase()
  if (v === 'claude' || v === 'claude-code' || v === 'claudecode') return 'claude'
  if (v === 'opencode' || v === 'open-code') return 'opencode'
  if (v === 'copilot' || v === 'github-copilot' || v === 'vscode') return 'copilot'
  return undefined
}

/** The file name an agent has in a dialect: `name.md`, or `name.agent.md` for Copilot. */
export function fileNameFor(name: string, dialect: Dialect): string {
  return dialect === 'copilot' ? `${name}.agent.md` : `${name}.md`
}

/** An agent with its frontmatter converted to another dialect (the body is shared, not copied). */
export function convertAgent(agent: Agent, to: Dialect, options: ConvertOptions = {}): { agent: Agent; warnings: Diagnostic[] } {
  const { fields, warnings } = convertMeta(agent.meta, to, { path: agent.path, ...options })
  const meta = readMeta(fields, agent.path, true, agent.meta.line || 1)
  meta.dialect = to
  if (to === 'opencode' || (to === 'copilot' && !fields.some((f) => f.key === 'name'))) {
    meta.name = agent.meta.name
    meta.nameFromFile = true
  }
  return { agent: { ...agent, meta }, warnings }
}

/** The canonical Markdown of an agent converted to another dialect. */
export function convertText(agent: Agent, to: Dialect, options: ConvertOptions = {}): { text: string; warnings: Diagnostic[] } {
  const converted = convertAgent(agent, to, options)
  return { text: renderAgent(converted.agent), warnings: converted.warnings }
}
