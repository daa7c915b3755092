// Conversions never grant what the source did not: a source that leaves every
// tool on but denies one (or some uses of one) is written to Copilot, which
// cannot deny, as an allowlist without that tool; a name the source dialect
// ignores grants nothing in the target; a tool the target would grant more
// of is not granted. Each case came from a tester's report.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'

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
      const r = await cli(['convert', '--to', 'copilot', src])
      expect(r.code, r.stderr).toBe(0)
      const tools = front(r.stdout).tools as string[]
      expect(Array.isArray(tools), r.stdout).toBe(true)
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
