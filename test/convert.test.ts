// `agentmerge convert` through the real CLI: each direction between Claude
// Code, OpenCode and Copilot on the shipped fixtures and on files written to
// exercise the hard cases (Agent(...), MCP tools, old tool names, model names,
// fields one dialect has and another has not), with a warning naming path:line
// for everything that could not be said exactly, and the body unchanged.
import { existsSync, linkSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { convertMeta } from '../src/convert/index.js'
import { dialect, readModel } from '../src/dialects/index.js'
import { parseAgent, statementsOf } from '../src/index.js'
import { cli, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { front, textFile } from './helpers/agent-files.js'

const temp = () => tempDir('agentmerge-convert-')
const ids = (text: string, path = 'x.md') => statementsOf(parseAgent(text, path).root).map((s) => s.id)

const file = textFile

const CLAUDE = `---
name: release-helper
description: Prepares releases.
tools: Read, Grep, Glob, LS, MultiEdit, Bash(git log:*), Agent(worker, researcher), mcp__github__*, mcp__jira__get_issue, BashOutput
disallowedTools: WebFetch
model: opus
permissionMode: acceptEdits
maxTurns: 12
color: blue
team: platform
---

You prepare releases.

- Read the changelog first.
- Never push tags yourself.
`

describe('convert CLI', () => {
  it('Claude Code -> OpenCode: a map of booleans that keeps the allowlist, provider/model, no foreign fields', async () => {
    const dir = temp()
    const src = file(dir, 'release-helper.md', CLAUDE)
    const r = await cli(['convert', '--to', 'opencode', src])
    expect(r.code).toBe(0)
    const fm = front(r.stdout)
    expect(fm).toEqual({
      description: 'Prepares releases.',
      model: 'anthropic/claude-opus-4-1',
      maxSteps: 12,
      // Some commands only: bash is on in the map and its permission rules allow those alone.
      permission: { bash: { '*': 'deny', 'git log *': 'allow' } },
      tools: {
        '*': false,
        // Some sub-agents only: OpenCode cannot say it in its frontmatter, so the task tool is not granted.
        task: false, bash: true, glob: true, grep: true, list: true, edit: true, read: true,
        'github_*': true, jira_get_issue: true,
        webfetch: false, write: false, patch: false, websearch: false, todowrite: false, todoread: false, skill: false,
      },
      color: '#3B82F6',
    })
    // Every field and tool OpenCode cannot say is named with its line.
    expect(r.stderr).not.toContain("'Bash(git log:*)'")
    expect(r.stderr).toContain(`${src}:4: warning: tool 'Agent(worker, researcher)': OpenCode cannot grant some sub-agents only of 'task'; not granted`)
    expect(r.stderr).toContain(`${src}:4: warning: tool 'BashOutput' has no OpenCode equivalent; dropped`)
    expect(r.stderr).toContain(`${src}:6: warning: model alias 'opus' has no OpenCode spelling; pinned to 'anthropic/claude-opus-4-1'`)
    expect(r.stderr).toContain(`${src}:7: warning: field 'permissionMode' (acceptEdits): OpenCode has no permission modes; dropped`)
    expect(r.stderr).toContain(`${src}:10: warning: field 'team' (platform): not an OpenCode field, and OpenCode passes unknown fields on to the model provider; dropped`)
    expect(r.stdout).not.toMatch(/^(name|team|permissionMode|disallowedTools):/m)
    // The body is the same statements.
    expect(ids(r.stdout)).toEqual(ids(CLAUDE))
  })

  it('Claude Code -> Copilot: aliases, server/*, agents, display model names', async () => {
    const dir = temp()
    const src = file(dir, 'release-helper.md', CLAUDE)
    const r = await cli(['convert', '--to', 'copilot', src])
    expect(r.code).toBe(0)
    const fm = front(r.stdout)
    expect(fm.name).toBe('release-helper')
    // Bash(git log:*) is some commands only, which Copilot's execute cannot say: not granted. BashOutput has
    // no alias of its own, only its exact name; MultiEdit has neither (Copilot's edit folds Edit and Write).
    expect(fm.tools).toEqual(['read', 'search', 'execute/getTerminalOutput', 'agent', 'github/*', 'jira/get_issue'])
    expect(fm.agents).toEqual(['worker', 'researcher'])
    expect(fm.model).toBe('Claude Opus 4.1')
    expect(fm.team).toBe('platform')
    expect(r.stderr).toContain(`${src}:10: warning: field 'team' is not a Copilot field; kept as written (Copilot ignores it)`)
    expect(r.stderr).toContain(`${src}:9: warning: field 'color' (blue): Copilot has no such field; dropped`)
    expect(r.stderr).toContain(`${src}:8: warning: field 'maxTurns' (12): Copilot has no limit on turns; dropped`)
    expect(r.stderr).toContain(`${src}:4: warning: tool 'Bash(git log:*)': Copilot cannot grant some uses of a tool; not granted`)
    expect(r.stderr).toContain(`${src}:4: warning: tool 'MultiEdit' has no Copilot equivalent; dropped`)
    expect(r.stderr).not.toContain('also grants')
  })

  it('Claude Code -> Copilot: a tool whose alias grants more than the agent had goes by its exact name, or is not granted', async () => {
    const dir = temp()
    const narrow = file(dir, 'narrow.md', '---\nname: narrow\ndescription: Narrow.\ntools: Grep, Write, WebFetch\n---\nBe narrow.\n')
    const r = await cli(['convert', '--to', 'copilot', '--strict', narrow])
    expect(front(r.stdout).tools).toEqual(['edit/createFile', 'search/textSearch', 'web/fetch'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    // WebSearch has no name of its own, and 'web' would grant WebFetch too: left out, with a warning.
    const search = file(dir, 'search.md', '---\nname: search\ndescription: Search.\ntools: Read, WebSearch\n---\nBe searching.\n')
    const s = await cli(['convert', '--to', 'copilot', '--strict', search])
    expect(front(s.stdout).tools).toEqual(['read'])
    expect(s.stderr).toContain(`${search}:4: warning: tool 'WebSearch': Copilot has no name for it alone, and its alias 'web' also grants web/fetch; not granted`)
    expect(s.code).toBe(1)
    // A name the source ignores grants nothing: where Copilot reads it as an alias, it is not written.
    const named = file(dir, 'named.md', '---\nname: named\ndescription: Named.\ntools: Read, web\n---\nBe named.\n')
    const n = await cli(['convert', '--to', 'copilot', named])
    expect(front(n.stdout).tools).toEqual(['read'])
    expect(n.stderr).toContain(`${named}:4: warning: tool 'web': not a Claude Code tool, so it grants nothing there, and Copilot would read it as a tool; dropped`)
    expect(n.stderr).not.toContain('(for )')
    // Glob already lists folders: the usual set maps onto whole aliases without a warning.
    const usual = file(dir, 'usual.md', '---\nname: usual\ndescription: Usual.\ntools: Read, Edit, Write, Grep, Glob, Bash\n---\nBe usual.\n')
    const u = await cli(['convert', '--to', 'copilot', '--strict', usual])
    expect(u.stderr).toBe('')
    expect(u.code).toBe(0)
  })

  it('Copilot -> Claude Code: aliases expand, agents fold into Agent(...), the name becomes a slug', async () => {
    const dir = temp()
    const src = file(dir, 'reviewer.agent.md', `---
name: Code Reviewer
description: Reviews changes.
tools: ['read', 'search', 'agent', 'github/*', 'todo']
agents: [linter, tester]
model: ['Claude Sonnet 4 (copilot)', 'GPT-5 (copilot)']
target: vscode
handoffs:
  - label: Fix
    agent: fixer
---
Review the change.
`)
    const r = await cli(['convert', '--to', 'claude', src])
    expect(r.code).toBe(0)
    const fm = front(r.stdout)
    expect(fm).toEqual({ name: 'code-reviewer', description: 'Reviews changes.', tools: 'Read, Grep, Glob, Agent(linter, tester), mcp__github__*, TodoWrite', model: 'claude-sonnet-4' })
    expect(r.stderr).toContain(`${src}:2: warning: name 'Code Reviewer' written as 'code-reviewer'`)
    expect(r.stderr).toContain(`${src}:6: warning: model fallbacks 'GPT-5 (copilot)': Claude Code takes one model; dropped`)
    expect(r.stderr).toContain(`${src}:7: warning: field 'target' (vscode): Claude Code has no such field; dropped`)
    expect(r.stderr).toMatch(new RegExp(`${src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8: warning: field 'handoffs'`))
  })

  it('the OpenCode fixture -> Claude Code and Copilot, and a Claude Code fixture round trip', async () => {
    const r = await cli(['convert', '--to', 'claude', FIXTURES + 'backend-developer-opencode.md'])
    expect(r.code).toBe(0)
    expect(front(r.stdout)).toEqual({
      name: 'backend-developer-opencode',
      description: 'Senior backend engineer building scalable server-side solutions with focus on performance, security, and maintainability',
    })
    expect(r.stderr).toContain("backend-developer-opencode.md:4: warning: field 'disabled' (true): Claude Code has no field that turns an agent off")
    // Its map has no '*': false: OpenCode leaves every other tool on, and so does the conversion, saying so.
    expect(r.stderr).toContain("backend-developer-opencode.md:5: warning: field 'tools' turns tools on but leaves on every tool it does not name (no allowlist)")
    const c = await cli(['convert', '--to', 'copilot', FIXTURES + 'backend-developer-opencode.md'])
    expect(front(c.stdout).tools).toBeUndefined()
    expect(front(c.stdout)).toMatchObject({ 'user-invocable': false })

    // The YAML-list variant: Claude Code -> OpenCode -> Claude Code keeps the tools and the body.
    const dir = temp()
    const once = await cli(['convert', '--to', 'opencode', FIXTURES + 'backend-developer-structured.md'])
    expect(once.code).toBe(0)
    expect(Object.keys(front(once.stdout))).toEqual(['description', 'model', 'tools', 'color'])
    const mid = file(dir, 'backend-developer.md', once.stdout)
    const back = await cli(['convert', '--to', 'claude', mid])
    expect(back.code).toBe(0)
    const fm = front(back.stdout)
    expect(fm.tools).toBe('Read, Grep, Glob, TodoWrite, WebSearch, WebFetch')
    expect(fm.name).toBe('backend-developer')
    expect(fm.model).toBe('claude-sonnet-4-5')
    expect(fm.color).toBe('orange')
    const original = readFileSync(FIXTURES + 'backend-developer-structured.md', 'utf8')
    expect(ids(back.stdout)).toEqual(ids((await cli(['normalize', FIXTURES + 'backend-developer-structured.md'])).stdout))
    expect(ids(back.stdout).length).toBe(ids(original).length)
  })

  it('--out-dir names files for the target, --strict fails on warnings, errors are one line', async () => {
    const dir = temp()
    const src = file(dir, 'release-helper.md', CLAUDE)
    const out = join(dir, 'out')
    const r = await cli(['convert', '--to', 'copilot', '--out-dir', out, '--strict', src])
    expect(r.code).toBe(1)
    expect(existsSync(join(out, 'release-helper.agent.md'))).toBe(true)
    const clean = file(dir, 'plain.md', '---\nname: plain\ndescription: Plain.\ntools: Read\n---\nBe plain.\n')
    expect((await cli(['convert', '--to', 'copilot', '--strict', clean])).code).toBe(0)
    // A warning of the read counts too: in its own dialect the structured fixture's one warning is its mojibake, kept.
    const kept = await cli(['convert', '--to', 'claude', '--strict', FIXTURES + 'backend-developer-structured.md'])
    expect(kept.code).toBe(1)
    expect(kept.stderr).toMatch(/^\S*backend-developer-structured\.md:4:9: warning: suspected mojibake "[^"]+", likely "🟠"/)
    // A target that is an input, however spelled, is refused by the write path (device and inode): one line, exit 2, the input kept.
    const link = join(dir, 'link')
    symlinkSync(dir, link)
    for (const outDir of [dir, link]) {
      const again = await cli(['convert', '--to', 'claude', '--out-dir', outDir, clean])
      expect(again.code).toBe(2)
      expect(again.stderr).toBe(`${join(outDir, 'plain.md')}: is the same file as the input ${clean}; inputs are never overwritten\n`)
    }
    expect(readFileSync(clean, 'utf8')).toBe('---\nname: plain\ndescription: Plain.\ntools: Read\n---\nBe plain.\n')
    // --output onto the input, as its own path, through a symlink and through a hard link: the same check.
    symlinkSync(clean, join(dir, 'symlinked.md'))
    linkSync(clean, join(dir, 'hardlinked.md'))
    for (const output of [clean, join(dir, 'symlinked.md'), join(dir, 'hardlinked.md')]) {
      const onto = await cli(['convert', '--to', 'opencode', '--output', output, clean])
      expect(onto.code).toBe(2)
      expect(onto.stderr).toBe(`${output}: is the same file as the input ${clean}; inputs are never overwritten\n`)
    }
    expect(readFileSync(clean, 'utf8')).toBe('---\nname: plain\ndescription: Plain.\ntools: Read\n---\nBe plain.\n')
    const bad = await cli(['convert', '--to', 'cursor', clean])
    expect(bad.code).toBe(2)
    const missing = await cli(['convert', '--to', 'claude', join(dir, 'nope.md')])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    const help = await cli(['convert', '--help'])
    expect(help.stdout).toContain('Examples:')
  })
})

describe('convertMeta and model names', () => {
  it('reads and writes model names in each dialect', async () => {
    expect(dialect('copilot').models.spell(readModel('anthropic/claude-sonnet-4-20250514', dialect('opencode')))).toEqual({ value: 'Claude Sonnet 4' })
    expect(dialect('claude').models.spell(readModel('Claude Sonnet 3.5', dialect('copilot')))).toEqual({ value: 'claude-3-5-sonnet' })
    expect(dialect('copilot').models.spell(readModel('openai/gpt-5', dialect('opencode')))).toEqual({ value: 'GPT-5' })
    expect(dialect('opencode').models.spell(readModel('GPT-4.1', dialect('copilot')))).toEqual({ value: 'openai/gpt-4.1' })
    expect(dialect('opencode').models.spell(readModel('Gemini 2.5 Pro', dialect('copilot')))).toEqual({ value: 'google/gemini-2.5-pro' })
    expect(dialect('opencode').models.spell(readModel('inherit', dialect('claude')))).toEqual({})
    expect(dialect('claude').models.spell(readModel('openai/gpt-5', dialect('opencode'))).dropped).toBe(true)
  })

  it("an OpenCode permission's denials stay denials: Claude Code's disallowedTools, and a denial wins over the tools map", () => {
    const denied = parseAgent('---\ndescription: Reviews.\npermission:\n  bash: deny\n  webfetch: deny\n  edit: ask\n---\n\nReview code.\n', '.opencode/agent/p.md')
    expect(denied.meta.dialect).toBe('opencode')
    const claude = convertMeta(denied.meta, 'claude', { path: 'p.md' }).fields
    // `ask` is not granted: no other tool can ask first.
    expect(claude.find((f) => f.key === 'disallowedTools')?.value).toBe('Bash, WebFetch, Edit, Write, NotebookEdit')
    expect(claude.find((f) => f.key === 'tools')).toBeUndefined()
    const both = parseAgent('---\ndescription: Reviews.\ntools:\n  bash: true\n  read: true\npermission:\n  bash: deny\n---\n\nReview code.\n', '.opencode/agent/q.md')
    // Without '*': false the map leaves every tool on: no allowlist in Claude Code either.
    const bothFields = convertMeta(both.meta, 'claude', { path: 'q.md' }).fields
    expect(bothFields.find((f) => f.key === 'tools')).toBeUndefined()
    expect(bothFields.find((f) => f.key === 'disallowedTools')?.value).toBe('Bash')
    // Copilot cannot deny: the rules are written as an allowlist without the denied tools, said in a warning.
    const copilot = convertMeta(denied.meta, 'copilot', { path: 'p.md' })
    const tools = copilot.fields.find((f) => f.key === 'tools')?.value as string[]
    for (const name of ['execute', 'execute/runInTerminal', 'web', 'web/fetch', 'edit']) expect(tools).not.toContain(name)
    expect(copilot.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('Copilot cannot deny a tool; written as an allowlist'))
  })

  it('NotebookEdit to OpenCode is not granted as edit, which reaches every file, and says so', () => {
    const nb = parseAgent('---\nname: nb\ndescription: Notebooks.\ntools: NotebookEdit\n---\n\nEdit notebooks.\n', 'nb.md')
    const c = convertMeta(nb.meta, 'opencode', { path: 'nb.md' })
    expect(c.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/NotebookEdit': OpenCode has no such tool, and its 'edit' would grant more \(every file\); not granted/))
    expect((c.fields.find((f) => f.key === 'tools')?.value as Record<string, boolean>).edit).toBe(false)
  })

  it('an allowlist that grants nothing stays one: never left out, which would grant everything', async () => {
    const none = parseAgent('---\nname: quiet\ndescription: Q.\ntools: []\n---\nThink.\n', 'quiet.md')
    expect(convertMeta(none.meta, 'copilot').fields.find((f) => f.key === 'tools')?.value).toEqual([])
    const opencode = convertMeta(none.meta, 'opencode').fields.find((f) => f.key === 'tools')?.value as Record<string, boolean>
    expect(Object.values(opencode).every((v) => v === false)).toBe(true)
    const only = parseAgent('---\nname: shell\ndescription: S.\ntools: SlashCommand, ExitPlanMode\n---\nWatch.\n', 'shell.md')
    const c = convertMeta(only.meta, 'copilot', { path: 'shell.md' })
    expect(c.fields.find((f) => f.key === 'tools')?.value).toEqual([])
    expect(c.warnings.map((w) => w.message)).toContain("tool 'SlashCommand' has no Copilot equivalent; dropped")
  })

  it('is the identity for the agent’s own dialect and never keeps unknown fields for OpenCode', async () => {
    const agent = parseAgent(CLAUDE, 'release-helper.md')
    expect(convertMeta(agent.meta, 'claude').fields).toEqual(agent.meta.fields)
    const { fields, warnings } = convertMeta(agent.meta, 'opencode', { path: 'release-helper.md' })
    expect(fields.map((f) => f.key).sort()).toEqual(['color', 'description', 'maxSteps', 'model', 'permission', 'tools'])
    expect(warnings.every((w) => w.path === 'release-helper.md' && typeof w.line === 'number')).toBe(true)
  })
})
