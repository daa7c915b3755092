// Canonical tool ids and the reading of tool names. Every spelling of a tool
// (Claude Code's `Read`, OpenCode's `read`, an old `LS` or `Task`) maps to one
// canonical id, so that `Read, Write` and `{read: true, write: true}` compare
// equal; each dialect spells ids its own way (in its own file). The helpers
// are handed the dialect, or the names of all a registry's dialects
// (`ToolNames`), and never look a dialect up.
import type { DialectSpec, Grant, ReadTools, ToolNames } from './types.js'

/**
 * The canonical tools, with spellings seen in the wild that no dialect
 * writes today (old names included). Sources: the Claude Code sub-agent and
 * tool docs, OpenCode's agents and tools docs, the VS Code / GitHub Copilot
 * custom-agent tool aliases.
 */
export const CANONICAL_TOOLS: Readonly<Record<string, readonly string[]>> = {
  read: [],
  write: [],
  edit: [],
  multiedit: ['multi_edit'],
  patch: ['apply_patch'],
  bash: ['shell', 'powershell', 'runInTerminal'],
  grep: [],
  glob: [],
  list: ['ls'],
  webfetch: ['fetch', 'web_fetch'],
  websearch: ['web_search'],
  todowrite: ['todo'],
  todoread: [],
  agent: ['task', 'custom-agent', 'runSubagent'],
  notebookread: [],
  notebookedit: [],
  skill: [],
  lsp: [],
  bashoutput: [],
  killshell: ['killbash'],
  slashcommand: [],
  exitplanmode: [],
}

/** A record's own entry: a tool named `constructor` or `toString` is not one of Object's. */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** The tool names of these dialects: ids first, then each dialect's spellings, then the names seen in the wild. */
export function toolNames(specs: readonly DialectSpec[]): ToolNames {
  const map = new Map<string, string>()
  const add = (name: string, id: string) => {
    if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), id)
  }
  for (const id of Object.keys(CANONICAL_TOOLS)) add(id, id)
  for (const spec of specs) {
    if (spec.tools.folds) continue
    for (const [id, name] of Object.entries(spec.tools.spell)) add(name, id)
  }
  for (const [id, names] of Object.entries(CANONICAL_TOOLS)) for (const name of names) add(name, id)
  // `Task` is Claude Code's old name of `Agent`, whatever else spells it.
  map.set('task', 'agent')
  return map
}

/** Splits a comma-separated tools string on commas outside parentheses. */
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

/** A tool name split into its base and its argument list (`Bash(git:*)` -> `Bash`, `(git:*)`). */
export function splitArgs(name: string): { base: string; args: string } {
  const paren = name.indexOf('(')
  return paren === -1 ? { base: name.trim(), args: '' } : { base: name.slice(0, paren).trim(), args: name.slice(paren) }
}

/** The canonical id of a tool as written: `Read` -> `read`, `Task(x)` -> `agent(x)`. */
export function toolId(written: string, names: ToolNames): string {
  const trimmed = written.trim()
  // MCP tool names are case-sensitive identifiers of another system.
  if (/^mcp__/.test(trimmed) || trimmed.includes('/')) return trimmed
  const { base, args } = splitArgs(trimmed)
  const id = names.get(base.toLowerCase()) ?? base.toLowerCase()
  return args ? `${id}${args.replace(/\s*,\s*/g, ', ')}` : id
}

/** The spelling of a tool in a dialect, or undefined when the dialect has no such tool. */
export function spellTool(id: string, spec: DialectSpec): string | undefined {
  const { base, args } = splitArgs(id)
  const name = lookup(spec.tools.spell, base)
  return name === undefined ? undefined : name + args
}

/**
 * The spelling to write back for a tool in its own dialect: only the case
 * changes (`read` -> `Read` in Claude Code); a name the dialect does not know
 * in any case stays as written.
 */
