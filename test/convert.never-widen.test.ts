// Conversions never grant what the source did not: a source that leaves every
// tool on but denies one (or some uses of one) is written to Copilot, which
// cannot deny, as an allowlist without that tool; a name the source dialect
// ignores grants nothing in the target; a tool the target would grant more
// of is not granted. Each case came from a tester's report.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, convertedFront, front, turnedOn } from './helpers/agent-files.js'

/** The names of a Copilot list that would let the agent run a terminal command. */
const TERMINAL = ['execute', 'execute/*', 'execute/runInTerminal', 'runCommands/runInTerminal', 'runInTerminal', 'bash', 'shell']

describe('to Copilot, a denial in fields that leave the rest on', () => {
  const cases: Array<[string, string, string]> = [
    ['an OpenCode map with "*": true', 'oc-map.md', 'description: Q\ntools:\n  "*": true\n  bash: false\n'],
    ['OpenCode rules allowing "*"', 'oc-rules.md', 'description: Q\npermission:\n  "*": allow\n  bash: deny\n'],
    ['OpenCode rules denying some uses of bash', 'oc-uses.md', 'description: Q\npermission:\n  bash:\n    "*": allow\n    "rm *": deny\n'],
    ['a Claude Code denial of some uses', 'cc-uses.md', 'name: q\ndescription: Q\ndisallowedTools: Bash(rm *)\n'],
  ]
  for (const [what, name, fm] of cases) {
    it(`${what}: an allowlist without the terminal, never every tool`, async () => {
      const dir = tempDir('agentmerge-widen-')
      const src = agentFile(dir, name, fm)
      const r = await convertedFront('copilot', src)
      const tools = r.fm.tools as string[]
      expect(Array.isArray(tools), JSON.stringify(r.fm)).toBe(true)
      expect(tools).toEqual(expect.arrayContaining(['read', 'edit', 'search']))
      for (const t of TERMINAL) expect(tools).not.toContain(t)
      expect(r.stderr).toContain('Copilot cannot deny a tool')
    })
  }

  it('a one-input merge to Copilot writes the same allowlist and is not told it grants the terminal', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 'q.md', 'description: Q\ntools:\n  "*": true\n  bash: false\n')
    const r = await cli(['merge', src, '--to', 'copilot', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    const tools = front(r.stdout).tools as string[]
    expect(tools).toEqual(expect.arrayContaining(['read', 'edit']))
    for (const t of TERMINAL) expect(tools).not.toContain(t)
    expect(r.stderr).not.toContain('which this variant withholds')
  })
})

