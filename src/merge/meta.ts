// The merged frontmatter. One dialect (`to`, else the first file's); `name`
// and `description` from the preferred file (`prefer`, else the first);
// tools under an explicit policy; every other field from the first file, in
// preferred-first order, that has it. Every disagreement is reported with the
// place of each value, and every decision is recorded for the provenance.
import type { Agent, AgentMeta, Diagnostic, Dialect, MetaField, ToolGrant } from '../model.js'
import { convertAgent, OPENCODE_BUILTINS } from '../convert/index.js'
import { warning } from '../errors.js'
import { detectDialect } from '../normalize/meta.js'
import { readTools, spellTool } from '../normalize/tools.js'
import { FIELD_ORDER } from '../render/frontmatter.js'

export type ToolsPolicy = 'union' | 'intersection' | 'first'

/** How one frontmatter field of the merged agent was decided. */
export interface FieldDecision {
  key: string
  /** The value written, or null when the field is not written. */
  value: unknown
  /** `path:line` of the value kept (`path` alone for a name taken from a file name). */
  from: string | null
  /** The rule that decided: see docs/merge.md. */
  rule: 'preferred' | 'first-with-field' | 'union' | 'intersection' | 'first' | 'not-in-dialect' | 'no-spelling'
  /** The other values the inputs had, with their places. */
  others: Array<{ value: unknown; from: string }>
  note?: string
}

export interface MetaMerge {
  meta: AgentMeta
  decisions: FieldDecision[]
  /** Disagreements and risky decisions, one diagnostic each. */
  conflicts: Diagnostic[]
}

const DIALECTS: Dialect[] = ['claude', 'opencode', 'copilot']
const DEFAULT_FORM: Record<Dialect, 'string' | 'list' | 'map'> = { claude: 'string', opencode: 'map', copilot: 'list' }

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null')
const place = (agent: Agent, line: number | undefined): string => (line ? `${agent.path}:${line}` : agent.path)
/**
 * A list in a warning, cut after three: a merge of hundreds of files would
 * otherwise write every one of them on each line. The provenance keeps all.
 */
export function someOf(items: readonly string[], max = 3): string {
  return items.length <= max + 1 ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}

/** Whether a field belongs to another dialect only, so writing it would misstate the output's dialect. */
function foreign(key: string, value: unknown, to: Dialect): boolean {
  if (FIELD_ORDER[to].includes(key)) return false
  if (DIALECTS.some((d) => d !== to && FIELD_ORDER[d].includes(key))) return true
  const implied = detectDialect([{ key, value, line: 0 }], 'agent.md')
  return implied !== 'claude' && implied !== to
}

function fieldOf(agent: Agent, key: string): MetaField | undefined {
  return agent.meta.fields.find((f) => f.key === key)
}

/** Granted tool ids of an agent, or undefined when it does not restrict tools. */
function grants(agent: Agent): Set<string> | undefined {
  if (!agent.meta.tools) return undefined
  return new Set(agent.meta.tools.filter((t) => t.enabled).map((t) => t.id))
}

function spelled(id: string, to: Dialect, agents: readonly Agent[]): string | undefined {
  const name = spellTool(id, to)
  if (name !== undefined) return name
  // A tool no dialect knows (an MCP tool, a custom one) keeps its written name.
  if (DIALECTS.every((d) => spellTool(id, d) === undefined)) {
    for (const a of agents) {
      const t = a.meta.tools?.find((g) => g.id === id)
      if (t) return t.written
    }
    return id
  }
  return undefined
}

/**
 * Merges the frontmatter of agents. An agent in another dialect is first
 * converted to `to` (src/convert: fields renamed, models and tools
 * respelled, a warning for each field the target cannot say); then the
 * fields are decided one by one.
 */