export function respell(written: string, spec: DialectSpec, names: ToolNames): string {
  const { base, args } = splitArgs(written)
  const lower = base.toLowerCase()
  const listed = spec.tools.names?.find((n) => n.toLowerCase() === lower)
  if (listed) return listed + args
  const id = names.get(lower)
  const candidates = id === undefined ? [] : [lookup(spec.tools.spell, id), ...(lookup(CANONICAL_TOOLS, id) ?? [])]
  const known = candidates.find((c) => c !== undefined && c.toLowerCase() === lower)
  return (known ?? base) + args
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

/**
 * Reads one tool name as written in a dialect into grants. MCP tools are
 * `mcp__server__tool` or `server/tool` in any dialect; after those, `expand`
 * lets a dialect read a name of its own before the canonical table
 * (Copilot's folded aliases).
 */
export function readGrant(written: string, enabled: boolean, spec: DialectSpec, names: ToolNames, expand?: (name: string, args: string, enabled: boolean) => Grant[] | undefined): Grant[] {
  const name = written.trim()
  let m = /^mcp__([^_]+(?:_[^_]+)*?)__(.+)$/.exec(name) ?? /^mcp__(.+?)()$/.exec(name)
  if (m) return [{ kind: 'mcp', server: m[1]!, tool: m[2] === '' ? '*' : m[2]!, enabled, written }]
  m = /^([^/\s]+)\/(.+)$/.exec(name)
  if (m) return [{ kind: 'mcp', server: m[1]!, tool: m[2]!, enabled, written }]
  const { base, args } = splitArgs(toolId(name, names))
  const own = expand?.(name, args, enabled)
  if (own) return own
  if (Object.hasOwn(CANONICAL_TOOLS, base) || lookup(spec.tools.spell, base) !== undefined) return [{ kind: 'tool', id: base, args, enabled, written }]
  return [{ kind: 'unknown', enabled, written }]
}

/** The grants of a file's tool fields: allowed names of `tools`, and of each field listed in `denied` as denials. */
export function readToolFields(values: Readonly<Record<string, unknown>>, spec: DialectSpec, names: ToolNames, denied: readonly string[] = [], expand?: (name: string, args: string, enabled: boolean) => Grant[] | undefined): Grant[] {
  const out: Grant[] = []
  for (const [name, enabled] of toolEntries(values.tools)) out.push(...readGrant(name, enabled, spec, names, expand))
  for (const key of denied) for (const [name] of toolEntries(values[key])) out.push(...readGrant(name, false, spec, names, expand))
  return out
}

/**
 * What an allowlist dialect's tool fields say (Claude Code, Copilot): a
 * `tools` field, whatever it holds, denies every tool it does not name.
 */
export function readAllowlist(values: Readonly<Record<string, unknown>>, spec: DialectSpec, names: ToolNames, denied: readonly string[] = [], expand?: (name: string, args: string, enabled: boolean) => Grant[] | undefined): ReadTools {
  const grants = readToolFields(values, spec, names, denied, expand)
  return Object.hasOwn(values, 'tools') ? { grants, rest: 'deny', notes: [] } : { grants, notes: [] }
}

/**
 * The tools denied as a whole (no restriction to some uses): a grant of some
 * uses of one of them is no grant of the whole tool, so a target that cannot
 * restrict a tool to some uses must not grant it.
 */
export function deniedWhole(grants: readonly Grant[]): Set<string> {
  return new Set(grants.flatMap((g) => (g.kind === 'tool' && !g.enabled && g.args === '' ? [g.id] : [])))
}

/** Adds a value to a list unless it is there. */
export function pushNew<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value)
}

/** `(a, b)` -> `['a', 'b']`. */
export function argList(args: string): string[] {
  return args.replace(/^\(|\)$/g, '').split(',').map((s) => s.trim()).filter((s) => s !== '')
}

/**
 * A tools map of booleans. With an allowlist the dialect's wildcard comes
 * first, off (a map leaves a tool it does not name on, MCP tools included),
 * and every built-in the map does not grant is turned off too (after the
 * entries given), for a reader that does not know the wildcard, unless the
 * rest of its group is granted (`together`). Sorted, the
 * map is in canonical order whatever order its entries came in: the granted
 * tools, then the denied ones, each in the dialect's built-in order and then
 * by name.
 */
export function toolsMap(spec: DialectSpec, entries: ReadonlyMap<string, boolean>, options: { allowlist: boolean; sort: boolean }): Record<string, boolean> {
  const builtins = spec.tools.builtins ?? []
  const all = new Map(entries)
  // Turned off beside the rest of its group granted, a tool would turn the whole group off for a reader that takes it as one.
  const joined = (name: string) => (spec.tools.together ?? []).some((group) => group.includes(name) && group.every((n) => n === name || entries.get(n) === true))
  if (options.allowlist) for (const name of builtins) if (!all.has(name) && !joined(name)) all.set(name, false)
  const rank = (name: string) => {
    const i = builtins.indexOf(name)
    return i === -1 ? builtins.length : i
  }
  const wildcard = options.allowlist ? spec.tools.wildcard : undefined
  if (wildcard !== undefined) all.delete(wildcard)
  const names = [...all.keys()]
  if (options.sort) names.sort((a, b) => Number(all.get(b)) - Number(all.get(a)) || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries([...(wildcard === undefined ? [] : [[wildcard, false] as const]), ...names.map((n) => [n, all.get(n)!] as const)])
}
