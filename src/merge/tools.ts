// The merged agent's tool permissions, one mechanism for every dialect. Each
// input's tool fields (and rule fields: OpenCode's `permission`) are read as
// its dialect reads them (src/dialects), as permits per tool (permits.ts):
// the tool whole, every use but some denied patterns, or only some allowed
// patterns; an input whose fields leave the tools they do not name on (no
// allowlist: Claude Code's `disallowedTools` alone, an OpenCode map without
// `"*": false`) is open. The permits combine tool by tool under the policy
// and are written back by the output dialect's writer, so that the fields
// never grant what the decision does not. The fields written are read back
// in the output dialect: every tool or use they grant beyond an input, or
// leave out relative to one, is a warning naming it as the output spells it.
import type { Agent, Diagnostic, Dialect, MetaField } from '../model.js'
import { note, warning } from '../errors.js'
import { readMetaToolFields as readMetaFields, metaToolFields, oldNameFact, REPLACED_BY, splitArgs, sameUseReplacement, standsAlone, combinePermits, dialect, dialects, grantsOf, keyOf, missing, nearKey, permitsOf, samePermits, spellTool, splitToolList, toolEntries, toolNames, toolsMap, unknownName, type DialectSpec, type Grant, type Missing, type Permits, type ToolNote, type ToolProblem } from '../dialects/index.js'
import { readTools } from '../normalize/tools.js'
import { byCodeUnits } from '../order.js'
import { sameValue as same } from './ballots.js'
import { sameFile } from './copies.js'
import type { FieldDecision, ToolsMerged, ToolsPolicy } from './meta.js'

const place = (agent: Agent, line: number | undefined): string => (line ? `${agent.path}:${line}` : agent.path)
const fieldOf = (agent: Agent, key: string): MetaField | undefined => agent.meta.fields.find((f) => f.key === key)

/** One input as the tools decision sees it. */
interface Input {
  agent: Agent
  /** What its fields grant; undefined when it has none of them. */
  permits?: Permits
  /** What its fields name as granted: its permits with no tool left on unnamed. */
  explicit?: Permits
  /** What its reading could not carry. */
  notes: ToolNote[]
  /** Read in its own dialect (not converted first): its reading's notes are told. */
  native: boolean
  /** Merged alone, its fields kept as written: only the notes on values its reading takes as not granted are told. */
  alone: boolean
  /** The line of its first tool field. */
  line?: number
  /** Its first tool field as it wrote it, when its conversion to the output dialect has none (cited in the decision). */
  own?: MetaField
  /** Its grants as its tool fields in the output dialect say them, when it has such fields. */
  grants?: readonly Grant[]
}

/** What an input without tool fields grants: every tool. */
const EVERY: Permits = { open: true, tools: new Map() }
/** What an empty allowlist grants. */
const NOTHING: Permits = { open: false, tools: new Map() }

/** The tool and rule fields of an agent in its own dialect (or those of `keys`). */
const toolFieldsOf = (agent: Agent, keys?: readonly string[]): MetaField[] => metaToolFields(agent.meta, keys)

/** Tool fields as the agent's dialect reads them. */
const readFields = (agent: Agent, fields: readonly MetaField[]) => readMetaFields(agent.meta, fields)

/**
 * An input's grants, read from its fields in the output dialect; when its
 * conversion could carry none of its tool fields (Copilot cannot deny a
 * tool), from its own fields as its dialect reads them, so that an input
 * with tool fields is never taken for one without.
 */
