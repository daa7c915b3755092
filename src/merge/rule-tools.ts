// The merged tools of a dialect that grants tools by rules as well as by its
// tools field (OpenCode: a tools map, and `permission` rules that can limit a
// tool to some uses). Both fields are one decision: each input's fields are
// read as the dialect reads them (src/dialects), combined tool by tool under
// the policy (permits.ts), and written back by the dialect, so the rules
// never grant what the tools decision does not, and the map never denies an
// edit tool its group needs. Every tool or use granted beyond an input, or
// left out relative to one, is a warning naming it.
import type { Agent, Diagnostic, Dialect, MetaField } from '../model.js'
import { warning } from '../errors.js'
import { combinePermits, dialect, grantsOf, missing, permitsOf, spellTool, toolNames, toolsMap, type Missing, type Permits, type ToolNote } from '../dialects/index.js'
import { readTools } from '../normalize/tools.js'
import { byCodeUnits } from '../order.js'
import type { FieldDecision, ToolsMerged, ToolsPolicy } from './meta.js'

const place = (agent: Agent, line: number | undefined): string => (line ? `${agent.path}:${line}` : agent.path)
const fieldOf = (agent: Agent, key: string): MetaField | undefined => agent.meta.fields.find((f) => f.key === key)

/** A grant as the output dialect names it: `edit`, `bash 'git *'`, `github_*`. */
function label(m: Missing, to: Dialect): string {
  if (m.key.startsWith('mcp__')) return `${m.key.slice(5)}_${m.pattern ?? '*'}`
  const name = m.key.startsWith('?') ? m.key.slice(1) : spellTool(m.key, dialect(to)) ?? m.key
  return m.pattern === undefined ? name : `${name} '${m.pattern}'`
}

/** What one input's tool and rule fields grant, and what its reading could not carry; undefined when it has none of them. */
function permitsOfAgent(agent: Agent, keys: readonly string[]): { permits: Permits; notes: ToolNote[] } | undefined {
  const fields = keys.map((k) => fieldOf(agent, k)).filter((f): f is MetaField => f !== undefined)
  if (fields.length === 0) return undefined
  const read = dialect(agent.meta.dialect).tools.read(Object.fromEntries(fields.map((f) => [f.key, f.value])), toolNames)
  // Without a tools field, only rules that deny the rest make an allowlist (`"*": deny`).
  return { permits: permitsOf(read.grants, fieldOf(agent, 'tools') === undefined && read.rest !== 'deny'), notes: read.notes }
}

/** What an input without tool fields grants: every tool. */
const EVERY: Permits = { open: true, tools: new Map() }

/** The combined permits under the policy, and the inputs they speak for. */
function decide(permits: readonly (Permits | undefined)[], preferred: number, policy: ToolsPolicy): { result: Permits; counted: boolean[] } {
  const open = (p: Permits | undefined) => p === undefined || p.open
  if (policy === 'first') return { result: permits[preferred] ?? EVERY, counted: permits.map(() => true) }
  const some = permits.filter((p): p is Permits => p !== undefined)
  const restricted = some.filter((p) => !p.open)
  // An input that leaves every tool granted grants nothing beside allowlists, but under `all`.
  if (policy === 'all' || restricted.length === 0) {
    const all = permits.map((p) => p ?? EVERY)
    return { result: combinePermits(all, policy === 'all' ? 'union' : policy), counted: permits.map(() => true) }
  }
  return { result: combinePermits(restricted, policy), counted: permits.map((p) => !open(p)) }
}

/**
 * The tools map and rule fields of the merged agent, decided together. One
 * input merged is that input normalized: its fields as it wrote them.
 */
