// OpenCode's `ask` in a merge: a tool asked before every use is kept in
// OpenCode output (between a grant and a denial: a union with a denial asks,
// an intersection with a grant asks), merging copies of a file gives the file
// back, and a target that cannot ask does not grant the tool, saying so.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front, mergedFront } from './helpers/agent-files.js'

const O2 = 'description: A git helper.\ntools:\n  write: false\n  webfetch: false\npermission:\n  edit: ask\n'
const O5 = 'description: A git helper.\ntools:\n  "*": false\n  read: true\npermission:\n  edit: ask\n  bash:\n    "*": ask\n    "git *": allow\n'
const C1 = 'name: c1\ndescription: A git helper.\ntools: Read, Grep, Bash(git *)\n'

const merge = mergedFront

describe('merge: ask', () => {
  it('copies of one file give the file back, asks and bash rules as written, with no warning about them', async () => {
    const dir = tempDir('agentmerge-ask-')
    for (const [name, text] of [['o2', O2], ['o5', O5]] as const) {
      const a = agentFile(dir, `${name}.md`, text)
      const b = agentFile(dir, `${name}x.md`, text)
      const one = await merge([a])
      const two = await merge([a, b])
      expect(two.fm, name).toEqual(one.fm)
      expect(two.fm.permission, name).toEqual(front(`---\n${text}---\n`).permission)
      expect(two.stderr, name).not.toContain('tools (union)')
    }
  })

  it('--tools first writes the deciding input\'s fields as written', async () => {
    const dir = tempDir('agentmerge-ask-')
    const o5 = agentFile(dir, 'o5.md', O5)
    const c1 = agentFile(dir, 'c1.md', C1)
    const { fm } = await merge([o5, c1, '--tools', 'first', '--prefer', o5, '--to', 'opencode'])
    expect(fm.tools).toEqual({ '*': false, read: true })
    expect(fm.permission).toEqual({ edit: 'ask', bash: { '*': 'ask', 'git *': 'allow' } })
  })

  it('union keeps the ask beside an input without edit; intersection leaves it out and tells the input that asked', async () => {
    const dir = tempDir('agentmerge-ask-')
    const o2 = agentFile(dir, 'o2.md', O2)
    const c1 = agentFile(dir, 'c1.md', C1)
    const union = await merge([o2, c1, '--to', 'opencode'])
    expect(union.fm.permission).toMatchObject({ edit: 'ask' })
    expect(union.stderr).toContain(`${c1}:4: warning: tools (union): the merged agent grants edit (after asking)`)
    const inter = await merge([o2, c1, '--to', 'opencode', '--tools', 'intersection'])
    expect((inter.fm.permission as Record<string, unknown>).edit).toBeUndefined()
    expect(inter.stderr).toContain(`${o2}:3: warning: tools (intersection): the merged agent does not grant edit (after asking)`)
    // Asked by one input and granted whole by the other: the intersection asks.
    const w = agentFile(dir, 'w.md', 'description: A git helper.\ntools:\n  write: true\n  edit: true\n  webfetch: false\n')
    const both = await merge([o2, w, '--to', 'opencode', '--tools', 'intersection'])
    expect(both.fm.permission).toEqual({ edit: 'ask' })
  })

  it('to Claude Code an asked tool is not granted, and the warning names the target', async () => {
    const dir = tempDir('agentmerge-ask-')
    const o2 = agentFile(dir, 'o2.md', O2)
    const r = await cli(['convert', '--to', 'claude', o2])
    expect(front(r.stdout).disallowedTools).toBe('Edit, Write, NotebookEdit, WebFetch')
    expect(r.stderr).toContain("tool 'edit: ask': Claude Code cannot ask before a tool is used; not granted")
    expect(r.stderr).not.toContain('the target cannot ask')
  })
})
