// One mechanism for a merge's tool permissions, whatever the output dialect:
// the same inputs under the same policy grant the same tools and uses in a
// Claude Code merge as in an OpenCode one, and an input that leaves every
// tool on but some (Claude Code's `disallowedTools` alone, an OpenCode map
// without `"*": false`) is read as open, not as a list of what it names.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'


const file = (dir: string, name: string, frontmatter: string): string => agentFile(dir, name, `name: worker\ndescription: Does the work.\n${frontmatter}`)

async function merge(to: string, args: string[]): Promise<{ fm: Record<string, unknown>; stderr: string }> {
  const r = await cli(['merge', '--to', to, '--provenance', 'none', ...args])
  expect(r.code, r.stderr).toBe(0)
  return { fm: front(r.stdout), stderr: r.stderr }
}

describe('Claude Code and OpenCode merges grant alike', () => {
  it('--tools intersection keeps a use of a tool every input grants (Bash(git *) beside Bash) in both dialects', async () => {
    const dir = tempDir('agentmerge-grants-')
    const git = file(dir, 'git.md', 'tools: Read, Bash(git *)\n')
    const bash = file(dir, 'bash.md', 'tools: Read, Bash\n')
    const claude = await merge('claude', ['--tools', 'intersection', git, bash])
    expect(claude.fm.tools).toBe('Bash(git *), Read')
    expect(claude.stderr).toContain(`${bash}:4: warning: tools (intersection): the merged agent does not grant Bash, which this variant grants`)
    const opencode = await merge('opencode', ['--tools', 'intersection', git, bash])
    expect((opencode.fm.tools as Record<string, boolean>).bash).toBe(true)
    expect(opencode.fm.permission).toEqual({ bash: { '*': 'deny', 'git *': 'allow' } })
    expect(opencode.stderr).toContain(`${bash}:4: warning: tools (intersection): the merged agent does not grant bash, which this variant grants`)
  })
})

describe('names no dialect spells', () => {
  it('an MCP tool and an unknown tool are kept by their written name, and an old name beside its replacement is left out', async () => {
    const dir = tempDir('agentmerge-grants-')
    const a = file(dir, 'a.md', 'tools: Read, mcp__github__get_issue, FooTool, MultiEdit\n')
    const b = file(dir, 'b.md', 'tools: [Read, Edit]\n')
    const { fm, stderr } = await merge('claude', [a, b])
    expect(fm.tools).toBe('Edit, FooTool, mcp__github__get_issue, Read')
    expect(stderr).toContain(`${a}:4: note: tools: not written, old names whose replacement the merged agent grants: MultiEdit (now Edit)`)
    expect(stderr).toContain(`${b}:4: warning: tools (union): the merged agent grants FooTool, mcp__github__get_issue, which this variant withholds`)
    expect(stderr).not.toMatch(/tools: 'FooTool'/)
    // Without Edit granted, MultiEdit stays, not turned into Edit.
    expect((await merge('claude', [a, file(dir, 'c.md', 'tools: Read, Grep\n')])).fm.tools).toBe('FooTool, Grep, mcp__github__get_issue, MultiEdit, Read')
  })
})

describe('an input with disallowedTools alone leaves every other tool on', () => {
  it('union: it grants no tool beside an allowlist, and is told so, not that it withholds the listed ones nor that it has no tool field', async () => {
    const dir = tempDir('agentmerge-grants-')
    const deny = file(dir, 'deny.md', 'disallowedTools: Bash\n')
    const list = file(dir, 'list.md', 'tools: Read, Grep\n')
    for (const to of ['claude', 'opencode']) {
      const { fm, stderr } = await merge(to, [deny, list])
      expect(stderr, to).toContain(`${deny}:4: warning: tools (union): the merged agent grants only the tools it lists, where this variant leaves on every tool it does not deny (--tools all would let it grant every tool)`)
      expect(stderr, to).not.toContain('no tools field')
      expect(stderr, to).not.toMatch(/which this variant withholds/)
      expect(fm.disallowedTools, to).toBeUndefined()
    }
    expect((await merge('claude', [deny, list])).fm.tools).toBe('Grep, Read')
  })

  it('--tools all: it grants every tool but the one it denies, the denial stands, and the allowlist input is told it widened', async () => {
    const dir = tempDir('agentmerge-grants-')
    const deny = file(dir, 'deny.md', 'disallowedTools: Bash\n')
    const list = file(dir, 'list.md', 'tools: Read, Grep\n')
    const claude = await merge('claude', ['--tools', 'all', deny, list])
    expect(claude.fm.tools).toBeUndefined()
    expect(claude.fm.disallowedTools).toBe('Bash')
    expect(claude.stderr).toMatch(new RegExp(`${list}:4: warning: tools \\(all\\): the merged agent may use every tool it does not deny [^\\n]*; this variant allows only Grep, Read\\n`))
    const opencode = await merge('opencode', ['--tools', 'all', deny, list])
    // Every tool but bash: no `"*": false`, bash turned off.
    expect(opencode.fm.tools).toEqual({ bash: false })
    expect(opencode.stderr).toMatch(new RegExp(`${list}:4: warning: tools \\(all\\): the merged agent may use every tool it does not deny [^\\n]*; this variant allows only grep, read\\n`))
  })

  it('an OpenCode map without "*": false is open: under intersection it withholds only what it turns off', async () => {
    const dir = tempDir('agentmerge-grants-')
    const map = file(dir, 'map.md', 'tools:\n  bash: false\n')
    const list = file(dir, 'list.md', 'tools: Read, Bash, WebFetch\n')
    const { fm, stderr } = await merge('claude', ['--tools', 'intersection', map, list])
    expect(fm.tools).toBe('Read, WebFetch')
    expect(stderr).toContain(`${list}:4: warning: tools (intersection): the merged agent does not grant Bash, which this variant grants`)
    expect(stderr).not.toMatch(/which this variant withholds/)
  })
})

describe('the tools decision does not depend on the order of the files', () => {
  it('allowlists, limited grants and denials, an open input and one without tool fields: the same output and warnings in every order and dialect', async () => {
    const dir = tempDir('agentmerge-grants-')
    const files = [
      file(dir, 'a.md', 'tools: Read, Bash(git *), mcp__github__get_issue\n'),
      file(dir, 'b.md', 'tools: Read, Bash, Edit\ndisallowedTools: Bash(rm *)\n'),
      file(dir, 'c.md', 'disallowedTools: WebFetch\n'),
      file(dir, 'd.md', ''),
    ]
    for (const to of ['claude', 'opencode', 'copilot']) {
      for (const policy of ['union', 'intersection', 'first', 'all']) {
        const run = (order: string[]) => cli(['merge', '--to', to, '--tools', policy, '--provenance', 'none', ...order])
        const one = await run(files)
        const two = await run([...files].reverse())
        expect(one.code, one.stderr).toBe(0)
        expect(two.stdout, `${to} ${policy}`).toBe(one.stdout)
        expect(two.stderr, `${to} ${policy}`).toBe(one.stderr)
      }
    }
  })
})
