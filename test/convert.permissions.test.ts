// Tool permissions never widen in `agentmerge convert`: OpenCode's tools map
// (wildcard keys such as `web*`, write/edit/patch as one permission) and its
// `permission` rules (the `*` wildcard, `ask`, per-command bash maps, `edit`
// covering every tool that changes a file) become the target's allowlist and
// denials; an allowlist stays one (OpenCode's map opens with `"*": false`, so
// MCP tools stay off); a tool granted for some uses only is never granted
// whole. The round trips are checked against a small reading of each dialect
// written here, apart from the code under test: no target grants more of a
// tool than its source (any use of a denied tool, every use of a limited
// one), unless a warning names it.
import fc from 'fast-check'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { front, textFile } from './helpers/agent-files.js'

const runs = Number(process.env.FUZZ_RUNS ?? 40)


const file = textFile

async function convert(to: string, path: string): Promise<{ fm: Record<string, unknown>; stdout: string; stderr: string }> {
  const r = await cli(['convert', '--to', to, path])
  expect(r.code, r.stderr).toBe(0)
  return { fm: front(r.stdout), stdout: r.stdout, stderr: r.stderr }
}

const OPENCODE_FILE = (frontmatter: string) => `---\ndescription: Reviews code.\nmode: subagent\n${frontmatter}---\n\nReview the change.\n`

/** An OpenCode agent with this frontmatter, written as NAME in a fresh temporary directory. */
function openCode(name: string, frontmatter: string): { dir: string; src: string } {
  const dir = tempDir('agentmerge-perms-')
  return { dir, src: file(dir, name, OPENCODE_FILE(frontmatter)) }
}

