// Tool names across dialects. Every spelling of a tool (Claude Code's `Read`,
// OpenCode's `read`, an old `LS` or `Task`) maps to one canonical id, so that
// `Read, Write` and `{read: true, write: true}` compare equal. Each dialect
// has its own spelling of an id; Copilot folds several tools into one alias.
import type { Dialect, ToolGrant } from '../model.js'

interface ToolSpec {
  id: string
  claude?: string
  opencode?: string
  copilot?: string
  /** Other spellings seen in the wild, old names included. */
  aliases?: string[]
}

// Sources: the Claude Code sub-agent and tool docs, OpenCode's agents and
// tools docs, and the VS Code / GitHub Copilot custom-agent tool aliases.
const TOOLS: ToolSpec[] = [
  { id: 'read', claude: 'Read', opencode: 'read', copilot: 'read' },
  { id: 'write', claude: 'Write', opencode: 'write', copilot: 'edit' },
  { id: 'edit', claude: 'Edit', opencode: 'edit', copilot: 'edit' },
  { id: 'multiedit', claude: 'MultiEdit', opencode: 'edit', copilot: 'edit', aliases: ['multi_edit'] },
  { id: 'patch', opencode: 'patch', copilot: 'edit', aliases: ['apply_patch'] },
  { id: 'bash', claude: 'Bash', opencode: 'bash', copilot: 'execute', aliases: ['shell', 'powershell', 'runInTerminal'] },
  { id: 'grep', claude: 'Grep', opencode: 'grep', copilot: 'search' },
  { id: 'glob', claude: 'Glob', opencode: 'glob', copilot: 'search' },
  { id: 'list', claude: 'LS', opencode: 'list', copilot: 'search', aliases: ['ls'] },
  { id: 'webfetch', claude: 'WebFetch', opencode: 'webfetch', copilot: 'web', aliases: ['fetch', 'web_fetch'] },
  { id: 'websearch', claude: 'WebSearch', opencode: 'websearch', copilot: 'web', aliases: ['web_search'] },
  { id: 'todowrite', claude: 'TodoWrite', opencode: 'todowrite', copilot: 'todo', aliases: ['todo'] },
  { id: 'todoread', claude: 'TodoRead', opencode: 'todoread', copilot: 'todo' },
  { id: 'agent', claude: 'Agent', opencode: 'task', copilot: 'agent', aliases: ['task', 'custom-agent', 'runSubagent'] },
  { id: 'notebookread', claude: 'NotebookRead', copilot: 'read' },
  { id: 'notebookedit', claude: 'NotebookEdit', copilot: 'edit' },
  { id: 'skill', claude: 'Skill', opencode: 'skill' },
  { id: 'lsp', claude: 'LSP', opencode: 'lsp' },
  { id: 'bashoutput', claude: 'BashOutput' },
  { id: 'killshell', claude: 'KillShell', aliases: ['killbash'] },
  { id: 'slashcommand', claude: 'SlashCommand' },
  { id: 'exitplanmode', claude: 'ExitPlanMode' },
  { id: 'search', copilot: 'search' },
  { id: 'execute', copilot: 'execute' },
  { id: 'web', copilot: 'web' },
]

const byName = new Map<string, ToolSpec>()
for (const spec of TOOLS) {
  for (const name of [spec.id, spec.claude, spec.opencode, ...(spec.aliases ?? [])]) {
    if (name && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), spec)
  }
}
// Names that are the same word in another dialect keep their own meaning
// there; `Task` is Claude Code's old name of `Agent`.
byName.set('task', TOOLS.find((t) => t.id === 'agent')!)

/** Splits a Claude Code tools string on commas outside parentheses. */
export function splitToolList(value: string): string[] {
  const out: string[] = []
  let depth = 0
  let current = ''
  for (const char of value) {
    if (char === '(') depth++
    else if (char === ')') depth = Math.max(0, depth - 1)
    if (char === ',' && depth === 0) {
      out.push(current)
      current = ''
    } else current += char
  }
  out.push(current)
  return out.map((s) => s.trim()).filter((s) => s !== '')
}

/** The canonical id of a tool as written: `Read` -> `read`, `Task(x)` -> `agent(x)`. */
export function toolId(written: string): string {
  const trimmed = written.trim()
  // MCP tool names are case-sensitive identifiers of another system.
  if (/^mcp__/.test(trimmed) || trimmed.includes('/')) return trimmed
  const paren = trimmed.indexOf('(')
  const base = paren === -1 ? trimmed : trimmed.slice(0, paren).trim()
  const args = paren === -1 ? '' : trimmed.slice(paren)
  const spec = byName.get(base.toLowerCase())
  const id = spec ? spec.id : base.toLowerCase()
  return args ? `${id}${args.replace(/\s*,\s*/g, ', ')}` : id
}

/** The spelling of a tool in a dialect, or undefined when the dialect has no such tool. */
export function spellTool(id: string, dialect: Dialect): string | undefined {
  const paren = id.indexOf('(')
  const base = paren === -1 ? id : id.slice(0, paren)
  const args = paren === -1 ? '' : id.slice(paren)
  const spec = TOOLS.find((t) => t.id === base)
  if (!spec) return undefined
  const name = spec[dialect]
  return name === undefined ? undefined : name + args
}

/**
 * The spelling to write back for a tool in its own dialect: only the case
 * changes (`read` -> `Read` in Claude Code); a name the dialect does not know
 * in any case, and Claude Code's old `Task`, stay as written.
 */
export function respell(written: string, dialect: Dialect): string {
  const paren = written.indexOf('(')
  const base = (paren === -1 ? written : written.slice(0, paren)).trim()
  const args = paren === -1 ? '' : written.slice(paren)
  const lower = base.toLowerCase()
  if (dialect === 'claude' && lower === 'task') return 'Task' + args
  const spec = byName.get(lower)
  const known = spec ? [spec[dialect], ...(spec.aliases ?? [])].find((c) => c !== undefined && c.toLowerCase() === lower) : undefined
  return (known ?? base) + args
}

/** Reads a `tools` value in any form into grants sorted by id. */
export function readTools(value: unknown): { tools: ToolGrant[]; form: 'string' | 'list' | 'map' } | undefined {
  let entries: Array<[string, boolean]>
  let form: 'string' | 'list' | 'map'
  if (typeof value === 'string') {
    form = 'string'
    entries = splitToolList(value).map((name) => [name, true])
  } else if (Array.isArray(value)) {
    form = 'list'
    entries = value.map((v) => [String(v), true])
  } else if (value && typeof value === 'object') {
    form = 'map'
    entries = Object.entries(value as Record<string, unknown>).map(([name, on]) => [name, on !== false && on !== 'false' && on !== 'deny'])
  } else return undefined
  const tools = entries.map(([written, enabled]) => ({ id: toolId(written), written, enabled }))
  tools.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { tools, form }
}
