// GitHub Copilot custom agents (`.github/agents/NAME.agent.md`): `tools` as a
// list of aliases that each fold the tools of a set (`search` is Grep, Glob
// and LS) and `SET/TOOL` names of one tool (`search/textSearch`), MCP tools
// as `server/tool`, `agents` naming the sub-agents it may
// call, display model names (`Claude Sonnet 4.5`) or a list of fallbacks,
// `mcp-servers` configured inline. Copilot ignores fields it does not know.
import { ALIAS_PINS, displayFromId, keptModel, pinned } from './models.js'
import { REPLACED_BY, argList, askNotes, heldByReplacement, lookup, mcpName, pushNew, readAllowlist, spellTool, splitArgs, splitToolList, toolId } from './tools.js'
import type { DialectSpec, Fact, FactWrite, Grant, ReadTools, ToolNames, ToolNote, ToolProblem, WriteToolsOptions, WrittenTools } from './types.js'

const TITLE = 'Copilot'

/**
 * The tools of VS Code's built-in tool sets that other dialects have, as
 * VS Code spells them (`SET/TOOL`). A set's name alone (`search`, or
 * `search/*`) is Copilot's alias for every tool of it (ALIASES). `near` says
 * how the tool read is not the same tool: such a name is a grant of its own,
 * in no alias. A tool of a set that is not listed has no equivalent
 * (`search/usages`) and is kept by its name. The first name of a tool
 * without `near` is its exact name, which the writer uses where an alias
 * would grant more.
 */
const SET_TOOL_NAMES: ReadonlyArray<readonly [string, { id: string; near?: string }]> = [
  ['read/readFile', { id: 'read' }],
  ['read/getNotebookSummary', { id: 'notebookread' }],
  ['edit/editFiles', { id: 'edit' }],
  ['edit/createFile', { id: 'write' }],
  ['edit/editNotebook', { id: 'notebookedit' }],
  ['search/textSearch', { id: 'grep' }],
  ['search/fileSearch', { id: 'glob' }],
  ['search/listDirectory', { id: 'list' }],
  ['search/codebase', { id: 'grep', near: "is VS Code's semantic code search; read as grep, which searches text" }],
  ['execute/runInTerminal', { id: 'bash' }],
  ['execute/getTerminalOutput', { id: 'bashoutput' }],
  ['execute/killTerminal', { id: 'killshell' }],
  ['runCommands/runInTerminal', { id: 'bash' }],
  ['runCommands/getTerminalOutput', { id: 'bashoutput' }],
  ['web/fetch', { id: 'webfetch' }],
  ['agent/runSubagent', { id: 'agent' }],
]

/** Tools an alias grants that have no `SET/TOOL` name above (GitHub's compatible names: WebSearch in `web`, TodoWrite in `todo`). */
const UNNAMED: Readonly<Record<string, readonly string[]>> = { web: ['websearch'], todo: ['todowrite'] }

/**
 * Copilot's aliases, in the order a list gives them, and the canonical tools
 * each grants: its set's tools above and the unnamed ones, so that what an
 * alias grants is read and written from one table.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  ['read', 'edit', 'search', 'execute', 'web', 'agent', 'todo'].map((alias) => [
    alias,
    [...SET_TOOL_NAMES.filter(([n, t]) => !t.near && n.split('/')[0] === alias).map(([, t]) => t.id), ...(UNNAMED[alias] ?? [])],
  ]),
)

/** Old tools Copilot has no name for, whose use their replacement's grant holds (MultiEdit in Edit): left out beside it. */
const REPLACED: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(REPLACED_BY).filter(([old]) => !Object.values(ALIASES).some((ids) => ids.includes(old))))

/** The old tools whose use each tool's grant holds (REPLACED_BY the other way: a glob lists a folder). */
const IMPLIES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...new Set(Object.values(REPLACED_BY))].map((id) => [id, Object.keys(REPLACED_BY).filter((old) => REPLACED_BY[old] === id)]),
)

// Copilot reads its aliases and, as compatible names, Claude Code's and
// other tools' names (GitHub's custom agents reference); VS Code adds its own
// built-in tools. Compared case-insensitively.
const KNOWN = new Set([
  ...Object.keys(ALIASES),
  'shell', 'bash', 'powershell', 'notebookread', 'multiedit', 'write', 'notebookedit', 'grep', 'glob', 'custom-agent', 'task', 'websearch', 'webfetch', 'todowrite',
  'githubrepo', 'findtestfiles', 'new', 'opensimplebrowser', 'vscodeapi', 'extensions', 'runnotebooks', 'think', 'runsubagent',
])