describe('OpenCode permission -> Claude Code and Copilot', () => {
  it('"*": deny becomes an allowlist of exactly what is allowed, said as converted, not as a dropped field', async () => {
    const { dir, src } = openCode('oc6.md', 'permission:\n  "*": deny\n  read: allow\n')
    const claude = await convert('claude', src)
    expect(claude.fm.tools).toBe('Read')
    expect(claude.stderr).toContain(`${src}:4: warning: field 'permission' ({"*":"deny","read":"allow"}): its tool rules are written as Claude Code's 'tools'`)
    expect(claude.stderr).not.toContain('no such field')
    const copilot = await convert('copilot', src)
    expect(copilot.fm.tools).toEqual(['read'])
    // Nothing allowed at all: an empty allowlist, never no field (which grants every tool).
    const none = file(dir, 'none.md', OPENCODE_FILE('permission: deny\n'))
    expect((await convert('claude', none)).fm.tools).toEqual([])
    expect((await convert('copilot', none)).fm.tools).toEqual([])
  })

  it("a denial is a denial in the target: edit covers Edit, Write and NotebookEdit (and the old MultiEdit, which Edit's denial covers), a bash map denying '*' denies Bash", async () => {
    const { src } = openCode('oc7.md', 'permission:\n  edit: deny\n  webfetch: deny\n  bash:\n    "*": deny\n')
    const claude = await convert('claude', src)
    expect(claude.fm.tools).toBeUndefined()
    expect(claude.fm.disallowedTools).toBe('Edit, Write, NotebookEdit, WebFetch, Bash')
    // Copilot cannot deny: the open rules are written as an allowlist without the denied tools, never as every tool.
    const copilot = await convert('copilot', src)
    const tools = copilot.fm.tools as string[]
    for (const name of ['edit', 'edit/editFiles', 'execute', 'execute/runInTerminal', 'web', 'web/fetch']) expect(tools).not.toContain(name)
    expect(tools).toContain('read')
    expect(copilot.stderr).toContain(`${src}:4: warning: field 'permission' leaves on every tool it does not name but denies some, and Copilot cannot deny a tool`)
  })

  it('ask is not granted, with a warning; nor is a tool denied for some uses; commands allowed under a denied bash are Bash(pattern) for Claude Code and not granted by Copilot', async () => {
    const { dir, src } = openCode('oc8.md', 'permission:\n  "*": deny\n  read: allow\n  edit: ask\n  github_*: allow\n  external_directory: allow\n  bash:\n    "*": deny\n    "git *": allow\n  webfetch:\n    "*": allow\n    "https://internal/*": deny\n')
    const claude = await convert('claude', src)
    expect(claude.fm.tools).toBe('Read, Bash(git *), mcp__github__*')
    expect(claude.stderr).toContain(`${src}:4: warning: tool 'edit: ask': Claude Code cannot ask before a tool is used; not granted`)
    expect(claude.stderr).toContain(`${src}:4: warning: field 'permission': 'webfetch': the rules denying some uses ('https://internal/*') have no equivalent; webfetch is not granted`)
    expect(claude.stderr).toContain(`${src}:4: warning: field 'permission': 'external_directory' is not about tools and has no equivalent; dropped`)
    const copilot = await convert('copilot', src)
    expect(copilot.fm.tools).toEqual(['read', 'github/*'])
    expect(copilot.stderr).toContain(`${src}:4: warning: tool 'bash(git *)': Copilot cannot grant some uses of a tool; not granted`)
    // Without an allowlist Claude Code cannot grant some commands beside the denial of Bash: Bash is denied, and it says so.
    const open = file(dir, 'open.md', OPENCODE_FILE('permission:\n  bash:\n    "*": deny\n    "git *": allow\n'))
    const c = await convert('claude', open)
    expect(c.fm.tools).toBeUndefined()
    expect(c.fm.disallowedTools).toBe('Bash')
    expect(c.stderr).toContain("tool 'bash(git *)': Claude Code cannot grant some uses of a tool without a tools allowlist; not granted (Bash is denied)")
    // Commands denied under an allowed bash stay denied: Bash(rm *) in disallowedTools; a map without '*': false
    // leaves every tool on, in OpenCode and so in Claude Code (no allowlist), and says so.
    const some = file(dir, 'some.md', OPENCODE_FILE('tools:\n  read: true\n  bash: true\npermission:\n  bash:\n    "*": allow\n    "rm *": deny\n'))
    const s = await convert('claude', some)
    expect(s.fm.tools).toBeUndefined()
    expect(s.fm.disallowedTools).toBe('Bash(rm *)')
    expect(s.stderr).toContain("field 'tools' turns tools on but leaves on every tool it does not name (no allowlist)")
  })

  it("a tools map's '*': false is an allowlist, and a permission rule wins over the map", async () => {
    const { dir, src } = openCode('map.md', 'tools:\n  "*": false\n  read: true\n  bash: true\npermission:\n  bash: deny\n')
    expect((await convert('claude', src)).fm.tools).toBe('Read')
    expect((await convert('copilot', src)).fm.tools).toEqual(['read'])
    // The map's '*' alone closes the list that the permission rules add to.
    const closed = file(dir, 'closed.md', OPENCODE_FILE('tools:\n  "*": false\npermission:\n  read: allow\n'))
    const c = await convert('claude', closed)
    expect(c.fm.tools).toBe('Read')
    expect(c.fm.disallowedTools).toBeUndefined()
    const nothing = file(dir, 'nothing.md', OPENCODE_FILE('tools:\n  "*": false\n'))
    expect((await convert('claude', nothing)).fm.tools).toEqual([])
  })
})

