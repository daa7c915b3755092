// OpenCode's tool permissions read as grants: its `tools` map and its
// `permission` field, as OpenCode 1.1.1 and later reads them, one list of
// rules. Each map entry is a rule for the permission it names (`write`,
// `edit` and `patch` are one `edit` permission, the last entry deciding), the
// `permission` rules follow it, and the last rule that matches decides. A
// permission key is a tool (`edit`, `bash`, an MCP tool) or a wildcard over
// them (`*`, `web*`, `github_*`), set to allow, ask or deny, or to a map of
// patterns (`bash: {"*": deny, "git *": allow}`). A tool asked before every
// use is an ask grant (`Grant.ask`): OpenCode writes it back, a dialect
// that cannot ask does not grant it and says so. The reading errs toward
// less: any other `ask` (of some uses, of every tool) is not granted; a tool
// granted only for some uses that no other dialect spells (`edit` except
// `*.env`) is not granted; each is a note naming it.
import { readToolValue, shown } from './tools.js'
import { mayOverlap } from './permits.js'
import type { Grant, ReadTools, ToolNote } from './types.js'

type Action = 'allow' | 'ask' | 'deny'

interface Rule {
  key: string
  pattern: string
  action: Action
  /** The field the rule was written in (`tools` or `permission`), for notes. */
  field: string
}

/**
 * The permissions that are tools: the canonical tools an allow grants and
 * those a deny denies (a deny reaches every tool that does the same work).
 */
const TOOL_PERMISSIONS: Readonly<Record<string, { grant: readonly string[]; deny: readonly string[] }>> = {
  read: { grant: ['read'], deny: ['read', 'notebookread'] },
  edit: { grant: ['edit', 'write'], deny: ['edit', 'write', 'patch', 'multiedit', 'notebookedit'] },
  bash: { grant: ['bash'], deny: ['bash'] },
  grep: { grant: ['grep'], deny: ['grep'] },
  glob: { grant: ['glob'], deny: ['glob'] },
  list: { grant: ['list'], deny: ['list'] },
  webfetch: { grant: ['webfetch'], deny: ['webfetch'] },
  websearch: { grant: ['websearch'], deny: ['websearch'] },
  todowrite: { grant: ['todowrite'], deny: ['todowrite'] },
  todoread: { grant: ['todoread'], deny: ['todoread'] },
  task: { grant: ['agent'], deny: ['agent'] },
  skill: { grant: ['skill'], deny: ['skill'] },
  lsp: { grant: ['lsp'], deny: ['lsp'] },
}

/** The tools map keys OpenCode 1.1.1 and later reads as its one `edit` permission. */
const EDIT_KEYS = new Set(['write', 'edit', 'patch', 'multiedit'])

/** The tools whose rules for some uses other dialects spell the same way (`Bash(git *)`). */
const SCOPED = new Set(['bash'])

/** Permissions that are not about tools. */
const NOT_TOOLS = new Set(['external_directory', 'doom_loop'])

const ACTIONS = new Set<string>(['allow', 'ask', 'deny'])

