// `agentmerge diff` through the CLI on real edits of the fixtures: each
// classification (reworded, sections swapped, a bullet moved between
// sections, a heading renamed, tools re-spelled, a file re-wrapped and
// re-bulleted), directories, and trouble.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { between, edit, fixture, swap, tempDir, write } from './diff-helpers.js'

interface Json {
  changed: boolean
  summary: string
  counts: Record<string, number>
  files: Array<{
    old: string | null
    new: string | null
    status: string
    fields: Array<{ key: string; change: string; tools: { added: string[]; removed: string[] } | null }>
    sections: Array<{ change: string; old: { title: string; at: string } | null; new: { title: string; at: string } | null; move?: string }>
    statements: Array<{ change: string; old: { text: string; at: string; section: string[] } | null; new: { text: string; at: string; section: string[] } | null; move?: string; words?: Array<{ op: string; text: string }> | null }>
    formatting: Array<{ what: string; detail: string }>
  }>
}

const diffJson = async (a: string, b: string, ...args: string[]): Promise<{ code: number; json: Json; stderr: string }> => {
  const r = await cli(['diff', '-q', '--format', 'json', ...args, a, b])
  if (r.code === 2 || r.stdout === '') throw new Error(`agentmerge diff failed (${r.code}): ${r.stderr}`)
  return { code: r.code, json: JSON.parse(r.stdout) as Json, stderr: r.stderr }
}

const OPENCODE = fixture('backend-developer-opencode.md')
const SENIOR = fixture('backend-developer-senior.md')
const ELITE = fixture('backend-developer-elite.md')

let dir: string
let base: string
let senior: string
let elite: string
beforeAll(() => {
  dir = tempDir()
  base = write(dir, 'old/backend-developer-opencode.md', OPENCODE)
  senior = write(dir, 'old/senior.md', SENIOR)
  elite = write(dir, 'old/elite.md', ELITE)
})