describe('Claude Code -> OpenCode', () => {
  it('an allowlist opens its map with "*": false, so that MCP tools stay off', async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'reader.md', '---\nname: reader\ndescription: Reads.\ntools: Read, mcp__github__get_issue\n---\n\nRead.\n')
    const { fm } = await convert('opencode', src)
    const tools = fm.tools as Record<string, boolean>
    expect(Object.entries(tools)[0]).toEqual(['*', false])
    expect(Object.entries(tools).filter(([, on]) => on).map(([k]) => k)).toEqual(['read', 'github_get_issue'])
  })

  it("an agent that writes and edits can edit in OpenCode 1.1.1+, which reads write, edit and patch as one permission (the last entry deciding)", async () => {
    const dir = tempDir('agentmerge-perms-')
    const both = await convert('opencode', file(dir, 'both.md', '---\nname: both\ndescription: Edits.\ntools: Read, Write, Edit\n---\n\nEdit.\n'))
    const tools = both.fm.tools as Record<string, boolean>
    // No `patch: false` after the granted edit and write: it would deny all three there.
    const edits = Object.entries(tools).filter(([k]) => ['write', 'edit', 'patch'].includes(k))
    expect(edits[edits.length - 1]![1]).toBe(true)
    expect(both.stderr).not.toContain('one permission')
    // Edit without Write cannot be said there: denied, never widened to Write, and said so.
    const src = file(dir, 'edit.md', '---\nname: edit\ndescription: Edits.\ntools: Read, Edit\n---\n\nEdit.\n')
    const one = await convert('opencode', src)
    const oneEdits = Object.entries(one.fm.tools as Record<string, boolean>).filter(([k]) => ['write', 'edit', 'patch'].includes(k))
    expect(oneEdits[oneEdits.length - 1]![1]).toBe(false)
    expect(one.stderr).toContain(`${src}:4: warning: tool 'edit': OpenCode 1.1.1 and later reads write, edit and patch as one 'edit' permission and cannot grant one without the others; this map denies all three there`)
  })

  it('tools: [] stays no tools there and back, with no warning about a denied tool', async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'quiet.md', '---\nname: quiet\ndescription: Thinks.\ntools: []\n---\n\nThink.\n')
    const there = await convert('opencode', src)
    expect(Object.values(there.fm.tools as Record<string, boolean>).every((on) => on === false)).toBe(true)
    expect((there.fm.tools as Record<string, boolean>)['*']).toBe(false)
    const mid = file(dir, '.opencode/agent/quiet.md', there.stdout)
    const back = await convert('claude', mid)
    expect(back.fm.tools).toEqual([])
    expect(back.fm.disallowedTools).toBeUndefined()
    expect(back.stderr).not.toMatch(/instead|has no Claude Code equivalent/)
    // A map from before the wildcard, every built-in off, is denials: written in current Claude Code's names, without "granted X instead"
    // ('patch: false' is OpenCode 1.1.1's one 'edit' permission: every editing tool); an old tool (NotebookRead, MultiEdit) is
    // no tool there, its use denied with its replacement's, and one whose replacement stays granted (LS, TodoRead) is said.
    const old = file(dir, '.opencode/agent/old.md', OPENCODE_FILE('tools:\n  read: false\n  list: false\n  todoread: false\n  patch: false\n'))
    const o = await convert('claude', old)
    expect(o.fm.disallowedTools).toBe('Read, Edit, Write, NotebookEdit')
    expect(o.stderr).not.toMatch(/instead|equivalent|'(patch|read)'/)
    expect(o.stderr).toContain("denying 'list': LS is not a tool of current Claude Code, so there is nothing to deny; left out (Glob is not denied)")
    expect(o.stderr).toContain("denying 'todoread': TodoRead is not a tool of current Claude Code")
  })
})

