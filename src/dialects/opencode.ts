// OpenCode agents (`.opencode/agent/NAME.md`, or `agents/`): named after the
// file (no `name` field), a required `description`, `tools` as a map of
// booleans that only turns tools off (a tool it does not name stays on),
// `provider/model-id` models, hex colors, `mode` for primary agents and
// sub-agents. OpenCode passes frontmatter keys it does not know on to the
// model provider, so nothing unknown is ever kept for it.
import { COLORS } from './colors.js'
import { ALIAS_PINS, keptModel, pinned } from './models.js'
import { readPermission } from './opencode-rules.js'
import { samePattern } from './permits.js'
import { deniedWhole, grantsTool, lookup, readToolFields, sameUseReplacement, spellTool, splitArgs, toolId, toolsMap } from './tools.js'
import type { DialectSpec, Fact, FactWrite, Grant, ReadTools, ToolNames, ToolNote, ToolProblem, WriteToolsOptions, WrittenTools } from './types.js'

const TITLE = 'OpenCode'

/** OpenCode's built-in tools: the ones an allowlist has to turn off, in the order a tools map lists them. */
const BUILTINS = ['read', 'write', 'edit', 'patch', 'bash', 'grep', 'glob', 'list', 'webfetch', 'websearch', 'todowrite', 'todoread', 'task', 'skill']
const KNOWN = new Set([...BUILTINS, 'lsp'])

/** The tools OpenCode 1.1.1 and later reads from a tools map as its one `edit` permission, the last entry deciding. */
const EDITS = ['write', 'edit', 'patch']

/** OpenCode names MCP tools `server_tool`: a name it does not know with an underscore is one. */
function mcpOrUnknown(g: Grant): Grant {
  const u = g.kind === 'unknown' ? /^([^_]+)_(.+)$/.exec(g.written.trim()) : null
  return u ? { kind: 'mcp', server: u[1]!, tool: u[2]!, enabled: g.enabled, written: g.written } : g
}

/**
 * The tools map and the `permission` rules after it, read as OpenCode 1.1.1
 * and later reads them (opencode-rules.ts). A rule that allows a tool lists
 * it only beside a list (a `*` rule, or a tool the map turns on): alone, it
 * allows what is allowed already.
 */
function readTools(values: Readonly<Record<string, unknown>>, names: ToolNames): ReadTools {
  const map = values.tools
  const read = readPermission(map, values.permission, (key, enabled) => readToolFields({ tools: { [key]: enabled } }, opencode, names).grants.map(mcpOrUnknown))
  const mapOn = map !== null && typeof map === 'object' && !Array.isArray(map) && Object.entries(map).some(([k, on]) => k !== '*' && grantsTool(on))
  if (read.rest !== undefined || mapOn) return read
  return { ...read, grants: read.grants.filter((g) => !(g.enabled && (g.kind !== 'tool' || g.args === ''))) }
}

/** The OpenCode permission a tool is decided by: its name, `edit` for every tool that edits files, `read` for the notebook reader. */
const permissionOf = (id: string): string => (['write', 'edit', 'patch', 'multiedit', 'notebookedit'].includes(id) ? 'edit' : id === 'notebookread' ? 'read' : (spellTool(id, opencode) ?? id))

/** A Claude Code prefix rule (`git log:*`) as an OpenCode pattern: the command and any arguments. */
const pattern = (args: string): string => samePattern(args.replace(/^\(|\)$/g, ''))

/**
 * Bash granted or denied for some uses, as OpenCode's `permission` rules
 * (`bash: {"*": deny, "git *": allow}`), the last that matches deciding; the
 * tools map then turns bash on, for the rules to decide. Undefined when every
 * use is decided alike (the map says it).
 */
function bashRules(grants: readonly Grant[], allowlist: boolean, whole: ReadonlySet<string>, asked: boolean): Record<string, string> | undefined {
  const some = (enabled: boolean) => grants.filter((g) => g.kind === 'tool' && g.id === 'bash' && g.args !== '' && g.enabled === enabled).map((g) => pattern((g as { args: string }).args))
  const allow = some(true)
  const deny = some(false)
  const all = !whole.has('bash') && (!allowlist || grants.some((g) => g.enabled && g.kind === 'tool' && g.id === 'bash' && g.args === ''))
  // Asked before every use but some denied ones: `"*": ask` with the denials, never an ask of what an input denies.
  if (all ? deny.length === 0 : allow.length === 0 && !(asked && deny.length > 0)) return undefined
  const rules: Record<string, string> = { '*': all ? 'allow' : asked ? 'ask' : 'deny' }
  if (!all) for (const p of allow) rules[p] = 'allow'
  for (const p of deny) rules[p] = 'deny'
  return rules
}

