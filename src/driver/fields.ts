// The three-way merge of frontmatter, field by field. A field one side
// changed takes that side's value; a field both changed the same way takes
// it; a field both changed differently is a conflict, unless its value is a
// list or a map whose entries can be merged one by one (two branches adding
// different tools, or different permission keys, merge cleanly). `tools` is
// compared by canonical tool id, so `Read` and `read` are one entry, and a
// tool whose grants one side narrows and the other widens is a conflict.
import { dialects, patternCovers, samePattern, toolEntries } from '../dialects/index.js'
import type { MetaField } from '../model.js'
import { splitToolList, toolId } from '../normalize/tools.js'
import { insertAfterPredecessors } from './order.js'

export interface FieldConflict {
  key: string
  /** The value on each side; undefined when that side has no such field. */
  ours: unknown
  theirs: unknown
  /** Placeholder written as the field's value until the markers replace it. */
  token: string
  line: number
}

interface FieldsMerge {
  fields: MetaField[]
  conflicts: FieldConflict[]
}

const MISSING = Symbol('missing')
type V = unknown | typeof MISSING

/** JSON with object keys sorted: equal values give equal strings. */
function stable(value: unknown): string {
  if (value === MISSING) return '\u0000missing'
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

type Resolved = { ok: true; value: V } | { ok: false }

/** The classic rule on whole values. */
function pick(o: V, a: V, b: V): Resolved {
  const so = stable(o)
  const sa = stable(a)
  const sb = stable(b)
  if (sa === sb) return { ok: true, value: a }
  if (sa === so) return { ok: true, value: b }
  if (sb === so) return { ok: true, value: a }
  return { ok: false }
}

/** A's keys in order, each of B's own keys after its predecessor in B (and after A's own keys there). */
function unionOrder(a: string[], b: string[]): string[] {
  const order = [...a]
  const inB = new Set(b)
  insertAfterPredecessors(order, b, (there) => !inB.has(there))
  return order
}

/** Merges keyed entries: each key by the classic rule, in A's order then B's additions after their predecessor in B. */
function mergeEntries<T>(o: Map<string, T>, a: Map<string, T>, b: Map<string, T>, eq: (x: T, y: T) => boolean): Map<string, T> | undefined {
  const out = new Map<string, T>()
  const order = unionOrder([...a.keys()], [...b.keys()])
  for (const k of o.keys()) if (!order.includes(k)) order.push(k)
  for (const k of order) {
    const ov = o.get(k)
    const av = a.get(k)
    const bv = b.get(k)
    const same = (x: T | undefined, y: T | undefined) => (x === undefined || y === undefined ? x === y : eq(x, y))
    let value: T | undefined
    if (same(av, bv)) value = av
    else if (same(av, ov)) value = bv
    else if (same(bv, ov)) value = av
    else return undefined
    if (value !== undefined) out.set(k, value)
  }
  return out
}

interface ToolEntry {
  written: string
  enabled: boolean
}

function toolMap(value: V): { form: 'string' | 'list' | 'map'; entries: Map<string, ToolEntry> } | undefined {
  if (value === MISSING || value === null || value === undefined) return { form: 'string', entries: new Map() }
  let list: Array<[string, boolean]>
  let form: 'string' | 'list' | 'map'
  if (typeof value === 'string') {
    form = 'string'
    list = splitToolList(value).map((n) => [n, true])
  } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    form = 'list'
    list = value.map((v) => [v as string, true])
  } else if (isMap(value)) {
    form = 'map'
    // Read as every reader reads a tools map: only `true` grants (a `null` or `no` is written back as false, never as true).
    list = toolEntries(value)
  } else return undefined
  const entries = new Map<string, ToolEntry>()
  for (const [written, enabled] of list) entries.set(toolId(written), { written, enabled })
  return { form, entries }
}

/**
 * The tool a grant is a grant of, whatever its scope: `bash` for
 * `Bash(git diff *)`, `execute` for Copilot's `execute/runInTerminal`,
 * `mcp__github` for `mcp__github__get_issue`.
 */