describe('review mends: nothing widens through a pattern, a limit or an ask', () => {
  it("a tools map's wildcard key is read over the known tools: web* denies WebFetch and WebSearch, github_* every GitHub MCP tool", async () => {
    const { dir, src } = openCode('web.md', 'tools:\n  "web*": false\n  "github_*": false\n  notatool: false\n')
    const c = await convert('claude', src)
    // Claude Code matches names exactly: `web*` there would deny nothing.
    expect(c.fm.disallowedTools).toBe('WebFetch, WebSearch, mcp__github__*, notatool')
    expect(c.stderr).toContain(`${src}:4: warning: field 'tools': 'web*' denies webfetch, websearch and any MCP tool whose name matches; the target cannot deny tools by such a pattern, so the MCP tools are not denied`)
    expect(c.stderr).toContain(`${src}:4: warning: tool denying 'notatool': not a Claude Code tool name; written as is, and it denies only a tool of that exact name`)
    const o = await convert('opencode', file(dir, '.claude/agents/web.md', c.stdout))
    expect((o.fm.tools as Record<string, boolean>).webfetch).toBe(false)
  })

  it('a grant of some uses is expressed where the target can (OpenCode bash rules) and not granted where it cannot (Copilot)', async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'git.md', '---\nname: git\ndescription: Git.\ntools: Read, Bash(git *)\n---\n\nUse git.\n')
    const o = await convert('opencode', src)
    expect((o.fm.tools as Record<string, boolean>).bash).toBe(true)
    expect(o.fm.permission).toEqual({ bash: { '*': 'deny', 'git *': 'allow' } })
    // And back: the same grant.
    expect((await convert('claude', file(dir, '.opencode/agent/git.md', o.stdout))).fm.tools).toBe('Read, Bash(git *)')
    const p = await convert('copilot', src)
    expect(p.fm.tools).toEqual(['read'])
    expect(p.stderr).toContain(`${src}:4: warning: tool 'Bash(git *)': Copilot cannot grant some uses of a tool; not granted`)
    // A denial of some commands beside Bash: OpenCode's rules say it; Copilot cannot, so it does not grant execute.
    const rm = file(dir, 'rm.md', '---\nname: rm\ndescription: Shell.\ntools: Read, Bash\ndisallowedTools: Bash(rm *)\n---\n\nUse the shell.\n')
    expect((await convert('opencode', rm)).fm.permission).toEqual({ bash: { '*': 'allow', 'rm *': 'deny' } })
    expect((await convert('copilot', rm)).fm.tools).toEqual(['read'])
  })

  it("an MCP server's every tool beside a denial of one is not granted by Copilot, which cannot deny it; the warning names it", async () => {
    const dir = tempDir('agentmerge-perms-')
    const pm = file(dir, 'pm.md', OPENCODE_FILE('permission:\n  "*": deny\n  read: allow\n  github_*: allow\n  github_delete_repo: deny\n'))
    const a = await convert('copilot', pm)
    expect(a.fm.tools).toEqual(['read'])
    expect(a.stderr).toContain(`${pm}:4: warning: tool 'github_*' except 'github_delete_repo': Copilot cannot deny some tools of a server; 'github/*' is not granted`)
    const pc = file(dir, 'pc.md', '---\nname: pc\ndescription: Issues.\ntools: Read, mcp__github__*, mcp__github__get_issue\ndisallowedTools: mcp__github__delete_repo\n---\n\nTriage.\n')
    const b = await convert('copilot', pc)
    // A tool of the server granted by name stays granted: the denial does not reach it.
    expect(b.fm.tools).toEqual(['read', 'github/get_issue'])
    expect(b.stderr).toContain(`${pc}:4: warning: tool 'mcp__github__*' except 'mcp__github__delete_repo': Copilot cannot deny some tools of a server; 'github/*' is not granted`)
  })

  it('an edit permission with an exception, and an ask, are not granted; each warning names it', async () => {
    const { src } = openCode('env.md', 'permission:\n  edit:\n    "*": allow\n    "*.env": deny\n  bash: ask\n')
    const c = await convert('claude', src)
    expect(c.fm.tools).toBeUndefined()
    expect(c.fm.disallowedTools).toBe('Edit, Write, NotebookEdit, Bash')
    expect(c.stderr).toContain(`${src}:4: warning: field 'permission': 'edit': the rules denying some uses ('*.env') have no equivalent; edit is not granted`)
    expect(c.stderr).toContain(`${src}:4: warning: tool 'bash: ask': Claude Code cannot ask before a tool is used; not granted`)
  })

  it('the permission summary says when the rules leave every tool granted, and when a rule overrides the tools map', async () => {
    const dir = tempDir('agentmerge-perms-')
    const open = file(dir, 'open.md', OPENCODE_FILE('permission:\n  bash: allow\n'))
    const c = await convert('claude', open)
    expect(c.fm.tools).toBeUndefined()
    expect(c.stderr).toContain(`${open}:4: warning: field 'permission' ({"bash":"allow"}): the rules leave every tool granted; nothing to write`)
    expect(c.stderr).not.toContain('no field for its tool rules')
    const over = file(dir, 'over.md', OPENCODE_FILE('tools:\n  bash: false\npermission:\n  bash: allow\n'))
    const o = await convert('claude', over)
    expect(o.fm.disallowedTools).toBeUndefined()
    expect(o.stderr).toContain(`${over}:6: warning: field 'permission': 'bash: allow' overrides the tools map's 'bash: false' (OpenCode 1.1.1 and later apply the rules after the map); bash is granted`)
  })

  it('a permission list and a patch grant that the edit entries after it deny are warnings', async () => {
    const dir = tempDir('agentmerge-perms-')
    const list = file(dir, 'list.md', OPENCODE_FILE('permission: [read, bash]\n'))
    const l = await convert('claude', list)
    // OpenCode refuses such a value: read toward less, it denies every tool.
    expect(l.stderr).toContain(`${list}:4: warning: field 'permission': ["read","bash"] is not allow, ask or deny, nor a map of them; read as deny`)
    expect(l.fm.tools).toEqual([])
    const patch = file(dir, 'patch.md', OPENCODE_FILE('tools:\n  "*": false\n  read: true\n  patch: true\n  write: false\n  edit: false\n'))
    const p = await convert('claude', patch)
    expect(p.fm.tools).toBe('Read')
    expect(p.stderr).toContain(`${patch}:4: warning: field 'tools': 'patch: true' overridden by 'write: false', 'edit: false' after it: OpenCode 1.1.1 and later reads write, edit and patch as one 'edit' permission, the last entry deciding; not granted`)
  })
})