/**
 * VS Code's names from before its tools were grouped in sets, and the
 * current names it reads each as: VS Code still enables a tool by its name
 * alone (`runInTerminal` for `execute/runInTerminal`) and by the names it
 * lists as the tool's legacy ones, and reads an old set (`runCommands`) as
 * the tools it names in its place, with only a hint to rename. A legacy name
 * grants what its current names grant; lint names them. By lower-case name.
 */
const LEGACY: Readonly<Record<string, readonly string[]>> = Object.fromEntries(Object.entries({
  runInTerminal: ['execute/runInTerminal'],
  getTerminalOutput: ['execute/getTerminalOutput'],
  runCommands: ['execute/getTerminalOutput', 'execute/runInTerminal', 'read/terminalLastCommand', 'read/terminalSelection'],
  runTasks: ['execute/createAndRunTask', 'execute/getTaskOutput', 'execute/runTask'],
  runTests: ['execute/runTests'],
  testFailure: ['execute/testFailure'],
  editFiles: ['edit/editFiles'],
  createFile: ['edit/createFile'],
  codebase: ['search/codebase'],
  usages: ['search/usages'],
  changes: ['search/changes'],
  problems: ['read/problems'],
  terminalLastCommand: ['read/terminalLastCommand'],
  terminalSelection: ['read/terminalSelection'],
  fetch: ['web/fetch'],
  todos: ['todo'],
}).map(([name, current]) => [name.toLowerCase(), current]))

/**
 * VS Code's built-in tool sets, named as the first part of `SET/TOOL`
 * (`search/codebase`); a name whose first part is not one of them is an MCP
 * server's tool (`github/get_issue`). The aliases are sets too.
 */
const SETS = new Set([...Object.keys(ALIASES), 'vscode', 'browser', 'todos', 'runcommands', 'runtasks', 'runnotebooks'])

/** The same, by lower-case name: Copilot compares names case-insensitively. */
const SET_TOOLS: Readonly<Record<string, { id: string; near?: string }>> = Object.fromEntries(SET_TOOL_NAMES.map(([n, t]) => [n.toLowerCase(), t]))

/** Each tool's exact `SET/TOOL` name, by canonical id. */
const EXACT: Readonly<Record<string, string>> = Object.fromEntries(
  SET_TOOL_NAMES.filter(([, t]) => !t.near).reverse().map(([n, t]) => [t.id, n]),
)

/**
 * Copilot's own names: an alias grants every tool it stands for (`SET/*`
 * likewise), a tool of a built-in set the tool it is (the set's name kept as
 * written, so that Copilot writes it back so), or an unknown name when no
 * other dialect has it; undefined for any other name.
 */
function expandAlias(name: string, args: string, enabled: boolean): { grants: Grant[]; notes?: ToolNote[] } | undefined {
  const legacy = lookup(LEGACY, name.toLowerCase())
  return legacy ? expandLegacy(name, legacy, args, enabled) : expandCurrent(name, args, enabled)
}

/**
 * A legacy name read as its current names, each grant keeping the name as
 * written; a current name no other dialect has (`read/problems`) is left out
 * beside one that has, and stands alone as one unknown name otherwise.
 */
function expandLegacy(name: string, current: readonly string[], args: string, enabled: boolean): { grants: Grant[]; notes: ToolNote[] } {
  const read = current.map((c) => expandCurrent(c, args, enabled)!)
  const grants = read.flatMap((r) => r.grants).filter((g) => g.kind !== 'unknown').map((g) => ({ ...g, written: name }))
  const notes = read.flatMap((r) => r.notes ?? []).map((n) => ({ ...n, written: name, message: n.message.replace(`'${n.written}'`, `'${name}' (now '${n.written}')`) }))
  return grants.length > 0 ? { grants: [...new Map(grants.map((g) => [JSON.stringify(g), g])).values()], notes } : { grants: [{ kind: 'unknown', enabled, written: name }], notes: [] }
}

