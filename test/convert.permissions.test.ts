// Tool permissions never widen in `agentmerge convert`: OpenCode's
// `permission` rules (the `*` wildcard, `ask`, per-command bash maps, `edit`
// covering every tool that changes a file) and its tools map's `*` become the
// target's allowlist and denials; an allowlist stays one (OpenCode's map opens
// with `"*": false`, so MCP tools stay off). The round trips are checked
// against a small reading of each dialect written here, apart from the code
// under test: no tool the source denies is granted, unless a warning names it.
import fc from 'fast-check'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const runs = Number(process.env.FUZZ_RUNS ?? 40)

const front = (text: string): Record<string, unknown> => (parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) ?? {}) as Record<string, unknown>

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  return path
}

async function convert(to: string, path: string): Promise<{ fm: Record<string, unknown>; stdout: string; stderr: string }> {
  const r = await cli(['convert', '--to', to, path])
  expect(r.code, r.stderr).toBe(0)
  return { fm: front(r.stdout), stdout: r.stdout, stderr: r.stderr }
}

const OPENCODE_FILE = (frontmatter: string) => `---\ndescription: Reviews code.\nmode: subagent\n${frontmatter}---\n\nReview the change.\n`

describe('OpenCode permission -> Claude Code and Copilot', () => {
  it('"*": deny becomes an allowlist of exactly what is allowed, said as converted, not as a dropped field', async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'oc6.md', OPENCODE_FILE('permission:\n  "*": deny\n  read: allow\n'))
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

  it("a denial is a denial in the target: edit covers Edit, Write, MultiEdit and NotebookEdit, a bash map denying '*' denies Bash", async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'oc7.md', OPENCODE_FILE('permission:\n  edit: deny\n  webfetch: deny\n  bash:\n    "*": deny\n'))
    const claude = await convert('claude', src)
    expect(claude.fm.tools).toBeUndefined()
    expect(claude.fm.disallowedTools).toBe('Edit, Write, MultiEdit, NotebookEdit, WebFetch, Bash')
    // Copilot cannot deny: with no allowlist to write, each denial is a warning by name.
    const copilot = await convert('copilot', src)
    expect(copilot.fm.tools).toBeUndefined()
    for (const name of ['edit', 'bash', 'webfetch']) expect(copilot.stderr).toContain(`${src}:4: warning: tool denying '${name}': Copilot has no way to deny a tool; dropped`)
  })

  it('ask is not granted, with a warning; nor is a tool denied for some uses; commands allowed under a denied bash are Bash(pattern) for Claude Code and not granted by Copilot', async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'oc8.md', OPENCODE_FILE('permission:\n  "*": deny\n  read: allow\n  edit: ask\n  github_*: allow\n  external_directory: allow\n  bash:\n    "*": deny\n    "git *": allow\n  webfetch:\n    "*": allow\n    "https://internal/*": deny\n'))
    const claude = await convert('claude', src)
    expect(claude.fm.tools).toBe('Read, Bash(git *), mcp__github__*')
    expect(claude.stderr).toContain(`${src}:4: warning: field 'permission': 'edit: ask': the target cannot ask before the tool is used; not granted`)
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
    // Commands denied under an allowed bash stay denied: Bash(rm *) in disallowedTools, beside the allowlist.
    const some = file(dir, 'some.md', OPENCODE_FILE('tools:\n  read: true\n  bash: true\npermission:\n  bash:\n    "*": allow\n    "rm *": deny\n'))
    const s = await convert('claude', some)
    expect(s.fm.tools).toBe('Read, Bash')
    expect(s.fm.disallowedTools).toBe('Bash(rm *)')
  })

  it("a tools map's '*': false is an allowlist, and a permission rule wins over the map", async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'map.md', OPENCODE_FILE('tools:\n  "*": false\n  read: true\n  bash: true\npermission:\n  bash: deny\n'))
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
    // A map from before the wildcard, every built-in off, is denials: written in their own names, without "granted X instead"
    // ('patch: false' is OpenCode 1.1.1's one 'edit' permission: every editing tool).
    const old = file(dir, '.opencode/agent/old.md', OPENCODE_FILE('tools:\n  read: false\n  list: false\n  todoread: false\n  patch: false\n'))
    const o = await convert('claude', old)
    expect(o.fm.disallowedTools).toBe('Read, NotebookRead, LS, TodoRead, Edit, Write, MultiEdit, NotebookEdit')
    expect(o.stderr).not.toMatch(/instead|equivalent/)
  })
})

