// Findings of a review of the tools merge, each a way a permission widened
// or a denial was lost: an old name's replacement that the input denies, a
// denial beside an ask, an allow a kept denial covers, and LS/Glob decided
// alike in every output dialect.
import { describe, expect, it } from 'vitest'
import { tempDir } from './helpers/tmp.js'
import { agentFile, mergedFront } from './helpers/agent-files.js'

describe('an old name and its replacement under intersection', () => {
  it('a denied Glob stays denied beside an LS the input grants', async () => {
    const dir = tempDir('agentmerge-review-')
    const a = agentFile(dir, 'a.md', 'name: a\ndescription: a agent\ntools: LS, Read\ndisallowedTools: Glob\n')
    const b = agentFile(dir, 'b.md', 'name: a\ndescription: a agent\ntools: Glob, Read\n')
    const { fm, stderr } = await mergedFront(['--tools', 'intersection', '--to', 'claude', a, b])
    expect(String(fm.tools).split(', ')).not.toContain('Glob')
    expect(stderr).toContain(`${b}:4: warning: tools (intersection): the merged agent does not grant Glob`)
  })
})

describe('a union with a kept denial', () => {
  it('writes no allow the denial covers, and tells the input that allowed it', async () => {
    const dir = tempDir('agentmerge-review-')
    const d5 = agentFile(dir, 'd5.md', 'name: d\ndescription: d agent\ntools: Read, Bash(git *)\ndisallowedTools: Bash(git push *)\n')
    const c3 = agentFile(dir, 'c3.md', 'name: d\ndescription: d agent\ntools: Read, Bash(git push --dry-run *)\n')
    const { fm, stderr } = await mergedFront(['--tools', 'union', '--to', 'claude', d5, c3])
    expect(fm.tools).toBe('Bash(git *), Read')
    expect(fm.disallowedTools).toBe('Bash(git push *)')
    expect(stderr).toContain(`${c3}:4: warning: tools (union): the merged agent does not grant`)
  })
})

describe('a denial beside an ask', () => {
  const CLAUDE = 'name: k\ndescription: k agent\ntools: Read, Bash\ndisallowedTools: Bash(rm *)\n'
  const ASKS = 'description: k agent\nmode: subagent\npermission:\n  bash: ask\n'

  it('intersected, stays a denial: "*": ask with "rm *": deny, and the asking input is told of the use it loses', async () => {
    const dir = tempDir('agentmerge-review-')
    const c = agentFile(dir, 'c.md', CLAUDE)
    const o = agentFile(dir, 'o.md', ASKS)
    const { fm, stderr } = await mergedFront(['--tools', 'intersection', '--to', 'opencode', c, o])
    expect((fm.permission as Record<string, unknown>).bash).toEqual({ '*': 'ask', 'rm *': 'deny' })
    expect(stderr).not.toContain(`${c}:4: warning: tools (intersection): the merged agent grants`)
    expect(stderr).toContain(`${o}:4: warning: tools (intersection): the merged agent does not grant bash 'rm *' (after asking), which this variant grants`)
  })

  it('united, an ask that becomes a denial is told to the asking input', async () => {
    const dir = tempDir('agentmerge-review-')
    const c = agentFile(dir, 'c.md', CLAUDE)
    const o = agentFile(dir, 'o.md', ASKS)
    const { fm, stderr } = await mergedFront(['--tools', 'union', '--to', 'opencode', c, o])
    expect((fm.permission as Record<string, unknown>).bash).toEqual({ '*': 'allow', 'rm *': 'deny' })
    expect(stderr).toContain(`${o}:4: warning: tools (union): the merged agent does not grant bash 'rm *' (after asking), which this variant grants`)
  })

  it('read from OpenCode, "*": ask with "rm *": deny keeps the denial (a merge of the file alone writes it back)', async () => {
    const dir = tempDir('agentmerge-review-')
    const c = agentFile(dir, 'c.md', CLAUDE)
    const o = agentFile(dir, 'o.md', 'description: k agent\nmode: subagent\npermission:\n  bash:\n    "*": ask\n    "rm *": deny\n')
    const { fm, stderr } = await mergedFront(['--tools', 'intersection', '--to', 'opencode', c, o])
    expect((fm.permission as Record<string, unknown>).bash).toEqual({ '*': 'ask', 'rm *': 'deny' })
    expect(stderr).not.toContain("bash 'rm *'")
  })
})

describe('LS and Glob under intersection', () => {
  it('are one grant whatever the output dialect', async () => {
    const dir = tempDir('agentmerge-review-')
    const l1 = agentFile(dir, 'l1.md', 'name: l\ndescription: l agent\ntools: Read, LS\n')
    const g1 = agentFile(dir, 'g1.md', 'name: l\ndescription: l agent\ntools: Read, Glob\n')
    const to = async (dialect: string) => (await mergedFront(['--tools', 'intersection', '--to', dialect, l1, g1])).fm.tools
    expect(await to('claude')).toBe('Read, Glob')
    expect(await to('opencode')).toMatchObject({ read: true, glob: true })
    expect(await to('copilot')).toEqual(['read', 'search/fileSearch'])
  })
})