function readInput(agent: Agent, source: Agent, keys: readonly string[], several: boolean): Input {
  const native = agent === source
  const alone = !several
  const converted = toolFieldsOf(agent, keys)
  const from = converted.length > 0 ? agent : source
  const fields = converted.length > 0 ? converted : toolFieldsOf(source)
  if (fields.length === 0) return { agent, notes: [], native, alone }
  const read = readFields(from, fields)
  // Only an allowlist, or a rule that denies the rest (`"*": deny`), denies the tools the fields do not name.
  // A name read as the nearest tool of other dialects is exact in its own: no note when it is read there.
  const notes = from === agent && agent === source ? read.notes.filter((n) => !n.near) : read.notes
  // Converted open, an input's fields can only deny (Claude Code's `disallowedTools` alone): the tools it names
  // as granted are read from its own fields, for the union of what the inputs name.
  const named = from === agent && !native && read.rest !== 'deny' ? nativeGrants(source).filter((g) => g.enabled) : []
  const own = from === source && !native ? { own: fields[0]! } : {}
  const inOutput = from === agent ? { grants: read.grants } : {}
  return { agent, permits: permitsOf(read.grants, read.rest !== 'deny'), explicit: permitsOf([...named, ...read.grants], false), notes, native, alone, line: fields[0]!.line, ...own, ...inOutput }
}

/** What an agent's tool and rule fields grant, as its own dialect reads them. */
function nativeGrants(agent: Agent): Grant[] {
  const fields = toolFieldsOf(agent)
  return fields.length === 0 ? [] : readFields(agent, fields).grants
}

/**
 * The combined permits under the policy, undefined when no input has a tool
 * field. `union` unites what the inputs name as granted (an input that
 * leaves unnamed tools on grants them only under `all`); when no input has
 * an allowlist the merged agent has none either, and leaves on what every
 * input leaves on. `intersection`: what every input with tool fields grants,
 * an open one every tool it does not deny. `first`: the deciding input's.
 * `all`: the union, an input without tool fields granting every tool.
 */
function decide(inputs: readonly Input[], preferred: Input, policy: ToolsPolicy): Permits | undefined {
  const taking = inputs.filter((i) => i.permits !== undefined)
  if (taking.length === 0) return undefined
  if (inputs.length === 1) return taking[0]!.permits
  const permits = taking.map((i) => i.permits!)
  switch (policy) {
    case 'first':
      return preferred.permits ?? EVERY
    case 'all':
      return combinePermits(inputs.map((i) => i.permits ?? EVERY), 'union')
    case 'intersection':
    {
      // An old name and the tool that replaced it with no more use (LS, Glob) are one grant, whatever the output dialect
      // (the canonical ids are shared); an old name every input grants, by name or by leaving it on, is kept (they agree).
      const agreed = (key: string) => permits.every((p) => p.tools.get(key)?.whole ?? p.open)
      return combinePermits(permits.map((p) => asReplaced(p, agreed)), 'intersection')
    }
    case 'union': {
      const rest = permits.every((p) => p.open) ? [combinePermits(permits, 'intersection')] : []
      return combinePermits([...rest, ...taking.map((i) => i.explicit!)], 'union')
    }
  }
}

/** Permits with each old tool granted whole as its replacement, where that grants no more (LS as Glob), save those `kept`. */
function asReplaced(p: Permits, kept: (key: string) => boolean): Permits {
  // Only where the replacement has no entry of its own: a permit the input states for it (a denial) is never overwritten.
  const old = [...p.tools].filter(([k, v]) => v.whole && !kept(k) && sameUseReplacement(k) !== undefined && !p.tools.has(sameUseReplacement(k)!))
  if (p.open || old.length === 0) return p
  const tools = new Map(p.tools)
  for (const [k, v] of old) {
    tools.delete(k)
    tools.set(sameUseReplacement(k)!, v)
  }
  return { open: false, tools }
}

/**
 * The permits without the old tools whose replacement they grant too
 * (Claude Code's MultiEdit beside Edit, LS beside Glob: the old name grants
 * nothing more, and the dialect no longer has it), with a note (noteOldNames).
 * An old name every input grants is kept: the inputs agree, there is nothing
 * to decide, and a merge of copies of one file writes it as that file does.
 */
