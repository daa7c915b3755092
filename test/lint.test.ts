// `agentmerge lint` through the real CLI on a repository laid out the way
// teams keep agents (.claude/agents, .opencode/agent, .github/agents): each
// rule finds what it should, with path:line, a clean collection passes,
// --json, --target, --ignore and --min-agents do what they say, the findings
// do not depend on the order of the files, and agents of different roles are
// not reported for opening with a role.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatFinding } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

function repo(files: Record<string, string>): string {
  const dir = tempDir('agentmerge-lint-')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

const SHARED = '- Never commit secrets or credentials to the repository.\n'

const FILES = {
  'README.md': '# Project\n\nNot an agent.\n',
  '.claude/agents/reviewer.md': `---\nname: reviewer\ndescription: Reviews code.\ntools: Read, read, LS, Bash(git diff:*), Agent(worker), mcp__github__*, Frobnicate\ntemperature: 0.2\n---\n\nYou review code.\n\n${SHARED}`,
  '.claude/agents/team/reviewer-old.md': `---\nname: reviewer\ndescription: Old reviewer.\n---\n\nYou review code slowly.\n\n${SHARED}`,
  '.claude/agents/writer.md': `---\ndescription: Writes docs.\ntools: [Read, Write]\n---\n\nYou write docs.\n\n${SHARED}`,
  '.opencode/agent/helper.md': `---\nname: helper\ndescription: Helps.\nmode: subagent\ntools:\n  Read: true\n  bash: false\n  github_*: false\n---\n\nYou help.\n`,
  '.github/agents/planner.agent.md': `---\ndescription: Plans.\ntools: ['read', 'search', 'Bash', 'github/*', 'frob']\npermissionMode: plan\n---\n\nYou plan.\n`,
}

describe('lint CLI', () => {
  it('reports each rule with path:line and exits 1', async () => {
    const dir = repo(FILES)
    const r = await cli(['lint', '.'], { cwd: dir })
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toEqual([
      ".claude/agents/reviewer.md:4: tool 'read' is spelled 'Read' in Claude Code (tool names are case-sensitive); Claude Code ignores it (unknown-tool)",
      ".claude/agents/reviewer.md:4: tool 'LS' is not a tool of current Claude Code (an old name); use Glob (unknown-tool)",
      ".claude/agents/reviewer.md:4: tool 'Frobnicate' is not a Claude Code tool; Claude Code ignores it (unknown-tool)",
      ".claude/agents/reviewer.md:5: field 'temperature' is not a Claude Code field; Claude Code ignores it (ignored-field)",
      '.claude/agents/reviewer.md:10: statement repeated in 3 agents: "Never commit secrets or credentials to the repository." (also .claude/agents/team/reviewer-old.md:8, .claude/agents/writer.md:8); consider one shared file (repeated-statement)',
      ".claude/agents/team/reviewer-old.md:2: agent name 'reviewer' is also used by .claude/agents/reviewer.md:2 in the same scope; Claude Code loads only one of them (duplicate-name)",
      ".claude/agents/writer.md:1: Claude Code requires 'name' in the frontmatter and skips an agent without it (missing-field)",
      ".github/agents/planner.agent.md:3: tool 'frob' is not a Copilot tool; Copilot ignores it (unknown-tool)",
      ".github/agents/planner.agent.md:4: field 'permissionMode' is not a Copilot field; Copilot ignores it (ignored-field)",
      ".opencode/agent/helper.md:2: field 'name' is not an OpenCode field; OpenCode passes unknown fields on to the model provider (ignored-field)",
      ".opencode/agent/helper.md:5: tool 'Read' is spelled 'read' in OpenCode (unknown-tool)",
    ])
    expect(r.stderr).toContain('11 findings in 5 files')
  })

  it("the text lines are the library's formatFinding of the JSON findings; a finding about a whole file has no line", async () => {
    const dir = repo(FILES)
    const text = await cli(['lint', '.'], { cwd: dir })
    const json = await cli(['lint', '--json', '.'], { cwd: dir })
    const { findings } = JSON.parse(json.stdout) as { findings: Parameters<typeof formatFinding>[0][] }
    expect(findings.length).toBeGreaterThan(0)
    expect(text.stdout).toBe(findings.map((f) => formatFinding(f) + '\n').join(''))
    expect(formatFinding({ path: 'a\u001b.md', message: 'not in canonical form', rule: 'normalize' })).toBe('a\\x1b.md: not in canonical form (normalize)')
  })

  it('--json, --ignore, --min-agents and --target', async () => {
    const dir = repo(FILES)
    const json = JSON.parse((await cli(['lint', '--json', '.claude'], { cwd: dir })).stdout) as { files: number; findings: Array<{ rule: string; path: string; line: number }> }
    expect(json.files).toBe(3)
    expect(json.findings.map((f) => f.rule)).toContain('repeated-statement')
    const some = await cli(['lint', '--ignore', 'unknown-tool,ignored-field,missing-field', '--min-agents', '4', '.claude'], { cwd: dir })
    expect(some.stdout.trim().split('\n')).toEqual([
      ".claude/agents/team/reviewer-old.md:2: agent name 'reviewer' is also used by .claude/agents/reviewer.md:2 in the same scope; Claude Code loads only one of them (duplicate-name)",
    ])
    // Read as OpenCode would: Claude Code spellings are wrong there, and `name` leaks to the provider.
    const asOpencode = await cli(['lint', '--target', 'opencode', '--ignore', 'repeated-statement,duplicate-name', '.claude/agents/writer.md'], { cwd: dir })
    expect(asOpencode.stdout).toContain(".claude/agents/writer.md:3: tool 'Read' is spelled 'read' in OpenCode (unknown-tool)")
    expect(asOpencode.code).toBe(1)
    const bad = await cli(['lint', '--ignore', 'nope', '.'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('a required field written blank is reported at its own line, as an empty or null one is', async () => {
    const body = '\n\nYou are x.\n'
    const dir = repo({
      '.claude/agents/blank.md': `---\nname: "   "\ndescription: Blank name.\n---${body}`,
      '.claude/agents/empty.md': `---\nname: ""\ndescription: Empty name.\n---${body}`,
      '.claude/agents/nothing.md': `---\nname: nothing\ndescription:\n---${body}`,
    })
    const r = await cli(['lint', '--ignore', 'repeated-statement', '.claude'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout.trim().split('\n')).toEqual([
      ".claude/agents/blank.md:2: Claude Code requires 'name' in the frontmatter and skips an agent without it; it is blank here (missing-field)",
      ".claude/agents/empty.md:2: Claude Code requires 'name' in the frontmatter and skips an agent without it; it is blank here (missing-field)",
      ".claude/agents/nothing.md:3: Claude Code requires 'description' in the frontmatter and skips an agent without it; it is blank here (missing-field)",
    ])
  })

  it('a clean collection exits 0 and prints nothing', async () => {
    const dir = repo({
      '.claude/agents/a.md': '---\nname: a\ndescription: A.\ntools: Read, Grep, Agent(b), mcp__db__query\n---\n\nDo A.\n',
      '.claude/agents/b.md': '---\nname: b\ndescription: B.\nmodel: haiku\n---\n\nDo B.\n',
      '.github/agents/c.agent.md': "---\ndescription: C.\ntools: ['read', 'edit', 'Grep', 'db/*']\nhandoffs: []\n---\n\nDo C.\n",
    })
    const r = await cli(['lint'], { cwd: dir })
    expect(r.stdout).toBe('')
    expect(r.code).toBe(0)
    const broken = repo({ '.claude/agents/x.md': '---\nname: [unclosed\n---\nx\n' })
    const e = await cli(['lint', '.'], { cwd: broken })
    expect(e.code).toBe(2)
    expect(e.stderr).toMatch(/^\.claude\/agents\/x\.md:2(:\d+)?: /)
  })

  it('the findings, the file a finding names and its list of other places do not depend on the order of the files', async () => {
    const dir = repo(FILES)
    const files = Object.keys(FILES).filter((f) => f !== 'README.md')
    const given = await cli(['lint', ...files], { cwd: dir })
    const reversed = await cli(['lint', ...[...files].reverse()], { cwd: dir })
    expect(given.code).toBe(1)
    expect(reversed.stdout).toBe(given.stdout)
    // The first file by path keeps the name; the first occurrence by path is reported, the others listed by path.
    expect(reversed.stdout).toContain(".claude/agents/team/reviewer-old.md:2: agent name 'reviewer' is also used by .claude/agents/reviewer.md:2 in the same scope")
    expect(reversed.stdout).toContain('.claude/agents/reviewer.md:10: statement repeated in 3 agents: "Never commit secrets or credentials to the repository." (also .claude/agents/team/reviewer-old.md:8, .claude/agents/writer.md:8)')
  })

  describe('a folder of agents of different roles (the three fixture families)', () => {
    function roles(): string {
      const dir = tempDir('agentmerge-lint-roles-')
      for (const family of ['python-pro', 'test-automator', 'backend-developer']) {
        for (const f of readdirSync(`fixtures/${family}`).filter((n) => n.endsWith('.md'))) copyFileSync(`fixtures/${family}/${f}`, join(dir, f))
      }
      return dir
    }
    type Finding = { rule: string; path: string; line: number; message: string }
    const places = (f: Finding): string[] => [`${f.path}:${f.line}`, ...(/\(also ([^)]*)\)/.exec(f.message)?.[1] ?? '').split(', ').filter((p) => /:\d+$/.test(p))]
    const byPlace = (a: string, b: string): number => {
      const [pa, la] = [a.slice(0, a.lastIndexOf(':')), Number(a.slice(a.lastIndexOf(':') + 1))]
      const [pb, lb] = [b.slice(0, b.lastIndexOf(':')), Number(b.slice(b.lastIndexOf(':') + 1))]
      return (pa < pb ? -1 : pa > pb ? 1 : 0) || la - lb
    }

    it('lint gives the same bytes for the files reversed; a repeat is reported at its first place by path, then line, the others listed so', async () => {
      const dir = roles()
      const files = readdirSync(dir).sort()
      const r = await cli(['lint', '--format', 'json', ...files], { cwd: dir })
      const back = await cli(['lint', '--format', 'json', ...[...files].reverse()], { cwd: dir })
      expect(r.code).toBe(1)
      expect(back.stdout).toBe(r.stdout)
      const text = await cli(['lint', ...[...files].reverse()], { cwd: dir })
      expect(text.stdout).toBe((await cli(['lint', ...files], { cwd: dir })).stdout)
      const repeats = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.rule === 'repeated-statement')
      expect(repeats.length).toBeGreaterThan(10)
      for (const f of repeats) {
        const listed = places(f)
        expect(listed, f.message).toEqual(listed.slice().sort(byPlace))
      }
      const paths = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => f.path)
      expect(paths).toEqual(paths.slice().sort())
    })

    it("lint does not report the openings of different roles as one repeated statement; dedup, for variants of one agent, still links them", async () => {
      const dir = roles()
      const r = await cli(['lint', '--format', 'json', '.'], { cwd: dir })
      const repeats = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.rule === 'repeated-statement')
      expect(repeats.length).toBeGreaterThan(10)
      expect(repeats.map((f) => f.message).join('\n')).not.toContain('You are a senior Python developer')
      // An opening reported is one the other openings repeat in their words: backend developers only.
      const openings = repeats.filter((f) => /repeated in \d+ agents: "(You are|I am|Role:)/.test(f.message))
      for (const f of openings) for (const p of places(f)) expect(p).toMatch(/^backend-(developer|engineer)/)
      const dedup = JSON.parse((await cli(['dedup', '-q', '--json', '.'], { cwd: dir })).stdout) as { groups: string[][] }
      expect(dedup.groups.find((g) => g.includes('VoltAgent--awesome-claude-code-subagents--python-pro.md:8'))).toContain('backend-engineer.md:8')
    })
  })
})
