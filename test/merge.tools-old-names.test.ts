// Old tool names in a merge or a conversion to Claude Code: an old tool's
// replacement is granted in its place only where it grants nothing more
// (LS -> Glob lists files; TodoRead -> TodoWrite would write the todo list,
// which TodoRead never could), and inputs that grant the same tools under
// old and new names keep them under intersection.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'

function files() {
  const dir = tempDir('agentmerge-old-')
  return {
    r1: agentFile(dir, 'r1.md', 'description: A reader.\ntools:\n  "*": false\n  read: true\n  todoread: true\n  list: true\n'),
    r2: agentFile(dir, 'r2.md', 'name: r2\ndescription: A reader.\ntools: Read, TodoRead, LS\n'),
  }
}

const tools = (stdout: string) => String(front(stdout).tools).split(', ').sort()

describe('old tool names never widen', () => {
  it('union and intersection to Claude Code: no TodoWrite; the same grants under old and new names are kept', async () => {
    const { r1, r2 } = files()
    for (const policy of ['union', 'intersection']) {
      const r = await cli(['merge', '--provenance', 'none', '--to', 'claude', '--tools', policy, r1, r2])
      expect(r.code, r.stderr).toBe(0)
      expect(tools(r.stdout), policy).toEqual(['Glob', 'Read', 'TodoRead'])
      expect(tools(r.stdout), policy).not.toContain('TodoWrite')
      expect(r.stderr, policy).not.toMatch(/tools \(\w+\): the merged agent (grants|does not grant)/)
    }
  })

  it('convert --to claude keeps TodoRead by its own name, saying why; beside TodoWrite it is left out', async () => {
    const { r1 } = files()
    const r = await cli(['convert', '--to', 'claude', r1])
    expect(tools(r.stdout)).toEqual(['Glob', 'Read', 'TodoRead'])
    expect(r.stderr).toContain("tool 'todoread' is not a tool of current Claude Code, and TodoWrite, which replaced it, grants more; written as TodoRead, which grants nothing there")
    const dir = tempDir('agentmerge-old-')
    const both = agentFile(dir, 'both.md', 'description: A reader.\ntools:\n  "*": false\n  todoread: true\n  todowrite: true\n')
    const b = await cli(['convert', '--to', 'claude', both])
    expect(front(b.stdout).tools).toBe('TodoWrite')
    expect(b.stderr).not.toContain('todoread')
  })
})