function retire(result: Permits, inputs: readonly Input[], spec: DialectSpec, conflicts: Diagnostic[]): { result: Permits; retired: string[] } {
  const replaced = spec.tools.replaced
  const whole = (p: Permits | undefined, key: string) => p?.tools.get(key)?.whole === true
  const agreed = (key: string) => inputs.every((i) => whole(i.explicit, key))
  const old = replaced && !result.open ? [...result.tools.keys()].filter((k) => Object.hasOwn(replaced, k) && whole(result, k) && whole(result, replaced[k]!) && !agreed(k)).sort(byCodeUnits) : []
  if (old.length === 0) return { result, retired: [] }
  const tools = new Map(result.tools)
  for (const k of old) tools.delete(k)
  const named = old.map((k) => ({ name: `${label({ key: k }, spec)} (now ${label({ key: replaced![k]! }, spec)})`, wrote: (i: Input) => whole(i.explicit, k) }))
  noteOldNames('not written, old names whose replacement the merged agent grants', named, inputs, conflicts)
  return { result: { open: false, tools }, retired: old }
}

/**
 * A note for old names the merge does not write as written, each cited
 * where an input wrote it: the first input by path that did, one note per
 * such input listing its names (a single note at one place had cited LS at
 * an input that never wrote it). A note, not a conflict: nothing is lost,
 * and no input disagrees with another.
 */
function noteOldNames(what: string, olds: ReadonlyArray<{ name: string; wrote: (i: Input) => boolean }>, inputs: readonly Input[], conflicts: Diagnostic[]): void {
  const byPath = inputs.slice().sort((x, y) => byCodeUnits(x.agent.path, y.agent.path))
  const names = new Map<Input, string[]>()
  for (const old of olds) {
    const writer = byPath.find(old.wrote) ?? byPath[0]!
    names.set(writer, [...(names.get(writer) ?? []), old.name])
  }
  for (const input of byPath) {
    const list = names.get(input)
    if (list) conflicts.push(note('tools-old-name', `tools: ${what}: ${list.join(', ')}`, input.agent.path, fieldOf(input.agent, 'tools')?.line ?? input.line))
  }
}

/** The tool or use a grant names, as a comparison of permits names it. */
function missingOf(g: Grant): Missing {
  const { key, pattern } = keyOf(g)
  return { key, ...(pattern === '' ? {} : { pattern }) }
}

/**
 * A grant as the output dialect names it: `Edit`, `Bash(git *)`, `bash 'git *'`,
 * `mcp__github__*`, `github_*`; a whole tool an input named (`spelled`) as its writer writes that name.
 */
function label(m: Missing, spec: DialectSpec, spelled?: ReadonlyMap<string, string>): string {
  if (m.ask) return `${label({ key: m.key, ...(m.pattern === undefined ? {} : { pattern: m.pattern }) }, spec, spelled)} (after asking)`
  const unknown = unknownName(m.key)
  if (unknown !== undefined) return unknown
  // A name read as a tool only as a near match is the folding dialect's own name; elsewhere it is that tool.
  const near = nearKey(m.key)
  if (near) return spec.tools.folds ? near.written : label({ ...m, key: near.id }, spec, spelled)
  // A dialect whose names fold several tools (Copilot) may write one tool by another name than its spelling.
  const name = m.key.startsWith('mcp__') ? undefined : (spellTool(m.key, spec) ?? m.key)
  if (name !== undefined && m.pattern === undefined && !spec.tools.folds) return name
  // What the dialect's writer makes of this grant alone, when that names it.
  const one = grantsOf({ open: false, tools: new Map([[m.key, m.pattern === undefined ? { whole: true, allow: [], deny: [] } : { whole: false, allow: [m.pattern], deny: [] }]]) })
    .map((g) => (m.pattern === undefined && spelled?.has(m.key) ? { ...g, written: spelled.get(m.key)! } : g))
  const written = toolEntries(spec.tools.write(one, { allowlist: true, keepOld: true }).tools).find(([n, on]) => on && n !== spec.tools.wildcard)?.[0]
  if (written !== undefined && (m.pattern === undefined || written.includes(m.pattern))) return written
  // A tool the folding dialect cannot write alone goes by the name another dialect has for it alone, not by an alias that folds more.
  if (m.pattern === undefined) return spec.tools.folds ? `${ownName(m.key)} (no ${spec.title} name)` : (name ?? m.key)
  return `${name ?? m.key} '${m.pattern}'`
}

