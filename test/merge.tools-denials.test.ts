// A denial of some uses inside an allowed pattern (Claude Code's `Bash(git *)`
// beside `disallowedTools: Bash(git push *)`, OpenCode's `"git *": allow` then
// `"git push *": deny`): a merge or a conversion keeps it where the policy
// keeps it, whatever input decides, and never drops it without a warning
// naming the use it grants.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front, mergedFront } from './helpers/agent-files.js'

const claude = (name: string, tools: string, denied?: string) => `name: ${name}\ndescription: A git helper.\ntools: ${tools}\n${denied ? `disallowedTools: ${denied}\n` : ''}`

function files() {
  const dir = tempDir('agentmerge-denials-')
  return {
    dir,
    d5: agentFile(dir, 'd5.md', claude('d5', 'Read, Bash(git *)', 'Bash(git push *)')),
    c1: agentFile(dir, 'c1.md', claude('c1', 'Read, Grep, Bash(git *)')),
    e2: agentFile(dir, 'e2.md', claude('e2', 'Read, Bash(git *)')),
  }
}

const merge = mergedFront

describe('merge: a denial inside an allowed pattern', () => {
  it('intersection keeps every input\'s denial, whatever input decides', async () => {
    const { d5, c1, e2 } = files()
    for (const args of [[d5, c1], [c1, d5], [d5, e2, '--prefer', e2], [d5, e2, '--prefer', d5]]) {
      const { fm } = await merge([...args, '--tools', 'intersection', '--to', 'claude'])
      // The deciding input's own list when the result is exactly what it grants: its order kept.
      expect(String(fm.tools).split(', ').sort(), args.join(' ')).toEqual(['Bash(git *)', 'Read'])
      expect(fm.disallowedTools, args.join(' ')).toBe('Bash(git push *)')
    }
    const { fm, stderr } = await merge([d5, c1, '--tools', 'intersection', '--to', 'opencode'])
    expect(fm.permission).toEqual({ bash: { '*': 'deny', 'git *': 'allow', 'git push *': 'deny' } })
    expect(stderr).toContain(`${c1}:4: warning: tools (intersection): the merged agent does not grant bash 'git push *', grep, which this variant grants`)
  })

  it('union grants git push, and tells the input that denied it', async () => {
    const { d5, c1 } = files()
    const { fm, stderr } = await merge([d5, c1, '--to', 'claude'])
    expect(fm.disallowedTools).toBeUndefined()
    expect(stderr).toContain(`${d5}:4: warning: tools (union): the merged agent grants Bash(git push *), Grep, which this variant withholds`)
  })
})

describe('convert: a bash denial inside an allowed pattern', () => {
  it('OpenCode -> Claude Code writes it as disallowedTools, and back', async () => {
    const dir = tempDir('agentmerge-denials-')
    const p3 = agentFile(dir, 'p3.md', 'description: A git helper.\ntools:\n  "*": false\n  read: true\n  bash: true\npermission:\n  bash:\n    "*": deny\n    "git *": allow\n    "git push *": deny\n')
    const r = await cli(['convert', '--to', 'claude', p3])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout)).toMatchObject({ tools: 'Read, Bash(git *)', disallowedTools: 'Bash(git push *)' })
    const back = agentFile(dir, 'back.md', r.stdout.slice(4, r.stdout.indexOf('\n---\n') + 1))
    const o = await cli(['convert', '--to', 'opencode', back])
    expect(front(o.stdout).permission).toEqual({ bash: { '*': 'deny', 'git *': 'allow', 'git push *': 'deny' } })
  })

  it('an allow after a denial it may reach is granted only outside it, and said', async () => {
    const dir = tempDir('agentmerge-denials-')
    const p4 = agentFile(dir, 'p4.md', 'description: A git helper.\ntools:\n  "*": false\n  bash: true\npermission:\n  bash:\n    "*": allow\n    "rm *": deny\n    "rm -i *": allow\n')
    const r = await cli(['convert', '--to', 'claude', p4])
    expect(front(r.stdout)).toMatchObject({ tools: 'Bash', disallowedTools: 'Bash(rm *)' })
    expect(r.stderr).toContain(`'bash' ('rm -i *': allow) after 'bash' ('rm *': deny): other dialects let a denial win over an allow whatever the order; the uses both match are not granted`)
  })
})

describe('an OpenCode tools map without "*": false leaves every other tool on, in every dialect', () => {
  const O3 = 'description: A git helper.\ntools:\n  read: true\n  github_*: true\n  bash: true\npermission:\n  bash:\n    "rm *": deny\n'

  it('merge --tools all: no allowlist for Claude Code either, and the denial kept', async () => {
    const { dir, c1 } = files()
    const o3 = agentFile(dir, 'o3.md', O3)
    const claudeOut = await merge([o3, c1, '--tools', 'all', '--to', 'claude'])
    expect(claudeOut.fm.tools).toBeUndefined()
    expect(claudeOut.fm.disallowedTools).toBe('Bash(rm *)')
    const openOut = await merge([o3, c1, '--tools', 'all', '--to', 'opencode'])
    expect((openOut.fm.tools as Record<string, boolean>)['*']).toBeUndefined()
    expect(openOut.fm.permission).toEqual({ bash: { '*': 'allow', 'rm *': 'deny' } })
    // Under union the tools it names are still granted, and it is told the merged agent lists only some.
    const union = await merge([o3, c1, '--to', 'claude'])
    expect(union.fm.tools).toBe('Bash, Grep, mcp__github__*, Read')
    expect(union.stderr).toContain(`${o3}:3: warning: tools (union): the merged agent grants only the tools it lists`)
  })

  it('convert --to claude writes denials alone, and says why', async () => {
    const dir = tempDir('agentmerge-denials-')
    const o3 = agentFile(dir, 'o3.md', O3)
    const r = await cli(['convert', '--to', 'claude', o3])
    expect(front(r.stdout).tools).toBeUndefined()
    expect(front(r.stdout).disallowedTools).toBe('Bash(rm *)')
    expect(r.stderr).toContain(`${o3}:3: warning: field 'tools' turns tools on but leaves on every tool it does not name (no allowlist)`)
  })
})