describe('convert and YAML aliases', () => {
  it('a field kept as written keeps its value when its anchor is on a converted field', async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'alias.md', '---\nname: alias\ndescription: Aliased.\ntools: &t [Read, Grep]\nx-extra: *t\n---\n\nAlias.\n')
    const r = await convert('copilot', src)
    expect(r.fm.tools).toEqual(['read', 'search/textSearch'])
    expect(r.fm['x-extra']).toEqual(['Read', 'Grep'])
    expect(r.stderr).toContain(`${src}:5: warning: field 'x-extra' is not a Copilot field; kept as written`)
  })
})

// A reading of each dialect's tool fields, apart from the code under test:
// how much of a tool it grants, none (0), some uses only (1: `Bash(git *)`,
// `edit` except `*.env`) or every use (2). Tools are canonical ids; MCP tools
// are `mcp:server/tool`. A source is read at its narrowest (an `ask` grants
// nothing, since no target can ask; an OpenCode map grants an edit tool only
// if both OpenCode 1.1.1+, which folds write, edit and patch into one `edit`
// permission, and earlier versions, one tool per entry, grant it), a target at
// its widest.
type Level = 0 | 1 | 2
const TOOLS = ['read', 'write', 'edit', 'notebookedit', 'bash', 'bashoutput', 'killshell', 'grep', 'glob', 'webfetch', 'websearch', 'todowrite', 'agent']
const UNIVERSE = [...TOOLS, 'mcp:github/get_issue', 'mcp:webtools/fetch', 'mcp:other/tool']
const CLAUDE_NAMES: Record<string, string> = { read: 'Read', write: 'Write', edit: 'Edit', notebookedit: 'NotebookEdit', bash: 'Bash', bashoutput: 'BashOutput', killshell: 'KillShell', grep: 'Grep', glob: 'Glob', webfetch: 'WebFetch', websearch: 'WebSearch', todowrite: 'TodoWrite', agent: 'Agent', 'mcp:github/get_issue': 'mcp__github__get_issue', 'mcp:webtools/fetch': 'mcp__webtools__fetch', 'mcp:other/tool': 'mcp__other__tool' }
// OpenCode has no tool of its own for the last three: a rule for every tool (`*`) decides them.
const OPENCODE_NAMES: Record<string, string> = { read: 'read', write: 'write', edit: 'edit', notebookedit: 'notebookedit', bash: 'bash', bashoutput: 'bashoutput', killshell: 'killshell', grep: 'grep', glob: 'glob', webfetch: 'webfetch', websearch: 'websearch', todowrite: 'todowrite', agent: 'task', 'mcp:github/get_issue': 'github_get_issue', 'mcp:webtools/fetch': 'webtools_fetch', 'mcp:other/tool': 'other_tool' }
// Copilot's aliases grant every tool of their set (GitHub's custom agents reference: `read` is Read and
// NotebookRead, `edit` Edit, MultiEdit, Write and NotebookEdit, `execute` the shell), alone or as `SET/*`; a
// `SET/TOOL` name (VS Code's tools reference) grants that tool alone; names compared case-insensitively.
const COPILOT_ALIASES: Record<string, string[]> = {
  read: ['read', 'notebookread'], edit: ['edit', 'multiedit', 'write', 'notebookedit'], search: ['grep', 'glob', 'list'], execute: ['bash', 'bashoutput', 'killshell'],
  web: ['webfetch', 'websearch'], agent: ['agent'], todo: ['todowrite'],
}
const COPILOT_TOOLS: Record<string, string> = {
  'read/readfile': 'read', 'read/getnotebooksummary': 'notebookread', 'edit/editfiles': 'edit', 'edit/createfile': 'write', 'edit/editnotebook': 'notebookedit',
  'search/textsearch': 'grep', 'search/filesearch': 'glob', 'search/listdirectory': 'list', 'search/codebase': 'grep',
  'execute/runinterminal': 'bash', 'execute/getterminaloutput': 'bashoutput', 'execute/killterminal': 'killshell', 'web/fetch': 'webfetch', 'agent/runsubagent': 'agent',
}