describe('agentmerge diff: one classification per edit', () => {
  it('a reworded bullet is reworded, with a word diff', async () => {
    const b = write(dir, 'reworded.md', edit(OPENCODE, '- Performance optimization\n', '- Performance tuning and optimization\n'))
    const { code, json } = await diffJson(base, b)
    expect(code).toBe(1)
    expect(json.summary).toBe('1 reworded')
    const [change] = json.files[0]!.statements
    expect(change).toMatchObject({ change: 'reworded', old: { text: 'Performance optimization', section: ['⚙️ Backend Developer Agent', 'When to Use Me'] }, new: { text: 'Performance tuning and optimization' } })
    expect(change!.words).toEqual([
      { op: 'equal', text: 'Performance' },
      { op: 'added', text: ' tuning and' },
      { op: 'equal', text: ' optimization' },
    ])
    const text = await cli(['diff', base, b])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('~ Performance {+tuning and+} optimization')
    expect(text.stdout).toMatch(/reworded, \S+backend-developer-opencode\.md:34 -> \S+reworded\.md:34/)
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('1 reworded')
  })

  it('a row edited in a table is reworded; its word runs spell both rows as their texts do, `|` spaced', async () => {
    const table = (who: string) => `${OPENCODE}\n## Test Ownership\n\n| check | owner |\n| --- | --- |\n| unit tests | ${who} |\n| lint | developer |\n`
    const a = write(dir, 'table/old.md', table('CI bot'))
    const b = write(dir, 'table/new.md', table('CI robot'))
    const { code, json } = await diffJson(a, b)
    expect(code).toBe(1)
    const [change] = json.files[0]!.statements
    expect(change).toMatchObject({ change: 'reworded', old: { text: 'unit tests | CI bot' }, new: { text: 'unit tests | CI robot' } })
    const spell = (keep: string) => change!.words!.filter((w) => w.op === 'equal' || w.op === keep).map((w) => w.text).join('')
    expect(spell('removed')).toBe('unit tests | CI bot')
    expect(spell('added')).toBe('unit tests | CI robot')
    expect((await cli(['diff', a, b])).stdout).toContain('~ unit tests | CI [-bot-]{+robot+}')
  })

  it('two sections swapped: one section moved, no statement changed', async () => {
    const api = between(OPENCODE, '### API Design', '### Database Architecture')
    const db = between(OPENCODE, '### Database Architecture', '### Security Implementation')
    const b = write(dir, 'swapped.md', swap(OPENCODE, api, db))
    const { code, json } = await diffJson(base, b)
    expect(code).toBe(1)
    expect(json.summary).toBe('1 section moved')
    expect(json.files[0]!.statements).toEqual([])
    expect(json.files[0]!.sections).toHaveLength(1)
    expect(json.files[0]!.sections[0]).toMatchObject({ change: 'moved', move: 'position' })
    expect(['API Design', 'Database Architecture']).toContain(json.files[0]!.sections[0]!.new!.title)
  })

  it('of two sections swapped, the smaller is the one moved, read either way; one moved past several is that one', async () => {
    // A reviewer moved "Testing Excellence" below "Performance Optimization" and was told the latter moved.
    const head = '---\nname: swift-expert\ndescription: Swift.\n---\n\nYou write Swift.\n\n'
    const testing = '## Testing Excellence\n\n- Unit tests.\n- UI tests.\n\n'
    const performance = '## Performance Optimization\n\n- Value semantics with copy-on-write.\n- Lazy evaluation of deferred work.\n- Launch time kept short.\n\n'
    const practices = '## Best Practices\n\n- Use protocols.\n'
    const a = write(dir, 'swap-old.md', head + testing + performance + practices)
    const b = write(dir, 'swap-new.md', head + performance + testing + practices)
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const { json } = await diffJson(x, y)
      expect(json.summary).toBe('1 section moved')
      expect(json.files[0]!.sections[0]).toMatchObject({ change: 'moved', move: 'position', new: { title: 'Testing Excellence' } })
    }
    // The larger one moved past two smaller ones: one move, that one, not two.
    const small = (t: string) => `## ${t}\n\n- ${t} rule.\n\n`
    const c = write(dir, 'past-old.md', head + performance + small('Alpha') + small('Beta'))
    const d = write(dir, 'past-new.md', head + small('Alpha') + small('Beta') + performance)
    const { json } = await diffJson(c, d)
    expect(json.summary).toBe('1 section moved')
    expect(json.files[0]!.sections[0]).toMatchObject({ change: 'moved', new: { title: 'Performance Optimization' } })
  })

  it('a bullet moved to another section is moved, from and to the right sections', async () => {
    const moved = edit(edit(OPENCODE, '- Docker configuration\n', ''), '- **Documentation** - API docs, code comments, runbooks\n', '- **Documentation** - API docs, code comments, runbooks\n- Docker configuration\n')
    const b = write(dir, 'moved.md', moved)
    const { code, json } = await diffJson(base, b)
    expect(code).toBe(1)
    expect(json.summary).toBe('1 moved')
    expect(json.files[0]!.statements[0]).toMatchObject({
      change: 'moved',
      move: 'section',
      old: { text: 'Docker configuration', section: ['⚙️ Backend Developer Agent', 'What I Deliver', 'Infrastructure Code'] },
      new: { text: 'Docker configuration', section: ['⚙️ Backend Developer Agent', 'What I Deliver', 'Backend Implementation'] },
    })
    expect((await cli(['diff', base, b])).stdout).toContain('moved from ⚙️ Backend Developer Agent › What I Deliver › Infrastructure Code')
  })

  it('bullets moved from one section into another say where from once, under the section, in the text and markdown formats (it was on every line)', async () => {
    const moved = edit(edit(OPENCODE, '- Docker configuration\n- Database migration scripts\n', ''), '- **Documentation** - API docs, code comments, runbooks\n', '- **Documentation** - API docs, code comments, runbooks\n- Docker configuration\n- Database migration scripts\n')
    const b = write(dir, 'moved-two.md', moved)
    const from = '⚙️ Backend Developer Agent › What I Deliver › Infrastructure Code'
    const text = (await cli(['diff', base, b])).stdout
    expect(text).toContain(`§ ⚙️ Backend Developer Agent › What I Deliver › Backend Implementation\n  2 moved here from ${from}\n  > Docker configuration  moved, ${base}:50 -> ${b}:48\n  > Database migration scripts  moved, ${base}:51 -> ${b}:49\n`)
    expect(text).not.toContain('moved from')
    const markdown = (await cli(['diff', '--format', 'markdown', base, b])).stdout
    expect(markdown).toContain(`Backend Implementation: 2 moved from ${from}</summary>`)
    expect(markdown).not.toMatch(/\*\*moved\*\* [^\n]* from /)
  })

  it('statements outside any section are shown under "(no section)", a file without headings too (it said "top of the file")', async () => {
    const a = write(dir, 'flat-old.md', '---\nname: t\ndescription: d\n---\n\n- Keep functions short.\n- Document every public API.\n')
    const b = write(dir, 'flat-new.md', '---\nname: t\ndescription: d\n---\n\n## Style\n\n- Keep functions short.\n- Document every public API.\n')
    const text = (await cli(['diff', a, b])).stdout
    expect(text).toContain('§ Style\n  2 moved here from (no section)\n')
  })

  it('a bullet moved within its list is moved (position)', async () => {
    const b = write(dir, 'reordered.md', edit(edit(OPENCODE, '- Microservices architecture\n', ''), '- Backend service implementation\n', '- Microservices architecture\n- Backend service implementation\n'))
    const { json } = await diffJson(base, b)
    expect(json.summary).toBe('1 moved')
    expect(json.files[0]!.statements[0]).toMatchObject({ change: 'moved', move: 'position', new: { text: 'Microservices architecture' } })
  })

  it('a renamed heading is a section renamed; its statements are unchanged', async () => {
    const b = write(dir, 'renamed.md', edit(OPENCODE, '### Database Architecture', '### Data Storage Design'))
    const { code, json } = await diffJson(base, b)
    expect(code).toBe(1)
    expect(json.summary).toBe('1 section renamed')
    expect(json.files[0]!.sections[0]).toMatchObject({ change: 'renamed', old: { title: 'Database Architecture' }, new: { title: 'Data Storage Design' } })
    expect(json.files[0]!.statements).toEqual([])
  })

  it('tools re-spelled as a map or a list are not a change; a tool taken away is; a map that leaves every other tool on is', async () => {
    // An OpenCode map grants what an allowlist grants only with "*": false (the reading convert and merge use).
    const map = 'tools:\n  "*": false\n  write: true\n  read: true\n  bash: true\n  grep: true\n  glob: true\n  webfetch: true\n  todowrite: true\n  websearch: true\n'
    const line = 'tools: Write, Read, MultiEdit, Bash, Grep, Glob, WebFetch, TodoWrite, WebSearch\n'
    const string = 'tools: Write, Read, Bash, Grep, Glob, WebFetch, TodoWrite, WebSearch\n'
    const base = write(dir, 'tools-string/elite.md', edit(ELITE, line, string))
    const asMap = write(dir, 'tools-map/elite.md', edit(ELITE, line, map))
    const same = await diffJson(base, asMap)
    expect(same.code).toBe(0)
    expect(same.json.summary).toMatch(/^nothing changed in meaning/)
    expect(same.json.files[0]!.formatting).toContainEqual(expect.objectContaining({ what: 'tools-form', detail: 'tools written as a string -> a map' }))
    const asList = write(dir, 'tools-list/elite.md', edit(ELITE, line, 'tools: [Read, Write, Bash, Grep, Glob, MultiEdit, WebSearch, WebFetch, TodoWrite]\n'))
    expect((await diffJson(elite, asList)).code).toBe(0)
    const denied = write(dir, 'tools-denied/elite.md', edit(ELITE, line, map.replace('bash: true', 'bash: false')))
    const { code, json } = await diffJson(base, denied)
    expect(code).toBe(1)
    // Under an allowlist a denial is a tool not granted.
    expect(json.files[0]!.fields).toEqual([expect.objectContaining({ key: 'tools', change: 'changed', tools: { added: [], removed: ['bash'] } })])
    // Copilot's ["*"] enables every tool, as no tools field does: a widening, and no tool of its own.
    const star = write(dir, 'tools-star/.github/agents/elite.agent.md', '---\nname: elite\ndescription: x\ntools: ["*"]\n---\n\n- Review the code.\n')
    const plain = write(dir, 'tools-star/elite.md', '---\nname: elite\ndescription: x\ntools: Read, Grep\n---\n\n- Review the code.\n')
    const everyTool = await diffJson(plain, star)
    expect(everyTool.json.files[0]!.fields.find((f) => f.key === 'tools')!.tools).toEqual({ added: ['*'], removed: [] })
    // A tools field where there was none: restricted to what it grants; Copilot's ["*"] (or "*") grants what no field did.
    const none = write(dir, 'tools-star/none.md', '---\nname: elite\ndescription: x\n---\n\n- Review the code.\n')
    const restricted = await cli(['diff', none, plain])
    expect(restricted.stdout).toContain('tools added: restricted to Read, Grep (was: every tool)')
    // An OpenCode map that denied some tools granted every other one: the restriction says which were already denied.
    const openDenies = write(dir, 'tools-star/.opencode/agent/elite.md', '---\ndescription: x\ntools:\n  bash: false\n---\n\n- Review the code.\n')
    const fromOpen = await cli(['diff', openDenies, plain])
    expect(fromOpen.stdout).toContain('tools changed: restricted to Read, Grep (was: every tool but bash denied)')
    expect((await cli(['diff', plain, openDenies])).stdout).toContain('tools changed: restriction lifted, every tool allowed but bash denied')
    // OpenCode's `write` rule stands for write and edit: each is named once, not as `edit (edit)`.
    const openWrite = write(dir, 'tools-star/.opencode/agent/writer.md', '---\ndescription: x\ntools:\n  write: false\n---\n\n- Review the code.\n')
    const lifted = (await cli(['diff', plain, openWrite])).stdout
    expect(lifted).toContain('tools changed: restriction lifted, every tool allowed but edit denied, notebookedit denied, write denied  ')
    expect(lifted).not.toContain('(edit)')
    expect((await diffJson(none, star)).code).toBe(0)
    const starString = write(dir, 'tools-star/.github/agents/other.agent.md', '---\nname: elite\ndescription: x\ntools: "*"\n---\n\n- Review the code.\n')
    expect((await diffJson(plain, starString)).json.files[0]!.fields.find((f) => f.key === 'tools')!.tools).toEqual({ added: ['*'], removed: [] })
    // Claude Code's `Bash(git diff:*)` and `Bash(git diff *)` grant the same uses.
    const prefix = write(dir, 'tools-star/prefix.md', '---\nname: elite\ndescription: x\ntools: Read, Bash(git diff:*)\n---\n\n- Review the code.\n')
    const spaced = write(dir, 'tools-star/spaced.md', '---\nname: elite\ndescription: x\ntools: Read, Bash(git diff *)\n---\n\n- Review the code.\n')
    expect((await diffJson(prefix, spaced)).code).toBe(0)
    const linted = await cli(['lint', star])
    expect(linted.stdout + linted.stderr).not.toContain("'*' is not a Copilot tool")
    // Without "*": false the map grants every tool it does not name: a widening, not a re-spelling.
    const open = write(dir, 'tools-open/elite.md', edit(ELITE, line, map.replace('  "*": false\n', '')))
    const widened = await diffJson(base, open)
    expect(widened.code).toBe(1)
    expect(widened.json.files[0]!.fields).toEqual([expect.objectContaining({ key: 'tools', change: 'changed', tools: { added: ['*'], removed: [] } })])
  })

  it('a Claude agent converted to Copilot grants no more: an old tool its replacement holds (LS by Glob, NotebookRead by Read) is no gain; a tool really gained is', async () => {
    const claude = write(dir, 'convert-claude/c1.md', '---\nname: c1\ndescription: C\ntools: Read, Grep, Glob\n---\n\nHi.\n')
    const converted = await cli(['convert', '--to', 'copilot', claude])
    expect(converted.code, converted.stderr).toBe(0)
    const copilot = write(dir, 'convert-claude/.github/agents/c1.agent.md', converted.stdout)
    const same = await diffJson(claude, copilot)
    expect(same.code).toBe(0)
    expect(same.json.summary).toMatch(/^nothing changed in meaning/)
    const narrower = write(dir, 'convert-claude/c2.md', '---\nname: c1\ndescription: C\ntools: Read\n---\n\nHi.\n')
    const wider = await diffJson(narrower, copilot)
    expect(wider.code).toBe(1)
    expect(wider.json.files[0]!.fields.find((f) => f.key === 'tools')!.tools).toEqual({ added: ['glob', 'grep', 'list'], removed: [] })
    // Within one dialect a file that names the old tools itself grants nothing by them in current Claude Code: a change, either way.
    const old = write(dir, 'convert-claude/n.md', '---\nname: n\ndescription: N\ntools: LS, NotebookRead\n---\n\nHi.\n')
    const renamed = write(dir, 'convert-claude/n3.md', '---\nname: n\ndescription: N\ntools: Read, Glob\n---\n\nHi.\n')
    expect((await diffJson(old, renamed)).json.files[0]!.fields.find((f) => f.key === 'tools')!.tools).toEqual({ added: ['glob', 'read'], removed: ['list', 'notebookread'] })
    expect((await diffJson(renamed, old)).json.files[0]!.fields.find((f) => f.key === 'tools')!.tools).toEqual({ added: ['list', 'notebookread'], removed: ['glob', 'read'] })
    expect((await cli(['diff', old, renamed])).stdout).toContain("tools changed: +Glob, +Read, -LS, -NotebookRead (LS is Glob's old name; current Claude Code has no LS; NotebookRead is Read's old name; current Claude Code has no NotebookRead)")
  })

  it('a retired tool name against its current one (MultiEdit and Edit) is a tools change, saying which is the old name, either way', async () => {
    const agent = (name: string, tools: string) => write(dir, `retired/${name}.md`, `---\nname: p\ndescription: Probe agent for tests.\ntools: ${tools}\n---\n\nYou are a probe.\n\n## Rules\n\n- Read the code first.\n`)
    const edit = agent('edit', 'Read, Edit')
    const multi = agent('multi', 'Read, MultiEdit')
    const note = "(MultiEdit is Edit's old name; current Claude Code has no MultiEdit)"
    const swapped = await diffJson(edit, multi)
    expect(swapped.code).toBe(1)
    expect(swapped.json.changed).toBe(true)
    expect(swapped.json.files[0]!.fields).toEqual([expect.objectContaining({ key: 'tools', change: 'changed', tools: { added: ['multiedit'], removed: ['edit'] } })])
    expect(swapped.json.files[0]!.formatting).toEqual([])
    const text = await cli(['diff', edit, multi])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain(`~ tools changed: +MultiEdit, -Edit ${note}`)
    expect((await cli(['diff', '--format', 'markdown', multi, edit])).stdout).toContain(`tools changed: +Edit, -MultiEdit ${note}`)
    // Edit granted beside a MultiEdit the file had alone (swift-expert), and MultiEdit beside Edit (nextjs-pro).
    const both = agent('both', 'Read, Edit, MultiEdit')
    expect((await cli(['diff', multi, both])).stdout).toContain(`tools changed: +Edit ${note}`)
    expect((await cli(['diff', edit, both])).stdout).toContain(`tools changed: +MultiEdit ${note}`)
  })

  it('Task against Agent stays a change of form (Claude Code still accepts Task), saying which name is the old one', async () => {
    const agent = (name: string, tools: string) => write(dir, `renamed/${name}.md`, `---\nname: p\ndescription: Probe agent for tests.\ntools: ${tools}\n---\n\nYou are a probe.\n`)
    const task = agent('task', 'Read, Task')
    const now = agent('agent', 'Read, Agent')
    for (const [a, b] of [[task, now], [now, task]] as const) {
      const { code, json } = await diffJson(a, b)
      expect(code).toBe(0)
      expect(json.files[0]!.formatting).toEqual([expect.objectContaining({ what: 'tools-form', detail: "tools spelled or ordered differently (Task is Agent's old name, which Claude Code still accepts)" })])
    }
  })

  it('a titled numbered item renumbered after a step inserted before it is listed as numbering, as a plain item is', async () => {
    const structured = fixture('backend-developer-structured.md')
    const a = write(dir, 'titled/a.md', structured)
    const step = '3. **Security Review**\n   - Audit authentication flows\n\n'
    const b = write(dir, 'titled/b.md', edit(edit(structured, '3. **Quality & Reliability**\n', `${step}4. **Quality & Reliability**\n`), '4. **Integration & Deployment**\n', '5. **Integration & Deployment**\n'))
    const { json } = await diffJson(a, b, '--formatting')
    const numbering = json.files[0]!.formatting.filter((f) => f.what === 'numbering').map((f) => f.detail)
    expect(numbering).toEqual(['number 3. -> 4.', 'number 4. -> 5.'])
    const text = await cli(['diff', '--formatting', a, b])
    expect(text.stdout).toMatch(/= numbering: number 4\. -> 5\.  \S*a\.md:231 -> \S*b\.md:234\n/)
    // `N.` -> `N)` on a titled item too.
    const paren = write(dir, 'titled/c.md', edit(structured, '2. **Core Development**\n', '2) **Core Development**\n'))
    expect((await diffJson(a, paren, '--formatting')).json.files[0]!.formatting.map((f) => f.detail)).toContain('number 2. -> 2)')
  })

  it('a file re-wrapped and re-bulleted (its pseudo-headings renumbered and re-emphasized): exit 0, nothing changed in meaning', async () => {
    let b = SENIOR.replace(/^   - /gm, '   * ')
    b = b.replace(/^(\d)\. \*\*([^*]+)\*\*/gm, '$1) __$2__')
    b = edit(b, 'an expert in building scalable, secure, and maintainable', 'an expert in building\nscalable, secure,    and maintainable')
    b = edit(b, '\n\n**Technical Stack**', '\n\n\n**Technical Stack**')
    const path = write(dir, 'form/senior.md', b)
    const text = await cli(['diff', senior, path])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^nothing changed in meaning \(\d+ changes of form only; --formatting lists them\)\n$/)
    const listed = await cli(['diff', '--formatting', senior, path])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain('marker: bullet - -> *')
    expect(listed.stdout).toContain('wrapping: re-wrapped: 1 -> 2 lines')
    // The blank line added before a pseudo-heading, beside the other changes of form.
    expect(listed.stdout).toContain('whitespace: blank lines before it: 1 -> 2')
    expect(listed.stdout).toMatch(/nothing changed in meaning \(\d+ changes of form only\)\n$/)
    const { json } = await diffJson(senior, path)
    const whats = new Set(json.files[0]!.formatting.map((f) => f.what))
    // The pseudo-headings' `1.` -> `1)` is numbering, as a plain numbered item's is.
    expect([...whats].sort()).toEqual(['marker', 'numbering', 'whitespace', 'wrapping'])
    expect(listed.stdout).toContain('numbering: number 1. -> 1)')
    expect(json.changed).toBe(false)
  })

  it('the same file against itself: exit 0, nothing at all', async () => {
    const r = await cli(['diff', senior, senior])
    expect(r).toMatchObject({ code: 0, stdout: 'nothing changed in meaning\n', stderr: '' })
  })

  it('frontmatter: a changed description is a field change with a word diff; quoting is not a change', async () => {
    const quoted = write(dir, 'quoted/senior.md', edit(SENIOR, 'model: sonnet', 'model: "sonnet"'))
    expect((await diffJson(senior, quoted)).code).toBe(0)
    const changed = write(dir, 'desc/senior.md', edit(SENIOR, 'description: Implements server-side logic', 'description: Builds server-side logic'))
    const { code, json } = await diffJson(senior, changed)
    expect(code).toBe(1)
    expect(json.summary).toBe('1 field changed')
    expect(json.files[0]!.fields[0]).toMatchObject({ key: 'description', change: 'changed' })
  })

  it('in another section, words in common do not make one statement; a rewording the learned score knows still moves', async () => {
    // Statements of davepoon's and wshobson's network-engineer: "Analyze network performance and latency" is not
    // "Analyze network requirements for scalability, security, and performance" (half their words alike).
    const head = '---\nname: network-engineer\ndescription: Debugs networks.\n---\n\nYou are a networking engineer.\n\n'
    const a = write(dir, 'net/old.md', `${head}## Focus Areas\n\n- DNS configuration and troubleshooting\n- Test from multiple vantage points for comprehensive network analysis.\n\n## Approach\n\n- Verify SSL certificates and chain of trust\n- Analyze network performance and latency\n`)
    const b = write(dir, 'net/new.md', `${head}## Focus Areas\n\n- DNS configuration and troubleshooting\n\n## Approach\n\n- Verify SSL certificates and chain of trust\n\n## Response Approach\n\n- Analyze network requirements for scalability, security, and performance\n- Test thoroughly from multiple vantage points and scenarios\n`)
    const { json } = await diffJson(a, b)
    const changes = json.files[0]!.statements.map((c) => `${c.change}: ${c.old?.text ?? ''} -> ${c.new?.text ?? ''}`)
    expect(changes).toEqual([
      'removed: Analyze network performance and latency -> ',
      'added:  -> Analyze network requirements for scalability, security, and performance',
      'moved: Test from multiple vantage points for comprehensive network analysis. -> Test thoroughly from multiple vantage points and scenarios',
    ])
  })
})