export function mergeRuleTools(agents: readonly Agent[], native: readonly boolean[], preferred: Agent, to: Dialect, policy: ToolsPolicy, conflicts: Diagnostic[]): ToolsMerged {
  const spec = dialect(to)
  const keys = [...spec.tools.fields, ...(spec.tools.ruleFields ?? [])]
  const read = agents.map((a) => permitsOfAgent(a, keys))
  const permits = read.map((r) => r?.permits)
  if (permits.every((p) => p === undefined)) return { fields: [], decisions: [] }
  const me = agents.indexOf(preferred)
  const { result, counted } = agents.length === 1 ? { result: permits[0]!, counted: [true] } : decide(permits, me, policy)
  const line = (a: Agent) => keys.map((k) => fieldOf(a, k)?.line).find((l) => l !== undefined)
  const lineOf = (key: string) => fieldOf(preferred, key)?.line ?? line(preferred) ?? 0

  let values: Array<[string, unknown]>
  if (agents.length === 1) values = keys.flatMap((k) => (fieldOf(preferred, k) ? [[k, fieldOf(preferred, k)!.value] as [string, unknown]] : []))
  else values = write(result, to, conflicts, preferred, lineOf('tools'))

  const byPath = agents.map((a, i) => ({ a, i })).sort((x, y) => byCodeUnits(x.a.path, y.a.path))
  for (const { a, i } of byPath) tell({ agent: a, own: read[i] ?? { permits: EVERY, notes: [] }, counted: counted[i]!, native: native[i]! && agents.length > 1, line: line(a) }, result, to, policy, conflicts)

  const fields: MetaField[] = values.map(([key, value]) => ({ key, value, line: lineOf(key) }))
  const decisions: FieldDecision[] = keys.map((key) => {
    const holders = byPath.filter(({ a }) => fieldOf(a, key)).map(({ a }) => ({ value: fieldOf(a, key)!.value, from: place(a, fieldOf(a, key)!.line) }))
    const value = values.find(([k]) => k === key)?.[1] ?? null
    return { key, value, from: holders.map((h) => h.from).join(', ') || null, rule: policy, others: holders.filter((h) => JSON.stringify(h.value) !== JSON.stringify(value)), note: `decided with ${keys.filter((k) => k !== key).join(', ')}: ${result.open ? 'every tool not denied' : 'only the tools and uses the policy grants'}` }
  }).filter((d) => d.value !== null || d.others.length > 0)
  const tools = values.find(([k]) => k === 'tools')?.[1]
  const parsed = tools === undefined ? undefined : readTools(tools)
  return { fields, decisions, ...(parsed ? { grants: parsed.tools, form: parsed.form } : {}) }
}

/** One input's warnings: what it grants that the result does not, and the reverse, each named as the output spells it. */
function tell(input: { agent: Agent; own: { permits: Permits; notes: ToolNote[] }; counted: boolean; native: boolean; line: number | undefined }, result: Permits, to: Dialect, policy: ToolsPolicy, conflicts: Diagnostic[]): void {
  const { agent: a, own: { permits: own, notes }, line } = input
  if (!input.counted) {
    if (policy === 'union' || policy === 'intersection') conflicts.push(warning('tools-missing', `tools (${policy}): no tools field; this input grants no tool to the merged agent (--tools all would let it grant every tool)`, a.path))
    return
  }
  // What the reading could not carry is not granted (an input converted first was warned by the conversion).
  if (input.native) for (const n of notes) conflicts.push(warning('tools-read', `tools (${policy}): this variant's '${n.written}' is read as granting less: ${n.message}`, a.path, fieldOf(a, n.written)?.line ?? line))
  const names = (list: Missing[]) => [...new Set(list.map((m) => label(m, to)))].sort(byCodeUnits).join(', ')
  if (result.open && !own.open) {
    conflicts.push(warning('tools-widened', `tools (${policy}): the merged agent may use every tool it does not deny; this variant allows only ${names(missing(own, { open: false, tools: new Map() })) || 'none'}`, a.path, line))
  } else {
    const extra = missing(result, own)
    if (extra.length > 0) conflicts.push(warning('tools-widened', `tools (${policy}): the merged agent grants ${names(extra)}, which this variant withholds`, a.path, line))
  }
  // An input that leaves every tool on, beside an allowlist, was told it grants nothing (tools-missing) or widened above.
  const lost = own.open && !result.open ? [] : missing(own, result)
  if (lost.length > 0) conflicts.push(warning('tools-narrowed', `tools (${policy}): the merged agent does not grant ${names(lost)}, which this variant grants`, a.path, line))
}

/** The dialect's fields for the combined permits, the map in canonical order, each note of the writer a warning. */
function write(result: Permits, to: Dialect, conflicts: Diagnostic[], preferred: Agent, line: number): Array<[string, unknown]> {
  const spec = dialect(to)
  if (result.open && result.tools.size === 0) return []
  const written = spec.tools.write(grantsOf(result), { allowlist: !result.open })
  for (const n of written.notes) conflicts.push(warning('tools-written', `tools: ${n.message}`, preferred.path, line || undefined))
  let tools = written.tools ?? (result.open ? undefined : spec.tools.none())
  if (tools && typeof tools === 'object' && !Array.isArray(tools)) tools = toolsMap(spec, new Map(Object.entries(tools as Record<string, boolean>)), { allowlist: !result.open, sort: true })
  return [...(tools === undefined ? [] : [['tools', tools] as [string, unknown]]), ...(written.more ?? [])]
}
