// Tool grants across dialects. A file's `tools` (and Claude Code's
// `disallowedTools`, Copilot's `agents`) are read into grants of canonical
// tools, MCP tools and unknown names, then written in the target's form:
// Claude Code's comma string (`Read, Agent(worker, researcher),
// mcp__github__*`), OpenCode's map of booleans, Copilot's list of aliases.
//
// Meaning is kept where the target can say it and reported where it cannot:
// - Claude Code's `tools` is an allowlist. OpenCode's `tools` map only turns
//   tools off: a tool it does not name stays on. An allowlist therefore
//   becomes the granted tools set to true and every other OpenCode built-in
//   set to false.
// - Copilot folds tools into aliases (`search` is Grep, Glob and LS); an alias
//   read from Copilot grants every tool it stands for.
// - MCP tools: Claude Code `mcp__server__tool`, OpenCode `server_tool`,
//   Copilot `server/tool`; `*` for every tool of a server.
import type { Dialect } from '../model.js'
import { spellTool, splitToolList, toolId } from '../normalize/tools.js'

/** One grant in canonical form. */
export type Grant =
  | { kind: 'tool'; id: string; args: string; enabled: boolean; written: string }
  | { kind: 'mcp'; server: string; tool: string; enabled: boolean; written: string }
  | { kind: 'unknown'; enabled: boolean; written: string }

/** Copilot's aliases and the canonical tools each stands for (the current ones). */
export const COPILOT_ALIASES: Record<string, string[]> = {
  read: ['read'],
  edit: ['edit', 'write'],
  search: ['grep', 'glob', 'list'],
  execute: ['bash'],
  web: ['webfetch', 'websearch'],
  agent: ['agent'],
  todo: ['todowrite'],
}

/** OpenCode's built-in tools: the ones an allowlist has to turn off. */
export const OPENCODE_BUILTINS = ['read', 'write', 'edit', 'patch', 'bash', 'grep', 'glob', 'list', 'webfetch', 'websearch', 'todowrite', 'todoread', 'task', 'skill']

/**
 * Claude Code's current tool names (tools reference); a name outside this
 * list and the MCP form is not a tool Claude Code has. `Task` is still
 * accepted as the old name of `Agent`.
 */
export const CLAUDE_TOOLS = ['Agent', 'AskUserQuestion', 'Bash', 'BashOutput', 'Edit', 'ExitPlanMode', 'Glob', 'Grep', 'KillShell', 'LSP', 'NotebookEdit', 'Read', 'Skill', 'SlashCommand', 'TodoWrite', 'WebFetch', 'WebSearch', 'Write', 'Task']

/** Old Claude Code names that current Claude Code no longer has, and what replaced them. */
export const CLAUDE_OLD: Record<string, string> = { multiedit: 'edit', list: 'glob', notebookread: 'read', todoread: 'todowrite' }

const KNOWN_IDS = new Set([...Object.values(COPILOT_ALIASES).flat(), ...OPENCODE_BUILTINS, 'multiedit', 'notebookread', 'notebookedit', 'bashoutput', 'killshell', 'slashcommand', 'exitplanmode', 'lsp', 'agent'])