/** OpenCode's wildcard: `*` any run of characters, `?` one, the rest literal, over the whole name. */
function matches(name: string, pattern: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${source}$`, 's').test(name)
}

const wild = (key: string): boolean => /[*?]/.test(key)

/** An MCP server's every tool (`github_*`): what other dialects spell `mcp__github__*` or `github/*`. */
const serverWildcard = (key: string): boolean => /^[^_*?]+_\*$/.test(key)

/**
 * A tools map as rules, the way OpenCode 1.1.1 and later reads it: each entry
 * a rule for every use of the permission it names, `write`, `edit` and
 * `patch` one `edit` rule (where the first of them stands, the last deciding).
 * Earlier versions read one tool per entry, so where the folded rule grants
 * an edit tool that its own entry (or the map's wildcard) turns off, the tool
 * stays denied (`denied`); either way a disagreement is a note.
 */
function mapRules(map: unknown, notes: ToolNote[]): { rules: Rule[]; denied: string[]; order: string[] } {
  if (map === undefined || map === null) return { rules: [], denied: [], order: [] }
  if (typeof map !== 'object' || Array.isArray(map)) {
    // OpenCode refuses such a value; read toward less, it grants nothing.
    notes.push({ written: 'tools', message: 'not a map of tools to true or false; no tool is granted', invalid: true })
    return { rules: [{ key: '*', pattern: '*', action: 'deny', field: 'tools' }], denied: [], order: [] }
  }
  // Only `true` allows: any other value is read as `false` (readToolValue), and said.
  const value = readToolValue(map)
  for (const message of value.problems) notes.push({ written: 'tools', message, invalid: true })
  const entries = value.entries.map(([name, on]) => [name, on ? 'allow' : 'deny'] as const)
  const byKey = new Map<string, Action>()
  for (const [name, action] of entries) byKey.set(EDIT_KEYS.has(name) ? 'edit' : name, action)
  // Earlier versions let a tool's own entry win over a wildcard entry: a tool turned off by name stays off.
  const later = (key: string) => [...byKey.keys()].slice([...byKey.keys()].indexOf(key) + 1).filter((k) => wild(k) && matches(key, k) && byKey.get(k) === 'allow')
  const stays = ([key, action]: [string, Action]) => !(action === 'deny' && !wild(key) && later(key).length > 0)
  const kept = [...byKey].filter(stays)
  const moved = [...byKey].filter((e) => !stays(e))
  for (const [key] of moved) notes.push({ written: 'tools', message: `'${key}: false' before ${later(key).map((k) => `'${k}: true'`).join(', ')}: OpenCode 1.1.1 and later grant ${key} (the last entry deciding), earlier versions do not; not granted` })
  const rules: Rule[] = [...kept, ...moved].map(([key, action]) => ({ key, pattern: '*', action, field: 'tools' }))
  const edits = entries.filter(([name]) => EDIT_KEYS.has(name))
  const last = edits[edits.length - 1]?.[1]
  const list = (action: Action) => edits.filter(([, a]) => a === action).map(([n]) => `'${n}: ${action === 'allow'}'`).join(', ')
  const ONE = "OpenCode 1.1.1 and later reads write, edit and patch as one 'edit' permission"
  if (last === 'deny' && edits.some(([, a]) => a === 'allow')) {
    notes.push({ written: 'tools', message: `${list('allow')} overridden by ${list('deny')} after it: ${ONE}, the last entry deciding; not granted` })
  }
  // The edit tools in the order the map names them, for the grants to keep it.
  const order = edits.map(([name]) => name)
  if (last !== 'allow') return { rules, denied: [], order }
  // What an earlier version gives each edit tool: its own entry, else the last wildcard entry that matches it.
  const old = (tool: string): Action => [...entries].reverse().find(([name]) => name === tool)?.[1] ?? [...entries].reverse().find(([name]) => wild(name) && matches(tool, name))?.[1] ?? 'allow'
  // The edit permission grants these two (TOOL_PERMISSIONS).
  const denied = ['write', 'edit'].filter((tool) => old(tool) === 'deny')
  if (denied.length > 0) notes.push({ written: 'tools', message: `${list('allow')}: ${ONE} and grants all three, earlier versions only the tools the map turns on; ${denied.join(' and ')} ${denied.length > 1 ? 'are' : 'is'} not granted` })
  return { rules, denied, order }
}

/**
 * The rules of a `permission` value in order: a bare action is every
 * permission's; a key to an action is every use of it. A value that is not
 * allow, ask or deny (OpenCode refuses it) is read as deny, and said.
 */
function permissionRules(value: unknown, notes: ToolNote[]): Rule[] {
  const field = 'permission'
  if (value === undefined || value === null) return []
  const action = (v: unknown, said: string, what = 'allow, ask or deny'): Action => {
    if (typeof v === 'string' && ACTIONS.has(v)) return v as Action
    notes.push({ written: field, message: `${said} is not ${what}; read as deny`, invalid: true })
    return 'deny'
  }
  const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
  if (!isMap(value)) return [{ key: '*', pattern: '*', action: action(value, typeof value === 'string' ? `'${value}'` : shown(value), 'allow, ask or deny, nor a map of them'), field }]
  const rules: Rule[] = []
  for (const [key, v] of Object.entries(value)) {
    if (!isMap(v)) rules.push({ key, pattern: '*', action: action(v, `'${key}: ${shown(v)}'`), field })
    else for (const [pattern, a] of Object.entries(v)) rules.push({ key, pattern, action: action(a, `'${key}' ('${pattern}': ${shown(a)})`), field })
  }
  return rules
}

/** How the rules decide a permission: as a whole (the last rule for every use), and the rules for some uses after it that decide otherwise. */
interface Decision {
  whole: Action
  uses: Rule[]
}

/** Only `allow` grants outright: an ask is granted only as an ask grant of a tool asked before every use (readPermission). */
const allows = (action: Action | undefined): boolean => action === 'allow'

function decide(rules: readonly Rule[], name: string): Decision | undefined {
  const mine = rules.filter((r) => matches(name, r.key))
  if (mine.length === 0) return undefined
  const last = mine.map((r) => r.pattern).lastIndexOf('*')
  // No rule for every use: OpenCode asks.
  const whole = last === -1 ? 'ask' : mine[last]!.action
  return { whole, uses: mine.slice(last + 1).filter((r) => allows(r.action) !== allows(whole)) }
}

/**
 * The rules of some uses of a tool other dialects restrict the same way
 * (bash), as grants: those that decide otherwise than the rule for every use,
 * and a denial after an allow it may narrow (`"git *": allow` then
 * `"git push *": deny`), which other dialects write as a denial beside the
 * allow (Claude Code's `disallowedTools`). There a denial wins over an allow
 * whatever the order, so an allow after a denial it may reach is granted only
 * outside that denial: toward less, and said.
 */
function scopedUses(rules: readonly Rule[], name: string, whole: Action, notes: ToolNote[]): Rule[] {
  const mine = rules.filter((r) => matches(name, r.key))
  const after = mine.slice(mine.map((r) => r.pattern).lastIndexOf('*') + 1)
  const out: Rule[] = []
  for (const r of after) {
    const on = allows(r.action)
    const under = on ? out.find((u) => !allows(u.action) && mayOverlap(u.pattern, r.pattern)) : undefined
    if (under) notes.push({ written: r.field, message: `${said(r)} after ${said(under)}: other dialects let a denial win over an allow whatever the order; the uses both match are not granted` })
    // Decided as the rule for every use decides, a use matters only as a denial inside an allowed one.
    if (on === allows(whole) && (on || !out.some((u) => allows(u.action) && mayOverlap(u.pattern, r.pattern)))) continue
    out.push(r)
  }
  return out
}

/** The rules denying some uses of a tool after its rule for every use (an ask, which decides them otherwise). */
function deniedAfterAsk(rules: readonly Rule[], name: string): Rule[] {
  const mine = rules.filter((r) => matches(name, r.key))
  return mine.slice(mine.map((r) => r.pattern).lastIndexOf('*') + 1).filter((r) => r.action === 'deny')
}

/** `bash: deny`, or `bash ('git *': allow)` for a rule of some uses. */
const said = (r: Rule): string => (r.pattern === '*' ? `'${r.key}: ${r.action}'` : `'${r.key}' ('${r.pattern}': ${r.action})`)

/**
 * The permission rules that grant what the tools map turns off: OpenCode
 * 1.1.1 and later apply the rules after the map, so the rule wins, where
 * earlier versions kept the tool off. Said, so that the difference is never silent.
 */
function overrides(map: readonly Rule[], rules: readonly Rule[]): ToolNote[] {
  const notes: ToolNote[] = []
  for (const name of new Set([...Object.keys(TOOL_PERMISSIONS), ...rules.map((r) => r.key)])) {
    const off = map.filter((r) => matches(name, r.key)).pop()
    const d = decide(rules, name)
    const last = rules.filter((r) => r.field === 'permission' && allows(r.action) && matches(name, r.key)).pop()
    if (off?.action === 'deny' && d && (allows(d.whole) || d.uses.some((u) => allows(u.action))) && last) notes.push({ written: 'permission', message: `${said(last)} overrides the tools map's '${off.key}: false' (OpenCode 1.1.1 and later apply the rules after the map); ${name} is granted` })
  }
  return notes
}

/**
 * The grants of a tools map and a `permission` value, and what they say of
 * the rest. `other` reads a key that is not a built-in (an MCP tool).
 */
export function readPermission(map: unknown, value: unknown, other: (key: string, enabled: boolean) => Grant[]): ReadTools {
  const notes: ToolNote[] = []
  const fromMap = mapRules(map, notes)
  const rules = [...fromMap.rules, ...permissionRules(value, notes)]
  const out: Grant[] = fromMap.denied.map((id) => ({ kind: 'tool', id, args: '', enabled: false, written: id }))
  // A name no rule names but a wildcard: what every other tool gets.
  const rest = decide(rules.filter((r) => r.key === '*'), '\u0000')?.whole
  const restGrants = rest === undefined ? undefined : allows(rest)
  notes.push(...overrides(fromMap.rules, rules))
  // A tool asked for every use is an ask grant (the writers that cannot ask say so); any other ask is not granted.
  const asked = (key: string) => {
    const d = Object.hasOwn(TOOL_PERMISSIONS, key) ? decide(rules, key) : undefined
    return d?.whole === 'ask' && d.uses.length === 0 && rules.some((r) => r.key === key && r.pattern === '*' && r.action === 'ask')
  }
  for (const r of rules) {
    if (r.action === 'ask' && !NOT_TOOLS.has(r.key) && !asked(r.key)) notes.push({ written: r.field, message: `${said(r)}: only a tool asked before every use can be asked in other dialects; not granted` })
  }
  // In the order the rules name them (a map's order kept), then the rest.
  const at = (key: string) => {
    const i = rules.findIndex((r) => r.key === key)
    return i === -1 ? rules.length : i
  }
  for (const [key, tools] of Object.entries(TOOL_PERMISSIONS).sort(([a], [b]) => at(a) - at(b))) {
    const d = decide(rules, key)
    if (!d) continue
    // Some uses only of a tool that no other dialect restricts the same way: not granted.
    const limited = d.uses.length > 0 && !SCOPED.has(key)
    const on = allows(d.whole) && !limited
    const rank = (id: string) => (fromMap.order.includes(id) ? fromMap.order.indexOf(id) : fromMap.order.length)
    if (on && restGrants !== true) for (const id of [...tools.grant].sort((a, b) => rank(a) - rank(b))) out.push({ kind: 'tool', id, args: '', enabled: true, written: key })
    if (asked(key)) {
      for (const id of tools.deny) out.push({ kind: 'tool', id, args: '', enabled: false, written: key, ask: true })
      // Uses denied beside the ask (`"*": ask, "rm *": deny`) stay denials: never asked, in a dialect that can ask.
      if (SCOPED.has(key)) for (const u of deniedAfterAsk(rules, key)) out.push({ kind: 'tool', id: tools.grant[0]!, args: `(${u.pattern})`, enabled: false, written: `${key}(${u.pattern})` })
    } else if (!on && (restGrants !== false || (SCOPED.has(key) && d.uses.length > 0))) for (const id of tools.deny) out.push({ kind: 'tool', id, args: '', enabled: false, written: key })
    if (d.uses.length === 0) continue
    const field = d.uses[0]!.field
    if (SCOPED.has(key)) {
      for (const u of scopedUses(rules, key, d.whole, notes)) out.push({ kind: 'tool', id: tools.grant[0]!, args: `(${u.pattern})`, enabled: allows(u.action), written: `${key}(${u.pattern})` })
    } else {
      const list = d.uses.map((u) => `'${u.pattern}'`).join(', ')
      notes.push({ written: field, message: allows(d.whole) ? `'${key}': the rules denying some uses (${list}) have no equivalent; ${key} is not granted` : `'${key}': the rules allowing some uses (${list}) have no equivalent; ${key} is not granted` })
    }
  }
  const named = Object.keys(TOOL_PERMISSIONS)
  for (const key of [...new Set(rules.map((r) => r.key))]) {
    if (key === '*') continue
    if (NOT_TOOLS.has(key)) {
      notes.push({ written: 'permission', message: `'${key}' is not about tools and has no equivalent; dropped` })
      continue
    }
    const mine = rules.filter((r) => r.key === key)
    // Decided by every rule that matches it: a later wildcard rule wins over the key's own.
    const d = decide(rules, key)!
    const on = allows(d.whole)
    if (wild(key) && !serverWildcard(key)) {
      // Read over the built-in tools above; the MCP tools it also matches have no name to write.
      if (!on && restGrants !== false) notes.push({ written: mine[0]!.field, message: `'${key}' denies ${named.filter((n) => matches(n, key)).join(', ') || 'no built-in tool'} and any MCP tool whose name matches; the target cannot deny tools by such a pattern, so the MCP tools are not denied` })
      continue
    }
    if (named.includes(key)) continue
    // Some uses only: no other dialect names them, so the tool is not granted.
    const granted = on && d.uses.length === 0
    // A denial beside a wildcard that allows it (`github_*`) is said even where the rest is denied.
    const covered = !granted && rules.some((r) => r.key !== '*' && r.key !== key && wild(r.key) && matches(key, r.key) && allows(r.action))
    if (granted !== restGrants || covered) out.push(...other(key, granted))
    if (d.uses.length > 0) notes.push({ written: mine[0]!.field, message: `'${key}': the rules for some uses (${d.uses.map((u) => `'${u.pattern}'`).join(', ')}) have no equivalent; ${key} is not granted` })
  }
  return { grants: out, ...(restGrants === undefined ? {} : { rest: restGrants ? 'allow' : 'deny' }), notes }
}
