// A tool name in another case: Claude Code's names are case-sensitive, so
// `read` or `BASH` names no tool there. One answer decides every command:
// the dialect's `problem` says the name is ignored, so lint reports it,
// convert grants nothing for it (a warning names it), a merge counts no tool
// for it and leaves it out (a warning names it), and normalize does not respell it into a tool it never granted.
// Copilot reads names in any case; OpenCode's docs say nothing of case, so
// its names in another case stay read as the tool they spell.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { agentFile, front } from './helpers/agent-files.js'
import { tempDir } from './helpers/tmp.js'

const CLAUDE = 'name: s\ndescription: S agent\ntools: read, BASH, Grep\n'

async function ok(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await cli(args)
  expect(r.code, r.stderr).toBe(0)
  return r
}

describe('Claude Code tool names in another case grant nothing anywhere', () => {
  it('lint says Claude Code ignores them, and convert grants neither read nor bash, with a warning for each', async () => {
    const dir = tempDir('agentmerge-case-')
    const s = agentFile(dir, 's.md', CLAUDE)
    const linted = await cli(['lint', s])
    expect(linted.stdout).toContain(`${s}:4: tool 'read' is spelled 'Read' in Claude Code (tool names are case-sensitive); Claude Code ignores it (unknown-tool)`)
    expect(linted.stdout).toContain(`${s}:4: tool 'BASH' is spelled 'Bash' in Claude Code (tool names are case-sensitive); Claude Code ignores it (unknown-tool)`)
    const opencode = await ok(['convert', '--to', 'opencode', s])
    const map = front(opencode.stdout).tools as Record<string, boolean>
    expect(Object.entries(map).filter(([, on]) => on)).toEqual([['grep', true]])
    expect(opencode.stderr).toContain("tool 'read': not a Claude Code tool, so it grants nothing there, and OpenCode would read it as a tool; dropped")
    expect(opencode.stderr).toContain("tool 'BASH': not a Claude Code tool, so it grants nothing there, and OpenCode would read it as a tool; dropped")
    const copilot = await ok(['convert', '--to', 'copilot', s])
    expect(front(copilot.stdout).tools).toEqual(['search/textSearch'])
  })

  it('a merge counts no tool for them and leaves them out, saying so, never respelled into a grant; normalize keeps them as written', async () => {
    const dir = tempDir('agentmerge-case-')
    const s = agentFile(dir, 's.md', CLAUDE)
    const both = agentFile(dir, 'both.md', 'name: s\ndescription: S agent\ntools: Read, Bash\n')
    const inter = await ok(['merge', '--provenance', 'none', '--tools', 'intersection', s, both])
    expect(front(inter.stdout).tools ?? '').toBe('')
    const grep = agentFile(dir, 'grep.md', 'name: s\ndescription: S agent\ntools: Grep\n')
    const union = await ok(['merge', '--provenance', 'none', s, grep])
    expect(front(union.stdout).tools).toBe('Grep')
    expect(union.stderr).toContain(`${s}:4: warning: tools: left out 'BASH': tool 'BASH' is spelled 'Bash' in Claude Code (tool names are case-sensitive); Claude Code ignores it`)
    expect(union.stderr).toContain(`${s}:4: warning: tools: left out 'read':`)
    // Neither input is told the merged agent grants or withholds a name that grants nothing.
    expect(union.stderr).not.toMatch(/grants[^\n]*(?:BASH|read)/)
    expect(union.stderr).not.toMatch(/does not grant[^\n]*(?:BASH|read)/)
    const normalized = await ok(['normalize', s])
    expect(front(normalized.stdout).tools).toBe('read, BASH, Grep')
  })

  it('denied in another case, a name denies nothing in Claude Code: kept denied in a target that reads it, and said so', async () => {
    const dir = tempDir('agentmerge-case-')
    const t = agentFile(dir, 't.md', 'name: t\ndescription: T\ndisallowedTools: bash\n')
    const opencode = await ok(['convert', '--to', 'opencode', t])
    expect(front(opencode.stdout).tools).toEqual({ bash: false })
    expect(opencode.stderr).toContain("denying 'bash': not a Claude Code tool, so it denies nothing there, and OpenCode reads it as a tool: kept denied (toward less)")
    expect(opencode.stderr).not.toContain('kept as written')
  })

  it('Copilot reads names in any case; an OpenCode key in another case is read as the tool it spells, and lint says how to spell it', async () => {
    const dir = tempDir('agentmerge-case-')
    const c = agentFile(dir, '.github/agents/c.agent.md', 'name: c\ndescription: C\ntools: [READ]\n')
    expect((await cli(['lint', c])).code).toBe(0)
    expect(front((await ok(['convert', '--to', 'claude', c])).stdout).tools).toBe('Read')
    const o = agentFile(dir, '.opencode/agent/o.md', 'description: O\ntools:\n  "*": false\n  Read: true\n')
    expect((await cli(['lint', o])).stdout).toContain("tool 'Read' is spelled 'read' in OpenCode")
    expect(front((await ok(['convert', '--to', 'claude', o])).stdout).tools).toBe('Read')
  })

  it('property: a Claude Code tool name in any case is granted by convert exactly when lint does not flag it', async () => {
    const names = ['Read', 'Write', 'Edit', 'Bash', 'Grep', 'WebFetch', 'WebSearch', 'TodoWrite', 'Skill']
    const dir = tempDir('agentmerge-case-')
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), async (name, upper) => {
        const written = [...name].map((ch, i) => ((upper[i] ?? false) ? ch.toUpperCase() : ch.toLowerCase())).join('')
        const path = agentFile(dir, `p${n++}.md`, `name: p\ndescription: P\ntools: ${written}, Glob\n`)
        const flagged = (await cli(['lint', path])).stdout.includes(`tool '${written}'`)
        const map = front((await ok(['convert', '--to', 'opencode', path])).stdout).tools as Record<string, boolean>
        const granted = Object.entries(map).some(([key, on]) => on && key === name.toLowerCase())
        expect(flagged).toBe(written !== name)
        // Glob beside it keeps an allowlist whatever the name is; the name grants its tool only when Claude Code reads it.
        expect(granted).toBe(written === name)
      }),
      { seed: 20261207, numRuns: 30 },
    )
  })
})