/** Reads one tool name as written in a dialect. */
export function readGrant(written: string, enabled: boolean, dialect: Dialect): Grant[] {
  const name = written.trim()
  let m = /^mcp__([^_]+(?:_[^_]+)*?)__(.+)$/.exec(name) ?? /^mcp__(.+?)()$/.exec(name)
  if (m) return [{ kind: 'mcp', server: m[1]!, tool: m[2] === '' ? '*' : m[2]!, enabled, written }]
  m = /^([^/\s]+)\/(.+)$/.exec(name)
  if (m) return [{ kind: 'mcp', server: m[1]!, tool: m[2]!, enabled, written }]
  const id = toolId(name)
  const paren = id.indexOf('(')
  const base = paren === -1 ? id : id.slice(0, paren)
  const args = paren === -1 ? '' : id.slice(paren)
  if (dialect === 'copilot' && COPILOT_ALIASES[name.toLowerCase()]) {
    return COPILOT_ALIASES[name.toLowerCase()]!.map((t) => ({ kind: 'tool', id: t, args: t === 'agent' ? args : '', enabled, written }))
  }
  if (KNOWN_IDS.has(base) || spellTool(base, dialect) !== undefined) return [{ kind: 'tool', id: base, args, enabled, written }]
  if (dialect === 'opencode') {
    // OpenCode names MCP tools `server_tool`.
    const u = /^([^_]+)_(.+)$/.exec(name)
    if (u) return [{ kind: 'mcp', server: u[1]!, tool: u[2]!, enabled, written }]
  }
  return [{ kind: 'unknown', enabled, written }]
}

/** The entries of a `tools` value in the order written: a comma string, a list or a map of booleans. */
export function toolEntries(value: unknown): Array<[string, boolean]> {
  if (typeof value === 'string') return splitToolList(value).map((name) => [name, true])
  if (Array.isArray(value)) return value.map((v) => [String(v), true])
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([name, on]) => [name, on !== false && on !== 'false' && on !== 'deny'])
  }
  return []
}

/** Reads the grants of a `tools` value and, for Claude Code, a `disallowedTools` value, in the order written. */
export function readGrants(tools: unknown, disallowed: unknown, dialect: Dialect): Grant[] {
  const out: Grant[] = []
  for (const [name, enabled] of toolEntries(tools)) out.push(...readGrant(name, enabled, dialect))
  for (const [name] of toolEntries(disallowed)) out.push(...readGrant(name, false, dialect))
  return out
}

export interface ToolNote {
  written: string
  message: string
}

export interface WrittenTools {
  /** The `tools` value, or undefined to leave it out (every tool granted). */
  tools?: unknown
  /** Claude Code's `disallowedTools`. */
  disallowed?: string
  /** Copilot's `agents` (the sub-agents an `agent` grant may call). */
  agents?: string[]
  notes: ToolNote[]
}

const push = <T>(list: T[], value: T): void => {
  if (!list.includes(value)) list.push(value)
}

function argList(args: string): string[] {
  return args.replace(/^\(|\)$/g, '').split(',').map((s) => s.trim()).filter((s) => s !== '')
}

/** The name of a canonical tool in Claude Code, modern names only. */
function claudeName(id: string, written: string, notes: ToolNote[]): string | undefined {
  const modern = CLAUDE_OLD[id]
  if (modern) {
    const name = spellTool(modern, 'claude')!
    notes.push({ written, message: `'${written}' is not a tool of current Claude Code; granted ${name} instead` })
    return name
  }
  return spellTool(id, 'claude')
}

/**
 * Writes grants in a target dialect. `form` is the form to use for Claude
 * Code (`string` or `list`); `agents` are Copilot's sub-agent names, folded
 * into `Agent(...)` for Claude Code.
 */
