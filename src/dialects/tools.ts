// Canonical tool ids and the reading of tool names. Every spelling of a tool
// (Claude Code's `Read`, OpenCode's `read`, an old `LS` or `Task`) maps to one
// canonical id, so that `Read, Write` and `{read: true, write: true}` compare
// equal; each dialect spells ids its own way (in its own file). The helpers
// are handed the dialect, or the names of all a registry's dialects
// (`ToolNames`), and never look a dialect up.
import { parse as parseYaml } from 'yaml'
import type { DialectSpec, Grant, ReadTools, ToolNames, ToolNote } from './types.js'

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
  // Claude Code's task list and agent teams: no other dialect has them.
  taskcreate: [],
  taskget: [],
  tasklist: [],
  taskupdate: [],
  sendmessage: [],
  teamcreate: [],
  teamdelete: [],
}

/**
 * Old tools whose use the grant of their replacement holds (Claude Code
 * folded each into it): MultiEdit into Edit, LS into Glob, NotebookRead into
 * Read, TodoRead into TodoWrite. Beside its replacement an old tool grants
 * nothing more, so a writer with no name for it leaves it out silently.
 */
export const REPLACED_BY: Readonly<Record<string, string>> = { multiedit: 'edit', list: 'glob', notebookread: 'read', todoread: 'todowrite' }

/**
 * Old tools whose replacement grants more than they did (TodoWrite writes
 * the todo list TodoRead only read): beside the replacement they grant
 * nothing more, but the replacement is never granted in their place.
 */
export const WIDER_REPLACEMENT: ReadonlySet<string> = new Set(['todoread'])

/** The tool granted in place of an old one that grants no more than it did (LS -> Glob), or undefined. */
export const sameUseReplacement = (id: string): string | undefined => (WIDER_REPLACEMENT.has(id) ? undefined : lookup(REPLACED_BY, id))

/**
 * What an old tool name is, as every command says it (`diff` beside a swap
 * of the two names, `merge` where it writes the old name alone): the one
 * place for the fact. `old` and `now` are canonical ids.
 */
export function oldNameFact(old: string, now: string, spec: DialectSpec): string {
  const [oldName, nowName] = [spellTool(old, spec) ?? old, spellTool(now, spec) ?? now]
  return `${oldName} is ${nowName}'s old name; current ${spec.title} has no ${oldName}`
}

/** The ids of the tools granted whole whose replacement (`replaced`, by old id) is granted whole too. */
export function heldByReplacement(grants: readonly Grant[], replaced: Readonly<Record<string, string>>): Set<string> {
  const whole = new Set(grants.flatMap((g) => (g.kind === 'tool' && g.enabled && g.args === '' && !g.near ? [g.id] : [])))
  return new Set([...whole].filter((id) => Object.hasOwn(replaced, id) && whole.has(replaced[id]!)))
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
  // A dialect's old name of a renamed tool (Claude Code's `Task`, now `Agent`) is that tool, whatever else spells it.
  for (const spec of specs) for (const [old, now] of Object.entries(spec.tools.renamed ?? {})) map.set(old.toLowerCase(), map.get(now.toLowerCase()) ?? now.toLowerCase())
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
 * changes (`READ` -> `read` in Copilot); a name the dialect does not know in
 * any case stays as written, and so does one it ignores (Claude Code's `read`:
 * its names are case-sensitive, and `Read` would grant what `read` did not).
 */
export function respell(written: string, spec: DialectSpec, names: ToolNames): string {
  if (spec.tools.problem(written, names)?.ignored) return written
  const { base, args } = splitArgs(written)
  const lower = base.toLowerCase()
  const listed = spec.tools.names?.find((n) => n.toLowerCase() === lower)
  if (listed) return listed + args
  const id = names.get(lower)
  const candidates = id === undefined ? [] : [lookup(spec.tools.spell, id), ...(lookup(CANONICAL_TOOLS, id) ?? [])]
  const known = candidates.find((c) => c !== undefined && c.toLowerCase() === lower)
  return (known ?? base) + args
}

/** Whether a tools map value grants its tool: only `true` does (`null`, `no`, `0` and `"true"` do not). */
export const grantsTool = (on: unknown): boolean => on === true

/**
 * A map value as its YAML was written: a string quoted where YAML needs the
 * quotes for it to be one (`"true"`, `"0"`), so that a warning never shows
 * `webfetch: true` for `webfetch: "true"`; a plain one (`no`) as it is.
 */
function asWritten(value: unknown): string {
  if (typeof value !== 'string') return shown(value)
  let plain: unknown
  try {
    // logLevel: the yaml library would print a warning of its own for a value such as `!x`.
    plain = parseYaml(value, { logLevel: 'error' })
  } catch {
    plain = undefined
  }
  return plain === value ? value : JSON.stringify(value)
}

/** A value as a warning quotes it: a string as written, anything else as JSON. */
export const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value))

