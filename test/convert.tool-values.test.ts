// Tool fields read strictly, in every command: only `true` grants a tool in
// a tools map, only a name is a tool in a list, only allow/ask/deny is an
// OpenCode permission; anything else (`null`, `no`, `0`, a map in a list) is
// read as not granted, with a warning naming the field's line, and `lint`
// reports it. And Copilot's names read as Copilot means them: an alias that
// folds several tools is converted with a warning saying what is written,
// and `SET/TOOL` is a tool of one of VS Code's built-in tool sets when SET is
// one (`search/codebase`), an MCP server's tool otherwise (`github/get_issue`).
import fc from 'fast-check'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'


const file = (name: string, frontmatter: string): string => agentFile(tempDir('agentmerge-values-'), name, frontmatter, 'Review the change.')

/** The tester's file: a tools map whose values are not booleans but for `"*"` and `read`. */
const OC = 'description: oc\nmode: subagent\ntools:\n  "*": false\n  read: true\n  bash: null\n  write: no\n  edit: off\n  webfetch: 0\n'

describe('a tools map value that is not true grants nothing', () => {
  it('convert to Claude Code and Copilot grants read only, with a warning naming each entry at the field line', async () => {
    const oc = file('oc.md', OC)
    const r = await cli(['convert', '--to', 'claude', oc, '-o', '-'])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).tools).toBe('Read')
    for (const entry of ['bash: null', 'write: no', 'edit: off', 'webfetch: 0']) {
      expect(r.stderr).toContain(`${oc}:4: warning: field 'tools': '${entry}' is not true or false; not granted`)
    }
    const c = await cli(['convert', '--to', 'copilot', oc, '-o', '-'])
    expect(front(c.stdout).tools).toEqual(['read'])
    expect((await cli(['convert', '--strict', '--to', 'claude', oc, '-o', '-'])).code).toBe(1)
  })

  it('lint reports each entry; normalize --json lists them not granted; a merge does not grant them', async () => {
    const oc = file('oc.md', OC)
    const lint = await cli(['lint', oc])
    expect(lint.code).toBe(1)
    expect(lint.stdout).toContain(`${oc}:4: field 'tools': 'bash: null' is not true or false; not granted (unknown-tool)`)
    expect(lint.stdout).toContain(`${oc}:4: field 'tools': 'webfetch: 0' is not true or false; not granted (unknown-tool)`)
    const json = await cli(['normalize', '--json', oc])
    const tools = JSON.parse(json.stdout).agents[0].meta.tools as Array<{ id: string; enabled: boolean }>
    expect(tools.filter((t) => t.enabled).map((t) => t.id)).toEqual(['read'])
    const other = file('other.md', 'description: other\nmode: subagent\ntools:\n  "*": false\n  read: true\n')
    for (const to of ['claude', 'opencode']) {
      const m = await cli(['merge', '--to', to, '--provenance', 'none', oc, other, '-o', '-'])
      expect(m.code, m.stderr).toBe(0)
      const t = front(m.stdout).tools
      expect(to === 'claude' ? t : Object.entries(t as Record<string, boolean>).filter(([, on]) => on).map(([k]) => k), to).toEqual(to === 'claude' ? 'Read' : ['read'])
      expect(m.stderr, to).toContain("'bash: null' is not true or false; not granted")
    }
  })

  it('an open map (no "*": false): a value that is not a boolean denies the tool rather than leaving it on', async () => {
    const oc = file('open.md', 'description: open\nmode: subagent\ntools:\n  bash: "true"\n')
    const r = await cli(['convert', '--to', 'claude', oc, '-o', '-'])
    expect(front(r.stdout).disallowedTools).toBe('Bash')
    expect(r.stderr).toContain(`${oc}:4: warning: field 'tools': 'bash: "true"' is not true or false; not granted`)
  })

  it('a tools value that is not a map is no OpenCode tools map: nothing is granted', async () => {
    const oc = file('list.md', 'description: listed\nmode: subagent\ntools: [read, bash]\n')
    const r = await cli(['convert', '--to', 'claude', oc, '-o', '-'])
    expect(front(r.stdout).tools).toEqual([])
    expect(r.stderr).toContain(`${oc}:4: warning: field 'tools': not a map of tools to true or false; no tool is granted`)
  })
})