/** A tool's name in the first dialect that names it alone (Claude Code's `WebSearch`), else its canonical id. */
function ownName(key: string): string {
  for (const d of dialects()) {
    const name = d.tools.folds ? undefined : spellTool(key, d)
    if (name !== undefined) return name
  }
  return key
}

/**
 * The tool fields (and rule fields) of the merged agent, decided together;
 * `agents` are the inputs in the output dialect, `sources` as given. One
 * input merged is that input normalized: its fields as it wrote them; so
 * are the deciding input's, in the output dialect already, when the result
 * is exactly what it grants.
 */
export function mergeToolGrants(agents: readonly Agent[], sources: readonly Agent[], preferredAgent: Agent, to: Dialect, policy: ToolsPolicy, conflicts: Diagnostic[]): ToolsMerged {
  const spec = dialect(to)
  const keys = [...spec.tools.fields, ...(spec.tools.ruleFields ?? [])]
  const inputs = agents.map((a, i) => readInput(a, sources[i]!, keys, agents.length > 1))
  const preferred = inputs[agents.indexOf(preferredAgent)]!
  const decided = decide(inputs, preferred, policy)
  if (decided === undefined) return { fields: [], decisions: [] }
  const { result, retired } = agents.length > 1 ? retire(decided, inputs, spec, conflicts) : { result: decided, retired: [] }
  // Converted, its fields are the conversion's, not as it wrote them; a reading with notes is not all it says,
  // save where the decision is the deciding input's own (`first`) or every input has the same fields (copies):
  // then its fields say it exactly, and merge(a, a) is merge(a).
  const fieldsAs = (i: Input) => JSON.stringify(keys.map((k) => fieldOf(i.agent, k)?.value ?? null))
  const preferredAs = fieldsAs(preferred)
  const isCopy = (i: Input) => i.native && fieldsAs(i) === preferredAs
  const copies = inputs.every(isCopy)
  const own = preferred.native && preferred.permits !== undefined && (policy === 'first' || preferred.notes.length === 0) && samePermits(result, preferred.permits)
  const asWritten = agents.length === 1 || copies || own
  const spelled = spellings(inputs, preferred, spec, conflicts)
  const values = asWritten ? keys.flatMap((k) => (fieldOf(preferred.agent, k) ? [[k, fieldOf(preferred.agent, k)!.value] as [string, unknown]] : [])) : write(result, spec, keys, preferred, spelled, conflicts, inputs)

  // Each input is told what the fields written grant, read back as the output dialect reads them: the writer may
  // have narrowed the decision (a limit it cannot say) or widened it (Copilot cannot deny, so it grants every tool).
  const granted = readWritten(values, spec)
  const renamed = rename(values, inputs, spec, conflicts)
  // Copies of one whole file say what it says: merge(a, a) is merge(a), and `lint` flags the name. Two agents that
  // grant the same tools are not copies: their merge is a new agent, told what it cannot use.
  const preferredSource = sources[agents.indexOf(preferredAgent)]!
  const unusable = agents.length > 1 && !sources.every((s) => sameFile(s, preferredSource)) ? deadNames(granted, inputs, spec, conflicts) : []
  const byPath = inputs.slice().sort((x, y) => byCodeUnits(x.agent.path, y.agent.path))
  const open = byPath.filter((i) => i.permits === undefined || i.permits.open).map((i) => i.agent.path)
  // An input whose fields are written as it wrote them is told only of values its reading takes as not granted, as one merged alone.
  for (const input of byPath) tell(asWritten && isCopy(input) ? { ...input, alone: true } : input, { result: granted, retired, open, policy, spec, spelled }, conflicts)

  const lineOf = (key: string) => fieldOf(preferred.agent, key)?.line ?? preferred.line ?? 0
  const fields: MetaField[] = values.map(([key, value]) => ({ key, value, line: lineOf(key) }))
  const tools = values.find(([k]) => k === 'tools')?.[1]
  const parsed = tools === undefined ? undefined : readTools(tools)
  return { fields, decisions: decisions(keys, values, byPath, preferred, { result: granted, retired, renamed, unusable, policy, spec }), ...(parsed ? { grants: parsed.tools, form: parsed.form } : {}) }
}