/** A `tools` value read entry by entry, and each entry that is not what a tool field holds, with what was made of it. */
export interface ToolValue {
  entries: Array<[string, boolean]>
  problems: string[]
}

/**
 * The entries of a `tools` value in the order written: a comma string, a
 * list of names or a map of booleans. Read strictly, toward less: in a map
 * only `true` grants (any other value is read as `false`), in a list only a
 * name is a tool (anything else is left out); each such entry is a problem.
 */
export function readToolValue(value: unknown): ToolValue {
  const problems: string[] = []
  if (typeof value === 'string') return { entries: splitToolList(value).map((name) => [name, true]), problems }
  if (Array.isArray(value)) {
    const entries: Array<[string, boolean]> = []
    for (const v of value) {
      if (typeof v === 'string') {
        if (v.trim() !== '') entries.push([v, true])
      } else problems.push(`${shown(v)} is not a tool name; ignored`)
    }
    return { entries, problems }
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([name, on]): [string, boolean] => {
      if (typeof on !== 'boolean') problems.push(`'${name}: ${asWritten(on)}' is not true or false; not granted`)
      return [name, grantsTool(on)]
    })
    return { entries, problems }
  }
  return { entries: [], problems }
}

/** The entries of a `tools` value in the order written (readToolValue). */
export function toolEntries(value: unknown): Array<[string, boolean]> {
  return readToolValue(value).entries
}

/**
 * An MCP tool's name in one of the forms dialects write it (`mcp__server__tool`,
 * `mcp__server`, `server/tool`): its server and tool (`*` for every one), or
 * undefined. Both parts are names (letters, digits, `_`, `.`, `-`; a tool
 * may be `*`): markup or prose with a slash in it is no MCP server.
 */
export function mcpName(name: string): { server: string; tool: string } | undefined {
  const m = /^mcp__([\w.-]+?)__([\w.*-]+)$/.exec(name) ?? /^mcp__([\w.-]+?)()$/.exec(name) ?? /^([\w.-]+)\/([\w.*-]+)$/.exec(name)
  return m ? { server: m[1]!, tool: m[2] === '' ? '*' : m[2]! } : undefined
}

/**
 * Reads one tool name as written in a dialect into grants. `expand` lets a
 * dialect read a name of its own first (Copilot's folded aliases and the
 * tools of its built-in tool sets); then a name the dialect ignores, as its
 * `problem` says, grants nothing (Claude Code's `github/delete_repo` is no MCP
 * tool there, and its `BASH` no tool: its names are case-sensitive); then an
 * MCP tool's name, then the canonical table, for a tool the dialect has (its
 * `spell`).
 */