describe('a list entry that is not a name, an OpenCode permission that is not allow, ask or deny', () => {
  it('Claude Code: a number, a map or null in the tools list is no tool; lint reports each', async () => {
    const cc = file('cc.md', 'name: cc\ndescription: cc\ntools: [Read, 5, {Bash: true}, null]\n')
    const r = await cli(['convert', '--to', 'opencode', cc, '-o', '-'])
    expect(r.code, r.stderr).toBe(0)
    const tools = front(r.stdout).tools as Record<string, boolean>
    expect(Object.entries(tools).filter(([, on]) => on).map(([k]) => k)).toEqual(['read'])
    expect(r.stderr).toContain(`${cc}:4: warning: field 'tools': 5 is not a tool name; ignored`)
    expect(r.stderr).toContain(`${cc}:4: warning: field 'tools': {"Bash":true} is not a tool name; ignored`)
    const lint = await cli(['lint', cc])
    expect(lint.code).toBe(1)
    // The field is of the wrong type as a whole: said once, as such (field-type), not entry by entry.
    expect(lint.stdout).toContain(`${cc}:4: frontmatter field 'tools' is a list holding a number`)
    expect(lint.stdout).not.toContain('is not a tool name')
  })

  it('OpenCode: a permission that is not allow, ask or deny is read as deny, for a tool and for one use', async () => {
    const oc = file('perm.md', 'description: perm\nmode: subagent\npermission:\n  read: allow\n  bash: yes\n  webfetch: true\n  edit:\n    "*": allow\n    "*.env": nope\n')
    const r = await cli(['convert', '--to', 'claude', oc, '-o', '-'])
    expect(r.code, r.stderr).toBe(0)
    const fm = front(r.stdout)
    const denied = String(fm.disallowedTools ?? '')
    for (const tool of ['Bash', 'WebFetch', 'Edit']) expect(denied, tool).toContain(tool)
    expect(r.stderr).toContain(`${oc}:4: warning: field 'permission': 'bash: yes' is not allow, ask or deny; read as deny`)
    expect(r.stderr).toContain(`${oc}:4: warning: field 'permission': 'webfetch: true' is not allow, ask or deny; read as deny`)
    expect(r.stderr).toContain(`${oc}:4: warning: field 'permission': 'edit' ('*.env': nope) is not allow, ask or deny; read as deny`)
    const lint = await cli(['lint', oc])
    expect(lint.code).toBe(1)
    expect(lint.stdout).toContain(`${oc}:4: field 'permission': 'bash: yes' is not allow, ask or deny; read as deny (unknown-tool)`)
  })

  it('OpenCode: a permission value that is neither a map nor allow, ask or deny denies every tool', async () => {
    const oc = file('perm.md', 'description: perm\nmode: subagent\npermission: yes\n')
    const r = await cli(['convert', '--to', 'claude', oc, '-o', '-'])
    expect(front(r.stdout).tools).toEqual([])
    expect(r.stderr).toContain(`${oc}:4: warning: field 'permission': 'yes' is not allow, ask or deny, nor a map of them; read as deny`)
  })
})

