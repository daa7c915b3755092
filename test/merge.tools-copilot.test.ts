// A merge to Copilot never widens a grant through an alias: a tool whose
// alias folds tools the merged agent does not grant is written by its exact
// `SET/TOOL` name, or left out with a warning when it has none. What the
// merge says of each input is judged against what it wrote (an input with
// only denials, merged to Copilot, which cannot deny, is told it is widened,
// never narrowed). A single input, and a convert to the file's own dialect,
// still warn of tool values read as not granted, so `--strict` sees them.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'


const file = (dir: string, name: string, frontmatter: string): string => agentFile(dir, name, frontmatter, 'Read the code first.')

/** The tools a Copilot list grants, read back by the converter to Claude Code. */
async function claudeTools(dir: string, copilotText: string): Promise<string[]> {
  const path = join(dir, `back-${Math.random().toString(36).slice(2)}.agent.md`)
  writeFileSync(path, copilotText)
  const r = await cli(['convert', '--to', 'claude', path, '-o', '-'])
  return String(front(r.stdout).tools ?? '').split(', ').filter((t) => t !== '').sort()
}

describe('a Copilot merge of SET/TOOL names', () => {
  it('writes no alias that grants more than the inputs, under union and intersection', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const p = file(dir, 'p.agent.md', 'name: p\ndescription: p agent\ntools: [search/codebase, edit/editFiles, github/get_issue]\n')
    const q = file(dir, 'q.agent.md', 'name: p\ndescription: p agent\ntools: [search/codebase, read]\n')
    const union = await cli(['merge', p, q, '-o', '-', '--provenance', 'none'])
    expect(union.code, union.stderr).toBe(0)
    const tools = front(union.stdout).tools as string[]
    expect(tools).not.toContain('edit')
    expect(tools).not.toContain('search')
    expect(tools).toEqual(expect.arrayContaining(['edit/editFiles', 'github/get_issue', 'read']))
    // Read back, the output grants exactly the union: no Write, Glob or LS.
    expect(await claudeTools(dir, union.stdout)).toEqual(['Edit', 'Grep', 'Read', 'mcp__github__get_issue'])
    expect(union.stderr).not.toContain('also grants')
    const inter = await cli(['merge', '--tools', 'intersection', p, q, '-o', '-', '--provenance', 'none'])
    expect(inter.code, inter.stderr).toBe(0)
    expect(await claudeTools(dir, inter.stdout)).toEqual(['Grep'])
    expect(inter.stderr).not.toContain('also grants')
  })

  it('keeps the SET/TOOL name the inputs wrote for a tool: search/codebase stays, never turned into another search tool', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const p = file(dir, 'p.agent.md', 'name: p\ndescription: p agent\ntools: [search/codebase, edit/editFiles]\n')
    const q = file(dir, 'q.agent.md', 'name: p\ndescription: p agent\ntools: [search/codebase, read]\n')
    for (const policy of ['union', 'intersection']) {
      const r = await cli(['merge', '--tools', policy, q, p, '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      expect(front(r.stdout).tools, policy).toContain('search/codebase')
      expect(front(r.stdout).tools, policy).not.toContain('search/textSearch')
    }
    // Warnings name it so too.
    const o = file(dir, 'o.agent.md', 'name: p\ndescription: p agent\ntools: [read]\n')
    const r = await cli(['merge', o, q, '-o', '-', '--provenance', 'none'])
    expect(front(r.stdout).tools).toEqual(['read', 'search/codebase'])
    expect(r.stderr).toContain(`${o}:4: warning: tools (union): the merged agent grants search/codebase, which this variant withholds`)
  })

  it('leaves out a tool with no exact name rather than grant its whole alias, with a warning', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const a = file(dir, 'a.md', 'name: x\ndescription: x agent\ntools: Read, WebSearch\n')
    const b = file(dir, 'b.md', 'name: x\ndescription: x agent\ntools: Read, Edit\n')
    const r = await cli(['merge', '--to', 'copilot', a, b, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).tools).toEqual(['edit/editFiles', 'read'])
    // Each input is converted to Copilot first: the conversion says what it could not write.
    expect(r.stderr).toContain(`${a}:4: warning: tool 'WebSearch': Copilot has no name for it alone, and its alias 'web' also grants web/fetch; not granted`)
  })
})

