// The merged frontmatter, by consensus. One dialect (`to`); every field
// written when at least half the inputs carry it, with the value most carry
// (ties: the deciding input's); the description closest to all the others,
// with the routing trigger most inputs carry; fields of another dialect
// dropped with a warning; tools under an explicit policy that never widens
// them silently. Every disagreement is reported with the place of each
// value, and every decision is recorded for the provenance. Dialect facts
// come from the dialect registry (src/dialects).
import type { Agent, AgentMeta, Diagnostic, Dialect, MetaField, ToolGrant } from '../model.js'
import { convertAgent } from '../convert/index.js'
import { warning } from '../errors.js'
import { dialect, dialects, spellTool, spelledAnywhere, splitArgs, splitToolList, toolsMap } from '../dialects/index.js'
import { mergeRuleTools } from './rule-tools.js'
import { detectDialect } from '../normalize/meta.js'
import { readTools } from '../normalize/tools.js'
import { mostCentral } from './decide.js'
import { byCodeUnits } from '../order.js'

export type ToolsPolicy = 'union' | 'intersection' | 'first' | 'all'

/** How one frontmatter field of the merged agent was decided. */
export interface FieldDecision {
  key: string
  /** The value written, or null when the field is not written. */
  value: unknown
  /** `path:line` of the value kept (`path` alone for a name taken from a file name). */
  from: string | null
  /** The rule that decided: see docs/merge.md. */
  rule: 'majority' | 'central' | 'minority' | 'union' | 'intersection' | 'first' | 'all' | 'not-in-dialect' | 'no-spelling'
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
  if (dialect(to).fields.includes(key)) return false
  if (dialects().some((d) => d.id !== to && d.fields.includes(key))) return true
  const implied = detectDialect([{ key, value, line: 0 }], 'agent.md')
  return implied !== detectDialect([], 'agent.md') && implied !== to
}

/**
 * Takes out of the granted ids the old tools whose replacement is granted
 * too (Claude Code's MultiEdit beside Edit, LS beside Glob): the old name
 * grants nothing more, and the dialect no longer has it. One warning names
 * them; returns them as the dialect spells them.
 */
