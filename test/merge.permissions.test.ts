// Tool grants in a merge to OpenCode, whose tools map and `permission` rules
// are one decision: the output never grants a tool, or a use of one, that no
// input granted (union) or that some input withholds (intersection); the
// map never denies one of write/edit/patch (one permission in OpenCode
// 1.1.1+, the last entry deciding) beside the others granted; and every
// tool or use granted beyond an input, or left out relative to one, is a
// warning naming it; a merge to Claude Code grants the same uses. Each case
// is read back as OpenCode (or Claude Code) reads it, by a small reading
// written here apart from the code under test.
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'


const file = (dir: string, name: string, frontmatter: string): string => agentFile(dir, name, frontmatter, 'Do the work.')

const claude = (tools: string) => `name: worker\ndescription: Does the work.\ntools: ${tools}\n`
const opencode = (rest: string) => `description: Does the work.\n${rest}`

async function merge(args: string[]): Promise<{ fm: Record<string, unknown>; stderr: string; stdout: string }> {
  const r = await cli(['merge', '--to', 'opencode', '--provenance', 'none', ...args])
  expect(r.code, r.stderr).toBe(0)
  return { fm: front(r.stdout), stderr: r.stderr, stdout: r.stdout }
}

type Action = 'allow' | 'deny' | 'ask'

/**
 * Whether OpenCode 1.1.1+ lets the agent run this use of a tool: the tools
 * map first (write/edit/patch as `edit`), then the `permission` rules, the
 * last rule that matches deciding; a tool no rule names is allowed.
 */