export function readGrant(written: string, enabled: boolean, spec: DialectSpec, names: ToolNames, expand?: Expand): { grants: Grant[]; notes: ToolNote[] } {
  const name = written.trim()
  const one = (grant: Grant) => ({ grants: [grant], notes: [] })
  const { base, args } = splitArgs(toolId(name, names))
  // The dialect's own names first: Copilot's `search/codebase` is a built-in tool, not an MCP server's.
  const own = expand?.(name, args, enabled)
  if (own) return { grants: own.grants, notes: own.notes ?? [] }
  // A name the dialect ignores (lint's claim: Claude Code's `BASH`, its `github/delete_repo`) grants nothing there.
  if (spec.tools.problem(name, names)?.ignored) return one({ kind: 'unknown', enabled, written })
  const mcp = mcpName(name)
  if (mcp) return one({ kind: 'mcp', ...mcp, enabled, written })
  // A tool the dialect has no name for is none of its tools (Claude Code's `apply_patch`): it grants nothing there.
  if (lookup(spec.tools.spell, base) !== undefined) return one({ kind: 'tool', id: base, args, enabled, written })
  return one({ kind: 'unknown', enabled, written })
}

/** How a dialect reads a name of its own before the canonical table: grants and what they approximate, or undefined. */
export type Expand = (name: string, args: string, enabled: boolean) => { grants: Grant[]; notes?: ToolNote[] } | undefined

/**
 * The grants of a file's tool fields: allowed names of `tools`, and of each
 * field listed in `denied` as denials; an entry that is not one a tool field
 * holds is a note (`invalid`), and so is a name the dialect approximates.
 */
export function readToolFields(values: Readonly<Record<string, unknown>>, spec: DialectSpec, names: ToolNames, denied: readonly string[] = [], expand?: Expand): { grants: Grant[]; notes: ToolNote[] } {
  const grants: Grant[] = []
  const notes: ToolNote[] = []
  for (const key of ['tools', ...denied]) {
    const { entries, problems } = readToolValue(values[key])
    for (const message of problems) notes.push({ written: key, message, invalid: true })
    for (const [name, enabled] of entries) {
      const read = readGrant(name, key === 'tools' && enabled, spec, names, expand)
      grants.push(...read.grants)
      notes.push(...read.notes.map((n) => ({ ...n, written: key })))
    }
  }
  return { grants, notes }
}

/**
 * Whether the name a grant was read from stands for its tool alone (`Bash`,
 * Copilot's `runCommands/runInTerminal`) among the grants read with it, not
 * for several (Copilot's `search`: grep, glob and list): the name a file
 * writes for that tool itself.
 */
export const standsAlone = (g: Grant, grants: readonly Grant[]): boolean => grants.filter((x) => x.written === g.written).length === 1

/**
 * What an allowlist dialect's tool fields say (Claude Code, Copilot): a
 * `tools` field, whatever it holds, denies every tool it does not name.
 */
export function readAllowlist(values: Readonly<Record<string, unknown>>, spec: DialectSpec, names: ToolNames, denied: readonly string[] = [], expand?: Expand): ReadTools {
  const read = readToolFields(values, spec, names, denied, expand)
  return Object.hasOwn(values, 'tools') ? { ...read, rest: 'deny' } : read
}

/**
 * The tools denied as a whole (no restriction to some uses): a grant of some
 * uses of one of them is no grant of the whole tool, so a target that cannot
 * restrict a tool to some uses must not grant it.
 */
export function deniedWhole(grants: readonly Grant[]): Set<string> {
  return new Set(grants.flatMap((g) => (g.kind === 'tool' && !g.enabled && g.args === '' ? [g.id] : [])))
}

/** A note for each tool a writer that cannot ask before a tool is used leaves ungranted (`ask` grants), once per name written. */
export function askNotes(grants: readonly Grant[], title: string): ToolNote[] {
  const names = [...new Set(grants.flatMap((g) => (g.kind === 'tool' && g.ask ? [g.written] : [])))]
  return names.map((written) => ({ written, message: `'${written}: ask': ${title} cannot ask before a tool is used; not granted` }))
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