function retire(result: Set<string>, to: Dialect, agents: readonly Agent[], conflicts: Diagnostic[]): string[] {
  const replaced = dialect(to).tools.replaced
  if (!replaced) return []
  const out: { id: string; old: string; now: string }[] = []
  for (const id of [...result].sort(byCodeUnits)) {
    const now = Object.hasOwn(replaced, id) ? replaced[id] : undefined
    if (now === undefined || !result.has(now)) continue
    result.delete(id)
    out.push({ id, old: spelled(id, to, agents) ?? id, now: spelled(now, to, agents) ?? now })
  }
  if (out.length === 0) return []
  const ids = new Set(out.map((o) => o.id))
  const holder = agents.slice().sort((x, y) => byCodeUnits(x.path, y.path)).find((a) => a.meta.tools?.some((t) => t.enabled && ids.has(t.id)))
  const list = out.map((o) => `${o.old} (now ${o.now})`).join(', ')
  conflicts.push(warning('tools-old-name', `tools: not written, old names whose replacement the merged agent grants: ${list}`, holder?.path ?? agents[0]!.path, holder ? fieldOf(holder, 'tools')?.line : undefined))
  return out.map((o) => o.old)
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
  const name = spellTool(id, dialect(to))
  if (name !== undefined) return name
  // A tool no dialect knows (an MCP tool, a custom one) keeps its written name.
  if (!spelledAnywhere(id)) {
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
  const converted = new Map<Agent, Diagnostic[]>()
  const agents = inputs.map((a) => {
    if (a.meta.dialect === to || !a.meta.present) return a
    const c = convertAgent(a, to)
    converted.set(a, c.warnings.filter((w) => w.code !== 'convert-missing'))
    return c.agent
  })
  // Each input's conversion warnings, inputs in path order: not the order of the files.
  for (const a of [...converted.keys()].sort((x, y) => byCodeUnits(x.path, y.path))) conflicts.push(...converted.get(a)!)
  const preferred = agents[inputs.indexOf(preferredInput)]!
  // The deciding input first, the others by path: nothing depends on the order of the inputs.
  const ordered = [preferred, ...agents.filter((a) => a !== preferred).sort((a, b) => byCodeUnits(a.path, b.path))]
  const out: Decided = { decisions: [], fields: [], conflicts, to, inputs: agents.length }
  const nameFromFile = (a: Agent) => inputs[agents.indexOf(a)]!.meta.nameFromFile
  decideName(ordered, nameFromFile, out)
  const keys: string[] = []
  // Rule fields (OpenCode's `permission`) grant tools: they are decided with the tools, never by consensus.
  const ruleFields = dialect(to).tools.ruleFields ?? []
  // Denial fields (Claude Code's `disallowedTools`) neither: a denial is kept unless the tools decide otherwise.
  const denials = ruleFields.length > 0 ? [] : dialect(to).tools.fields.filter((k) => k !== 'tools')
  for (const a of ordered) for (const f of a.meta.fields) if (f.key !== 'name' && f.key !== 'tools' && !ruleFields.includes(f.key) && !denials.includes(f.key) && !keys.includes(f.key)) keys.push(f.key)
  for (const key of keys) decideField(key, ordered, out)

  const tools = ruleFields.length > 0 ? mergeRuleTools(agents, agents.map((a, i) => a === inputs[i]), preferred, to, policy, conflicts) : mergeTools(agents, preferred, to, policy, conflicts)
  out.decisions.push(...tools.decisions)
  out.fields.push(...tools.fields)
  for (const key of denials) decideDenials(key, ordered, tools.fields.some((f) => f.key === 'tools'), policy, out)

  const fields = out.fields
  const present = agents.some((a) => a.meta.present) || fields.length > 0
  const name = fields.find((f) => f.key === 'name')?.value
  const meta: AgentMeta = { dialect: to, name: typeof name === 'string' ? name : preferred.meta.name, nameFromFile: !dialect(to).name || (name === undefined && preferred.meta.nameFromFile), fields, present, line: present ? 1 : 0 }
  // The preferred file's YAML: a field written with its value is written as that file had it.
  if (preferredInput.meta.yaml !== undefined) meta.yaml = preferredInput.meta.yaml
  const description = fields.find((f) => f.key === 'description')?.value
  if (typeof description === 'string') meta.description = description
  const model = fields.find((f) => f.key === 'model')?.value
  if (typeof model === 'string') meta.model = model
  if (tools.grants) {
    meta.tools = tools.grants
    meta.toolsForm = tools.form
  }
  return { meta, decisions: out.decisions, conflicts }
}

/**
 * A denial field (Claude Code's `disallowedTools`): with an allowlist
 * written, the denials are implied by it and not written; without one (no
 * input lists its tools, or `--tools all`), the merged agent may use every
 * tool but those any input denies, so the denials of every input are
 * written, united: an input that names no tools grants none explicitly, and
 * one that denies a tool is not overruled by it. `--tools first` takes the
 * deciding input's (ordered[0]) as it stands; `--tools all`, which lets an
 * input without a tools field grant every tool, keeps only what every input
 * denies (every input without a tools list, and no list granting it).
 */
function decideDenials(key: string, ordered: readonly Agent[], allowlist: boolean, policy: ToolsPolicy, out: Decided): void {
  const all = ordered.flatMap((a) => {
    const f = fieldOf(a, key)
    return f ? [{ agent: a, field: f, from: place(a, f.line) }] : []
  })
  if (all.length === 0) return
  if (allowlist) {
    limitedDenials(key, all, ordered, policy, out)
    return
  }
  // Under `--tools all` the inputs without a tools list grant every tool but their own denials.
  const open = ordered.filter((a) => !a.meta.tools)
  const votes = policy === 'first' ? all.filter((v) => v.agent === ordered[0]) : policy === 'all' && open.some((a) => !fieldOf(a, key)) ? [] : policy === 'all' ? all.filter((v) => open.includes(v.agent)) : all
  const others = all.map((v) => ({ value: v.field.value, from: v.from }))
  if (votes.length === 0) {
    out.decisions.push({ key, value: null, from: null, rule: policy, others, note: 'not written: the tools policy lets another input grant these' })
    return
  }
  const names: string[] = []
  for (const v of votes) for (const n of listOf(v.field.value)) if (!names.includes(n)) names.push(n)
  // Under `--tools all` a denial stands only where every such input denies it and no input's list grants it.
  if (policy === 'all') {
    const listed = new Set(ordered.flatMap((a) => (a.meta.tools ?? []).filter((t) => t.enabled).map((t) => t.written.toLowerCase())))
    for (const n of names.slice()) if (listed.has(n.toLowerCase()) || votes.some((v) => !listOf(v.field.value).includes(n))) names.splice(names.indexOf(n), 1)
    if (names.length === 0) {
      out.decisions.push({ key, value: null, from: null, rule: policy, others, note: 'not written: the tools policy lets another input grant these' })
      return
    }
  }
  names.sort((a, b) => byCodeUnits(a.toLowerCase(), b.toLowerCase()) || byCodeUnits(a, b))
  const first = votes[0]!
  // Inputs that agree (one file merged, above all) keep their value as written.
  const value = votes.every((v) => same(v.field.value, first.field.value)) && names.length === listOf(first.field.value).length ? first.field.value : Array.isArray(first.field.value) ? names : names.join(', ')
  out.fields.push({ key, value, line: first.field.line })
  out.decisions.push({ key, value, from: votes.map((v) => v.from).sort(byCodeUnits).join(', '), rule: policy, others: [], note: policy === 'union' || policy === 'intersection' ? 'the denials of every input, united: no tools are listed, so the merged agent may use every tool but these' : `the denials ${policy === 'first' ? 'of the deciding input' : 'every input makes'}` })
}

/**
 * Denials beside a written allowlist. A whole tool denied is implied by the
 * allowlist when the allowlist leaves it out; when the allowlist grants it
 * (another input listed it) the denying input is warned. A denial of some
 * uses of a listed tool (`Bash(rm *)`) is not implied: it is written where
 * the policy keeps it (union and all: every input that lists the tool whole
 * denies it too; intersection: any input denies it; first: the deciding
 * input's), and the input whose denial is dropped is warned.
 */
function limitedDenials(key: string, all: readonly { agent: Agent; field: MetaField; from: string }[], ordered: readonly Agent[], policy: ToolsPolicy, out: Decided): void {
  const lower = (n: string) => n.trim().toLowerCase()
  const baseOf = (n: string) => lower(splitArgs(n).base)
  const written = out.fields.find((f) => f.key === 'tools')?.value
  const granted = new Set(listOf(written).map(lower))
  // The tools the allowlist grants any use of (`Bash(git *)` is some use of Bash).
  const touched = new Set(listOf(written).map(baseOf))
  // The tools each input lists whole (a name without a use pattern).
  const whole = (a: Agent) => new Set(listOf(fieldOf(a, 'tools')?.value).filter((n) => !n.includes('(')).map(lower))
  const kept: string[] = []
  for (const v of all) {
    for (const n of listOf(v.field.value)) {
      const base = baseOf(n)
      if (!n.includes('(')) {
        if (touched.has(base)) out.conflicts.push(warning('tools-widened', `${key}: the merged agent grants ${granted.has(base) ? n : `some uses of ${n}`}, which this variant denies`, v.agent.path, v.field.line))
        continue
      }
      if (!granted.has(base) || kept.includes(n)) continue
      const denies = (a: Agent) => listOf(fieldOf(a, key)?.value).includes(n)
      const keep = policy === 'intersection' ? true : policy === 'first' ? denies(ordered[0]!) : ordered.every((a) => !whole(a).has(base) || denies(a))
      if (keep) kept.push(n)
      else out.conflicts.push(warning('tools-widened', `${key}: ${n} not written: another input grants ${splitArgs(n).base} whole, so the merged agent may use it, which this variant denies`, v.agent.path, v.field.line))
    }
  }
  const others = all.map((v) => ({ value: v.field.value, from: v.from }))
  if (kept.length === 0) {
    out.decisions.push({ key, value: null, from: null, rule: policy, others, note: 'implied by the tools written: an allowlist denies every tool it does not name' })
    return
  }
  kept.sort((a, b) => byCodeUnits(a.toLowerCase(), b.toLowerCase()) || byCodeUnits(a, b))
  const first = all[0]!
  // One input, all of whose denials stand (one file merged), keeps its value as written.
  const own = listOf(first.field.value)
  const value = all.length === 1 && own.length === kept.length ? first.field.value : Array.isArray(first.field.value) ? kept : kept.join(', ')
  out.fields.push({ key, value, line: first.field.line })
  out.decisions.push({ key, value, from: all.map((v) => v.from).sort(byCodeUnits).join(', '), rule: policy, others, note: 'denials of some uses of a listed tool, which the allowlist does not imply' })
}

/** The tool names of a tools field's value (a comma string or a list). */
const listOf = (value: unknown): string[] => (typeof value === 'string' ? splitToolList(value) : Array.isArray(value) ? value.map(String) : [])

/** What the field decisions add up to, as they are made. */
interface Decided {
  decisions: FieldDecision[]
  fields: MetaField[]
  conflicts: Diagnostic[]
  to: Dialect
  inputs: number
}

/** A warning for a field whose inputs disagreed, listing the values not written with their places. */
function report(out: Decided, key: string, kept: unknown, from: string | null, others: FieldDecision['others'], anchor: Agent, line: number | undefined, why: string): void {
  if (others.length === 0) return
  const also = someOf(others.map((o) => `${show(o.value)} (${o.from})`))
  out.conflicts.push(warning('field-conflict', `${key}: kept ${show(kept)}${from ? ` from ${from}` : ''} (${why}); also ${also}`, anchor.path, line))
}

/** name: the value most inputs carry (ties: the deciding input's); OpenCode has none. */
function decideName(ordered: readonly Agent[], nameFromFile: (a: Agent) => boolean, out: Decided): void {
  const namePlace = (a: Agent) => (nameFromFile(a) ? a.path : place(a, fieldOf(a, 'name')?.line))
  const votes = ordered.map((a) => ({ agent: a, value: a.meta.name as unknown, from: namePlace(a) }))
  const winner = majority(votes)
  const holder = winner.agent
  const nameField = fieldOf(holder, 'name')
  const others = votes.filter((v) => !same(v.value, winner.value)).map(({ value, from }) => ({ value, from }))
  if (!dialect(out.to).name) {
    const title = dialect(out.to).title
    out.decisions.push({ key: 'name', value: null, from: winner.from, rule: 'not-in-dialect', others, note: `${title} names an agent by its file name` })
    if (nameField) out.conflicts.push(warning('field-dropped', `name: not written, ${title} names an agent by its file name (was ${show(winner.value)})`, holder.path, nameField.line))
    return
  }
  out.fields.push({ key: 'name', value: winner.value, line: nameField?.line ?? 0 })
  const why = majorityRule(votes, winner)
  out.decisions.push({ key: 'name', value: winner.value, from: winner.from, rule: 'majority', others, ...(why === MOST ? {} : { note: why }) })
  report(out, 'name', winner.value, winner.from, others, holder, nameField?.line, why)
}

/**
 * A field other than name and tools: written when at least half the inputs
 * carry it, with the value most of them carry (ties: the deciding input's);
 * description: the one closest to all the others, with the routing triggers
 * most carry. A field of another dialect is dropped with a warning.
 */
function decideField(key: string, ordered: readonly Agent[], out: Decided): void {
  const votes = ordered.flatMap((a) => {
    const f = fieldOf(a, key)
    return f ? [{ agent: a, value: f.value, from: place(a, f.line), line: f.line }] : []
  })
  const winner = key === 'description' ? centralDescription(votes) : majority(votes)
  const others = votes.filter((v) => v !== winner).map(({ value, from }) => ({ value, from }))
  if (foreign(key, winner.value, out.to)) {
    out.decisions.push({ key, value: null, from: winner.from, rule: 'not-in-dialect', others, note: `${key} is not a ${out.to} field` })
    out.conflicts.push(warning('field-dropped', `${key}: not written, not a ${out.to} field (was ${someOf(votes.map((o) => `${show(o.value)} at ${o.from}`))})`, winner.agent.path, winner.line))
    return
  }
  if (2 * votes.length < out.inputs) {
    out.decisions.push({ key, value: null, from: null, rule: 'minority', others: votes.map(({ value, from }) => ({ value, from })), note: `carried by ${votes.length} of ${out.inputs} inputs, fewer than half` })
    return
  }
  const value = key === 'description' && typeof winner.value === 'string' ? withTriggers(winner.value, votes.map((v) => v.value), out.inputs) : winner.value
  const differ = others.filter((o) => !same(o.value, value))
  out.fields.push({ key, value, line: winner.line })
  const why = key === 'description' ? 'closest to the others' : majorityRule(votes, winner)
  out.decisions.push({ key, value, from: winner.from, rule: key === 'description' ? 'central' : 'majority', others: differ, ...(why === MOST || key === 'description' ? {} : { note: why }) })
  report(out, key, value, winner.from, differ, winner.agent, winner.line, why)
}

interface Vote {
  agent: Agent
  value: unknown
  from: string
  line?: number
}

/** The value most votes carry; ties: the earliest vote (the deciding input first). */
function majority<V extends Vote>(votes: readonly V[]): V {
  const tally = new Map<string, { first: V; count: number }>()
  for (const v of votes) {
    const key = JSON.stringify(v.value) ?? 'undefined'
    const t = tally.get(key)
    if (t) t.count++
    else tally.set(key, { first: v, count: 1 })
  }
  let best: { first: V; count: number } | undefined
  // Map order is first-appearance order, so a tie keeps the earliest.
  for (const t of tally.values()) if (!best || t.count > best.count) best = t
  return best!.first
}

/** Why a majority's winner won: MOST, or the tie the deciding input (first in `votes`) broke; for its warning and the decision's note in the sidecar. */
function majorityRule(votes: readonly Vote[], winner: Vote): string {
  const count = (v: unknown) => votes.filter((x) => same(x.value, v)).length
  const own = count(winner.value)
  const tied = votes.some((v) => !same(v.value, winner.value) && count(v.value) === own)
  return tied ? `a tie at ${own} input${own === 1 ? '' : 's'} each, broken by the deciding input` : MOST
}

const MOST = 'most inputs'

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z0-9][a-z0-9+#.-]*/g) ?? [])

/** The description closest to all the others (mostCentral over their words); ties: the earliest vote. */
function centralDescription<V extends Vote>(votes: readonly V[]): V {
  return votes[mostCentral(votes.map((v) => words(typeof v.value === 'string' ? v.value : JSON.stringify(v.value) ?? '')), () => false)]!
}

/** A routing trigger: the sentence that tells the host when to call the agent. */
const TRIGGER = /[^.!?\n]*\buse\s+(?:this\s+agent\s+)?(?:proactively|immediately|when|after|for|whenever)\b[^.!?\n]*[.!?]?/i
const triggerKey = (sentence: string): string => sentence.toLowerCase().match(/\buse\s+(?:this\s+agent\s+)?(\w+)/)?.[1] ?? ''

/** The description with the routing trigger most inputs carry added when it has none of that kind. */
function withTriggers(description: string, values: readonly unknown[], inputs: number): string {
  const found = new Map<string, string[]>()
  for (const v of values) {
    if (typeof v !== 'string') continue
    const m = TRIGGER.exec(v)
    if (!m) continue
    const key = triggerKey(m[0])
    found.set(key, [...(found.get(key) ?? []), m[0].trim()])
  }
  const own = TRIGGER.exec(description)
  let out = description
  for (const [key, sentences] of [...found].sort((a, b) => byCodeUnits(a[0], b[0]))) {
    if (2 * sentences.length <= inputs || (own && triggerKey(own[0]) === key)) continue
    const sentence = sentences.slice().sort()[0]!
    out = `${out.trimEnd()}${/[.!?]$/.test(out.trimEnd()) ? '' : '.'} ${sentence}`
  }
  return out
}

/**
 * The tools value written for granted ids (in order), in the deciding
 * input's spelling where it has one and the output form; in map form every
 * input's explicit denials of tools not granted are kept.
 */
function toolsValue(ids: readonly string[], result: ReadonlySet<string>, form: 'string' | 'list' | 'map', ctx: { agents: readonly Agent[]; preferred: Agent; to: Dialect; conflicts: Diagnostic[]; line: number | undefined }): unknown {
  const { agents, preferred, to } = ctx
  const names: string[] = []
  const dropped: string[] = []
  const written = new Map<string, string>()
  if (preferred.meta.dialect === to) for (const t of preferred.meta.tools ?? []) written.set(t.id, t.written)
  for (const id of ids) {
    const name = written.get(id) ?? spelled(id, to, agents)
    if (name === undefined) dropped.push(id)
    else if (!names.includes(name)) names.push(name)
  }
  // Written in name order, whatever case a dialect spells them in; the
  // preferred file's own order survives where its value is written as it stands.
  names.sort((a, b) => byCodeUnits(a.toLowerCase(), b.toLowerCase()) || byCodeUnits(a, b))
  if (dropped.length > 0) ctx.conflicts.push(warning('tools-dropped', `tools: ${dropped.join(', ')} ${dropped.length === 1 ? 'has' : 'have'} no ${to} name and ${dropped.length === 1 ? 'is' : 'are'} not written`, preferred.path, ctx.line))
  if (form === 'string') return names.join(', ')
  if (form === 'list') return names
  // The granted tools, every other built-in turned off (the result is an
  // allowlist), in the dialect's canonical order: whichever file came first.
  const map = new Map(names.map((n) => [n, true]))
  for (const a of agents) {
    for (const t of a.meta.tools ?? []) {
      const name = a.meta.dialect === to ? t.written : spelled(t.id, to, agents)
      if (!t.enabled && !result.has(t.id) && name !== undefined && !map.has(name)) map.set(name, false)
    }
  }
  return toolsMap(dialect(to), map, { allowlist: true, sort: true })
}

/** The tool fields of a merged agent, their decisions, and its grants. */
export interface ToolsMerged {
  fields: MetaField[]
  decisions: FieldDecision[]
  grants?: ToolGrant[]
  form?: 'string' | 'list' | 'map'
}

function mergeTools(agents: readonly Agent[], preferred: Agent, to: Dialect, policy: ToolsPolicy, conflicts: Diagnostic[]): ToolsMerged {
  const sets = agents.map(grants)
  if (sets.every((s) => s === undefined)) return { fields: [], decisions: [] }
  // An input without a tools field grants nothing under union and
  // intersection (it is reported); only `--tools all` lets it grant every tool.
  const open = agents.filter((_, j) => sets[j] === undefined)
  const restricted = sets.filter((s): s is Set<string> => s !== undefined)
  let result: Set<string> | undefined
  if (policy === 'first') result = grants(preferred)
  else if (policy === 'all') result = open.length > 0 ? undefined : new Set(restricted.flatMap((s) => [...s]))
  else if (policy === 'union') result = new Set(restricted.flatMap((s) => [...s]))
  else result = new Set([...restricted[0]!].filter((id) => restricted.every((s) => s.has(id))))
  // One file merged is that file normalized: its tools as it wrote them.
  const retired = result && agents.length > 1 ? retire(result, to, agents, conflicts) : []
  const prefField = fieldOf(preferred, 'tools')
  const toolsFrom = agents.filter((a) => a.meta.tools).map((a) => place(a, fieldOf(a, 'tools')?.line)).sort()
  const others = agents.filter((a) => a !== preferred && a.meta.tools).map((a) => ({ value: fieldOf(a, 'tools')!.value, from: place(a, fieldOf(a, 'tools')?.line) })).sort((x, y) => byCodeUnits(x.from, y.from))
  const from = policy === 'first' ? place(preferred, prefField?.line) : toolsFrom.join(', ')
  if (policy !== 'all' && policy !== 'first') {
    for (const a of open.slice().sort((x, y) => byCodeUnits(x.path, y.path))) conflicts.push(warning('tools-missing', `tools (${policy}): no tools field; this input grants no tool to the merged agent (--tools all would let it grant every tool)`, a.path))
  }

  // Warn for every variant that withheld a tool the result grants.
  // In path order, so that the warnings do not follow the order of the files.
  const byPath = agents.map((agent, i) => ({ agent, i })).sort((x, y) => byCodeUnits(x.agent.path, y.agent.path))
  byPath.forEach(({ agent, i }) => {
    const own = sets[i]
    if (!own) return
    const line = fieldOf(agent, 'tools')?.line
    if (result === undefined) {
      const why = policy === 'first' ? `${preferred.path} has no tools field` : `no tools field in ${someOf(open.map((a) => a.path).sort())}`
      const allowed = [...own].map((id) => spelled(id, to, agents) ?? id).sort(byCodeUnits)
      conflicts.push(warning('tools-widened', `tools (${policy}): the merged agent may use every tool (${why}); this variant allows only ${allowed.join(', ') || 'none'}`, agent.path, line))
      return
    }
    // Named as the merged agent spells them (Edit, not the id edit).
    const extra = [...result].filter((id) => !own.has(id)).map((id) => spelled(id, to, agents) ?? id).sort(byCodeUnits)
    if (extra.length > 0) conflicts.push(warning('tools-widened', `tools (${policy}): the merged agent grants ${extra.join(', ')}, which this variant withholds`, agent.path, line))
    // A tool this variant grants that the merged agent does not (intersection, first) is said too; an old name left out for its replacement is not a loss.
    const lost = [...own].filter((id) => !result.has(id) && !retired.includes(spelled(id, to, agents) ?? id)).map((id) => spelled(id, to, agents) ?? id).sort(byCodeUnits)
    if (lost.length > 0) conflicts.push(warning('tools-narrowed', `tools (${policy}): the merged agent does not grant ${lost.join(', ')}, which this variant grants`, agent.path, line))
  })

  if (result === undefined) {
    return { fields: [], decisions: [{ key: 'tools', value: null, from, rule: policy, others: [], note: 'every tool: a variant without a tools field grants all tools' }] }
  }
  const ids = [...result].sort(byCodeUnits)
  const form = preferred.meta.dialect === to && preferred.meta.toolsForm ? preferred.meta.toolsForm : dialect(to).tools.form
  const prefGrants = grants(preferred)
  const value = prefField && preferred.meta.dialect === to && prefGrants && prefGrants.size === result.size && ids.every((id) => prefGrants.has(id))
    ? prefField.value
    : toolsValue(ids, result, form, { agents, preferred, to, conflicts, line: prefField?.line })
  const parsed = readTools(value)
  return {
    fields: [{ key: 'tools', value, line: prefField?.line ?? 0 }],
    decisions: [{ key: 'tools', value, from, rule: policy, others, ...(retired.length > 0 ? { note: `old names left out, their replacements granted: ${retired.join(', ')}` } : {}) }],
    grants: parsed?.tools,
    form: parsed?.form ?? form,
  }
}