function writeTools(grants: Grant[], options: WriteToolsOptions): WrittenTools {
  const notes: ToolNote[] = []
  const map = new Map<string, boolean>()
  const set = (name: string, on: boolean) => {
    if (!map.has(name)) map.set(name, on)
  }
  const allowed = grants.filter((g) => g.enabled)
  const allowlist = options.allowlist ?? allowed.length > 0
  const whole = deniedWhole(grants)
  // A tool asked before use, by its permission (write, edit and patch are `edit`); written as a rule, not in the map.
  const asks = new Map(grants.flatMap((g) => (g.kind === 'tool' && g.ask ? [[permissionOf(g.id), g] as const] : [])))
  const bash = bashRules(grants, allowlist, whole, asks.has('bash'))
  if (bash) asks.delete('bash')
  // A tool denied for some uses that OpenCode cannot name: not granted at all.
  const limited = new Set(grants.flatMap((g) => (g.kind === 'tool' && !g.enabled && g.args !== '' && g.id !== 'bash' ? [g.id] : [])))
  for (const g of [...allowed, ...grants.filter((g) => !g.enabled)]) {
    if (g.kind === 'tool' && asks.has(permissionOf(g.id))) continue
    if (g.kind === 'tool' && (g.args !== '' || limited.has(g.id))) {
      const name = spellTool(g.id, opencode) ?? g.id
      // Written as rules (bashRules), bash on for them to decide; or granted whole already.
      if (g.id === 'bash') {
        if (bash) set('bash', true)
        continue
      }
      if (g.args === '') continue
      if (g.enabled) notes.push({ written: g.written, message: `'${g.written}': OpenCode cannot grant ${g.id === 'agent' ? 'some sub-agents only' : 'some uses only'} of '${name}'; not granted` })
      else {
        notes.push({ written: g.written, message: `denying '${g.written}': OpenCode cannot deny some uses of '${name}'; '${name}' is not granted` })
        set(name, false)
      }
      continue
    }
    if (g.kind === 'tool' && g.id === 'bash' && bash) set('bash', true)
    else if (g.kind === 'mcp') set(`${g.server}_${g.tool}`, g.enabled)
    else if (g.kind === 'unknown') {
      notes.push({ written: g.written, message: `'${g.written}' is not an OpenCode tool; kept as written` })
      set(g.written, g.enabled)
    } else {
      const own = spellTool(g.id, opencode)
      // A tool OpenCode has no name for, decided by a permission that is granted anyway (NotebookEdit beside Edit):
      // its use is held, nothing to say.
      if (own === undefined && g.enabled && allowed.some((x) => x !== g && x.kind === 'tool' && x.args === '' && !x.near && spellTool(x.id, opencode) !== undefined && permissionOf(x.id) === permissionOf(g.id))) continue
      // Otherwise only an old tool whose replacement grants no more than it did (NotebookRead, folded into Read) is
      // granted as that replacement; any other (NotebookEdit, whose 'edit' reaches every file) is not granted.
      const same = own === undefined ? sameUseReplacement(g.id) : undefined
      const name = own ?? (same === undefined ? undefined : spellTool(same, opencode))
      if (name === undefined) {
        // Denying a tool OpenCode does not have needs no entry.
        // A name that stands for several tools (Copilot's `execute`) is said to stand for this one, which is what is dropped.
        const what = grants.filter((x) => x.written === g.written).length > 1 ? `'${g.written}' stands for ${g.id} too, which` : `'${g.written}'`
        if (g.enabled) notes.push({ written: g.written, message: permissionOf(g.id) !== g.id ? `${what}: OpenCode has no such tool, and its '${permissionOf(g.id)}' would grant more (every file); not granted` : `${what} has no OpenCode equivalent; dropped` })
        continue
      }
      if (own === undefined && g.enabled) notes.push({ written: g.written, message: `'${g.written}': OpenCode has no notebook tool; granted '${name}', which reaches every file, not only notebooks` })
      set(name, g.enabled)
    }
  }
  const edits = EDITS.filter((name) => map.get(name) === true)
  if (allowlist && edits.length > 0 && !edits.includes('edit') !== !edits.includes('write')) {
    notes.push({ written: edits.join(', '), message: `${edits.map((n) => `'${n}'`).join(', ')}: OpenCode 1.1.1 and later reads write, edit and patch as one 'edit' permission and cannot grant one without the others; this map denies all three there` })
  }
  const result: WrittenTools = { notes }
  if (map.size > 0 || allowlist) result.tools = toolsMap(opencode, map, { allowlist, sort: false })
  const permission = { ...Object.fromEntries([...asks.keys()].map((k) => [k, 'ask'])), ...(bash ? { bash } : {}) }
  if (Object.keys(permission).length > 0) result.more = [['permission', permission]]
  if (options.agents && options.agents.length > 0) result.agentsDropped = 'OpenCode cannot restrict which sub-agents an agent calls in its frontmatter'
  return result
}