function toolFamily(id: string): string {
  const mcp = /^(mcp__[^_]+(?:_[^_]+)*?)__/.exec(id)
  if (mcp) return mcp[1]!
  return id.replace(/\(.*$/s, '').replace(/\/.*$/s, '')
}

/**
 * Whether grant `e` takes in grant `r`: the same grant, the tool whole
 * (`Bash`, `execute`, `mcp__github`), or a pattern that covers `r`'s as the
 * dialects' permits read patterns (`Bash(git *)` or `Bash(git:*)` for
 * `Bash(git diff *)`).
 */
function covers(e: string, r: string): boolean {
  if (e === r || e === '*' || e === toolFamily(r)) return true
  const scoped = (g: string) => /^(.*?)\((.*)\)$/s.exec(g)
  const [x, y] = [scoped(e), scoped(r)]
  return x !== null && y !== null && x[1] === y[1] && patternCovers(samePattern(x[2]!), samePattern(y[2]!))
}

/**
 * Whether one side takes away a tool's grant (removes or turns it off) that
 * the other side grants again in a grant that takes it in: `Bash(git diff *)`
 * removed on one side, made `Bash` on the other; Copilot's
 * `execute/runInTerminal` removed against `execute`. That is a decision about
 * permissions for a person, not a union. Other changes merge entry by entry
 * (one side adding `Bash(git log *)` while the other removes `Bash(git diff
 * *)` widens nothing).
 */
function toolClash(o: Map<string, ToolEntry>, a: Map<string, ToolEntry>, b: Map<string, ToolEntry>): boolean {
  const on = (m: Map<string, ToolEntry>) => new Set([...m].filter(([, e]) => e.enabled).map(([id]) => id))
  const [so, sa, sb] = [on(o), on(a), on(b)]
  const taken = (side: Set<string>) => [...so].filter((id) => !side.has(id))
  const given = (side: Set<string>) => [...side].filter((id) => !so.has(id))
  const clash = (x: Set<string>, y: Set<string>) => taken(x).some((r) => given(y).some((e) => covers(e, r)))
  return clash(sa, sb) || clash(sb, sa)
}

function mergeTools(o: V, a: V, b: V): Resolved {
  const [mo, ma, mb] = [toolMap(o), toolMap(a), toolMap(b)]
  if (!mo || !ma || !mb) return { ok: false }
  // Granting every tool (no field) against a list is not a merge of entries.
  if ((a === MISSING) !== (b === MISSING) && o !== MISSING) return { ok: false }
  if (toolClash(mo.entries, ma.entries, mb.entries)) return { ok: false }
  const merged = mergeEntries(mo.entries, ma.entries, mb.entries, (x, y) => x.enabled === y.enabled)
  if (!merged) return { ok: false }
  const form = a !== MISSING ? ma.form : mb.form
  const values = [...merged.values()]
  if (values.length === 0 && (a === MISSING || b === MISSING)) return { ok: true, value: MISSING }
  if (form === 'string') return { ok: true, value: values.filter((e) => e.enabled).map((e) => e.written).join(', ') }
  if (form === 'list') return { ok: true, value: values.filter((e) => e.enabled).map((e) => e.written) }
  return { ok: true, value: Object.fromEntries(values.map((e) => [e.written, e.enabled])) }
}

/** Whole value, else entries of a map or members of a list of scalars. */
function mergeValue(key: string, o: V, a: V, b: V): Resolved {
  const whole = pick(o, a, b)
  if (whole.ok) return whole
  if (dialects().some((d) => d.tools.fields.includes(key))) return mergeTools(o, a, b)
  const maps = [o, a, b].every((v) => v === MISSING || isMap(v))
  if (maps && a !== MISSING && b !== MISSING) {
    const asMap = (v: V) => new Map(Object.entries(v === MISSING ? {} : (v as Record<string, unknown>)))
    const merged = mergeEntries(asMap(o), asMap(a), asMap(b), (x, y) => stable(x) === stable(y))
    return merged ? { ok: true, value: Object.fromEntries(merged) } : { ok: false }
  }
  const lists = [o, a, b].every((v) => v === MISSING || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')))
  if (lists && a !== MISSING && b !== MISSING) {
    const asSet = (v: V) => new Map((v === MISSING ? [] : (v as unknown[])).map((x) => [stable(x), x]))
    const merged = mergeEntries(asSet(o), asSet(a), asSet(b), () => true)
    return merged ? { ok: true, value: [...merged.values()] } : { ok: false }
  }
  return { ok: false }
}

/** Three-way merge of frontmatter fields; `token(n)` names the placeholder of the n-th conflict. */
export function mergeFields(o: MetaField[], a: MetaField[], b: MetaField[], token: (n: number) => string): FieldsMerge {
  const get = (fields: MetaField[], key: string): V => {
    const f = fields.find((x) => x.key === key)
    return f === undefined ? MISSING : f.value
  }
  const keys = unionOrder(a.map((f) => f.key), b.map((f) => f.key))
  for (const f of o) if (!keys.includes(f.key)) keys.push(f.key)
  const fields: MetaField[] = []
  const conflicts: FieldConflict[] = []
  for (const key of keys) {
    const [ov, av, bv] = [get(o, key), get(a, key), get(b, key)]
    const line = (a.find((f) => f.key === key) ?? b.find((f) => f.key === key) ?? o.find((f) => f.key === key))!.line
    const r = mergeValue(key, ov, av, bv)
    if (r.ok) {
      if (r.value !== MISSING) fields.push({ key, value: r.value, line })
      continue
    }
    const t = token(conflicts.length)
    conflicts.push({ key, ours: av === MISSING ? undefined : av, theirs: bv === MISSING ? undefined : bv, token: t, line })
    fields.push({ key, value: t, line })
  }
  return { fields, conflicts }
}
