// OpenCode agents (`.opencode/agent/NAME.md`, or `agents/`): named after the
// file (no `name` field), a required `description`, `tools` as a map of
// booleans that only turns tools off (a tool it does not name stays on),
// `provider/model-id` models, hex colors, `mode` for primary agents and
// sub-agents. OpenCode passes frontmatter keys it does not know on to the
// model provider, so nothing unknown is ever kept for it.
import { COLORS } from './colors.js'
import { ALIAS_PINS, keptModel, pinned } from './models.js'
import { readPermission } from './opencode-rules.js'
import { deniedWhole, lookup, readToolFields, spellTool, splitArgs, toolId, toolsMap } from './tools.js'
import type { DialectSpec, Fact, FactWrite, Grant, ReadTools, ToolNames, ToolNote, WriteToolsOptions, WrittenTools } from './types.js'

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
 * The tools map (each key the tool it names, `*` every other one) and the
 * `permission` rules over it: a tool the rules decide is theirs, and when the
 * rules say what every tool gets, the map keeps only its denials (OpenCode
 * applies the rules after the map).
 */
function readTools(values: Readonly<Record<string, unknown>>, names: ToolNames): ReadTools {
  const map = values.tools
  const star = map && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, unknown>)['*'] : undefined
  const listed = map && typeof map === 'object' && !Array.isArray(map) ? Object.fromEntries(Object.entries(map as Record<string, unknown>).filter(([k]) => k !== '*')) : map
  const fromMap = readToolFields({ tools: listed }, opencode, names).map(mcpOrUnknown)
  const mapRest = star === undefined ? undefined : star === false || star === 'false' || star === 'deny' ? 'deny' : 'allow'
  if (values.permission === undefined) return { grants: fromMap, ...(mapRest ? { rest: mapRest } : {}), notes: [] }
  const rules = readPermission(values.permission, (key, enabled) => readToolFields({ tools: { [key]: enabled } }, opencode, names).map(mcpOrUnknown))
  const decided = (g: Grant) => (g.kind === 'tool' ? rules.decided.has(g.id) : rules.decides(g.kind === 'mcp' ? `${g.server}_${g.tool}` : g.written.trim()))
  const kept = fromMap.filter((g) => !decided(g) && (rules.rest === undefined || !g.enabled))
  const rest = rules.rest ?? mapRest
  // A rule that allows a tool lists it only beside a list: alone, it allows what is allowed already.
  const listing = rest !== undefined || kept.some((g) => g.enabled)
  const added = listing ? rules.grants : rules.grants.filter((g) => !(g.enabled && (g.kind !== 'tool' || g.args === '')))
  return { grants: [...kept, ...added], ...(rest ? { rest } : {}), notes: rules.notes }
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
  for (const g of [...allowed, ...grants.filter((g) => !g.enabled)]) {
    if (g.kind === 'tool' && g.args !== '' && (!g.enabled || whole.has(g.id))) {
      // The map says a tool as a whole: some uses can be neither denied nor granted beside a denial of the rest.
      notes.push({ written: g.written, message: g.enabled ? `'${g.written}': OpenCode's tools map cannot grant some uses of a tool; not granted` : `denying '${g.written}': OpenCode's tools map cannot deny some uses of a tool; dropped` })
      continue
    }
    if (g.kind === 'mcp') set(`${g.server}_${g.tool}`, g.enabled)
    else if (g.kind === 'unknown') {
      notes.push({ written: g.written, message: `'${g.written}' is not an OpenCode tool; kept as written` })
      set(g.written, g.enabled)
    } else {
      const fallback = g.id === 'notebookread' ? 'read' : g.id === 'notebookedit' ? 'edit' : g.id
      const name = spellTool(fallback, opencode)
      if (name === undefined) {
        // Denying a tool OpenCode does not have needs no entry.
        if (g.enabled) notes.push({ written: g.written, message: `'${g.written}' has no OpenCode equivalent; dropped` })
        continue
      }
      if (g.args !== '') notes.push({ written: g.written, message: `'${g.written}': OpenCode's tools map cannot restrict a tool to ${g.id === 'agent' ? 'some sub-agents' : 'some uses'}; granted '${name}' without the restriction` })
      else if (fallback !== g.id && g.enabled) notes.push({ written: g.written, message: `'${g.written}': OpenCode has no notebook tool; granted '${name}', which reaches every file, not only notebooks` })
      set(name, g.enabled)
    }
  }
  const edits = EDITS.filter((name) => map.get(name) === true)
  if (allowlist && edits.length > 0 && !edits.includes('edit') !== !edits.includes('write')) {
    notes.push({ written: edits.join(', '), message: `${edits.map((n) => `'${n}'`).join(', ')}: OpenCode 1.1.1 and later reads write, edit and patch as one 'edit' permission and cannot grant one without the others; this map denies all three there` })
  }
  const result: WrittenTools = { notes }
  if (map.size > 0 || allowlist) result.tools = toolsMap(opencode, map, { allowlist, sort: false })
  if (options.agents && options.agents.length > 0) result.agentsDropped = 'OpenCode cannot restrict which sub-agents an agent calls in its frontmatter'
  return result
}

function toolProblem(written: string, names: ToolNames): string | undefined {
  const name = written.trim()
  const base = splitArgs(name).base
  if (KNOWN.has(base) || /[_*]/.test(base)) return undefined
  const spelled = spellTool(toolId(base, names), opencode)
  if (spelled && KNOWN.has(spelled)) return `tool '${name}' is spelled '${spelled}' in OpenCode`
  return `tool '${name}' is not an OpenCode tool`
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
