// OpenCode's `permission` field read as grants. Each key is a permission
// (`edit`, `bash`, an MCP tool, a wildcard such as `*`) set to allow, ask or
// deny, or to a map of patterns (`bash: {"*": deny, "git *": allow}`); the
// rules apply in order and the last one that matches decides, as OpenCode
// evaluates them. OpenCode's `edit` permission covers every tool that
// changes a file. The reading errs toward less: an `ask` is a grant (no other
// tool can ask for one agent), and a rule for some uses that the grants
// cannot carry is a note.
import type { Grant, ReadTools, ToolNote } from './types.js'

type Action = 'allow' | 'ask' | 'deny'

interface Rule {
  key: string
  pattern: string
  action: Action
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

/** The rules of a `permission` value in order: a bare action is every permission's; a key to an action is every use of it. */
function rulesOf(value: unknown, notes: ToolNote[]): Rule[] {
  if (typeof value === 'string') return ACTIONS.has(value) ? [{ key: '*', pattern: '*', action: value as Action }] : []
  if (!value || typeof value !== 'object' || Array.isArray(value)) return []
  const rules: Rule[] = []
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && ACTIONS.has(v)) rules.push({ key, pattern: '*', action: v as Action })
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [pattern, action] of Object.entries(v as Record<string, unknown>)) {
        if (typeof action === 'string' && ACTIONS.has(action)) rules.push({ key, pattern, action: action as Action })
      }
    } else notes.push({ written: 'permission', message: `'${key}' is not allow, ask or deny; dropped` })
  }
  return rules
}

/** How the rules decide a permission: as a whole (the last rule for every use), and the rules for some uses after it that decide otherwise. */
interface Decision {
  whole: Action
  uses: Rule[]
}

const allows = (action: Action | undefined): boolean => action !== 'deny'

function decide(rules: readonly Rule[], name: string): Decision | undefined {
  const mine = rules.filter((r) => matches(name, r.key))
  if (mine.length === 0) return undefined
  const last = mine.map((r) => r.pattern).lastIndexOf('*')
  // No rule for every use: OpenCode asks.
  const whole = last === -1 ? 'ask' : mine[last]!.action
  return { whole, uses: mine.slice(last + 1).filter((r) => allows(r.action) !== allows(whole)) }
}

/** `bash: deny`, or `bash ('git *': allow)` for a rule of some uses. */
const said = (r: Rule): string => (r.pattern === '*' ? `'${r.key}: ${r.action}'` : `'${r.key}' ('${r.pattern}': ${r.action})`)

/**
 * The grants of a `permission` value, what they say of the rest, the
 * built-in tools they decide and whether they decide a name (a tools map
 * entry). `other` reads a key that is not a built-in (an MCP tool).
 */
export function readPermission(value: unknown, other: (key: string, enabled: boolean) => Grant[]): ReadTools & { decided: Set<string>; decides: (name: string) => boolean } {
  const notes: ToolNote[] = []
  const rules = rulesOf(value, notes)
  const out: Grant[] = []
  const decided = new Set<string>()
  // A name no rule names but a wildcard: what every other tool gets.
  const rest = decide(rules.filter((r) => wild(r.key)), '\u0000')?.whole
  const restGrants = rest === undefined ? undefined : allows(rest)
  for (const r of rules) {
    if (r.action === 'ask' && !NOT_TOOLS.has(r.key)) notes.push({ written: 'permission', message: `${said(r)}: the target cannot ask before the tool is used; granted as if allowed` })
  }
  for (const [key, tools] of Object.entries(TOOL_PERMISSIONS)) {
    const d = decide(rules, key)
    if (!d) continue
    for (const id of [...tools.grant, ...tools.deny]) decided.add(id)
    const on = allows(d.whole)
    if (on && restGrants !== true) for (const id of tools.grant) out.push({ kind: 'tool', id, args: '', enabled: true, written: key })
    if (!on && (restGrants !== false || (SCOPED.has(key) && d.uses.length > 0))) for (const id of tools.deny) out.push({ kind: 'tool', id, args: '', enabled: false, written: key })
    if (d.uses.length === 0) continue
    if (SCOPED.has(key)) {
      for (const u of d.uses) out.push({ kind: 'tool', id: tools.grant[0]!, args: `(${u.pattern})`, enabled: allows(u.action), written: `${key}(${u.pattern})` })
    } else {
      const list = d.uses.map((u) => `'${u.pattern}'`).join(', ')
      notes.push({ written: 'permission', message: on ? `'${key}': the rules denying some uses (${list}) have no equivalent; dropped, so ${key} is granted for every use` : `'${key}': the rules allowing some uses (${list}) have no equivalent; ${key} is not granted` })
    }
  }
  const named = new Set(Object.keys(TOOL_PERMISSIONS))
  for (const key of [...new Set(rules.map((r) => r.key))]) {
    if (named.has(key) || (wild(key) && [...named].some((n) => matches(n, key))) || key === '*') continue
    if (NOT_TOOLS.has(key)) {
      notes.push({ written: 'permission', message: `'${key}' is not about tools and has no equivalent; dropped` })
      continue
    }
    const d = decide(rules.filter((r) => r.key === key), key)!
    const on = allows(d.whole)
    if (on !== restGrants) out.push(...other(key, on))
    if (d.uses.length > 0) notes.push({ written: 'permission', message: `'${key}': the rules for some uses (${d.uses.map((u) => `'${u.pattern}'`).join(', ')}) have no equivalent; dropped` })
  }
  const decides = (name: string) => rules.some((r) => matches(name, r.key))
  return { grants: out, ...(restGrants === undefined ? {} : { rest: restGrants ? 'allow' : 'deny' }), notes, decided, decides }
}