describe('agentmerge diff --format github', () => {
  it('a removed frontmatter field is annotated on NEW\'s frontmatter, at the field it stood after', async () => {
    const removed = write(dir, 'fields-removed/senior.md', edit(SENIOR, 'model: sonnet\ncolor: green\n', ''))
    const r = await cli(['diff', '-q', '--format', 'github', senior, removed])
    expect(r.code).toBe(1)
    const newLines = readFileSync(removed, 'utf8').split('\n')
    for (const key of ['model', 'color']) {
      const line = new RegExp(`^::notice file=[^,]+,line=(\\d+),title=agentmerge%3A frontmatter ${key} removed::`, 'm').exec(r.stdout)
      expect(line, r.stdout).not.toBeNull()
      // The description, the last field before both that NEW still has.
      expect(newLines[Number(line![1]) - 1]).toMatch(/^description: /)
    }
  })
})

describe('agentmerge diff: directories', () => {
  it('pairs files by agent name, then by file name; unpaired ones are added or removed agents', async () => {
    const d = tempDir()
    write(d, 'a/one.md', SENIOR)
    write(d, 'a/gone.md', '---\nname: gone\ndescription: Gone\n---\n\nA statement.\n')
    write(d, 'a/backend-developer-opencode.md', OPENCODE)
    write(d, 'b/renamed-file.md', SENIOR) // same agent name (backend-developer), another file name
    write(d, 'b/fresh.md', '---\nname: fresh\ndescription: Fresh\n---\n\nA new statement.\n')
    write(d, 'b/backend-developer-opencode.md', edit(OPENCODE, '- Performance optimization\n', '- Performance tuning and optimization\n'))
    const { code, json } = await diffJson(`${d}/a`, `${d}/b`)
    expect(code).toBe(1)
    const files = json.files.map((f) => [f.old?.replace(d, ''), f.new?.replace(d, ''), f.status])
    expect(files).toEqual([
      ['/a/backend-developer-opencode.md', '/b/backend-developer-opencode.md', 'modified'],
      [undefined, '/b/fresh.md', 'added'],
      ['/a/gone.md', undefined, 'removed'],
      ['/a/one.md', '/b/renamed-file.md', 'renamed'],
    ])
    expect(json.counts).toMatchObject({ files: 4, changedFiles: 4, renamed: 1, added: 1, removed: 1, reworded: 1 })
  })
})

describe('agentmerge diff: trouble exits 2 with one line', () => {
  it('a missing file', async () => {
    const r = await cli(['diff', senior, `${dir}/nope.md`])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`${dir}/nope.md: no such file\n`)
  })

  it('a bad frontmatter on one side', async () => {
    const bad = write(dir, 'bad.md', '---\nname: x\ndescription: y\n')
    const r = await cli(['diff', senior, bad])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/bad\.md:1:1: frontmatter opened with '---' is never closed/)
  })

  it('the wrong number of arguments, or a file against a directory', async () => {
    expect(await cli(['diff', senior])).toMatchObject({ code: 2, stderr: 'agentmerge diff: diff takes two files or two directories (OLD NEW), got 1 argument\n' })
    expect((await cli(['diff', senior, dir])).code).toBe(2)
    expect((await cli(['diff', '--format', 'yaml', senior, senior])).code).toBe(2)
  })
})