describe('convert and YAML aliases', () => {
  it('a field kept as written keeps its value when its anchor is on a converted field', async () => {
    const dir = tempDir('agentmerge-perms-')
    const src = file(dir, 'alias.md', '---\nname: alias\ndescription: Aliased.\ntools: &t [Read, Grep]\nx-extra: *t\n---\n\nAlias.\n')
    const r = await convert('copilot', src)
    expect(r.fm.tools).toEqual(['read', 'search'])
    expect(r.fm['x-extra']).toEqual(['Read', 'Grep'])
    expect(r.stderr).toContain(`${src}:5: warning: field 'x-extra' is not a Copilot field; kept as written`)
  })
})

// A reading of each dialect's tool fields, apart from the code under test: is
// this tool granted (for some use at least)? Tools are canonical ids; MCP
// tools are `mcp:server/tool`.
const TOOLS = ['read', 'write', 'edit', 'bash', 'grep', 'glob', 'webfetch', 'websearch', 'todowrite', 'agent']
const UNIVERSE = [...TOOLS, 'mcp:github/get_issue', 'mcp:other/tool']
const CLAUDE_NAMES: Record<string, string> = { read: 'Read', write: 'Write', edit: 'Edit', bash: 'Bash', grep: 'Grep', glob: 'Glob', webfetch: 'WebFetch', websearch: 'WebSearch', todowrite: 'TodoWrite', agent: 'Agent', 'mcp:github/get_issue': 'mcp__github__get_issue' }
const OPENCODE_NAMES: Record<string, string> = { read: 'read', write: 'write', edit: 'edit', bash: 'bash', grep: 'grep', glob: 'glob', webfetch: 'webfetch', websearch: 'websearch', todowrite: 'todowrite', agent: 'task', 'mcp:github/get_issue': 'github_get_issue' }
const COPILOT_ALIASES: Record<string, string[]> = { read: ['read'], edit: ['edit', 'write'], search: ['grep', 'glob', 'list'], execute: ['bash'], web: ['webfetch', 'websearch'], agent: ['agent'], todo: ['todowrite'] }

