// Frontmatter from one dialect to another: each field in the target's own
// name and spelling, and a warning for every field the target cannot say.
// Nothing is dropped silently: a field is mapped, kept (a field no dialect
// defines, which Claude Code and Copilot ignore), or dropped with a warning.
// OpenCode passes frontmatter keys it does not know on to the model
// provider, so nothing unknown is ever kept for OpenCode.
import { warning } from '../errors.js'
import type { AgentMeta, Diagnostic, Dialect, MetaField } from '../model.js'
import { nameFromPath } from '../normalize/meta.js'
import { FIELD_ORDER } from '../render/frontmatter.js'
import { readModel, spellModel } from './models.js'
import { spellTool } from '../normalize/tools.js'
import { OPENCODE_BUILTINS, readGrants, toolEntries, writeGrants } from './tools.js'

export const DIALECT_NAME: Record<Dialect, string> = { claude: 'Claude Code', opencode: 'OpenCode', copilot: 'Copilot' }

/**
 * The fields each dialect reads (its documentation, as of this writing).
 * FIELD_ORDER holds the common ones; these add the rarer ones.
 */
export const DIALECT_FIELDS: Record<Dialect, Set<string>> = {
  claude: new Set([...FIELD_ORDER.claude, 'background', 'isolation', 'effort']),
  opencode: new Set([...FIELD_ORDER.opencode, 'steps', 'variant']),
  copilot: new Set([...FIELD_ORDER.copilot, 'hooks', 'metadata']),
}

const ALL_KNOWN = new Set([...DIALECT_FIELDS.claude, ...DIALECT_FIELDS.opencode, ...DIALECT_FIELDS.copilot])

/** Whether a key is a field of some dialect (as opposed to a custom one). */
export function knownField(key: string): boolean {
  return ALL_KNOWN.has(key)
}

export interface ConvertOptions {
  /** Path of the source, for warnings (default `-`). */
  path?: string
  /**
   * The base name the output file will have, for dialects that name an
   * agent after its file (OpenCode). Default: the source's base name.
   */
  fileName?: string
}

export interface ConvertResult {
  /** The target's frontmatter fields (render with `renderFields(fields, to)`). */
  fields: MetaField[]
  /** One warning per field or tool that could not be said exactly, with the source line. */
  warnings: Diagnostic[]
}

// Claude Code's colors, as the hex values OpenCode accepts.
const COLORS: Record<string, string> = {
  red: '#EF4444', blue: '#3B82F6', green: '#22C55E', yellow: '#EAB308', purple: '#A855F7', orange: '#F97316', pink: '#EC4899', cyan: '#06B6D4',
}

function nearestColor(hex: string): string | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim())
  if (!m) return undefined
  const rgb = (h: string) => [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16))
  const [r, g, b] = rgb(m[1]!)
  let best: string | undefined
  let bestDistance = Infinity
  for (const [name, value] of Object.entries(COLORS)) {
    const [r2, g2, b2] = rgb(value.slice(1))
    const d = (r! - r2!) ** 2 + (g! - g2!) ** 2 + (b! - b2!) ** 2
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}

/** A Claude Code agent name: lower-case letters, digits and hyphens. */
export function slugName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'agent'
}

const show = (value: unknown): string => {
  const s = typeof value === 'string' ? value : JSON.stringify(value)
  return s.length > 40 ? s.slice(0, 37) + '...' : s
}

/**
 * Converts an agent's frontmatter to another dialect. The body of an agent
 * is the same in every dialect; only the frontmatter changes. Converting to
 * the agent's own dialect returns its fields unchanged.
 */