export function writeGrants(grants: Grant[], to: Dialect, options: { form?: 'string' | 'list'; agents?: string[] } = {}): WrittenTools {
  const notes: ToolNote[] = []
  const allowed = grants.filter((g) => g.enabled)
  const denied = grants.filter((g) => !g.enabled)
  if (to === 'claude') {
    const names: string[] = []
    const deny: string[] = []
    for (const [list, out] of [[allowed, names], [denied, deny]] as const) {
      for (const g of list) {
        if (g.kind === 'mcp') push(out, `mcp__${g.server}__${g.tool}`)
        else if (g.kind === 'unknown') {
          notes.push({ written: g.written, message: `'${g.written}' is not a Claude Code tool; kept as written` })
          push(out, g.written)
        } else {
          const name = claudeName(g.id, g.written, notes)
          if (name === undefined) notes.push({ written: g.written, message: `'${g.written}' has no Claude Code equivalent; dropped` })
          else {
            let args = g.args
            if (g.id === 'agent' && args === '' && options.agents && options.agents.length > 0) args = `(${options.agents.join(', ')})`
            push(out, name + args)
          }
        }
      }
    }
    const result: WrittenTools = { notes }
    if (names.length > 0) result.tools = options.form === 'list' ? names : names.join(', ')
    // With an allowlist the denials are already implied.
    if (deny.length > 0 && names.length === 0) result.disallowed = deny.join(', ')
    return result
  }
  if (to === 'opencode') {
    const map: Record<string, boolean> = Object.create(null) as Record<string, boolean> // no inherited keys: a tool named 'toString' is a tool
    for (const g of [...allowed, ...denied]) {
      if (g.kind === 'mcp') map[`${g.server}_${g.tool}`] ??= g.enabled
      else if (g.kind === 'unknown') {
        notes.push({ written: g.written, message: `'${g.written}' is not an OpenCode tool; kept as written` })
        map[g.written] ??= g.enabled
      } else {
        const fallback = g.id === 'notebookread' ? 'read' : g.id === 'notebookedit' ? 'edit' : g.id
        const name = spellTool(fallback, 'opencode')
        if (name === undefined) {
          notes.push({ written: g.written, message: `'${g.written}' has no OpenCode equivalent; dropped` })
          continue
        }
        if (g.args !== '') notes.push({ written: g.written, message: `'${g.written}': OpenCode's tools map cannot restrict a tool to ${g.id === 'agent' ? 'some sub-agents' : 'some uses'}; granted '${name}' without the restriction` })
        map[name] ??= g.enabled
      }
    }
    if (allowed.length > 0) for (const id of OPENCODE_BUILTINS) map[spellTool(id, 'opencode') ?? id] ??= false
    return Object.keys(map).length > 0 ? { tools: map, notes } : { notes }
  }
  // Copilot: a list of aliases, MCP `server/tool`, other names as written.
  const list: string[] = []
  const agents: string[] = []
  for (const g of allowed) {
    if (g.kind === 'mcp') push(list, `${g.server}/${g.tool}`)
    else if (g.kind === 'unknown') {
      notes.push({ written: g.written, message: `'${g.written}' is not a Copilot tool alias; kept as written` })
      push(list, g.written)
    } else {
      const alias = spellTool(g.id, 'copilot')
      if (alias === undefined) {
        notes.push({ written: g.written, message: `'${g.written}' has no Copilot equivalent; dropped` })
        continue
      }
      const base = alias.replace(/\(.*$/, '')
      if (g.id === 'agent' && g.args !== '') for (const a of argList(g.args)) push(agents, a)
      else if (g.args !== '') notes.push({ written: g.written, message: `'${g.written}': Copilot cannot restrict '${base}' to some uses; granted '${base}' without the restriction` })
      push(list, base)
    }
  }
  const order = Object.keys(COPILOT_ALIASES)
  list.sort((a, b) => rank(order, a) - rank(order, b))
  const grantedAliases = new Set(list)
  for (const g of denied) {
    const alias = g.kind === 'tool' ? spellTool(g.id, 'copilot') : undefined
    // A denial is implied by an allowlist unless an alias granted for another tool covers it.
    if (allowed.length === 0 || (alias && grantedAliases.has(alias))) {
      notes.push({ written: g.written, message: `denying '${g.written}': Copilot has no way to deny a tool${alias && grantedAliases.has(alias) ? ` that its alias '${alias}' grants` : ''}; dropped` })
    }
  }
  const result: WrittenTools = { notes }
  if (list.length > 0) result.tools = list
  if (agents.length > 0) result.agents = agents
  return result
}

function rank(order: string[], name: string): number {
  const i = order.indexOf(name)
  return i === -1 ? order.length : i
}