describe('open inputs merged to Copilot', () => {
  it('are written as an allowlist, never every tool; under union each is told of the other\'s grant it withholds', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const a = file(dir, 'a.md', 'name: x\ndescription: x agent\ndisallowedTools: Bash\n')
    const c = file(dir, 'c.md', 'name: x\ndescription: x agent\ndisallowedTools: Write\n')
    const r = await cli(['merge', '--to', 'copilot', a, c, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).tools).toEqual(expect.arrayContaining(['edit', 'execute', 'read']))
    expect(r.stderr).toContain(`${a}:4: warning: field 'disallowedTools' leaves on every tool it does not name but denies some, and Copilot cannot deny a tool`)
    expect(r.stderr).toContain(`${a}:4: warning: tools (union): the merged agent grants execute/runInTerminal, which this variant withholds`)
    expect(r.stderr).toContain(`${c}:4: warning: tools (union): the merged agent grants edit/createFile, which this variant withholds`)
    expect(r.stderr).not.toContain('no way to deny')
  })

  it('intersected, grant neither denied tool', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const a = file(dir, 'a.md', 'name: x\ndescription: x agent\ndisallowedTools: Bash\n')
    const c = file(dir, 'c.md', 'name: x\ndescription: x agent\ndisallowedTools: Write\n')
    const r = await cli(['merge', '--to', 'copilot', '--tools', 'intersection', a, c, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    const tools = front(r.stdout).tools as string[]
    for (const name of ['edit', 'edit/createFile', 'execute', 'execute/runInTerminal']) expect(tools).not.toContain(name)
    expect(tools).toContain('read')
  })
})

describe('a tool value read as not granted, with nothing to convert or merge', () => {
  const N1 = 'description: n1\nmode: subagent\ntools:\n  "*": false\n  read: true\n  bash: null\n'

  it('is a warning of a single-file merge, which keeps the field as written', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const n1 = file(dir, 'n1.md', N1)
    const r = await cli(['merge', n1, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect((front(r.stdout).tools as Record<string, unknown>).bash).toBeNull()
    expect(r.stderr).toContain(`${n1}:4: warning: tools (union): this variant's 'tools' is not read as written: 'bash: null' is not true or false; not granted`)
  })

  it('is a warning of a convert to the same dialect, so --strict exits 1', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const n1 = file(dir, 'n1.md', N1)
    const r = await cli(['convert', '--to', 'opencode', '--strict', n1, '-o', '-'])
    expect(r.stdout).toBe(`---\n${N1}---\n\nRead the code first.\n`)
    expect(r.stderr).toContain(`${n1}:4: warning: field 'tools': 'bash: null' is not true or false; not granted`)
    expect(r.code).toBe(1)
  })
})