export function convertMeta(meta: AgentMeta, to: Dialect, options: ConvertOptions = {}): ConvertResult {
  const path = options.path ?? '-'
  const from = meta.dialect
  if (from === to) return { fields: meta.fields.map((f) => ({ ...f })), warnings: [] }
  const target = DIALECT_NAME[to]
  const out = new Map<string, MetaField>()
  const warnings: Diagnostic[] = []
  const set = (key: string, value: unknown, line: number) => {
    if (!out.has(key)) out.set(key, { key, value, line })
  }
  const note = (field: MetaField, message: string, code = 'convert-dropped') => {
    warnings.push(warning(code, message, path, field.line || undefined))
  }
  const drop = (field: MetaField, why = `${target} has no such field`) => note(field, `field '${field.key}' (${show(field.value)}): ${why}; dropped`)
  const fieldOf = (key: string) => meta.fields.find((f) => f.key === key)
  const firstLine = meta.fields[0]?.line ?? meta.line + 1

  // The name: Claude Code requires one; OpenCode takes it from the file name.
  const nameField = fieldOf('name')
  if (to === 'claude') {
    const slug = slugName(meta.name)
    set('name', slug, nameField?.line ?? firstLine)
    if (slug !== meta.name && nameField) note(nameField, `name '${meta.name}' written as '${slug}' (Claude Code names are lower-case letters, digits and hyphens)`, 'convert-changed')
  } else if (to === 'copilot') {
    set('name', meta.name, nameField?.line ?? firstLine)
  } else if (nameField) {
    const fileName = options.fileName ?? nameFromPath(path)
    if (fileName !== meta.name) note(nameField, `field 'name' (${show(meta.name)}): OpenCode names an agent after its file; dropped (save the file as ${meta.name}.md)`)
  }

  // Tools: `tools`, Claude Code's `disallowedTools` and Copilot's `agents` together.
  const toolsField = fieldOf('tools')
  const disallowedField = fieldOf('disallowedTools')
  const agentsField = from === 'copilot' ? fieldOf('agents') : undefined
  const agents = Array.isArray(agentsField?.value) ? (agentsField.value as unknown[]).map(String) : undefined
  const toolLine = toolsField?.line ?? disallowedField?.line ?? firstLine
  if (toolsField || disallowedField) {
    const grants = readGrants(toolsField?.value, from === 'claude' ? disallowedField?.value : undefined, from)
    const written = writeGrants(grants, to, { form: 'string', ...(agents ? { agents } : {}) })
    // An allowlist that ends up empty (`tools: []`, or only tools the target
    // lacks) grants nothing: left out, it would grant everything.
    const allowlist = toolsField !== undefined && (grants.some((g) => g.enabled) || toolEntries(toolsField.value).length === 0)
    if (written.tools === undefined && allowlist) {
      written.tools = to === 'opencode' ? Object.fromEntries(OPENCODE_BUILTINS.map((id) => [spellTool(id, 'opencode') ?? id, false])) : []
    }
    if (written.tools !== undefined) set('tools', written.tools, toolLine)
    if (written.disallowed !== undefined) set('disallowedTools', written.disallowed, disallowedField?.line ?? toolLine)
    if (written.agents !== undefined) set('agents', written.agents, toolLine)
    for (const n of written.notes) warnings.push(warning('convert-tool', `tool ${n.message}`, path, toolLine))
  }
  if (agentsField) {
    // Claude Code says which sub-agents an agent may call as Agent(a, b) in
    // tools, which writeGrants has done when the agent has the agent tool.
    const folded = to === 'claude' && meta.tools?.some((t) => t.enabled && t.id === 'agent')
    if (to === 'opencode') drop(agentsField, 'OpenCode cannot restrict which sub-agents an agent calls in its frontmatter')
    else if (!folded) drop(agentsField, 'Claude Code restricts sub-agents with Agent(...) in tools, and this agent has no tools list with the agent tool')
  }

  for (const field of meta.fields) {
    const { key, value, line } = field
    switch (key) {
      case 'name':
      case 'tools':
      case 'disallowedTools':
      case 'agents':
        if (key === 'disallowedTools' && from !== 'claude') drop(field)
        break
      case 'description':
        set('description', value, line)
        break
      case 'model':
        convertModel(field, to, set, note)
        break
      case 'color': {
        if (to === 'copilot') drop(field)
        else if (to === 'opencode') {
          const hex = typeof value === 'string' ? COLORS[value.toLowerCase()] : undefined
          set('color', hex ?? value, line)
        } else {
          const v = String(value)
          if (COLORS[v.toLowerCase()]) set('color', v.toLowerCase(), line)
          else {
            const near = nearestColor(v)
            if (near) {
              set('color', near, line)
              note(field, `color '${v}' written as '${near}' (Claude Code takes a color name)`, 'convert-changed')
            } else drop(field, 'Claude Code does not know this color')
          }
        }
        break
      }
      case 'maxTurns':
      case 'maxSteps':
      case 'steps':
        if (to === 'opencode') set('maxSteps', value, line)
        else if (to === 'claude') set('maxTurns', value, line)
        else drop(field, 'Copilot has no limit on turns')
        break
      case 'mcpServers':
        if (to === 'copilot') {
          const { servers, named } = mcpToCopilot(value)
          if (Object.keys(servers).length > 0) set('mcp-servers', servers, line)
          if (named.length > 0) note(field, `field 'mcpServers': server${named.length > 1 ? 's' : ''} ${named.map((n) => `'${n}'`).join(', ')} named without a configuration; Copilot needs each server's configuration inline; dropped`)
        } else drop(field, 'OpenCode configures MCP servers in opencode.json')
        break
      case 'mcp-servers':
        if (to === 'claude' && value && typeof value === 'object' && !Array.isArray(value)) {
          set('mcpServers', Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ [k]: v })), line)
        } else drop(field, to === 'opencode' ? 'OpenCode configures MCP servers in opencode.json' : `${target} cannot read this form`)
        break
      case 'permissionMode':
        if (value !== 'default') drop(field, `${target} has no permission modes`)
        break
      case 'mode':
        if (to === 'copilot') {
          if (value === 'subagent') set('user-invocable', false, line)
          else if (value === 'primary') set('disable-model-invocation', true, line)
        } else if (value !== 'subagent') drop(field, 'a Claude Code agent is always a sub-agent')
        break
      case 'hidden':
        if (value === true) {
          if (to === 'copilot') set('user-invocable', false, line)
          else drop(field, 'Claude Code cannot hide a sub-agent')
        }
        break
      case 'disable':
      case 'disabled':
        if (value === true) drop(field, `${target} has no field that turns an agent off (move the file away instead)`)
        break
      case 'user-invocable':
        if (value === false) {
          if (to === 'opencode') set('mode', 'subagent', line)
          // A Claude Code sub-agent is chosen by the main agent: already so.
        }
        break
      case 'disable-model-invocation':
      case 'infer': {
        const off = key === 'infer' ? value === false : value === true
        if (off) {
          if (to === 'opencode') set('mode', 'primary', line)
          else drop(field, 'a Claude Code sub-agent is always available to the main agent')
        }
        break
      }
      default:
        if (DIALECT_FIELDS[to].has(key)) set(key, value, line)
        else if (knownField(key)) drop(field)
        else if (to === 'opencode') drop(field, 'not an OpenCode field, and OpenCode passes unknown fields to the model provider')
        else {
          set(key, value, line)
          note(field, `field '${key}' is not a ${target} field; kept as written (${target} ignores it)`, 'convert-kept')
        }
    }
  }
  if (!out.has('description') && to !== 'copilot') {
    warnings.push(warning('convert-missing', `${target} requires a description, and this agent has none`, path, meta.line || undefined))
  }
  return { fields: [...out.values()], warnings }
}