const list = (v: unknown): string[] => (typeof v === 'string' ? v.split(/,(?![^(]*\))/).map((s) => s.trim()).filter(Boolean) : Array.isArray(v) ? v.map(String) : [])
const base = (name: string) => name.replace(/\(.*$/, '')

function claudeGrants(fm: Record<string, unknown>, tool: string): boolean {
  const named = (names: string[], whole: boolean) => names.some((n) => (whole ? n : base(n)) === CLAUDE_NAMES[tool] || (tool.startsWith('mcp:github/') && n === 'mcp__github__*'))
  const allowed = fm.tools === undefined || named(list(fm.tools), false)
  return allowed && !named(list(fm.disallowedTools), true)
}

function copilotGrants(fm: Record<string, unknown>, tool: string): boolean {
  if (fm.tools === undefined) return true
  return list(fm.tools).some((a) => (COPILOT_ALIASES[a] ?? []).includes(tool) || a === tool.replace(/^mcp:/, '') || (tool.startsWith('mcp:github/') && a === 'github/*'))
}

/** OpenCode: the tools map by key (`*` for the rest), then the permission rules, the last that matches deciding. */
function opencodeGrants(fm: Record<string, unknown>, tool: string): boolean {
  const perm = ['write', 'edit'].includes(tool) ? 'edit' : OPENCODE_NAMES[tool] ?? tool.replace(/^mcp:/, '').replace('/', '_')
  const match = (key: string, name: string) => new RegExp(`^${key.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name)
  const rules = typeof fm.permission === 'string' ? { '*': fm.permission } : ((fm.permission ?? {}) as Record<string, unknown>)
  const mine = Object.entries(rules).filter(([key]) => match(key, perm))
  const last = mine[mine.length - 1]
  if (last) {
    const [, v] = last
    return typeof v === 'string' ? v !== 'deny' : Object.values(v as Record<string, string>).some((a) => a !== 'deny')
  }
  const map = (fm.tools ?? {}) as Record<string, boolean>
  const name = OPENCODE_NAMES[tool] ?? tool.replace(/^mcp:/, '').replace('/', '_')
  if (name in map) return map[name] !== false
  const wild = Object.entries(map).filter(([k]) => k.includes('*') && match(k, name))
  return wild.length === 0 ? true : wild[wild.length - 1]![1] !== false
}

const READ: Record<string, (fm: Record<string, unknown>, tool: string) => boolean> = { claude: claudeGrants, opencode: opencodeGrants, copilot: copilotGrants }

/** The tools a name in a warning stands for, in any dialect's spelling. */
function named(name: string): string[] {
  const lower = base(name).toLowerCase()
  if (lower === 'edit') return ['edit', 'write']
  if (lower === 'task') return ['agent']
  const mcp = /^(?:mcp__github__|github_)(.+)$/.exec(name)
  return mcp ? [`mcp:github/${mcp[1]}`] : [lower]
}

/**
 * Every tool the target grants, the source grants, or a warning names it:
 * what an alias also grants, or a denial the target cannot say.
 */
function expectNoWidening(from: string, source: Record<string, unknown>, to: string, target: Record<string, unknown>, stderr: string): void {
  const denials = [...stderr.matchAll(/denying '([^']+)': \w+ has no way to deny/g)].flatMap((m) => named(m[1]!))
  for (const tool of UNIVERSE) {
    if (!READ[to]!(target, tool) || READ[from]!(source, tool)) continue
    const warned = new RegExp(`also grants [^:]*\\b${tool}\\b`).test(stderr) || denials.some((d) => d === tool || (d.endsWith('/*') && tool.startsWith(d.slice(0, -1))))
    expect(warned, `${to} grants ${tool}, which the ${from} source does not:\n${JSON.stringify(source)}\n-> ${JSON.stringify(target)}\n${stderr}`).toBe(true)
  }
}

const subset = (names: readonly string[]) => fc.subarray([...names])
const claudeSource = fc.record({
  tools: fc.option(subset([...TOOLS.map((t) => CLAUDE_NAMES[t]!), 'mcp__github__get_issue', 'Bash(git *)']), { nil: undefined }),
  disallowedTools: fc.option(subset(['Bash', 'WebFetch', 'Write', 'mcp__github__get_issue', 'Bash(rm *)']), { nil: undefined }),
}).map(({ tools, disallowedTools }) => {
  const lines = [...(tools ? [`tools: [${tools.join(', ')}]`] : []), ...(disallowedTools && disallowedTools.length > 0 ? [`disallowedTools: ${disallowedTools.join(', ')}`] : [])]
  return `---\nname: gen\ndescription: Generated.\n${lines.map((l) => l + '\n').join('')}---\n\nWork.\n`
})

const action = fc.constantFrom('allow', 'ask', 'deny')
const opencodeSource = fc.record({
  star: fc.option(fc.boolean(), { nil: undefined }),
  map: fc.dictionary(fc.constantFrom(...TOOLS.map((t) => OPENCODE_NAMES[t]!), 'github_get_issue'), fc.boolean(), { maxKeys: 5 }),
  permStar: fc.option(action, { nil: undefined }),
  perm: fc.dictionary(fc.constantFrom('read', 'edit', 'webfetch', 'task', 'github_*'), action, { maxKeys: 3 }),
  bash: fc.option(fc.tuple(action, fc.option(action, { nil: undefined })), { nil: undefined }),
}).map(({ star, map, permStar, perm, bash }) => {
  const tools = [...(star === undefined ? [] : [`  "*": ${star}`]), ...Object.entries(map).map(([k, v]) => `  ${k}: ${v}`)]
  const rules = [...(permStar === undefined ? [] : [`  "*": ${permStar}`]), ...Object.entries(perm).map(([k, v]) => `  ${k.includes('*') ? `"${k}"` : k}: ${v}`)]
  if (bash) rules.push('  bash:', `    "*": ${bash[0]}`, ...(bash[1] === undefined ? [] : [`    "git *": ${bash[1]}`]))
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