describe("Copilot's old tool names and full sets", () => {
  it('convert --strict of the usual Claude list: MultiEdit beside Edit and TodoRead beside TodoWrite grant nothing more, and are left out silently', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const usual = file(dir, 'usual.md', 'name: usual\ndescription: usual agent\ntools: Read, Edit, MultiEdit, Write, Grep, Glob, Bash, TodoRead, TodoWrite\n')
    const r = await cli(['convert', '--to', 'copilot', '--strict', usual, '-o', '-'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(front(r.stdout).tools).toEqual(['read', 'edit/editFiles', 'edit/createFile', 'search', 'execute/runInTerminal', 'todo'])
    // Without its replacement, an old tool Copilot has no name for is still not granted, with a warning.
    const alone = file(dir, 'alone.md', 'name: alone\ndescription: alone agent\ntools: Read, MultiEdit\n')
    const s = await cli(['convert', '--to', 'copilot', '--strict', alone, '-o', '-'])
    expect(s.stderr).toContain(`${alone}:4: warning: tool 'MultiEdit' has no Copilot equivalent; dropped`)
    expect(s.code).toBe(1)
  })

  it('an alias grants its whole set, read and written alike: Bash alone is execute/runInTerminal, and execute reads back as every tool it grants', async () => {
    const dir = tempDir('agentmerge-copilot-')
    for (const [tools, expected] of [
      ['Bash', ['execute/runInTerminal']],
      ['Bash, BashOutput, KillShell', ['execute']],
      ['Edit, Write', ['edit/editFiles', 'edit/createFile']],
      ['Edit, Write, NotebookEdit', ['edit']],
      ['Read', ['read']],
    ] as const) {
      const src = file(dir, `s${tools.length}.md`, `name: s\ndescription: s agent\ntools: ${tools}\n`)
      const r = await cli(['convert', '--to', 'copilot', '--strict', src, '-o', '-'])
      expect(front(r.stdout).tools, tools).toEqual(expected)
      expect(r.stderr, tools).toBe('')
    }
    expect(await claudeTools(dir, '---\nname: x\ndescription: x\ntools: [execute]\n---\nRun.\n')).toEqual(['Bash', 'BashOutput', 'KillShell'])
    expect(await claudeTools(dir, '---\nname: x\ndescription: x\ntools: [edit]\n---\nRun.\n')).toEqual(['Edit', 'NotebookEdit', 'Write'])
  })
})

describe('a name read as a tool only as a near match (search/codebase)', () => {
  it("never stands in for an input's exact tool, whatever the order of the paths", async () => {
    for (const [copilotName, claudeName] of [['a1.agent.md', 'z1.md'], ['z1.agent.md', 'a1.md']] as const) {
      const dir = tempDir('agentmerge-copilot-')
      const c = file(dir, copilotName, 'name: x\ndescription: x agent\ntools: [search/codebase]\n')
      const g = file(dir, claudeName, 'name: x\ndescription: x agent\ntools: Grep, Read\n')
      const r = await cli(['merge', '--to', 'copilot', c, g, '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      expect(front(r.stdout).tools, copilotName).toEqual(['read', 'search/codebase', 'search/textSearch'])
      expect(r.stderr).toContain(`${g}:4: warning: tools (union): the merged agent grants search/codebase, which this variant withholds`)
    }
  })

  it('is a grant of its own: union keeps both names, intersection neither, first the deciding input', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const a = file(dir, 'a.agent.md', 'name: x\ndescription: x agent\ntools: [search/codebase]\n')
    const b = file(dir, 'b.agent.md', 'name: x\ndescription: x agent\ntools: [search/textSearch, read]\n')
    const union = await cli(['merge', a, b, '-o', '-', '--provenance', 'none'])
    expect(front(union.stdout).tools).toEqual(['read', 'search/codebase', 'search/textSearch'])
    const inter = await cli(['merge', '--tools', 'intersection', a, b, '-o', '-', '--provenance', 'none'])
    expect(front(inter.stdout).tools).toEqual([])
    expect(inter.stderr).toContain(`${a}:4: warning: tools (intersection): the merged agent does not grant search/codebase, which this variant grants`)
    const first = await cli(['merge', '--tools', 'first', a, b, '-o', '-', '--provenance', 'none'])
    const decided = front(first.stdout).tools as string[]
    // Whichever input decides, its own names are written, never the other's.
    expect([['search/codebase'], ['read', 'search/textSearch']]).toContainEqual(decided)
  })
})

describe('Copilot inputs that name tools exactly', () => {
  it('merge to the exact names: no alias that grants a tool no input named (search/listDirectory)', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const p = file(dir, 'p.agent.md', 'name: x\ndescription: x agent\ntools: [search/textSearch, search/fileSearch, read]\n')
    const q = file(dir, 'q.agent.md', 'name: x\ndescription: x agent\ntools: [search/textSearch, search/fileSearch, edit/editFiles]\n')
    const r = await cli(['merge', p, q, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).tools).toEqual(['edit/editFiles', 'read', 'search/fileSearch', 'search/textSearch'])
    expect(r.stderr).not.toContain('listDirectory')
    expect(await claudeTools(dir, r.stdout)).toEqual(['Edit', 'Glob', 'Grep', 'Read'])
  })

  it('warnings name a tool the output has no name for by its name elsewhere, and an old tool by its replacement alone', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const w = file(dir, 'w.agent.md', 'name: x\ndescription: x agent\ntools: [web]\n')
    const v = file(dir, 'v.agent.md', 'name: x\ndescription: x agent\ntools: [web/fetch, read]\n')
    const r = await cli(['merge', '--tools', 'intersection', w, v, '-o', '-', '--provenance', 'none'])
    expect(front(r.stdout).tools).toEqual(['web/fetch'])
    expect(r.stderr).toContain(`${w}:4: warning: tools (intersection): the merged agent does not grant WebSearch (no Copilot name), which this variant grants`)
    // `read` grants Read and NotebookRead, which Read holds: one name, not `read, read/getNotebookSummary`.
    expect(r.stderr).toContain(`${v}:4: warning: tools (intersection): the merged agent does not grant read, which this variant grants`)
    expect(r.stderr).not.toContain('websearch')
  })
})

describe('two exact names of one tool', () => {
  it('the deciding input\'s is written, whatever the order of the files, with a note naming both', async () => {
    const dir = tempDir('agentmerge-copilot-')
    const r1 = file(dir, 'r1.agent.md', 'name: x\ndescription: x agent\ntools: [runCommands/runInTerminal, read]\n')
    const r2 = file(dir, 'r2.agent.md', 'name: x\ndescription: x agent\ntools: [execute/runInTerminal]\n')
    const one = await cli(['merge', r1, r2, '-o', '-', '--provenance', 'none'])
    const two = await cli(['merge', r2, r1, '-o', '-', '--provenance', 'none'])
    expect(one.stdout).toBe(two.stdout)
    const tools = front(one.stdout).tools as string[]
    expect(tools.filter((t) => t.endsWith('/runInTerminal'))).toHaveLength(1)
    expect(one.stderr).toMatch(/note: tools: one tool named '(runCommands|execute)\/runInTerminal' \(\S+\) and '(runCommands|execute)\/runInTerminal' \(\S+\); written as '\S+'/)
  })
})