const list = (v: unknown): string[] => (typeof v === 'string' ? v.split(/,(?![^(]*\))/).map((s) => s.trim()).filter(Boolean) : Array.isArray(v) ? v.map(String) : [])
const base = (name: string) => name.replace(/\(.*$/, '')
const server = (tool: string) => /^mcp:([^/]+)\//.exec(tool)?.[1]

function claudeLevel(fm: Record<string, unknown>, tool: string): Level {
  const name = CLAUDE_NAMES[tool]!
  // Claude Code matches names exactly, but a server's every tool (`mcp__github__*` or `mcp__github`).
  const whole = (n: string) => n === name || (server(tool) !== undefined && (n === `mcp__${server(tool)}__*` || n === `mcp__${server(tool)}`))
  const some = (n: string) => n !== base(n) && base(n) === name
  const denied = list(fm.disallowedTools)
  if (denied.some(whole)) return 0
  const allowed: Level = fm.tools === undefined || list(fm.tools).some(whole) ? 2 : list(fm.tools).some(some) ? 1 : 0
  return denied.some(some) ? (Math.min(allowed, 1) as Level) : allowed
}

function copilotLevel(fm: Record<string, unknown>, tool: string): Level {
  if (fm.tools === undefined) return 2
  const grants = (name: string) => {
    const lower = name.toLowerCase()
    const alias = COPILOT_ALIASES[lower.replace(/\/\*$/, '')]
    if (alias) return alias.includes(tool)
    if (COPILOT_TOOLS[lower] !== undefined) return COPILOT_TOOLS[lower] === tool
    return name === tool.replace(/^mcp:/, '') || name === `${server(tool)}/*`
  }
  return list(fm.tools).some(grants) ? 2 : 0
}

type Rule = [key: string, pattern: string, action: string]
const glob = (key: string, name: string) => new RegExp(`^${key.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(name)
const EDIT_KEYS = ['write', 'edit', 'patch', 'multiedit']

/** The `permission` field's rules in order. */
function permissionRules(fm: Record<string, unknown>): Rule[] {
  const p = fm.permission
  if (typeof p === 'string') return [['*', '*', p]]
  if (!p || typeof p !== 'object' || Array.isArray(p)) return []
  return Object.entries(p as Record<string, unknown>).flatMap(([k, v]): Rule[] => (typeof v === 'string' ? [[k, '*', v]] : Object.entries(v as Record<string, string>).map(([pat, a]): Rule => [k, pat, a])))
}

/** The level the rules give a permission name, the last match deciding; `ask` as granted only at the widest. */
function ruleLevel(rules: readonly Rule[], name: string, widest: boolean): Level {
  const mine = rules.filter(([k]) => glob(k, name))
  if (mine.length === 0) return 2
  const on = (a: string) => a === 'allow' || (widest && a === 'ask')
  const last = mine.map(([, p]) => p).lastIndexOf('*')
  const whole = last === -1 ? widest : on(mine[last]![2])
  const uses = mine.slice(last + 1).some(([, , a]) => on(a) !== whole)
  return whole ? (uses ? 1 : 2) : uses ? 1 : 0
}

/** OpenCode: the tools map and then the permission rules, as 1.1.1+ reads them and as earlier versions did. */
function opencodeLevel(fm: Record<string, unknown>, tool: string, widest: boolean): Level {
  const map = Object.entries((fm.tools ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === false ? 'deny' : 'allow'] as const)
  const name = OPENCODE_NAMES[tool]!
  // 1.1.1+: write, edit and patch are one `edit` rule, where the first stands, the last deciding.
  const folded = new Map<string, string>()
  for (const [k, a] of map) folded.set(EDIT_KEYS.includes(k) ? 'edit' : k, a)
  const now = ruleLevel([...[...folded].map(([k, a]): Rule => [k, '*', a]), ...permissionRules(fm)], EDIT_KEYS.includes(name) ? 'edit' : name, widest)
  // Earlier: the map turns each tool on or off by its own entry (or the last wildcard that matches it), then the rules.
  const own = [...map].reverse().find(([k]) => k === name) ?? [...map].reverse().find(([k]) => k.includes('*') && glob(k, name))
  const before: Level = own?.[1] === 'deny' ? 0 : ruleLevel(permissionRules(fm), EDIT_KEYS.includes(name) ? 'edit' : name, widest)
  return (widest ? Math.max(now, before) : Math.min(now, before)) as Level
}

const LEVEL: Record<string, (fm: Record<string, unknown>, tool: string, widest: boolean) => Level> = { claude: claudeLevel, opencode: opencodeLevel, copilot: copilotLevel }

/** The tools a name in a warning stands for, in any dialect's spelling. */
function named(name: string): string[] {
  const lower = base(name).toLowerCase()
  if (lower === 'edit') return ['edit', 'write']
  if (lower === 'task') return ['agent']
  const mcp = /^(?:mcp__github__|github_)(.+)$/.exec(name)
  return mcp ? [`mcp:github/${mcp[1]}`] : [lower]
}

/**
 * Every tool the target grants more of than the source does (every use where
 * the source grants some, any use where it grants none), unless a warning
 * names it: a tool granted as a wider one, a denial the target cannot say, MCP
 * tools a wildcard denies, a permission rule that overrides the map.
 */
function expectNoWidening(from: string, source: Record<string, unknown>, to: string, target: Record<string, unknown>, stderr: string): void {
  const denials = [...stderr.matchAll(/denying '([^']+)': \w+ has no way to deny/g)].flatMap((m) => named(m[1]!))
  const patterns = [...stderr.matchAll(/'([^']+)' denies [^;]*any MCP tool whose name matches/g)].map((m) => m[1]!)
  // OpenCode 1.1.1+ applies the permission rules after the map; earlier versions kept a tool the map turns off off.
  // A tool the target has no name for, granted as a wider one that the warning names (NotebookEdit as OpenCode's edit).
  const wider = [...stderr.matchAll(/; granted '([^']+)', which reaches/g)].map((m) => m[1]!)
  const overridden = [...stderr.matchAll(/overrides the tools map's '[^']+: false' [^;]*; (\S+) is granted/g)].map((m) => m[1]!)
  for (const tool of UNIVERSE) {
    const there = LEVEL[to]!(target, tool, true)
    const here = LEVEL[from]!(source, tool, false)
    if (there <= here) continue
    const warned = wider.includes(OPENCODE_NAMES[tool] ?? '') || denials.some((d) => d === tool || (d.endsWith('/*') && tool.startsWith(d.slice(0, -1)))) || (tool.startsWith('mcp:') && patterns.some((p) => glob(p, OPENCODE_NAMES[tool]!))) || overridden.some((k) => glob(k, EDIT_KEYS.includes(OPENCODE_NAMES[tool]!) ? 'edit' : OPENCODE_NAMES[tool]!))
    expect(warned, `${to} grants ${there === 2 ? 'every use of' : 'some uses of'} ${tool}, where the ${from} source grants ${here === 1 ? 'some uses only' : 'none'}:\n${JSON.stringify(source)}\n-> ${JSON.stringify(target)}\n${stderr}`).toBe(true)
  }
}

const subset = (names: readonly string[]) => fc.subarray([...names])
const claudeSource = fc.record({
  tools: fc.option(fc.oneof(subset([...TOOLS.map((t) => CLAUDE_NAMES[t]!), 'mcp__github__get_issue', 'Bash(git *)']), fc.constantFrom(['Edit'], ['Write'], ['Read', 'Edit'], ['Read', 'Write'], ['Bash(git *)'])), { nil: undefined }),
  disallowedTools: fc.option(subset(['Bash', 'WebFetch', 'Write', 'mcp__github__get_issue', 'Bash(rm *)', 'web*']), { nil: undefined }),
}).map(({ tools, disallowedTools }) => {
  const lines = [...(tools ? [`tools: [${tools.join(', ')}]`] : []), ...(disallowedTools && disallowedTools.length > 0 ? [`disallowedTools: ${disallowedTools.join(', ')}`] : [])]
  return `---\nname: gen\ndescription: Generated.\n${lines.map((l) => l + '\n').join('')}---\n\nWork.\n`
})

const action = fc.constantFrom('allow', 'ask', 'deny')
const opencodeSource = fc.record({
  star: fc.option(fc.boolean(), { nil: undefined }),
  map: fc.dictionary(fc.constantFrom(...TOOLS.map((t) => OPENCODE_NAMES[t]!), 'patch', 'github_get_issue', 'web*', 'github_*', '*search'), fc.boolean(), { maxKeys: 5 }),
  permStar: fc.option(action, { nil: undefined }),
  perm: fc.dictionary(fc.constantFrom('read', 'edit', 'webfetch', 'task', 'github_*', 'web*'), action, { maxKeys: 3 }),
  bash: fc.option(fc.tuple(action, fc.option(action, { nil: undefined })), { nil: undefined }),
  envDenied: fc.boolean(),
}).map(({ star, map, permStar, perm, bash, envDenied }) => {
  const tools = [...(star === undefined ? [] : [`  "*": ${star}`]), ...Object.entries(map).map(([k, v]) => `  ${JSON.stringify(k)}: ${v}`)]
  const rules = [...(permStar === undefined ? [] : [`  "*": ${permStar}`]), ...Object.entries(perm).filter(([k]) => !(envDenied && k === 'edit')).map(([k, v]) => `  ${JSON.stringify(k)}: ${v}`)]
  if (bash) rules.push('  bash:', `    "*": ${bash[0]}`, ...(bash[1] === undefined ? [] : [`    "git *": ${bash[1]}`]))
  if (envDenied) rules.push('  edit:', '    "*": allow', '    "*.env": deny')
  const fm = [...(tools.length > 0 ? ['tools:', ...tools] : []), ...(rules.length > 0 ? ['permission:', ...rules] : [])]
  return OPENCODE_FILE(fm.map((l) => l + '\n').join(''))
})

const PLACE: Record<string, string> = { claude: '.claude/agents/gen.md', opencode: '.opencode/agent/gen.md', copilot: '.github/agents/gen.agent.md' }

/** Converts a source there and back (and to Copilot), checking each step against the source. */
async function roundTrip(from: string, to: string, text: string): Promise<void> {
  const dir = tempDir('agentmerge-perms-')
  const source = front(text)
  const src = file(dir, PLACE[from]!, text)
  const there = await convert(to, src)
  expectNoWidening(from, source, to, there.fm, there.stderr)
  const mid = file(join(dir, 'mid'), PLACE[to]!, there.stdout)
  const back = await convert(from, mid)
  expectNoWidening(from, source, from, back.fm, there.stderr + back.stderr)
  const copilot = await convert('copilot', src)
  expectNoWidening(from, source, 'copilot', copilot.fm, copilot.stderr)
}

describe('round trips never grant a tool the source did not', () => {
  it('claude -> opencode -> claude, and claude -> copilot', async () => {
    await fc.assert(fc.asyncProperty(claudeSource, (text) => roundTrip('claude', 'opencode', text)), { seed: 20261207, numRuns: runs })
  })

  it('opencode -> claude -> opencode, and opencode -> copilot', async () => {
    await fc.assert(fc.asyncProperty(opencodeSource, (text) => roundTrip('opencode', 'claude', text)), { seed: 20261208, numRuns: runs })
  })
})