describe("Copilot's names", () => {
  it('an alias converted to Claude Code: an old tool its replacement holds is left out silently, else the warning says what is written', async () => {
    const x = file('x.agent.md', 'name: x\ndescription: x\ntools: [search]\n')
    const r = await cli(['convert', '--to', 'claude', '--strict', x, '-o', '-'])
    // Glob holds what LS did: beside it LS grants nothing more, so nothing is said and --strict passes.
    expect(front(r.stdout).tools).toBe('Grep, Glob')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const y = file('y.agent.md', 'name: y\ndescription: y\ntools: [search/listDirectory]\n')
    const s = await cli(['convert', '--to', 'claude', y, '-o', '-'])
    expect(front(s.stdout).tools).toBe('Glob')
    expect(s.stderr).toContain(`${y}:4: warning: tool 'search/listDirectory' is not a tool of current Claude Code; granted Glob instead`)
  })

  it('a tool of a built-in tool set is that tool, approximated with a warning; an MCP server tool stays one', async () => {
    const x = file('x.agent.md', "name: x\ndescription: x\ntools: ['search/codebase', 'read/readFile', 'edit/editFiles', 'execute/runInTerminal', 'github/get_issue', 'search/usages']\n")
    const r = await cli(['convert', '--to', 'claude', x, '-o', '-'])
    expect(r.code, r.stderr).toBe(0)
    const tools = String(front(r.stdout).tools).split(', ')
    expect(tools).toEqual(expect.arrayContaining(['Grep', 'Read', 'Edit', 'Bash', 'mcp__github__get_issue']))
    expect(tools.some((t) => t.startsWith('mcp__search') || t.startsWith('mcp__read') || t.startsWith('mcp__edit') || t.startsWith('mcp__execute'))).toBe(false)
    expect(r.stderr).toContain(`${x}:4: warning: field 'tools': 'search/codebase' is VS Code's semantic code search; read as grep, which searches text`)
    expect(r.stderr).toContain("'search/usages' is not a Claude Code tool; kept as written")
    // Converted back to Copilot, each tool the Claude file grants alone is written by a name that grants only it:
    // Edit without Write by its exact name, never the 'edit' alias that grants both (nor 'search' for Grep alone).
    // 'search/usages' grants nothing in Claude Code, which ignores it, so nothing in Copilot either.
    const claude = join(tempDir('agentmerge-values-'), 'x.md')
    writeFileSync(claude, r.stdout)
    const back = await cli(['convert', '--to', 'copilot', '--strict', claude, '-o', '-'])
    expect(front(back.stdout).tools).toEqual(['read', 'edit/editFiles', 'search/textSearch', 'execute/runInTerminal', 'github/get_issue'])
    expect(back.stderr).toContain("tool 'search/usages': not a Claude Code tool, so it grants nothing there, and Copilot would read it as a tool; dropped")
    expect(back.stderr).not.toContain('also grants')
  })
})

describe('the merge driver reads a tools map as every command does', () => {
  it('an entry that is not true stays not granted when the two sides change other entries', async () => {
    const map = (extra: string) => `description: oc\nmode: subagent\ntools:\n  "*": false\n  read: true\n  bash: null\n${extra}`
    const base = file('base.md', map(''))
    const ours = file('ours.md', map('  grep: true\n'))
    const theirs = file('theirs.md', map('  glob: true\n'))
    const r = await cli(['merge-driver', base, ours, theirs, 'agents/oc.md'])
    expect(r.code, r.stderr).toBe(0)
    const merged = front(readFileSync(ours, 'utf8')).tools as Record<string, unknown>
    expect(merged).toMatchObject({ read: true, grep: true, glob: true })
    expect(merged.bash).not.toBe(true)
  })
})

describe('property: only true grants', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 25)
  const TOOLS = ['read', 'write', 'edit', 'bash', 'grep', 'glob', 'webfetch', 'websearch']
  const CLAUDE: Record<string, string> = { read: 'Read', write: 'Write', edit: 'Edit', bash: 'Bash', grep: 'Grep', glob: 'Glob', webfetch: 'WebFetch', websearch: 'WebSearch' }
  const value = fc.constantFrom<unknown>(true, false, null, 'no', 'off', 'yes', 'true', 'allow', 0, 1, [], {})
  const map = fc.dictionary(fc.constantFrom(...TOOLS), value, { maxKeys: TOOLS.length })

  it('an OpenCode allowlist map converted to Claude Code grants no tool whose value is not true, and warns of each such value', async () => {
    await fc.assert(
      fc.asyncProperty(map, async (entries) => {
        const src = file('p.md', `description: p\nmode: subagent\n${stringify({ tools: { '*': false, ...entries } })}`)
        const r = await cli(['convert', '--to', 'claude', src, '-o', '-'])
        expect(r.code, r.stderr).toBe(0)
        const tools = front(r.stdout).tools
        const granted = Array.isArray(tools) ? tools : String(tools ?? '').split(', ').filter((t) => t !== '')
        // write, edit (and patch) are one permission in OpenCode 1.1.1+: granted only together, never beyond `true`.
        for (const name of granted) expect(Object.entries(entries).some(([k, v]) => v === true && CLAUDE[k] === name), name).toBe(true)
        const odd = Object.entries(entries).filter(([, v]) => typeof v !== 'boolean')
        for (const [k] of odd) expect(r.stderr).toContain(`'${k}: `)
      }),
      { seed: 20261209, numRuns: runs },
    )
  })
})
