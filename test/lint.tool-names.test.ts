// Lint and convert read one table of tool names: a name lint says a tool
// ignores grants nothing in a conversion, and a name a tool still reads
// (VS Code's legacy names, such as `runInTerminal`) is reported as legacy,
// with its current name, and granted as that name.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'

const LEGACY = "name: legacy\ndescription: L\ntools: ['codebase', 'editFiles', 'runInTerminal', 'problems', 'fetch', 'githubRepo', 'search']\n"

describe("Copilot's legacy tool names", () => {
  it('lint names each with its current name, never as ignored', async () => {
    const dir = tempDir('agentmerge-names-')
    const src = agentFile(dir, 'legacy.agent.md', LEGACY)
    const r = await cli(['lint', src])
    expect(r.stdout).toContain(`${src}:4: tool 'runInTerminal' is a legacy VS Code name; Copilot reads it as its current name 'execute/runInTerminal' (unknown-tool)`)
    expect(r.stdout).toContain("tool 'editFiles' is a legacy VS Code name; Copilot reads it as its current name 'edit/editFiles'")
    expect(r.stdout).not.toContain('Copilot ignores it')
  })

  it('convert grants what the current name grants, from the same table', async () => {
    const dir = tempDir('agentmerge-names-')
    const src = agentFile(dir, 'legacy.agent.md', LEGACY)
    const r = await cli(['convert', '--to', 'claude', src])
    expect(r.code, r.stderr).toBe(0)
    expect(String(front(r.stdout).tools).split(', ')).toEqual(expect.arrayContaining(['Bash', 'Edit', 'WebFetch', 'Grep']))
    expect(r.stderr).toContain("'codebase' (now 'search/codebase') is VS Code's semantic code search; read as grep")
    // An old set stands for the tools VS Code names in its place.
    const old = agentFile(dir, 'old.agent.md', "name: old\ndescription: O\ntools: ['runCommands']\n")
    const lint = await cli(['lint', old])
    expect(lint.stdout).toContain("the tools now named 'execute/getTerminalOutput', 'execute/runInTerminal'")
    const c = await cli(['convert', '--to', 'claude', old])
    expect(String(front(c.stdout).tools).split(', ').sort()).toEqual(['Bash', 'BashOutput'])
  })
})

describe("Claude Code's task list and agent-team tools", () => {
  it('are Claude Code tools to lint, and tools no other dialect has to convert', async () => {
    const dir = tempDir('agentmerge-names-')
    const src = agentFile(dir, 'team-debugger.md', 'name: team-debugger\ndescription: D\ntools: Read, Grep, TaskList, TaskGet, TaskUpdate, SendMessage, TaskCreate, TeamCreate, TeamDelete\n')
    const r = await cli(['lint', src])
    expect(r.stdout).not.toContain('unknown-tool')
    expect(r.code, r.stdout).toBe(0)
    const c = await cli(['convert', '--to', 'opencode', src])
    const map = front(c.stdout).tools as Record<string, boolean>
    expect(Object.entries(map).filter(([, on]) => on).map(([k]) => k).sort()).toEqual(['grep', 'read'])
    expect(c.stderr).toContain("tool 'TaskList' has no OpenCode equivalent; dropped")
  })
})