/**
 * The old names of renamed tools (Claude Code's `Task`, now `Agent`) that
 * inputs wrote and the fields written name by the current name alone, as
 * `Task (now Agent)`, with a note as for an old name left out: the writer
 * writes a tool by its current name, and the rename had gone unsaid.
 */
function rename(values: ReadonlyArray<[string, unknown]>, inputs: readonly Input[], spec: DialectSpec, conflicts: Diagnostic[]): string[] {
  const written = new Set(values.filter(([k]) => spec.tools.fields.includes(k)).flatMap(([, v]) => toolEntries(v).map(([n]) => splitArgs(n.trim()).base)))
  const wrote = (old: string) => (i: Input) => (i.grants ?? []).some((g) => g.kind === 'tool' && splitArgs(g.written.trim()).base === old)
  const olds = Object.entries(spec.tools.renamed ?? {})
    .filter(([old, now]) => written.has(now) && !written.has(old) && inputs.some(wrote(old)))
    .sort(([x], [y]) => byCodeUnits(x, y))
    .map(([old, now]) => ({ name: `${old} (now ${now})`, wrote: wrote(old) }))
  noteOldNames('old names written as their current ones', olds, inputs, conflicts)
  return olds.map((o) => o.name)
}

/**
 * The old names the fields written grant whole without the tool that
 * replaced them (`MultiEdit` without `Edit`), as `MultiEdit (now Edit)`,
 * each with a note (`tools-unusable`) where an input wrote it: the dialect no longer has the
 * tool, so the merged agent cannot do what the name was granted for. The
 * name stays as written (renamed, it would grant a tool no input named).
 * An old tool whose replacement grants more (TodoRead) is not said to be its
 * old name: the replacement is never a way to grant what it did.
 */
function deadNames(granted: Permits, inputs: readonly Input[], spec: DialectSpec, conflicts: Diagnostic[]): string[] {
  const whole = (p: Permits | undefined, key: string) => p?.tools.get(key)?.whole === true
  const replaced = spec.tools.replaced ?? {}
  const dead = granted.open ? [] : [...granted.tools.keys()].filter((k) => Object.hasOwn(replaced, k) && sameUseReplacement(k) === replaced[k] && whole(granted, k) && !whole(granted, replaced[k]!)).sort(byCodeUnits)
  const byPath = inputs.slice().sort((x, y) => byCodeUnits(x.agent.path, y.agent.path))
  for (const k of dead) {
    const writer = byPath.find((i) => whole(i.explicit, k)) ?? byPath[0]!
    conflicts.push(note('tools-unusable', `tools: ${oldNameFact(k, replaced[k]!, spec)}: the merged agent cannot use it (grant ${label({ key: replaced[k]! }, spec)} instead)`, writer.agent.path, fieldOf(writer.agent, 'tools')?.line ?? writer.line))
  }
  return dead.map((k) => `${label({ key: k }, spec)} (now ${label({ key: replaced[k]! }, spec)})`)
}

/** What written tool fields grant: every tool when there are none. */
function readWritten(values: ReadonlyArray<[string, unknown]>, spec: DialectSpec): Permits {
  if (values.length === 0) return EVERY
  const read = spec.tools.read(Object.fromEntries(values), toolNames)
  return permitsOf(read.grants, read.rest !== 'deny')
}

/**
 * The name an input wrote for a whole tool, when the name stands for that
 * tool alone (Copilot's `runCommands/runInTerminal`, not its `execute`), by
 * canonical id; the deciding input first, then the others by path, so the
 * order of the files never shows. Where the output writes such names (a
 * folding dialect) and inputs name one tool differently, a note says which
 * name is written.
 */