export function mergeMeta(inputs: readonly Agent[], preferredInput: Agent, to: Dialect, policy: ToolsPolicy): MetaMerge {
  const conflicts: Diagnostic[] = []
  const agents = inputs.map((a) => {
    if (a.meta.dialect === to || !a.meta.present) return a
    const converted = convertAgent(a, to)
    conflicts.push(...converted.warnings.filter((w) => w.code !== 'convert-missing'))
    return converted.agent
  })
  const preferred = agents[inputs.indexOf(preferredInput)]!
  const ordered = [preferred, ...agents.filter((a) => a !== preferred)]
  const decisions: FieldDecision[] = []
  const fields: MetaField[] = []

  const othersOf = (key: string, kept: unknown, valueOf: (a: Agent) => { value: unknown; from: string } | undefined) => {
    const others: FieldDecision['others'] = []
    for (const a of ordered) {
      const v = valueOf(a)
      if (v && !same(v.value, kept)) others.push(v)
    }
    return others
  }
  const report = (key: string, kept: unknown, from: string | null, others: FieldDecision['others'], anchor: Agent, line: number | undefined, why: string) => {
    if (others.length === 0) return
    const also = someOf(others.map((o) => `${show(o.value)} (${o.from})`))
    conflicts.push(warning('field-conflict', `${key}: kept ${show(kept)}${from ? ` from ${from}` : ''} (${why}); also ${also}`, anchor.path, line))
  }

  // name: the preferred file's (its field, or its file name).
  {
    const original = (a: Agent) => inputs[agents.indexOf(a)]!
    const namePlace = (a: Agent) => (original(a).meta.nameFromFile ? a.path : place(a, fieldOf(a, 'name')?.line))
    const nameField = fieldOf(preferred, 'name')
    const from = namePlace(preferred)
    const valueOf = (a: Agent) => ({ value: a.meta.name, from: namePlace(a) })
    const others = othersOf('name', preferred.meta.name, valueOf)
    if (to === 'opencode') {
      decisions.push({ key: 'name', value: null, from, rule: 'not-in-dialect', others, note: 'OpenCode names an agent by its file name' })
      if (nameField) conflicts.push(warning('field-dropped', `name: not written, OpenCode names an agent by its file name (was ${show(preferred.meta.name)})`, preferred.path, nameField.line))
    } else {
      fields.push({ key: 'name', value: preferred.meta.name, line: nameField?.line ?? 0 })
      decisions.push({ key: 'name', value: preferred.meta.name, from, rule: 'preferred', others })
      report('name', preferred.meta.name, from, others, preferred, nameField?.line, 'preferred file')
    }
  }

  // Every other field but tools: the first file in preferred-first order that has it.
  const keys: string[] = []
  for (const a of ordered) for (const f of a.meta.fields) if (f.key !== 'name' && f.key !== 'tools' && !keys.includes(f.key)) keys.push(f.key)
  for (const key of keys) {
    const holder = ordered.find((a) => fieldOf(a, key) !== undefined)!
    const field = fieldOf(holder, key)!
    const from = place(holder, field.line)
    const others = othersOf(key, field.value, (a) => {
      const f = fieldOf(a, key)
      return f ? { value: f.value, from: place(a, f.line) } : undefined
    })
    if (foreign(key, field.value, to)) {
      const all = [{ value: field.value, from }, ...others]
      decisions.push({ key, value: null, from, rule: 'not-in-dialect', others: all.slice(1), note: `${key} is not a ${to} field` })
      conflicts.push(warning('field-dropped', `${key}: not written, not a ${to} field (was ${someOf(all.map((o) => `${show(o.value)} at ${o.from}`))})`, holder.path, field.line))
      continue
    }
    const rule = holder === preferred ? 'preferred' : 'first-with-field'
    fields.push({ key, value: field.value, line: field.line })
    decisions.push({ key, value: field.value, from, rule, others })
    report(key, field.value, from, others, holder, field.line, rule === 'preferred' ? 'preferred file' : 'first file that has it')
  }

  // tools: the policy.
  const tools = mergeTools(agents, preferred, to, policy, conflicts)
  if (tools.decision) decisions.push(tools.decision)
  if (tools.field) fields.push(tools.field)

  const present = agents.some((a) => a.meta.present) || fields.length > 0
  const meta: AgentMeta = { dialect: to, name: preferred.meta.name, nameFromFile: to === 'opencode' || preferred.meta.nameFromFile, fields, present, line: present ? 1 : 0 }
  const description = fields.find((f) => f.key === 'description')?.value
  if (typeof description === 'string') meta.description = description
  const model = fields.find((f) => f.key === 'model')?.value
  if (typeof model === 'string') meta.model = model
  if (tools.grants) {
    meta.tools = tools.grants
    meta.toolsForm = tools.form
  }
  return { meta, decisions, conflicts }
}