function expandCurrent(name: string, args: string, enabled: boolean): { grants: Grant[]; notes?: ToolNote[] } | undefined {
  const lower = name.toLowerCase()
  const set = /^([^/]+)\/(.+)$/.exec(lower)
  const alias = set?.[2] === '*' ? set[1]! : lower
  const tools = lookup(ALIASES, alias)
  if (tools) return { grants: tools.map((t) => ({ kind: 'tool', id: t, args: t === 'agent' ? args : '', enabled, written: name })) }
  // Any other name: read by the canonical table, unless Copilot ignores it (toolProblem, which readGrant asks).
  if (!set || !SETS.has(set[1]!)) return undefined
  const tool = lookup(SET_TOOLS, lower)
  if (!tool) return { grants: [{ kind: 'unknown', enabled, written: name }] }
  if (!tool.near) return { grants: [{ kind: 'tool', id: tool.id, args: '', enabled, written: name }] }
  return { grants: [{ kind: 'tool', id: tool.id, args: '', enabled, written: name, near: true }], notes: [{ written: name, message: `'${name}' ${tool.near}`, near: true }] }
}

/** The entry of a `tools` list that enables every tool (`["*"]`, as no `tools` field does). */
const EVERY_TOOL = '*'

function readTools(values: Readonly<Record<string, unknown>>, names: ToolNames): ReadTools {
  const every = (t: unknown) => typeof t === 'string' && t.trim() === EVERY_TOOL
  const list = typeof values.tools === 'string' ? splitToolList(values.tools) : values.tools
  if (Array.isArray(list) && list.some(every)) {
    // Every tool: the other names add nothing, a list being no allowlist then.
    const read = readAllowlist({ ...values, tools: list.filter((t) => !every(t)) }, copilot, names, [], expandAlias)
    return { ...read, rest: 'allow' }
  }
  return readAllowlist(values, copilot, names, [], expandAlias)
}

function rank(name: string): number {
  const order = Object.keys(ALIASES)
  const i = order.indexOf(name)
  return i === -1 ? order.length : i
}

/**
 * A list of aliases and `SET/TOOL` names, which is always an allowlist:
 * without one (every tool granted) no list is written, and each denial
 * Copilot cannot say is a warning by name. An alias that would grant a tool
 * the grants do not hold is never written: the tool goes by its exact name
 * (`edit/editFiles` for Edit without Write), or, with none, is not granted,
 * with a warning. An old tool beside its replacement is left out silently.
 */