function spellings(inputs: readonly Input[], preferred: Input, spec: DialectSpec, conflicts: Diagnostic[]): Map<string, string> {
  const out = new Map<string, { name: string; path: string }>()
  const others = new Map<string, Map<string, string>>()
  const agents = inputs.map((i) => i.agent)
  for (const { agent, grants } of [preferred, ...inputs.filter((i) => i !== preferred).sort((x, y) => byCodeUnits(x.agent.path, y.agent.path))]) {
    if (grants === undefined) continue
    for (const g of grants) {
      if (g.kind !== 'tool' || !g.enabled || g.args !== '' || g.near || !standsAlone(g, grants)) continue
      const name = g.written.trim()
      const first = out.get(g.id)
      if (first === undefined) out.set(g.id, { name, path: agent.path })
      else if (first.name.toLowerCase() !== name.toLowerCase() && !others.get(g.id)?.has(name)) others.set(g.id, (others.get(g.id) ?? new Map()).set(name, agent.path))
    }
  }
  if (spec.tools.folds) {
    for (const [id, names] of [...others].sort(([x], [y]) => byCodeUnits(x, y))) {
      const { name, path } = out.get(id)!
      const also = [...names].map(([n, p]) => `'${n}' (${p})`).join(', ')
      conflicts.push(note('tools-name', `tools: one tool named '${name}' (${path}) and ${also}; written as '${name}'`, path, fieldOf(agents.find((a) => a.path === path)!, 'tools')?.line))
    }
  }
  return new Map([...out].map(([id, { name }]) => [id, name]))
}

/**
 * Whether the dialect ignores a name it reads as another spelling of one of
 * its tools (`read` in Claude Code, where names are case-sensitive): it
 * grants nothing. A name of no known tool (`FooTool`) is kept as written: it
 * may be a tool newer than the dialect's table.
 */
const ignoredBy = (spec: DialectSpec, written: string): ToolProblem | undefined => {
  const problem = spec.tools.problem(written, toolNames)
  return problem?.ignored === true && problem.meant !== undefined ? problem : undefined
}

/** How a field of a tool list is written: `Read, Write` or a YAML list; undefined for another value. */
const formOf = (value: unknown): 'string' | 'list' | undefined => (typeof value === 'string' ? 'string' : Array.isArray(value) ? 'list' : undefined)

/**
 * The dialect's fields for the combined permits, each note of the writer a
 * warning. A list of tools is written in name order, in the form the
 * deciding input wrote it; a map in the dialect's canonical order.
 */
function write(result: Permits, spec: DialectSpec, keys: readonly string[], preferred: Input, spelled: ReadonlyMap<string, string>, conflicts: Diagnostic[], inputs: readonly Input[]): Array<[string, unknown]> {
  if (result.open && result.tools.size === 0) return []
  // Each grant as an input in the output dialect wrote it, else as the output spells it, not by its canonical id:
  // the writer names it so in its notes, and Copilot writes a tool of a set by the name its inputs gave it.
  const asInput = (g: Grant) => (g.kind === 'tool' && g.args === '' && !g.near ? spelled.get(g.id) : undefined)
  // A name the output dialect ignores grants nothing there: it is left out, as convert leaves it out, and said so.
  const all = grantsOf(result)
  const ignored = new Set<Grant>()
  for (const g of all) {
    const problem = g.kind === 'unknown' ? ignoredBy(spec, g.written) : undefined
    if (!problem) continue
    ignored.add(g)
    // Cited where an input wrote it: the first by path whose fields name it.
    const key = keyOf(g).key
    const writer = inputs.filter((i) => i.explicit?.tools.has(key)).sort((x, y) => byCodeUnits(x.agent.path, y.agent.path))[0] ?? preferred
    conflicts.push(warning('tools-written', `tools: left out '${g.written.trim()}': ${problem.message}`, writer.agent.path, writer.line))
  }
  const grants = all.filter((g) => !ignored.has(g)).map((g) => (g.kind === 'unknown' || (g.kind === 'tool' && g.near) ? g : { ...g, written: asInput(g) ?? label(missingOf(g), spec) }))
  const written = spec.tools.write(grants, { allowlist: !result.open, keepOld: true })
  // A name no dialect knows is kept as the input wrote it: nothing to tell (lint judges names).
  const unknown = new Set(grants.flatMap((g) => (g.kind === 'unknown' ? [g.written] : [])))
  for (const n of written.notes) if (!unknown.has(n.written)) conflicts.push(warning('tools-written', `tools: ${n.message}`, preferred.agent.path, preferred.line))
  const tools = written.tools ?? (result.open ? undefined : spec.tools.none())
  const own = formOf(fieldOf(preferred.agent, 'tools')?.value)
  const shaped = (key: string, value: unknown): unknown => {
    if (value && typeof value === 'object' && !Array.isArray(value)) return key === 'tools' ? toolsMap(spec, new Map(Object.entries(value as Record<string, boolean>)), { allowlist: !result.open, sort: true }) : value
    const form = formOf(fieldOf(preferred.agent, key)?.value) ?? own ?? formOf(value)
    // In name order, whatever case the dialect spells them in: the order of the files never shows.
    const names = (typeof value === 'string' ? splitToolList(value) : Array.isArray(value) ? value.map(String) : []).sort((x, y) => byCodeUnits(x.toLowerCase(), y.toLowerCase()) || byCodeUnits(x, y))
    return form === 'list' ? names : names.join(', ')
  }
  const out: Array<[string, unknown]> = [...(tools === undefined ? [] : [['tools', tools] as [string, unknown]]), ...(written.more ?? [])]
  // Only the tool fields: another field the writer sets (Copilot's `agents`) is decided by consensus.
  return out.filter(([key]) => keys.includes(key)).map(([key, value]) => [key, shaped(key, value)])
}

