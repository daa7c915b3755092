// Frontmatter changes, field by field, with semantic equality: tools compare
// as canonical grants, read as each side's dialect reads its tool fields
// (`Read, Write` == `[Read, Write]` == `{"*": false, read: true, write:
// true}`; an OpenCode map without `"*": false` also grants every other tool), text compares with whitespace collapsed (a folded
// description is the same description), scalars compare as text (`0.2` ==
// `"0.2"`) and maps without their key order. Key order, quoting and YAML
// style are changes of form.
import type { AgentMeta, MetaField } from '../model.js'
import { CANONICAL_TOOLS, dialect, metaToolFields as toolFieldsOf, oldNameFact, permitsOf, readMetaToolFields as readFields, samePattern, sameUseReplacement, spellTool, splitArgs, standsAlone, toolId, type ReadTools } from '../dialects/index.js'
import { collapse } from '../normalize/plain.js'
import type { FieldChange, FormattingChange } from './model.js'
import { saidByDefault } from './defaults.js'
import { grantParts, wholeTool } from './grant-text.js'
import { valueText } from './value-text.js'
import { diffText } from './words.js'

/** A value in a form where equal meaning is equal text. */
function canonicalValue(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return collapse(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return value.map(canonicalValue)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([k, v]) => [k, canonicalValue(v)]))
  }
  return String(value)
}

/**
 * A side's grants as its dialect reads its tool and rule fields, settled
 * into permits (the reading the merge decides on, so that files `convert`
 * made alike compare alike): `id` for a tool granted whole (open, `*`
 * stands for it), `id(pattern)`
 * for an allowed use, `!id` or `!id(pattern)` for a denial that matters,
 * `id (ask)` for a tool used after asking, an MCP tool as `mcp__server__tool`
 * (its server granted whole as `mcp__server`), and `*` when the tools it does
 * not name stay granted (an OpenCode map without `"*": false`).
 */
function grants(side: ToolSide): string[] {
  // No tool field: every tool (the dialects' default).
  if (!side.fields) return ['*']
  const read = side.read
  const permits = permitsOf(read.grants, read.rest !== 'deny')
  const out: string[] = permits.open ? ['*'] : []
  for (const [key, p] of permits.tools) {
    // Open, a tool granted whole is what `*` already says.
    if (p.whole) {
      if (!permits.open) out.push(key)
    } else if (p.ask) out.push(`${key} (ask)`)
    else if (permits.open) out.push(`!${key}`)
    for (const a of p.allow) out.push(useOf(key, a))
    for (const d of p.deny) out.push(`!${useOf(key, d)}`)
  }
  return [...new Set(out)].sort()
}

/**
 * One side's tool fields read once for everything a tools change asks of
 * them: its grants, and the tools it names itself (namedItself).
 */
interface ToolSide {
  meta: AgentMeta
  /** Whether the side has a tool field at all. */
  fields: boolean
  read: ReadTools
  named: Set<string>
}

function toolSideOf(meta: AgentMeta): ToolSide {
  const fields = toolFieldsOf(meta)
  const read = readFields(meta, fields)
  return { meta, fields: fields.length > 0, read, named: namedItself(read) }
}

/** A grant of some of a key's uses: `id(pattern)`, but an MCP server's tool by its own name (`mcp__server__tool`), which is no use of a tool. */
const useOf = (key: string, pattern: string): string => (key.startsWith('mcp__') ? `${key}__${pattern}` : `${key}(${samePattern(pattern)})`)