function writeTools(grants: Grant[], options: WriteToolsOptions): WrittenTools {
  const notes: ToolNote[] = []
  const list: string[] = []
  const agents: string[] = [...(options.agents ?? [])]
  const allowlist = options.allowlist ?? grants.some((g) => g.enabled)
  // Copilot names whole tools only: a tool granted or denied for some uses (but a list of sub-agents) is not granted.
  const some = (g: Grant) => g.kind === 'tool' && g.args !== '' && g.id !== 'agent'
  const limited = new Set(grants.flatMap((g) => (some(g) && !g.enabled && g.kind === 'tool' ? [g.id] : [])))
  // Likewise an MCP server's every tool (`github/*`) beside a denial of one of them.
  const fenced = (g: Grant) => g.kind === 'mcp' && g.tool === '*' && grants.some((d) => d.kind === 'mcp' && !d.enabled && d.server === g.server && d.tool !== '*')
  const allowed = allowlist ? grants.filter((g) => g.enabled && !some(g) && !(g.kind === 'tool' && limited.has(g.id)) && !fenced(g)) : []
  for (const g of grants.filter(some)) {
    if (g.enabled) notes.push({ written: g.written, message: `'${g.written}': Copilot cannot grant some uses of a tool; not granted` })
    else if (allowlist && g.kind === 'tool') notes.push({ written: g.written, message: `denying '${g.written}': Copilot cannot deny some uses of a tool; ${g.id} is not granted` })
  }
  for (const g of grants.filter((x) => x.enabled && fenced(x))) {
    if (g.kind !== 'mcp') continue
    const denied = grants.filter((d) => d.kind === 'mcp' && !d.enabled && d.server === g.server && d.tool !== '*').map((d) => `'${d.written}'`)
    notes.push({ written: g.written, message: `'${g.written}' except ${denied.join(', ')}: Copilot cannot deny some tools of a server; '${g.server}/*' is not granted` })
  }
  // An alias is written only where every tool it folds is granted; otherwise the tool's exact `SET/TOOL` name, or nothing.
  // A tool's grant holds the old tools it replaced (a glob lists a folder), save where written by Copilot's exact
  // name of the tool, which Copilot reads as that tool alone: implied tools count as they are read back.
  const exactName = (g: Grant & { kind: 'tool' }) => (lookup(SET_TOOLS, g.written.trim().toLowerCase())?.id === g.id ? g.written.trim() : undefined)
  const had = new Set(allowed.flatMap((g) => (g.kind === 'tool' && !g.near ? [g.id, ...(exactName(g) ? [] : (lookup(IMPLIES, g.id) ?? []))] : [])))
  // An old tool beside its replacement grants nothing more: left out, nothing to say.
  const held = heldByReplacement(allowed, REPLACED)
  for (const g of allowed) {
    if (g.kind === 'tool' && (held.has(g.id) && !g.near)) continue
    if (g.kind === 'mcp') pushNew(list, `${g.server}/${g.tool}`)
    // A name read as the nearest tool is Copilot's own, and no alias stands for it.
    else if (g.kind === 'tool' && g.near) pushNew(list, g.written.trim())
    else if (g.kind === 'unknown') {
      // A name the source does not know may still be one of Copilot's aliases, which grants what it stands for.
      const stands = lookup(ALIASES, g.written.toLowerCase())
      notes.push({ written: g.written, message: stands ? `'${g.written}' is not a tool of the source; kept as written, and Copilot reads it as its alias for ${stands.join(', ')}` : `'${g.written}' is not a Copilot tool alias; kept as written` })
      pushNew(list, g.written)
    } else {
      const alias = spellTool(g.id, copilot)?.replace(/\(.*$/, '')
      const folded = alias === undefined ? [] : (lookup(ALIASES, alias) ?? [])
      // The name the grant was written with, when it names exactly this tool (`runCommands/runInTerminal`), else its exact name.
      const exact = exactName(g) ?? lookup(EXACT, g.id)
      if (alias !== undefined && folded.includes(g.id) && folded.every((t) => had.has(t))) {
        if (g.id === 'agent' && g.args !== '') for (const a of argList(g.args)) pushNew(agents, a)
        pushNew(list, alias)
      } else if (exact !== undefined) pushNew(list, exact)
      else if (alias !== undefined && folded.includes(g.id)) {
        // Each tool it would add by its exact name, where it has one.
        const more = folded.filter((t) => !had.has(t)).map((t) => lookup(EXACT, t) ?? t)
        notes.push({ written: g.written, message: `'${g.written}': Copilot has no name for it alone, and its alias '${alias}' also grants ${more.join(', ')}; not granted` })
      } else notes.push({ written: g.written, message: `'${g.written}' has no Copilot equivalent; dropped` })
    }
  }
  // Aliases in Copilot's order, then the names of one tool of a set by their set.
  list.sort((a, b) => rank(a.replace(/\/.*$/, '')) - rank(b.replace(/\/.*$/, '')))
  const granted = new Set(list)
  for (const g of grants.filter((x) => !x.enabled)) {
    const alias = g.kind === 'tool' ? spellTool(g.id, copilot) : g.kind === 'mcp' ? `${g.server}/*` : undefined
    // A denial is implied by an allowlist unless an alias granted for another tool covers it.
    if (!allowlist || (alias && granted.has(alias))) {
      notes.push({ written: g.written, message: `denying '${g.written}': Copilot has no way to deny a tool${alias && granted.has(alias) ? ` that its alias '${alias}' grants` : ''}; dropped` })
    }
  }
  notes.push(...askNotes(grants, TITLE))
  const result: WrittenTools = { notes }
  if (list.length > 0) result.tools = list
  if (agents.length > 0) result.more = [['agents', agents]]
  return result
}

/**
 * A name Copilot does not read (not one of its own, of its compatible names
 * or an MCP tool's) is ignored: it grants nothing, though another dialect has
 * it (OpenCode's `patch`, Codex's `apply_patch`, Claude Code's old `LS`). A
 * legacy VS Code name is read as its current names. Case does not matter.
 */
function toolProblem(written: string, names: ToolNames): ToolProblem | undefined {
  const base = splitArgs(written).base
  const legacy = lookup(LEGACY, base.trim().toLowerCase())
  if (legacy) return { message: `tool '${written.trim()}' is a legacy VS Code name; Copilot reads it as ${legacy.length > 1 ? 'the tools now named' : 'its current name'} ${legacy.map((n) => `'${n}'`).join(', ')}`, ignored: false }
  // A `SET/TOOL` or `server/tool` name is a tool of a set or of an MCP server.
  if (KNOWN.has(base.trim().toLowerCase()) || (base.includes('/') && mcpName(base.trim()) !== undefined) || base.trim() === EVERY_TOOL) return undefined
  const alias = spellTool(toolId(base, names), copilot)
  return { message: `tool '${written.trim()}' is not a Copilot tool${alias ? ` (its alias is '${alias}')` : ''}; Copilot ignores it`, ignored: true, ...(alias ? { meant: alias } : {}) }
}

function readFact(key: string, value: unknown): Fact[] | undefined {
  switch (key) {
    case 'mcp-servers':
      return [{ kind: 'mcp', key, servers: value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}, named: [] }]
    case 'user-invocable':
      return value === false ? [{ kind: 'invocation', user: false }] : []
    case 'disable-model-invocation':
      return value === true ? [{ kind: 'invocation', model: false }] : []
    case 'infer':
      return value === false ? [{ kind: 'invocation', model: false }] : []
    default:
      return undefined
  }
}