function allowed(fm: Record<string, unknown>, tool: string, use = 'x'): boolean {
  const match = (name: string, pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name)
  const perm = (name: string) => (['write', 'edit', 'patch'].includes(name) ? 'edit' : name)
  const rules: Array<{ key: string; pattern: string; action: Action }> = []
  for (const [k, on] of Object.entries((fm.tools ?? {}) as Record<string, boolean>)) rules.push({ key: perm(k), pattern: '*', action: on ? 'allow' : 'deny' })
  for (const [k, v] of Object.entries((fm.permission ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') rules.push({ key: k, pattern: '*', action: v as Action })
    else for (const [p, a] of Object.entries(v as Record<string, Action>)) rules.push({ key: k, pattern: p, action: a })
  }
  const last = rules.filter((r) => match(perm(tool), r.key) && match(use, r.pattern)).pop()
  return last === undefined || last.action === 'allow'
}

describe('merge --to opencode: the edit tools are one permission', () => {
  it('a Claude Code list and an OpenCode map that writes and edits: editing stays on, and no patch: false after write and edit', async () => {
    const dir = tempDir('agentmerge-mperm-')
    const s1 = file(dir, 's1.md', claude('[Read, Grep]'))
    const s2 = file(dir, 's2.md', opencode('tools:\n  read: true\n  write: true\n  edit: true\n'))
    const { fm, stderr } = await merge([s1, s2])
    const tools = fm.tools as Record<string, boolean>
    expect(tools.patch).toBeUndefined()
    for (const t of ['read', 'grep', 'write', 'edit']) expect(allowed(fm, t), t).toBe(true)
    expect(allowed(fm, 'bash')).toBe(false)
    expect(stderr).toContain(`${s1}:4: warning: tools (union): the merged agent grants edit, write, which this variant withholds`)
  })

  it('the five backend-developer variants: whoever grants write and edit, the merged agent can edit', async () => {
    const { fm } = await merge([`${FIXTURES}backend-developer-elite.md`, `${FIXTURES}backend-developer-opencode.md`, `${FIXTURES}backend-developer-structured.md`, `${FIXTURES}backend-engineer.md`, `${FIXTURES}backend-developer-senior.md`])
    expect(allowed(fm, 'write')).toBe(true)
    expect(allowed(fm, 'edit')).toBe(true)
  })
})

describe('merge --to opencode: permission is decided with the tools', () => {
  it('intersection: a tool left out of the map is not granted by the rules after it, and each input that granted it is told', async () => {
    const dir = tempDir('agentmerge-mperm-')
    const rules = 'tools:\n  read: true\n  bash: true\npermission:\n  bash:\n    "*": allow\n    "rm *": deny\n'
    const i1 = file(dir, 'i1.md', opencode(rules))
    const i2 = file(dir, 'i2.md', opencode(rules))
    const i3 = file(dir, 'i3.md', claude('Read'))
    const { fm, stderr } = await merge(['--tools', 'intersection', i1, i2, i3])
    expect(allowed(fm, 'bash', 'ls')).toBe(false)
    expect(fm.permission).toBeUndefined()
    expect(allowed(fm, 'read')).toBe(true)
    for (const f of [i1, i2]) expect(stderr).toContain(`${f}:3: warning: tools (intersection): the merged agent does not grant bash, which this variant grants`)
    // The two that agree keep their limit: bash, but not rm.
    const both = await merge(['--tools', 'intersection', i1, i2])
    expect(allowed(both.fm, 'bash', 'ls')).toBe(true)
    expect(allowed(both.fm, 'bash', 'rm -rf x')).toBe(false)
  })

  it('union: an input whose rules leave every tool on grants nothing, and neither do its rules (bash, edit)', async () => {
    const dir = tempDir('agentmerge-mperm-')
    const r1 = file(dir, 'r1.md', opencode('permission:\n  bash:\n    "*": allow\n    "rm *": deny\n  edit:\n    "*": allow\n    "*.env": deny\n'))
    const r2 = file(dir, 'r2.md', claude('Read'))
    const { fm, stderr } = await merge([r1, r2])
    expect(allowed(fm, 'bash', 'ls')).toBe(false)
    expect(allowed(fm, 'edit', 'a.ts')).toBe(false)
    expect(allowed(fm, 'read')).toBe(true)
    // Its rules are tool fields: it is told what it loses, never that it has none.
    expect(stderr).toContain(`${r1}:3: warning: tools (union): the merged agent grants only the tools it lists, where this variant leaves on every tool it does not deny (--tools all would let it grant every tool)`)
    expect(stderr).not.toContain(`${r1}: warning: tools (union): no tools field`)
    const r3 = file(dir, 'r3.md', opencode(''))
    expect((await merge([r3, r2])).stderr).toContain(`${r3}: warning: tools (union): no tools field; this input grants no tool to the merged agent`)
  })

  it('inputs that all leave every tool on: the merged agent does too, but what they deny; one without tool fields overrules no denial', async () => {
    const dir = tempDir('agentmerge-mperm-')
    const r1 = file(dir, 'r1.md', opencode('permission:\n  bash:\n    "*": allow\n    "rm *": deny\n  edit:\n    "*": allow\n    "*.env": deny\n'))
    const r3 = file(dir, 'r3.md', opencode(''))
    const { fm, stderr } = await merge(['--tools', 'intersection', r1, r3])
    expect(allowed(fm, 'bash', 'ls')).toBe(true)
    expect(allowed(fm, 'bash', 'rm x')).toBe(false)
    expect(allowed(fm, 'read')).toBe(true)
    // Edit except *.env is read as no edit: never more than the input says, and said.
    expect(allowed(fm, 'edit', 'a.ts')).toBe(false)
    expect(stderr).toContain(`${r1}:3: warning: tools (intersection): this variant's 'permission' is not read as written: 'edit': the rules denying some uses ('*.env') have no equivalent; edit is not granted`)
    // Under union too: r3 has no tool field, so it grants nothing (only --tools all lets it grant every tool), and r1's denials stand.
    const union = await merge([r1, r3])
    expect(allowed(union.fm, 'bash', 'ls')).toBe(true)
    expect(allowed(union.fm, 'bash', 'rm x')).toBe(false)
    expect(allowed(union.fm, 'edit', 'a.ts')).toBe(false)
    expect(allowed(union.fm, 'read')).toBe(true)
    expect(union.stderr).toContain(`${r3}: warning: tools (union): the merged agent does not grant bash 'rm *', edit, notebookedit, patch, write, which this variant grants`)
    const all = await merge(['--tools', 'all', r1, r3])
    expect(all.fm.tools).toBeUndefined()
    expect(all.fm.permission).toBeUndefined()
    expect(all.stderr).toContain(`${r1}:3: warning: tools (all): the merged agent grants bash 'rm *', edit, notebookedit, patch, write, which this variant withholds`)
  })

  it('union: commands granted by different inputs are all granted; a whole grant of bash is whole', async () => {
    const dir = tempDir('agentmerge-mperm-')
    const g1 = file(dir, 'g1.md', claude('Bash(git *)'))
    const g3 = file(dir, 'g3.md', opencode('permission:\n  "*": deny\n  bash:\n    "*": deny\n    "npm *": allow\n'))
    const g4 = file(dir, 'g4.md', claude('Bash(make *)'))
    const { fm, stderr } = await merge([g1, g3, g4])
    for (const use of ['git status', 'npm test', 'make all']) expect(allowed(fm, 'bash', use), use).toBe(true)
    expect(allowed(fm, 'bash', 'rm x')).toBe(false)
    expect(stderr).toContain(`${g1}:4: warning: tools (union): the merged agent grants bash 'make *', bash 'npm *', which this variant withholds`)
    const gb = file(dir, 'gb.md', claude('Bash'))
    const whole = await merge([g1, gb])
    expect(allowed(whole.fm, 'bash', 'rm x')).toBe(true)
    expect(whole.fm.permission).toBeUndefined()
    expect(whole.stderr).toContain(`${g1}:4: warning: tools (union): the merged agent grants bash, which this variant withholds`)
  })

  it('the sidecar records the permission decision with the tools', async () => {
    const dir = tempDir('agentmerge-mperm-')
    const g1 = file(dir, 'g1.md', claude('Bash(git *)'))
    const g4 = file(dir, 'g4.md', claude('Bash(make *)'))
    const out = join(dir, 'out.md')
    const r = await cli(['merge', '--to', 'opencode', '-o', out, g1, g4])
    expect(r.code, r.stderr).toBe(0)
    const sidecar = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')) as unknown
    const text = JSON.stringify(sidecar)
    expect(text).toContain('"key":"permission"')
    expect(text).toContain('decided with tools')
  })

  it('--tools all names the tools an input allowed as OpenCode spells them', async () => {
    const dir = tempDir('agentmerge-mperm-')
    const a = file(dir, 'a.md', claude('Read, Task'))
    const b = file(dir, 'b.md', 'name: worker\ndescription: Does the work.\n')
    const r = await cli(['merge', '--to', 'opencode', '--tools', 'all', '--provenance', 'none', a, b])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/this variant allows only read, task\n/)
    // And as Claude Code spells them, in the merge to Claude Code.
    const c = await cli(['merge', '--to', 'claude', '--tools', 'all', '--provenance', 'none', file(dir, 'c.md', claude('Edit, Read')), b])
    expect(c.code, c.stderr).toBe(0)
    expect(c.stderr).toMatch(/this variant allows only Edit, Read\n/)
  })
})

/** The Bash uses a Claude Code agent may run: its `tools` list (Bash whole or `Bash(pattern)`), less what `disallowedTools` denies. */
function claudeAllows(fm: Record<string, unknown>, use: string): boolean {
  const names = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? (v.match(/[^,(]+(?:\([^)]*\))?/g) ?? []).map((n) => n.trim()) : [])
  const hit = (name: string) => name === 'Bash' || (name.startsWith('Bash(') && use.startsWith(name.slice(5, -1).replace(' *', ' ')))
  const listed = fm.tools === undefined || names(fm.tools).some(hit)
  return listed && !names(fm.disallowedTools).some(hit)
}