describe('a name the source dialect ignores', () => {
  it('grants nothing in a target that would read it as an MCP tool: dropped with a warning, to OpenCode and to Copilot', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 'w1.md', 'name: w\ndescription: W\ntools: Read, github/delete_repo, foo_bar\n')
    const lint = await cli(['lint', src])
    expect(lint.stdout).toContain("tool 'github/delete_repo' is not a Claude Code tool; Claude Code ignores it")
    const oc = await convertedFront('opencode', src)
    const map = oc.fm.tools as Record<string, boolean>
    expect(map.read).toBe(true)
    expect(turnedOn(map)).toEqual(['read'])
    expect(oc.stderr).toContain(`${src}:4: warning: tool 'github/delete_repo': not a Claude Code tool, so it grants nothing there, and OpenCode would read it as a tool; dropped`)
    expect(oc.stderr).toContain("tool 'foo_bar': not a Claude Code tool")
    const co = await convertedFront('copilot', src)
    expect(co.fm.tools).toEqual(['read', 'foo_bar'])
    expect(co.stderr).toContain("tool 'github/delete_repo': not a Claude Code tool, so it grants nothing there, and Copilot would read it as a tool; dropped")
  })

  it('a tool the source dialect has no name for grants nothing: Claude Code\'s apply_patch is no patch grant in OpenCode', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 'p.md', 'name: p\ndescription: P\ntools: Read, apply_patch\n')
    const r = await convertedFront('opencode', src)
    expect(turnedOn(r.fm.tools)).toEqual(['read'])
    expect(r.stderr).toContain("tool 'apply_patch': not a Claude Code tool, so it grants nothing there")
  })

  it('a name Copilot does not read grants nothing, though another dialect has it: apply_patch, patch, todoread and list are no grants in OpenCode or Claude Code', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 'x.agent.md', "name: x\ndescription: X\ntools: [read, 'apply_patch', patch, todoread, list]\n")
    const lint = await cli(['lint', src])
    expect(lint.stdout + lint.stderr).toContain("tool 'apply_patch' is not a Copilot tool")
    const oc = await convertedFront('opencode', src)
    expect(turnedOn(oc.fm.tools)).toEqual(['read'])
    for (const name of ['apply_patch', 'patch', 'todoread', 'list']) expect(oc.stderr).toContain(`tool '${name}': not a Copilot tool, so it grants nothing there`)
    const cl = await convertedFront('claude', src)
    // Kept as written (Claude Code does not read them either), never as its Glob, TodoRead or LS.
    expect(String(cl.fm.tools)).not.toMatch(/\b(?:Glob|TodoRead|LS)\b/)
  })

  it('a Claude Code name Copilot reads as an alias is not written as that alias', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 's.md', 'name: s\ndescription: S\ntools: Read, search\n')
    expect((await convertedFront('copilot', src)).fm.tools).toEqual(['read'])
  })

  it('markup with a slash in it is no MCP server, in a merge\'s warnings', async () => {
    const dir = tempDir('agentmerge-widen-')
    const a = agentFile(dir, 'a.md', 'name: w\ndescription: W\ntools: Read, <b>Bold</b>\n')
    const b = agentFile(dir, 'b.md', 'name: w\ndescription: W\ntools: Read, Grep\n')
    const r = await cli(['merge', a, b, '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('mcp__')
    expect(r.stderr).toContain('the merged agent grants <b>Bold</b>, which this variant withholds')
  })
})

describe('a tool OpenCode has no name for', () => {
  it('NotebookEdit alone is not granted as edit, which reaches every file; the warning says what was written', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 'nb.md', 'name: nb\ndescription: N\ntools: Read, NotebookEdit\n')
    const r = await convertedFront('opencode', src)
    const map = r.fm.tools as Record<string, boolean>
    expect(map.edit).toBe(false)
    expect(r.stderr).toContain(`${src}:4: warning: tool 'NotebookEdit': OpenCode has no such tool, and its 'edit' would grant more (every file); not granted`)
    expect(r.stderr).not.toContain("granted 'edit'")
    // In a merge the warning and the output agree.
    const m1 = agentFile(dir, 'm1.md', 'name: m\ndescription: M\ntools: Read, Bash(git *)\n')
    const m2 = agentFile(dir, 'm2.md', 'name: m\ndescription: M\ntools: Read, Bash, NotebookEdit\n')
    const m = await cli(['merge', m1, m2, '--to', 'opencode', '--provenance', 'none'])
    expect(m.code, m.stderr).toBe(0)
    expect((front(m.stdout).tools as Record<string, boolean>).edit).toBe(false)
    expect(m.stderr).not.toContain("granted 'edit'")
  })

  it('a notebook tool whose permission is granted anyway is held by it: an ordinary Copilot agent converts with --strict', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 'v.agent.md', 'name: v\ndescription: V\ntools: [read, edit, search]\n')
    const out = `${dir}/d`
    const r = await cli(['convert', '--strict', '--to', 'opencode', '--out-dir', out, src])
    expect(r.stderr).not.toContain('notebook')
    expect(r.code, r.stderr).toBe(0)
  })

  it('a warning about a name that stands for several tools names the tool dropped, not the name as if nothing were granted', async () => {
    const dir = tempDir('agentmerge-widen-')
    const src = agentFile(dir, 'e.agent.md', 'name: e\ndescription: E\ntools: [read, execute]\n')
    const r = await convertedFront('opencode', src)
    expect((r.fm.tools as Record<string, boolean>).bash).toBe(true)
    expect(r.stderr).toContain("tool 'execute' stands for bashoutput too, which has no OpenCode equivalent; dropped")
    expect(r.stderr).not.toContain("tool 'execute' has no OpenCode equivalent")
  })
})