function writeFact(fact: Fact): FactWrite | undefined {
  switch (fact.kind) {
    case 'turns':
      return { drop: 'Copilot has no limit on turns' }
    case 'color':
      return { drop: `${TITLE} has no such field` }
    case 'mcp': {
      const out: FactWrite = {}
      if (Object.keys(fact.servers).length > 0) out.set = [['mcp-servers', fact.servers]]
      const n = fact.named
      if (n.length > 0) out.warn = `field '${fact.key}': server${n.length > 1 ? 's' : ''} ${n.map((s) => `'${s}'`).join(', ')} named without a configuration; Copilot needs each server's configuration inline; dropped`
      return out
    }
    case 'permission-mode':
      return { drop: `${TITLE} has no permission modes` }
    case 'invocation':
      if (fact.model === false) return { set: [['disable-model-invocation', true]] }
      if (fact.user === false) return { set: [['user-invocable', false]] }
      return undefined
    case 'disabled':
      return { drop: `${TITLE} has no field that turns an agent off (move the file away instead)` }
  }
}

export const copilot: DialectSpec = {
  id: 'copilot',
  title: TITLE,
  aliases: ['github-copilot', 'vscode'],
  fields: ['name', 'description', 'target', 'tools', 'model', 'argument-hint', 'agents', 'handoffs', 'mcp-servers', 'infer', 'user-invocable', 'disable-model-invocation'],
  moreFields: ['hooks', 'metadata'],
  required: [],
  ownFields: ['target', 'handoffs', 'argument-hint', 'mcp-servers', 'infer', 'user-invocable', 'disable-model-invocation', 'agents'],
  folders: ['.github/agents'],
  suffixes: ['.agent.md', '.chatmode.md'],
  fileName: (name) => `${name}.agent.md`,
  name: (name) => ({ value: name }),
  unknownFields: { keep: true },
  tools: {
    form: 'list',
    fields: ['tools'],
    agentsField: 'agents',
    folds: true,
    // Each tool by the alias that grants it (ALIASES), and the old tools by their replacement's.
    spell: {
      ...Object.fromEntries(Object.entries(ALIASES).flatMap(([alias, ids]) => ids.map((id) => [id, alias]))),
      multiedit: 'edit', patch: 'edit', todoread: 'todo', search: 'search', execute: 'execute', web: 'web',
    },
    names: Object.keys(ALIASES),
    cannotDeny: true,
    read: readTools,
    write: writeTools,
    none: () => [],
    problem: toolProblem,
  },
  models: {
    list: true,
    displayNames: true,
    spell(ref) {
      switch (ref.kind) {
        // An omitted model means the invoking agent's.
        case 'inherit':
          return {}
        case 'alias':
          return pinned(ref.family, displayFromId(ALIAS_PINS[ref.family])!, TITLE)
        case 'model': {
          const display = displayFromId(ref.id)
          if (display) return { value: display }
          return { value: ref.id, note: `model '${ref.written ?? ref.id}' has no known Copilot display name; written as '${ref.id}'` }
        }
        case 'unknown':
          return keptModel(ref.written)
      }
    },
  },
  readFact,
  writeFact,
}
