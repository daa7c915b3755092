// What a merge says of each input's tools, in every output dialect: an input
// whose only tool field is a rule that denies a tool (OpenCode's
// `permission: {bash: deny}`) is told the merged agent grants that tool
// beyond it, never that it has no tool field; the tools map is written with
// one rule for quoting its keys; and an old tool name left out beside its
// replacement, or a renamed one written by its current name, is a note, not
// a conflict, cited where an input wrote it, so that an input merged with an
// identical copy has none.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'
import { mergeAgents, parseAgent } from '../src/index.js'


const file = (dir: string, name: string, frontmatter: string): string => agentFile(dir, name, frontmatter, 'Read the code first.')

describe('an input whose rules deny a tool', () => {
  it('is told, in every dialect, that the merged agent grants the tool it denies; tools-missing only for an input with no tool or rule field', async () => {
    const dir = tempDir('agentmerge-notes-')
    const p1 = file(dir, 'p1.md', 'description: p1\nmode: subagent\ntools:\n  "*": false\n  read: true\n  bash: true\n')
    const p2 = file(dir, 'p2.md', 'description: p2\nmode: subagent\npermission:\n  bash: deny\n')
    const p3 = file(dir, 'p3.md', 'description: p3\nmode: subagent\n')
    for (const [to, bash] of [['opencode', 'bash'], ['claude', 'Bash'], ['copilot', 'execute/runInTerminal']] as const) {
      const r = await cli(['merge', p1, p2, p3, '--to', to, '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr, to).toMatch(new RegExp(`${p2}:4: warning: tools \\(union\\): the merged agent grants ${bash}, which this variant withholds\\n`))
      expect(r.stderr, to).not.toContain(`${p2}: warning: tools (union): no tools field`)
      expect(r.stderr, to).toContain(`${p3}: warning: tools (union): no tools field; this input grants no tool to the merged agent`)
    }
  })
})

describe('wording and quoting', () => {
  it('an input that allows no tool is said to allow no tool', async () => {
    const dir = tempDir('agentmerge-notes-')
    const open = file(dir, 'e.md', 'name: e\ndescription: e agent\n')
    const none = file(dir, 'n.md', 'name: n\ndescription: n agent\ntools: []\n')
    const r = await cli(['merge', '--tools', 'all', open, none, '-o', '-', '--provenance', 'none'])
    expect(r.stderr).toContain('; this variant allows no tool\n')
    expect(r.stderr).not.toContain('allows only none')
  })

  it('a merged OpenCode tools map quotes a key only where YAML needs it, whatever the deciding input quoted', async () => {
    const dir = tempDir('agentmerge-notes-')
    const q = file(dir, 'q.md', 'description: q agent\nmode: subagent\ntools:\n  "*": false\n  "bash": true\n  "read": true\n')
    const g = file(dir, 'g.md', 'description: g agent\nmode: subagent\ntools:\n  "*": false\n  grep: true\n')
    for (const policy of ['union', 'all']) {
      const r = await cli(['merge', '--tools', policy, '--to', 'opencode', '--prefer', q, q, g, '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      const map = /\ntools:\n((?: {2}.*\n)+)/.exec(r.stdout)![1]!.split('\n').filter((l) => l !== '')
      expect(map.length, policy).toBeGreaterThan(3)
      for (const line of map) expect(line, policy).toMatch(/^ {2}("\*"|[a-z_]+): (true|false)$/)
    }
  })
})

describe('an old tool name left out beside its replacement', () => {
  it('is kept when every input grants it: a merge of identical copies writes the tools as the file has them', async () => {
    const dir = tempDir('agentmerge-notes-')
    const one = file(dir, 'i1.md', 'name: x\ndescription: x agent\ntools: Read, MultiEdit, Edit\n')
    const two = file(dir, 'i2.md', 'name: x\ndescription: x agent\ntools: Read, MultiEdit, Edit\n')
    const r = await cli(['merge', one, two, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    const alone = await cli(['merge', one, '-o', '-', '--provenance', 'none'])
    expect(front(r.stdout).tools).toBe('Read, MultiEdit, Edit')
    expect(r.stdout).toBe(alone.stdout)
    expect(r.stderr).not.toContain('old names')
    expect(r.stderr).toMatch(/; 0 conflicts\n$/)
  })

  it('is a note, not a conflict, when the inputs differ on it', async () => {
    const dir = tempDir('agentmerge-notes-')
    const one = file(dir, 'i1.md', 'name: x\ndescription: x agent\ntools: Read, MultiEdit, Edit\n')
    const two = file(dir, 'i2.md', 'name: x\ndescription: x agent\ntools: Read, Edit\n')
    const r = await cli(['merge', one, two, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).tools).toBe('Edit, Read')
    expect(r.stderr).toContain(`${one}:4: note: tools: not written, old names whose replacement the merged agent grants: MultiEdit (now Edit)`)
    expect(r.stderr).toMatch(/; 0 conflicts\n$/)
  })
})

describe('an old tool name not written as written', () => {
  it('is cited where an input wrote it: each name at the first input by path that did, in any order of the files', async () => {
    // As django-expert's inputs: LS only in the later file, MultiEdit in both; LS had been cited at the earlier one.
    const dir = tempDir('agentmerge-notes-')
    const none = file(dir, 'a.md', 'name: x\ndescription: x agent\n')
    const multi = file(dir, 'b.md', 'name: x\ndescription: x agent\ntools: Read, Edit, MultiEdit, Glob\n')
    const ls = file(dir, 'c.md', 'name: x\ndescription: x agent\ntools: Read, Edit, MultiEdit, Glob, LS\n')
    for (const order of [[none, multi, ls], [ls, multi, none]]) {
      const r = await cli(['merge', ...order, '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      expect(front(r.stdout).tools).toBe('Edit, Glob, Read')
      const notes = r.stderr.split('\n').filter((l) => l.includes('old names'))
      expect(notes).toEqual([
        `${multi}:4: note: tools: not written, old names whose replacement the merged agent grants: MultiEdit (now Edit)`,
        `${ls}:4: note: tools: not written, old names whose replacement the merged agent grants: LS (now Glob)`,
      ])
    }
  })
})

describe('an old tool name written without its replacement', () => {
  it('is kept as written, and said where an input wrote it, on stderr and on the sidecar\'s tools decision: the merged agent cannot use it', async () => {
    // As websocket-expert's inputs: one grants MultiEdit and no Edit, the other has no tools field; the merge had written the dead name silently.
    const dir = tempDir('agentmerge-notes-')
    const multi = file(dir, 'a.md', 'name: x\ndescription: x agent\ntools: Read, Write, MultiEdit, Bash\n')
    const none = file(dir, 'b.md', 'name: x\ndescription: x agent\n')
    const out = join(dir, 'merged.md')
    for (const order of [[multi, none], [none, multi]]) {
      const r = await cli(['merge', ...order, '-o', out, '--provenance', 'sidecar'])
      expect(r.code, r.stderr).toBe(0)
      expect(String(front(readFileSync(out, 'utf8')).tools).split(', ').sort()).toEqual(['Bash', 'MultiEdit', 'Read', 'Write'])
      expect(r.stderr).toContain(`${multi}:4: note: tools: MultiEdit is Edit's old name; current Claude Code has no MultiEdit: the merged agent cannot use it (grant Edit instead)\n`)
      // A note, not a conflict: the one conflict is b.md's missing tools field.
      expect(r.stderr).toMatch(/; 1 conflict\n$/)
      const sidecar = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')) as { fields: Array<{ key: string; note?: string }> }
      expect(sidecar.fields.find((f) => f.key === 'tools')!.note).toBe('old names written without their replacements, which the merged agent cannot use: MultiEdit (now Edit)')
    }
  })

  it('is not said where the replacement is granted, nor for copies of one file (merge(a, a) says what merge(a) says)', async () => {
    const dir = tempDir('agentmerge-notes-')
    const multi = file(dir, 'a.md', 'name: x\ndescription: x agent\ntools: Read, MultiEdit\n')
    const edit = file(dir, 'b.md', 'name: x\ndescription: x agent\ntools: Edit\n')
    const copy = file(dir, 'c.md', 'name: x\ndescription: x agent\ntools: Read, MultiEdit\n')
    for (const pair of [[multi, edit], [multi, copy]]) {
      const r = await cli(['merge', ...pair, '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).not.toContain('cannot use')
    }
  })

  it('is said for two different agents that grant the same tools (only copies of one whole file are exempt)', async () => {
    // The exemption had read the tool fields alone: two unrelated agents both granting `Read, MultiEdit` were merged silently.
    const dir = tempDir('agentmerge-notes-')
    const a = agentFile(dir, 'a.md', 'name: x\ndescription: x agent\ntools: Read, MultiEdit\n', 'Read the code first.')
    const b = agentFile(dir, 'b.md', 'name: x\ndescription: x agent\ntools: Read, MultiEdit\n', 'Write the tests first.')
    for (const pair of [[a, b], [b, a]]) {
      const r = await cli(['merge', ...pair, '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toContain(`${a}:4: note: tools: MultiEdit is Edit's old name; current Claude Code has no MultiEdit: the merged agent cannot use it (grant Edit instead)\n`)
    }
  })
})

describe('a renamed tool written by its current name', () => {
  const agent = (path: string, tools: string) => parseAgent(`---\nname: x\ndescription: x agent\ntools: ${tools}\n---\n\nRead the code first.\n`, path)

  it("is noted as an old name is, where an input wrote it, and on the sidecar's tools decision (Task, now Agent)", () => {
    const task = agent('a.md', 'Read, Task, LS')
    const grep = agent('b.md', 'Grep, Task, Glob')
    for (const order of [[task, grep], [grep, task]]) {
      const r = mergeAgents(order)
      expect(r.agent.meta.fields.find((f) => f.key === 'tools')!.value).toBe('Agent, Glob, Grep, Read')
      expect(r.conflicts.filter((c) => c.code === 'tools-old-name').map((c) => `${c.path}:${c.line}: ${c.message}`)).toEqual([
        'a.md:4: tools: not written, old names whose replacement the merged agent grants: LS (now Glob)',
        'a.md:4: tools: old names written as their current ones: Task (now Agent)',
      ])
      expect(r.provenance.fields.find((f) => f.key === 'tools')!.note).toBe('old names left out, their replacements granted: LS; old names written as their current ones: Task (now Agent)')
    }
  })

  it('is not noted where the merged tools keep the old name: copies of one file are written as it is', () => {
    const r = mergeAgents([agent('a.md', 'Read, Task'), agent('b.md', 'Read, Task')])
    expect(r.agent.meta.fields.find((f) => f.key === 'tools')!.value).toBe('Read, Task')
    expect(r.conflicts.filter((c) => c.code === 'tools-old-name')).toEqual([])
  })
})

describe("a Copilot tool read as the nearest tool of other dialects", () => {
  it('is exact in a Copilot merge: identical inputs keep search/codebase as written, with no conflict', async () => {
    const dir = tempDir('agentmerge-notes-')
    const fm = "name: x\ndescription: x agent\ntools: ['search/codebase', read]\n"
    const r = await cli(['merge', file(dir, 'a.agent.md', fm), file(dir, 'b.agent.md', fm), '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).tools).toEqual(['search/codebase', 'read'])
    expect(r.stderr).toMatch(/; 0 conflicts\n$/)
  })
})