interface Outcome {
  result: Permits
  retired: readonly string[]
  /** The inputs that leave every tool they do not name on, by path. */
  open: readonly string[]
  policy: ToolsPolicy
  spec: DialectSpec
  /** The names inputs in the output dialect wrote for whole tools (spellings). */
  spelled: ReadonlyMap<string, string>
}

/** One input's warnings: what the merged agent grants that it does not, and the reverse. */
function tell(input: Input, outcome: Outcome, conflicts: Diagnostic[]): void {
  const { agent: a, line } = input
  const { result, policy, spec } = outcome
  const say = (code: string, message: string, at: number | undefined) => conflicts.push(warning(code, `tools (${policy}): ${message}`, a.path, at))
  // An old tool beside its replacement is named by the replacement alone (Copilot's `read` holds NotebookRead).
  const held = (list: readonly Missing[], m: Missing) => m.pattern === undefined && Object.hasOwn(REPLACED_BY, m.key) && list.some((x) => x.key === REPLACED_BY[m.key] && x.pattern === undefined)
  // A name the output dialect ignores grants nothing, here or there: never told as granted or withheld.
  const grantsNothing = (m: Missing) => {
    const name = unknownName(m.key)
    return name !== undefined && ignoredBy(spec, name) !== undefined
  }
  const names = (list: readonly Missing[]) => [...new Set(list.filter((m) => !held(list, m)).map((m) => label(m, spec, outcome.spelled)))].sort(byCodeUnits).join(', ')
  const own = input.permits ?? EVERY
  const explicit = input.explicit ?? NOTHING
  // Beside an allowlist, under union or intersection, an input with no tool or rule field takes no part. One
  // with fields is told what the merged agent grants beyond them and leaves out, as any other input (a denial included).
  if (input.permits === undefined && (policy === 'union' || policy === 'intersection') && !result.open) {
    // Under intersection it narrows nothing: the merged agent grants what every input with tool fields grants.
    say('tools-missing', policy === 'union' ? 'no tools field; this input grants no tool to the merged agent (--tools all would let it grant every tool)' : 'no tools field; it takes no part: the merged agent grants what every input with a tools field grants', undefined)
    return
  }
  // What the reading could not carry is not granted (an input converted first was warned by the conversion).
  if (input.native) for (const n of input.notes.filter((x) => !input.alone || x.invalid)) say('tools-read', `this variant's '${n.written}' is not read as written: ${n.message}`, fieldOf(a, n.written)?.line ?? line)
  if (result.open && !own.open) {
    const who = policy === 'first' ? 'the deciding input leaves' : `${outcome.open[0]}${outcome.open.length > 1 ? ` and ${outcome.open.length - 1} more leave` : ' leaves'}`
    say('tools-widened', `the merged agent may use every tool it does not deny (${who} every tool on); this variant allows ${names(missing(own, NOTHING)) ? `only ${names(missing(own, NOTHING))}` : 'no tool'}`, line)
  } else {
    // A tool that replaced an old one this variant grants, with no more use (Glob for its LS), is no widening.
    const holds = (m: Missing) => m.pattern === undefined && !m.ask && Object.keys(REPLACED_BY).some((old) => sameUseReplacement(old) === m.key && own.tools.get(old)?.whole === true)
    const extra = missing(result, own).filter((m) => !holds(m) && !grantsNothing(m))
    if (extra.length > 0) say('tools-widened', `the merged agent grants ${names(extra)}, which this variant withholds`, line)
  }
  // An old name left out, or whose replacement the merged agent grants, is not a loss; beside an allowlist, an open input's loss is what it names, and then the rest.
  const rest = own.open && !result.open
  const replacedGranted = (key: string) => Object.hasOwn(REPLACED_BY, key) && result.tools.get(REPLACED_BY[key]!)?.whole === true
  const lost = missing(rest ? explicit : own, result).filter((m) => !grantsNothing(m) && (m.pattern !== undefined || !(outcome.retired.includes(m.key) || replacedGranted(m.key))))
  if (lost.length > 0) say('tools-narrowed', `the merged agent does not grant ${names(lost)}, which this variant grants`, line)
  if (rest) say('tools-narrowed', `the merged agent grants only the tools it lists, where this variant leaves on every tool it does not deny${policy === 'union' ? ' (--tools all would let it grant every tool)' : ''}`, line)
}