/**
 * OpenCode's own names are lower-case (`read`, `bash`); its docs say nothing
 * of other cases, so a name in another case is read as the tool it spells
 * (not ignored), and lint says how OpenCode spells it. A name no dialect
 * has, without OpenCode's `_` of an MCP tool, is no tool there.
 */
function toolProblem(written: string, names: ToolNames): ToolProblem | undefined {
  const name = written.trim()
  const base = splitArgs(name).base
  if (KNOWN.has(base) || /[_*]/.test(base)) return undefined
  const spelled = spellTool(toolId(base, names), opencode)
  if (spelled && KNOWN.has(spelled)) return { message: `tool '${name}' is spelled '${spelled}' in OpenCode`, ignored: false }
  return { message: `tool '${name}' is not an OpenCode tool`, ignored: true }
}

function readFact(key: string, value: unknown): Fact[] | undefined {
  switch (key) {
    case 'maxSteps':
    case 'steps':
      return [{ kind: 'turns', value }]
    case 'color':
      return [{ kind: 'color', value }]
    case 'mode':
      if (value === 'subagent') return [{ kind: 'invocation', user: false }]
      return [{ kind: 'invocation', user: true, ...(value === 'primary' ? { model: false } : {}) }]
    case 'hidden':
      return value === true ? [{ kind: 'invocation', user: false, hidden: true }] : []
    case 'disable':
    case 'disabled':
      return value === true ? [{ kind: 'disabled' }] : []
    default:
      return undefined
  }
}

function writeFact(fact: Fact): FactWrite | undefined {
  switch (fact.kind) {
    case 'turns':
      return { set: [['maxSteps', fact.value]] }
    case 'color': {
      const hex = typeof fact.value === 'string' ? lookup(COLORS, fact.value.toLowerCase()) : undefined
      return { set: [['color', hex ?? fact.value]] }
    }
    case 'mcp':
      return { drop: 'OpenCode configures MCP servers in opencode.json' }
    case 'permission-mode':
      return { drop: `${TITLE} has no permission modes` }
    case 'invocation':
      if (fact.hidden) return { set: [['mode', 'subagent'], ['hidden', true]] }
      if (fact.model === false) return { set: [['mode', 'primary']] }
      if (fact.user === false) return { set: [['mode', 'subagent']] }
      return undefined
    case 'disabled':
      return { set: [['disable', true]] }
  }
}

export const opencode: DialectSpec = {
  id: 'opencode',
  title: TITLE,
  aliases: ['open-code'],
  fields: ['description', 'mode', 'model', 'temperature', 'top_p', 'maxSteps', 'disable', 'disabled', 'hidden', 'tools', 'permission', 'prompt', 'color'],
  moreFields: ['steps', 'variant'],
  required: ['description'],
  ownFields: ['mode', 'temperature', 'top_p', 'maxSteps', 'steps', 'disable', 'disabled', 'permission', 'hidden', 'prompt'],
  toolsMap: true,
  // The global config keeps them in ~/.config/opencode/agent.
  folders: ['.opencode/agent', '.opencode/agents', 'opencode/agent', 'opencode/agents'],
  fileName: (name) => `${name}.md`,
  unknownFields: { keep: false, why: 'OpenCode passes unknown fields on to the model provider' },
  tools: {
    form: 'map',
    fields: ['tools'],
    spell: {
      read: 'read', write: 'write', edit: 'edit', multiedit: 'edit', patch: 'patch', bash: 'bash', grep: 'grep', glob: 'glob', list: 'list',
      webfetch: 'webfetch', websearch: 'websearch', todowrite: 'todowrite', todoread: 'todoread', agent: 'task', skill: 'skill', lsp: 'lsp',
    },
    names: [...KNOWN],
    builtins: BUILTINS,
    wildcard: '*',
    together: [EDITS],
    ruleFields: ['permission'],
    read: readTools,
    write: writeTools,
    none: () => toolsMap(opencode, new Map(), { allowlist: true, sort: false }),
    problem: toolProblem,
  },
  models: {
    spell(ref) {
      switch (ref.kind) {
        // An omitted model means the invoking agent's.
        case 'inherit':
          return {}
        case 'alias':
          return pinned(ref.family, `anthropic/${ALIAS_PINS[ref.family]}`, TITLE)
        case 'model':
          return { value: `${ref.provider}/${ref.id}` }
        case 'unknown':
          return keptModel(ref.written)
      }
    },
  },
  readFact,
  writeFact,
}