/** A denial of a whole tool (`!bash`): its tool, else undefined. */
const deniedTool = (t: string): string | undefined => (/^![^(~ ]+$/.test(t) ? t.slice(1) : undefined)

/**
 * The grants one side has and the other lacks. A tool one side names and the
 * other leaves on with every tool it does not name is on both. An old tool
 * and its same-use replacement hold each other granted where the old tool
 * comes from a name that stands for several (LS and Glob: Copilot's `search`
 * reads as both), not where a file names the old tool itself (`MultiEdit`,
 * `LS`): a dialect that retired it grants nothing by that name, so the swap
 * can change what the agent may do; denied, the replacement's denial holds
 * the old tool's (Claude Code's Edit denied denies what MultiEdit did), not
 * the reverse. A tool denied on one side that the other side's
 * dialect does not have, or no longer has (OpenCode's `patch`, or `list`, in
 * Claude Code), is no more usable there: the denial is not lost.
 */
function toolsDelta(os: ToolSide, ns: ToolSide): { added: string[]; removed: string[] } {
  const [o, n] = [os.meta, ns.meta]
  const a = new Set(grants(os))
  const b = new Set(grants(ns))
  const named = new Map([[a, os.named], [b, ns.named]])
  // Granted, either holds the other unless a file names the old tool itself; denied, only the replacement's denial holds
  // the old tool's: current Claude Code has no MultiEdit, so denying it denies nothing, while denying Edit denies what MultiEdit did.
  const replacedBy = (t: string, from: Set<string>, mark: string) => from.has(mark + (sameUseReplacement(t) ?? ''))
  const replaces = (t: string, from: Set<string>) => [...from].some((x) => wholeTool(x) && !named.get(from)!.has(x) && sameUseReplacement(x) === t)
  const heldBy = (t: string, from: Set<string>, own: Set<string>) => (wholeTool(t) && ((!own.has(t) && replacedBy(t, from, '')) || replaces(t, from))) || (deniedTool(t) !== undefined && replacedBy(deniedTool(t)!, from, '!'))
  const lacks = (t: string, meta: AgentMeta) => {
    const id = deniedTool(t)
    const spec = dialect(meta.dialect)
    return id !== undefined && Object.hasOwn(CANONICAL_TOOLS, id) && (spellTool(id, spec) === undefined || Object.hasOwn(spec.tools.replaced ?? {}, id))
  }
  const gained = (t: string, from: Set<string>, meta: AgentMeta, own: Set<string>) => !from.has(t) && !(from.has('*') && wholeTool(t) && !from.has(`!${t}`)) && !heldBy(t, from, own) && !lacks(t, meta)
  return { added: [...b].filter((t) => gained(t, a, o, named.get(b)!)).sort(), removed: [...a].filter((t) => gained(t, b, n, named.get(a)!)).sort() }
}

/** The tools a side's file grants by their own name (`MultiEdit`, `LS`), not by a name that stands for several (Copilot's `search`). */
function namedItself(read: ReadTools): Set<string> {
  return new Set(read.grants.flatMap((g) => (g.kind === 'tool' && g.enabled && toolId(splitArgs(g.written).base) === g.id ? [g.id] : [])))
}

/**
 * The fields read together as the agent's tools. Between two agents of one
 * dialect, `tools` alone: its other tool fields (Claude Code's
 * `disallowedTools`, OpenCode's `permission`) compare as written, as any
 * field. Across dialects every tool and rule field of either side: the same
 * grants are said in other fields there (OpenCode's `permission: {bash:
 * deny}` is Claude Code's `disallowedTools: Bash`), so only the grants they
 * add up to can change, and the fields that moved are a conversion.
 */
function toolGroup(o: AgentMeta, n: AgentMeta): Set<string> {
  if (o.dialect === n.dialect) return new Set(['tools'])
  const keysOf = (meta: AgentMeta) => {
    const tools = dialect(meta.dialect).tools
    return [...tools.fields, ...(tools.ruleFields ?? [])]
  }
  return new Set([...keysOf(o), ...keysOf(n)])
}

/** The first key of the group (in key order) that either side has: where the group is reported. */
function firstOf(group: ReadonlySet<string>, a: Map<string, MetaField>, b: Map<string, MetaField>): string | undefined {
  return [...group].filter((k) => a.has(k) || b.has(k)).sort()[0]
}

/** One side's tool fields as a change shows them: the `tools` value when it is the only one, else each field by key. */
function toolSide(byKey: ReadonlyMap<string, MetaField>, path: string, group: ReadonlySet<string>): { value: unknown; at: { path: string; line: number }; keys: string[] } | undefined {
  const fields = [...byKey.values()].filter((f) => group.has(f.key))
  if (fields.length === 0) return undefined
  const value = fields.length === 1 && fields[0]!.key === 'tools' ? fields[0]!.value : Object.fromEntries(fields.map((f) => [f.key, f.value]))
  return { value, at: at(path, fields[0]!.line), keys: fields.map((f) => f.key) }
}

/** The tool a grant of `grants` is about: `bash` of `!bash(git *)`. */
const toolOf = (t: string): string => grantParts(t).tool

/**
 * How a side's file names each of these tools: the name it writes for the
 * tool when that name stands for it alone (`Bash`, an old `LS`, Copilot's
 * `search/textSearch`: standsAlone, as merge reads it), else (a name
 * that stands for several, OpenCode's `edit` rule for write, or none) its
 * dialect's spelling; an MCP tool as written (`mcp__magic__refiner`,
 * Copilot's `magic/refiner`). A name that stands for several of the side's
 * tools, not all of which `changed` on this side, is followed by those that
 * did (`search (glob, list)` where grep is still granted): the name alone
 * would say more was gained or lost than was. Changes are found by
 * canonical id; these are shown.
 */
function namesIn(side: ToolSide, ids: readonly string[], changed: readonly string[]): Record<string, string> {
  const { meta, read: { grants } } = side
  const written = new Map<string, string>()
  for (const g of grants) {
    // An MCP tool as the file writes it (Copilot's `magic/refiner`).
    const mcp = g.kind === 'mcp' ? `mcp__${g.server}${g.tool === '*' ? '' : `__${g.tool}`}` : undefined
    if (mcp !== undefined && !written.has(mcp)) written.set(mcp, g.written.trim())
    if (g.kind === 'tool' && !written.has(g.id) && standsAlone(g, grants)) written.set(g.id, splitArgs(g.written).base)
  }
  const spec = dialect(meta.dialect)
  // A tool the side grants only through an old name its dialect no longer spells any tool with: that
  // name, as written (Copilot's old set `runCommands` for bash, not today's `execute`).
  const current = new Set(Object.keys(CANONICAL_TOOLS).map((id) => spellTool(id, spec)?.toLowerCase()))
  const old = new Map<string, string>()
  for (const g of grants) {
    const base = splitArgs(g.written).base.trim()
    if (g.kind === 'tool' && !old.has(g.id) && !current.has(base.toLowerCase())) old.set(g.id, base)
  }
  const nameOf = (id: string) => written.get(id) ?? old.get(id) ?? spellTool(id, spec) ?? id
  const tools = [...new Set([...grants.flatMap((g) => (g.kind === 'tool' ? [g.id] : [])), ...changed])]
  const shown = (id: string) => {
    const name = nameOf(id)
    const same = tools.filter((t) => nameOf(t) === name)
    const told = same.filter((t) => changed.includes(t)).sort()
    // Told by a name of their own only: `edit (edit)` says nothing the name does not.
    return changed.includes(id) && told.length < same.length && !(told.length === 1 && told[0] === name) ? `${name} (${told.join(', ')})` : name
  }
  return Object.fromEntries(ids.map((id) => [id, shown(id)]))
}

/**
 * What the tool fields changed: the grants gained and lost (a `tools`
 * change), or, where the grants are equal, how they are written (a change of
 * form; across dialects, the fields that carry them).
 */
function toolsChange(o: AgentMeta, oldPath: string, n: AgentMeta, newPath: string, group: ReadonlySet<string>, oldFields: ReadonlyMap<string, MetaField>, newFields: ReadonlyMap<string, MetaField>): { change?: FieldChange; formatting?: FormattingChange } {
  const of = toolSide(oldFields, oldPath, group)
  const nf = toolSide(newFields, newPath, group)
  // Both sides read whole: a rule field (OpenCode's `permission`) still denies when `tools` goes.
  const [os, ns] = [toolSideOf(o), toolSideOf(n)]
  const delta = toolsDelta(os, ns)
  const unchanged = delta.added.length === 0 && delta.removed.length === 0
  const places = { ...(of ? { old: of.at } : {}), ...(nf ? { new: nf.at } : {}) }
  // Across dialects, grants carried by other fields (`permission` -> `disallowedTools`): a conversion.
  const onlyTools = (side: typeof of) => side === undefined || (side.keys.length === 1 && side.keys[0] === 'tools')
  if (unchanged && o.dialect !== n.dialect && !(onlyTools(of) && onlyTools(nf))) {
    const said = (meta: AgentMeta, side: typeof of) => `${dialect(meta.dialect).title}'s ${side ? side.keys.map((k) => `'${k}'`).join(' and ') : 'default (no tool field)'}`
    return { formatting: { what: 'tools-form', detail: `tool fields converted: ${said(o, of)} -> ${said(n, nf)}; tools unchanged`, ...places } }
  }
  if (unchanged && !(of && nf)) {
    // A field that grants what its absence did (Copilot's `tools: ["*"]`): a change of form.
    return { formatting: { what: 'tools-form', detail: of ? 'tools field removed; it granted every tool, as its absence does' : 'tools field added; it grants every tool, as its absence did', ...places } }
  }
  if (unchanged && of && nf) {
    if (o.toolsForm !== n.toolsForm) return { formatting: { what: 'tools-form', detail: `tools written as a ${formName(o.toolsForm)} -> a ${formName(n.toolsForm)}`, old: of.at, new: nf.at } }
    if (JSON.stringify(of.value) !== JSON.stringify(nf.value)) {
      const renamed = renamedNotes(os, ns)
      return { formatting: { what: 'tools-form', detail: `tools spelled or ordered differently${renamed.length > 0 ? ` (${renamed.join('; ')})` : ''}`, old: of.at, new: nf.at } }
    }
    return {}
  }
  const idsOf = (list: string[]) => list.map(toolOf).filter((id) => Object.hasOwn(CANONICAL_TOOLS, id) || id.startsWith('mcp__'))
  const ids = idsOf([...delta.added, ...delta.removed])
  // A side's names show what it lost (OLD) or gained (NEW).
  const change: FieldChange = { key: 'tools', change: of && nf ? 'changed' : of ? 'removed' : 'added', tools: delta, toolNames: { old: namesIn(os, ids, idsOf(delta.removed)), new: namesIn(ns, ids, idsOf(delta.added)) } }
  const notes = oldNameNotes(os, ns, ids)
  if (notes.length > 0) change.notes = notes
  if (of) change.old = { value: of.value, at: of.at }
  if (nf) change.new = { value: nf.value, at: nf.at }
  else if (n.present && of) change.near = at(newPath, nearLine(o.fields, of.keys[0]!, newFields) ?? n.line)
  return { change }
}

/**
 * For each tool of the change that is, or replaced, an old tool a side names
 * itself in a dialect that retired it: which name is the old one (a swap of
 * `Edit` and `MultiEdit` otherwise reads as two unrelated tools).
 */
function oldNameNotes(os: ToolSide, ns: ToolSide, ids: readonly string[]): string[] {
  const notes = new Set<string>()
  for (const { meta, named } of [os, ns]) {
    const spec = dialect(meta.dialect)
    for (const [old, now] of Object.entries(spec.tools.replaced ?? {})) {
      if (!named.has(old) || sameUseReplacement(old) !== now || !(ids.includes(old) || ids.includes(now))) continue
      notes.add(oldNameFact(old, now, spec))
    }
  }
  return [...notes]
}

/**
 * For each old name a dialect still reads as a tool it renamed, written on
 * one side where the other writes the current name (`Task` and `Agent`):
 * that the two are one tool, so a reviewer sees why the swap is only form.
 */
function renamedNotes(os: ToolSide, ns: ToolSide): string[] {
  const written = (side: ToolSide) => new Set(side.read.grants.flatMap((g) => (g.kind === 'tool' ? [splitArgs(g.written).base] : [])))
  const [a, b] = [written(os), written(ns)]
  const notes = new Set<string>()
  for (const { meta } of [os, ns]) {
    const spec = dialect(meta.dialect)
    for (const [old, now] of Object.entries(spec.tools.renamed ?? {})) {
      if ((a.has(old) && b.has(now)) || (a.has(now) && b.has(old))) notes.add(`${old} is ${now}'s old name, which ${spec.title} still accepts`)
    }
  }
  return [...notes]
}

const firstByKey = (fields: MetaField[]): Map<string, MetaField> => {
  const map = new Map<string, MetaField>()
  for (const f of fields) if (!map.has(f.key)) map.set(f.key, f)
  return map
}

const at = (path: string, line: number) => ({ path, line })

/** NEW's line of the last field before OLD's `key` that NEW still has, if any. */
function nearLine(oldFields: MetaField[], key: string, newFields: ReadonlyMap<string, MetaField>): number | undefined {
  const before = oldFields.slice(0, oldFields.findIndex((f) => f.key === key))
  for (const f of before.reverse()) {
    const kept = newFields.get(f.key)
    if (kept) return kept.line
  }
  return undefined
}

export function fieldChanges(o: AgentMeta, oldPath: string, n: AgentMeta, newPath: string, maxEditLength?: number): { changes: FieldChange[]; formatting: FormattingChange[] } {
  const changes: FieldChange[] = []
  const formatting: FormattingChange[] = []
  const oldFields = firstByKey(o.fields)
  const newFields = firstByKey(n.fields)
  const keys = [...new Set([...oldFields.keys(), ...newFields.keys()])].sort()
  const group = toolGroup(o, n)
  const toolsAt = firstOf(group, oldFields, newFields)
  for (const key of keys) {
    const of = oldFields.get(key)
    const nf = newFields.get(key)
    const change: FieldChange = { key, change: of && nf ? 'changed' : of ? 'removed' : 'added' }
    if (of) change.old = { value: of.value, at: at(oldPath, of.line) }
    if (nf) change.new = { value: nf.value, at: at(newPath, nf.line) }
    else if (n.present) change.near = at(newPath, nearLine(o.fields, key, newFields) ?? n.line)
    // Across dialects, a name one side takes from its file name and the other writes, the same name: a conversion.
    if (key === 'name' && o.dialect !== n.dialect && !(of && nf) && (o.nameFromFile || n.nameFromFile) && o.name === n.name) {
      const [read, written] = of ? [n, o] : [o, n]
      formatting.push({ what: 'name-form', detail: `name: ${dialect(read.dialect).title} takes it from the file name, ${dialect(written.dialect).title} writes it: ${o.name}`, ...(change.old ? { old: change.old.at } : {}), ...(change.new ? { new: change.new.at } : {}) })
      continue
    }
    if (group.has(key)) {
      // The tool fields are read together, once, at the first of them either side has.
      if (key !== toolsAt) continue
      const told = toolsChange(o, oldPath, n, newPath, group, oldFields, newFields)
      if (told.change) changes.push(told.change)
      if (told.formatting) formatting.push(told.formatting)
      continue
    }
    // Across dialects, a field one side writes for what the other side's agent is without one (`mode: subagent`): a conversion.
    const only = of ?? nf
    if (only && !(of && nf) && saidByDefault(only, of ? o : n, of ? n : o)) {
      const [written, other] = of ? [o, n] : [n, o]
      formatting.push({ what: 'default-form', detail: `${key}: ${valueText(only.value)}: ${dialect(written.dialect).title} writes it, a ${dialect(other.dialect).title} agent is so without a field`, ...(change.old ? { old: change.old.at } : {}), ...(change.new ? { new: change.new.at } : {}) })
      continue
    }
    if (of && nf) {
      if (JSON.stringify(canonicalValue(of.value)) === JSON.stringify(canonicalValue(nf.value))) {
        if (JSON.stringify(of.value) !== JSON.stringify(nf.value)) formatting.push({ what: 'frontmatter-style', detail: `${key}: same value written differently`, old: change.old!.at, new: change.new!.at })
        continue
      }
      if (typeof of.value === 'string' && typeof nf.value === 'string') change.words = diffText(of.value, nf.value, maxEditLength)
    }
    changes.push(change)
  }
  const sharedOld = o.fields.map((f) => f.key).filter((k) => newFields.has(k))
  const sharedNew = n.fields.map((f) => f.key).filter((k) => oldFields.has(k))
  if (sharedOld.join('\u0000') !== sharedNew.join('\u0000')) {
    formatting.push({ what: 'frontmatter-order', detail: `keys reordered: ${sharedOld.join(', ')} -> ${sharedNew.join(', ')}`, old: at(oldPath, o.line), new: at(newPath, n.line) })
  }
  return { changes, formatting }
}

function formName(form: AgentMeta['toolsForm']): string {
  return form === 'map' ? 'map' : form === 'list' ? 'list' : 'string'
}