function convertModel(field: MetaField, to: Dialect, set: (key: string, value: unknown, line: number) => void, note: (f: MetaField, m: string, code?: string) => void): void {
  const values = Array.isArray(field.value) ? field.value.map(String) : field.value === null || field.value === undefined ? [] : [String(field.value)]
  if (values.length === 0) return
  const spelled = values.map((v) => spellModel(readModel(v, 'copilot'), to))
  if (to === 'copilot' && spelled.length > 1) {
    const list = spelled.filter((s) => s.value !== undefined).map((s) => s.value!)
    for (const s of spelled) if (s.note) note(field, s.note, 'convert-changed')
    if (list.length > 0) set('model', list, field.line)
    return
  }
  const first = spelled[0]!
  if (first.value !== undefined) set('model', first.value, field.line)
  if (first.note) note(field, first.note, first.dropped ? 'convert-dropped' : 'convert-changed')
  if (values.length > 1) note(field, `model fallbacks ${values.slice(1).map((v) => `'${v}'`).join(', ')}: ${DIALECT_NAME[to]} takes one model; dropped`)
}

function mcpToCopilot(value: unknown): { servers: Record<string, unknown>; named: string[] } {
  const servers: Record<string, unknown> = {}
  const named: string[] = []
  const entries = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [value]
  for (const entry of entries) {
    if (entry && typeof entry === 'object') Object.assign(servers, entry)
    else if (entry !== null && entry !== undefined) named.push(String(entry))
  }
  return { servers, named }
}