function mergeTools(agents: readonly Agent[], preferred: Agent, to: Dialect, policy: ToolsPolicy, conflicts: Diagnostic[]): { field?: MetaField; decision?: FieldDecision; grants?: ToolGrant[]; form?: 'string' | 'list' | 'map' } {
  const sets = agents.map(grants)
  if (sets.every((s) => s === undefined)) return {}
  let result: Set<string> | undefined
  if (policy === 'first') result = grants(preferred)
  else if (policy === 'union') {
    result = sets.some((s) => s === undefined) ? undefined : new Set(sets.flatMap((s) => [...s!]))
  } else {
    const restricted = sets.filter((s): s is Set<string> => s !== undefined)
    result = new Set([...restricted[0]!].filter((id) => restricted.every((s) => s.has(id))))
  }
  const prefField = fieldOf(preferred, 'tools')
  const toolsFrom = agents.filter((a) => a.meta.tools).map((a) => place(a, fieldOf(a, 'tools')?.line))
  const others = agents.filter((a) => a !== preferred && a.meta.tools).map((a) => ({ value: fieldOf(a, 'tools')!.value, from: place(a, fieldOf(a, 'tools')?.line) }))
  const from = policy === 'first' ? place(preferred, prefField?.line) : toolsFrom.join(', ')

  // Warn for every variant that withheld a tool the result grants.
  agents.forEach((agent, i) => {
    const own = sets[i]
    if (!own) return
    const line = fieldOf(agent, 'tools')?.line
    if (result === undefined) {
      const open = agents.filter((_, j) => sets[j] === undefined).map((a) => a.path)
      const why = policy === 'first' ? `${preferred.path} has no tools field` : `no tools field in ${someOf(open)}`
      conflicts.push(warning('tools-widened', `tools (${policy}): the merged agent may use every tool (${why}); this variant allows only ${[...own].sort().join(', ') || 'none'}`, agent.path, line))
      return
    }
    const extra = [...result].filter((id) => !own.has(id)).sort()
    if (extra.length > 0) conflicts.push(warning('tools-widened', `tools (${policy}): the merged agent grants ${extra.join(', ')}, which this variant withholds`, agent.path, line))
  })

  if (result === undefined) {
    return { decision: { key: 'tools', value: null, from, rule: policy, others: [], note: 'every tool: a variant without a tools field grants all tools' } }
  }
  const ids = [...result]
  // Keep the preferred file's order and form when it is in the output dialect.
  const prefOrder = (preferred.meta.tools ?? []).map((t) => t.id)
  ids.sort((a, b) => {
    const ia = prefOrder.indexOf(a)
    const ib = prefOrder.indexOf(b)
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib)
    return a < b ? -1 : a > b ? 1 : 0
  })
  const form = preferred.meta.dialect === to && preferred.meta.toolsForm ? preferred.meta.toolsForm : DEFAULT_FORM[to]
  const prefGrants = grants(preferred)
  let value: unknown
  if (prefField && preferred.meta.dialect === to && prefGrants && prefGrants.size === result.size && ids.every((id) => prefGrants.has(id))) {
    value = prefField.value
  } else {
    const names: string[] = []
    const dropped: string[] = []
    const written = new Map<string, string>()
    if (preferred.meta.dialect === to) for (const t of preferred.meta.tools ?? []) written.set(t.id, t.written)
    for (const id of ids) {
      const name = written.get(id) ?? spelled(id, to, agents)
      if (name === undefined) dropped.push(id)
      else if (!names.includes(name)) names.push(name)
    }
    if (dropped.length > 0) conflicts.push(warning('tools-dropped', `tools: ${dropped.join(', ')} ${dropped.length === 1 ? 'has' : 'have'} no ${to} name and ${dropped.length === 1 ? 'is' : 'are'} not written`, preferred.path, prefField?.line))
    if (form === 'string') value = names.join(', ')
    else if (form === 'list') value = names
    else {
      const map: Record<string, boolean> = {}
      for (const n of names) map[n] = true
      // Tools left out of a map are granted (OpenCode), so every built-in tool
      // the result does not grant is denied, then every tool a variant denies
      // by name: the same map whatever the order of the files.
      const denials = new Set(to === 'opencode' ? OPENCODE_BUILTINS.filter((id) => !result.has(id)).map((id) => spellTool(id, 'opencode') ?? id) : [])
      const named = new Set<string>()
      for (const a of agents) for (const t of a.meta.tools ?? []) {
        const name = a.meta.dialect === to ? t.written : spelled(t.id, to, agents)
        if (!t.enabled && !result.has(t.id) && name !== undefined && !denials.has(name)) named.add(name)
      }
      for (const name of [...denials, ...[...named].sort()]) if (!(name in map)) map[name] = false
      value = map
    }
  }
  const parsed = readTools(value)
  return {
    field: { key: 'tools', value, line: prefField?.line ?? 0 },
    decision: { key: 'tools', value, from, rule: policy, others },
    grants: parsed?.tools,
    form: parsed?.form ?? form,
  }
}
