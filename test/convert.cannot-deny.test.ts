// A target that cannot deny a tool (Copilot) never grants one its source
// denies: open fields that deny a tool (an OpenCode map without `"*": false`)
// are written as an allowlist of each tool the target can name alone but the
// denied ones, with a warning, in `convert` and in a merge that writes Copilot.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front, mergedFront } from './helpers/agent-files.js'

const OPEN_MAP = 'description: Reviews code.\nmode: subagent\ntools:\n  read: true\n  bash: false\n  webfetch: false\n'

describe('open fields that deny a tool, to Copilot', () => {
  it('convert writes an allowlist without the denied tools, never every tool, and says so', async () => {
    const dir = tempDir('agentmerge-nodeny-')
    const src = agentFile(dir, 'oc.md', OPEN_MAP)
    const r = await cli(['convert', '--to', 'copilot', src])
    expect(r.code, r.stderr).toBe(0)
    const tools = front(r.stdout).tools as string[]
    expect(tools).toEqual(expect.arrayContaining(['read', 'edit', 'search']))
    for (const denied of ['execute', 'execute/runInTerminal', 'web', 'web/fetch']) expect(tools).not.toContain(denied)
    expect(r.stderr).toContain(`${src}:4: warning: field 'tools' leaves on every tool it does not name but denies some, and Copilot cannot deny a tool`)
    expect(r.stderr).not.toContain('every tool it does not deny stays granted')
  })

  it('a merge decided by that input writes no tool it denies', async () => {
    const dir = tempDir('agentmerge-nodeny-')
    const oc = agentFile(dir, 'oc.md', OPEN_MAP)
    const cc = agentFile(dir, 'cc.md', 'name: cc\ndescription: Reviews code.\ntools: Read, Bash, WebFetch\n')
    const { fm } = await mergedFront([oc, cc, '--tools', 'first', '--prefer', oc, '--to', 'copilot'])
    const tools = fm.tools as string[]
    expect(tools).toContain('read')
    for (const denied of ['execute', 'execute/runInTerminal', 'web', 'web/fetch']) expect(tools).not.toContain(denied)
  })
})

describe('an OpenCode ask beside a denial of some uses', () => {
  it('to Claude Code, which cannot ask, denies the tool once, not beside a redundant pattern denial', async () => {
    const dir = tempDir('agentmerge-nodeny-')
    const src = agentFile(dir, 'o.md', 'description: Reviews code.\nmode: subagent\npermission:\n  bash:\n    "*": ask\n    "rm *": deny\n')
    const r = await cli(['convert', '--to', 'claude', src])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).disallowedTools).toBe('Bash')
    expect(r.stderr).toContain("tool 'bash: ask': Claude Code cannot ask before a tool is used; not granted")
  })
})