describe('a merge grants nothing beyond the inputs, in OpenCode and Claude Code alike (property)', () => {
  const commands = ['git *', 'npm *', 'make *', 'rm *']
  const input = fc.record({
    whole: fc.boolean(),
    allow: fc.subarray(commands),
    deny: fc.subarray(commands),
    read: fc.boolean(),
  })
  const frontmatter = (i: { whole: boolean; allow: string[]; deny: string[]; read: boolean }) => {
    const tools = [...(i.read ? ['Read'] : []), ...(i.whole ? ['Bash'] : i.allow.map((c) => `Bash(${c})`))]
    const denied = i.whole && i.deny.length > 0 ? `disallowedTools: ${i.deny.map((c) => `Bash(${c})`).join(', ')}\n` : ''
    return `${claude(tools.length > 0 ? tools.join(', ') : '[]')}${denied}`
  }
  const grants = (i: { whole: boolean; allow: string[]; deny: string[] }, use: string) => {
    const hit = (c: string) => use.startsWith(c.replace(' *', ' '))
    return i.whole ? !i.deny.some(hit) : i.allow.some(hit)
  }

  it('under union no use is granted that no input grants; under intersection none that some input withholds; a use left out is warned', async () => {
    const uses = ['git log', 'npm test', 'make all', 'rm x', 'ls']
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 2, maxLength: 3 }), fc.constantFrom('union', 'intersection'), async (inputs, policy) => {
        const dir = tempDir('agentmerge-mperm-')
        const paths = inputs.map((i, n) => file(dir, `in${n}.md`, frontmatter(i)))
        const { fm, stderr } = await merge(['--tools', policy, ...paths])
        for (const use of uses) {
          const each = inputs.map((i) => grants(i, use))
          if (allowed(fm, 'bash', use)) expect(policy === 'union' ? each.some(Boolean) : each.every(Boolean), `${policy} ${use}`).toBe(true)
          // A use an input grants and the merged agent does not is never silent.
          else each.forEach((on, n) => on && expect(stderr, `${policy} ${use}`).toMatch(new RegExp(`${paths[n]}:\\d+: warning: tools \\(${policy}\\): the merged agent does not grant [^\\n]*bash`)))
        }
        if (allowed(fm, 'read')) expect(policy === 'union' ? inputs.some((i) => i.read) : inputs.every((i) => i.read)).toBe(true)
      }),
      { seed: 20261207, numRuns: 25 },
    )
  })

  it('and a merge to Claude Code grants the same uses as the merge to OpenCode', async () => {
    const uses = ['git log', 'npm test', 'make all', 'rm x', 'ls']
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 2, maxLength: 3 }), fc.constantFrom('union', 'intersection'), async (inputs, policy) => {
        const dir = tempDir('agentmerge-mperm-')
        const paths = inputs.map((i, n) => file(dir, `in${n}.md`, frontmatter(i)))
        const opencode = await merge(['--tools', policy, ...paths])
        const r = await cli(['merge', '--to', 'claude', '--tools', policy, '--provenance', 'none', ...paths])
        expect(r.code, r.stderr).toBe(0)
        const claude = front(r.stdout)
        for (const use of uses) expect(claudeAllows(claude, use), `${policy} ${use}: ${JSON.stringify(claude)}`).toBe(allowed(opencode.fm, 'bash', use))
      }),
      { seed: 20261207, numRuns: 25 },
    )
  })
})