/**
 * A decision for each tool field an input has or the merge writes: the
 * policy as its rule, every holder's place, the values that differ from the
 * one written but the deciding input's.
 */
function decisions(keys: readonly string[], values: ReadonlyArray<[string, unknown]>, byPath: readonly Input[], preferred: Input, how: { result: Permits; retired: readonly string[]; renamed: readonly string[]; unusable: readonly string[]; policy: ToolsPolicy; spec: DialectSpec }): FieldDecision[] {
  return keys.flatMap((key) => {
    // An input whose conversion has no tool field is cited by its own first one, as it wrote it.
    const held = (i: Input) => fieldOf(i.agent, key) ?? (key === keys[0] && !keys.some((k) => fieldOf(i.agent, k)) ? i.own : undefined)
    const holders = byPath.filter((i) => held(i)).map((i) => ({ input: i, value: held(i)!.value, from: place(i.agent, held(i)!.line) }))
    const value = values.find(([k]) => k === key)?.[1] ?? null
    if (value === null && holders.length === 0) return []
    const mine = holders.find((h) => h.input === preferred)
    const from = how.policy === 'first' ? (mine?.from ?? null) : holders.map((h) => h.from).join(', ') || null
    const others = holders.filter((h) => h.input !== preferred && !same(h.value, value)).map(({ value: v, from: f }) => ({ value: v, from: f }))
    const note = key === keys[0] ? toolsNote(value, how) : `decided with ${keys.filter((k) => k !== key).join(', ')}: ${how.result.open ? 'every tool not denied' : value === null ? 'not written, the tools written deny every tool they do not name' : 'only the tools and uses the policy grants'}`
    return [{ key, value, from, rule: how.policy, others, ...(note === undefined ? {} : { note }) }]
  })
}

function toolsNote(value: unknown, how: { result: Permits; retired: readonly string[]; renamed: readonly string[]; unusable: readonly string[]; spec: DialectSpec }): string | undefined {
  const olds = [
    ...(how.retired.length > 0 ? [`old names left out, their replacements granted: ${how.retired.map((k) => label({ key: k }, how.spec)).join(', ')}`] : []),
    ...(how.renamed.length > 0 ? [`old names written as their current ones: ${how.renamed.join(', ')}`] : []),
    ...(how.unusable.length > 0 ? [`old names written without their replacements, which the merged agent cannot use: ${how.unusable.join(', ')}`] : []),
  ]
  if (olds.length > 0) return olds.join('; ')
  if (value === null && how.result.open) return 'not written: the merged agent may use every tool it does not deny'
  return undefined
}
