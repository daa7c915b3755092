// `agentmerge diff` of an agent against its conversion to another dialect:
// the tool fields are read as each side's dialect reads them, so a permission
// carried by other fields (OpenCode's `permission` -> Claude Code's
// `disallowedTools`) is a conversion, listed as a change of form, and only a
// tool really granted, withheld or narrowed is a change. Between two agents
// of one dialect the tool fields other than `tools` still compare as written.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { convertAgent, diffAgents, parseAgent } from '../src/index.js'
import { convertText } from '../src/convert/index.js'
import { cli, FIXTURES, ROOT } from './helpers/cli.js'
import { validate } from './diff-helpers.js'
import { agentFile, textFile } from './helpers/agent-files.js'
import { tempDir } from './helpers/tmp.js'

interface Field {
  key: string
  change: string
  tools: { added: string[]; removed: string[] } | null
}
interface Json {
  files: Array<{ fields: Field[]; formatting: Array<{ what: string; detail: string }> }>
}

async function diffJson(a: string, b: string): Promise<{ code: number; fields: Field[]; formatting: Array<{ what: string; detail: string }> }> {
  const r = await cli(['diff', '--format', 'json', a, b])
  expect(r.code, r.stderr).not.toBe(2)
  const file = (JSON.parse(r.stdout) as Json).files[0]!
  return { code: r.code, fields: file.fields, formatting: file.formatting }
}

/** `convert --to TO SRC`, written beside it as NAME. */
async function converted(dir: string, to: string, src: string, name: string): Promise<string> {
  const r = await cli(['convert', '--to', to, src])
  expect(r.code, r.stderr).toBe(0)
  return textFile(dir, name, r.stdout)
}

const Q = 'description: Q agent\nmode: subagent\npermission:\n  edit: allow\n  bash: deny\n'

describe('diff across dialects: the grants, not the fields that carry them', () => {
  it("an OpenCode agent against its Claude Code conversion: 'permission' -> 'disallowedTools' is a conversion, tools unchanged", async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const q = agentFile(dir, 'q.md', Q, 'Hi there.')
    const claude = await converted(dir, 'claude', q, 'q.claude.md')
    const { fields, formatting } = await diffJson(q, claude)
    // `mode: subagent` is what a Claude Code agent is without a field, and the name OpenCode takes from the file and Claude Code writes is a conversion, as the tool fields are.
    expect(fields.map((f) => f.key)).toEqual([])
    expect(formatting).toContainEqual({ what: 'name-form', detail: 'name: OpenCode takes it from the file name, Claude Code writes it: q', old: null, new: `${claude}:2` })
    // Another name is a change still.
    const renamed = agentFile(dir, 'renamed.md', 'name: other\ndescription: Q agent\ndisallowedTools: Bash\n', 'Hi there.')
    expect((await diffJson(q, renamed)).fields.map((f) => f.key)).toEqual(['name'])
    expect(formatting).toContainEqual({ what: 'tools-form', detail: "tool fields converted: OpenCode's 'permission' -> Claude Code's 'disallowedTools'; tools unchanged", old: `${q}:4`, new: `${claude}:4` })
    const text = await cli(['diff', q, claude])
    expect(text.stdout).not.toMatch(/disallowedTools|permission|tools changed/)
  })

  it('a tool really withheld, granted or denied across dialects is a tools change, per tool', async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const q = agentFile(dir, 'q.md', Q, 'Hi there.')
    const more = agentFile(dir, 'more.md', 'name: q\ndescription: Q agent\ndisallowedTools: Bash, WebFetch\n', 'Hi there.')
    const denied = await diffJson(q, more)
    expect(denied.code).toBe(1)
    expect(denied.fields.filter((f) => f.key !== 'mode' && f.key !== 'name')).toEqual([expect.objectContaining({ key: 'tools', change: 'changed', tools: { added: ['!webfetch'], removed: [] } })])
    const open = agentFile(dir, 'open.md', 'name: q\ndescription: Q agent\n', 'Hi there.')
    const lifted = await diffJson(q, open)
    expect(lifted.fields).toContainEqual(expect.objectContaining({ key: 'tools', change: 'removed', tools: { added: [], removed: ['!bash'] } }))
    expect((await cli(['diff', q, open])).stdout).toContain('tools removed: bash no longer denied')
    const narrowed = agentFile(dir, 'narrow.md', 'name: q\ndescription: Q agent\ntools: Read, Bash(git *)\n', 'Hi there.')
    const some = await diffJson(q, narrowed)
    expect(some.fields.find((f) => f.key === 'tools')!.tools!.added).toContain('bash(git *)')
    expect(some.fields.find((f) => f.key === 'tools')!.tools!.removed).toContain('*')
    // Bash granted whole in Claude Code, for git only by OpenCode's rules: narrowed, one change of one tool.
    const whole = agentFile(dir, 'whole.md', 'name: n\ndescription: N\ntools: Read, Bash\n', 'Hi there.')
    const rules = agentFile(dir, 'rules.md', 'description: N\ntools:\n  "*": false\n  read: true\npermission:\n  bash:\n    "*": deny\n    "git *": allow\n', 'Hi there.')
    const both = await cli(['diff', whole, rules])
    expect(both.stdout).toContain('tools changed: Bash narrowed to bash(git *)')
    expect((await cli(['diff', rules, whole])).stdout).toContain('tools changed: Bash widened from bash(git *)')
    expect((await diffJson(whole, rules)).fields.find((f) => f.key === 'tools')!.tools).toEqual({ added: ['bash(git *)'], removed: ['bash'] })
  })

  it('a denial of MultiEdit alone does not hold a denial of edit: current Claude Code has no MultiEdit to deny', async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const denied = agentFile(dir, 'denied.md', 'description: Q agent\nmode: subagent\npermission:\n  edit: deny\n', 'Hi there.')
    const old = agentFile(dir, 'old.md', 'name: denied\ndescription: Q agent\ndisallowedTools: MultiEdit\n', 'Hi there.')
    const r = await diffJson(denied, old)
    expect(r.fields.find((f) => f.key === 'tools')!.tools!.removed).toContain('!edit')
    expect((await cli(['diff', denied, old])).stdout).toMatch(/tools changed: [^\n]*edit no longer denied, /)
  })

  it('an OpenCode denial of edit against its Claude Code conversion: no MultiEdit written, and no tool lost', async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const r = agentFile(dir, 'r.md', 'description: Q agent\nmode: subagent\ntools:\n  write: false\n  edit: false\n  list: false\n', 'Hi there.')
    const claude = await converted(dir, 'claude', r, 'r.claude.md')
    const { fields } = await diffJson(r, claude)
    expect(fields.map((f) => f.key)).toEqual([])
  })

  it('two agents of one dialect: disallowedTools still compares as written', async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const a = agentFile(dir, 'a.md', 'name: a\ndescription: A\ndisallowedTools: Bash\n')
    const b = agentFile(dir, 'b.md', 'name: a\ndescription: A\ndisallowedTools: Bash, WebFetch\n')
    const { fields } = await diffJson(a, b)
    expect(fields).toEqual([expect.objectContaining({ key: 'disallowedTools', change: 'changed', tools: null })])
  })

  it('property: an OpenCode agent of whole-tool permissions against its Claude Code conversion has no tool change', () => {
    // Tools both dialects have by one name, decided allow or deny by the tools map or by permission rules.
    const tools = ['read', 'write', 'edit', 'bash', 'grep', 'glob', 'webfetch', 'websearch', 'todowrite', 'skill']
    const decision = fc.constantFrom<'allow' | 'deny' | undefined>('allow', 'deny', undefined)
    fc.assert(
      fc.property(fc.boolean(), fc.array(decision, { minLength: tools.length, maxLength: tools.length }), fc.array(decision, { minLength: tools.length, maxLength: tools.length }), (allowlist, map, rules) => {
        const mapLines = tools.flatMap((t, i) => (map[i] === undefined ? [] : [`  ${t}: ${map[i] === 'allow'}\n`]))
        const ruleLines = tools.flatMap((t, i) => (rules[i] === undefined ? [] : [`  ${t}: ${rules[i]}\n`]))
        const toolsField = allowlist || mapLines.length > 0 ? `tools:\n${allowlist ? '  "*": false\n' : ''}${mapLines.join('')}` : ''
        const permission = ruleLines.length > 0 ? `permission:\n${ruleLines.join('')}` : ''
        const source = parseAgent(`---\ndescription: P\n${toolsField}${permission}---\n\nDo the work.\n`, '.opencode/agent/p.md')
        const { text } = convertText(source, 'claude')
        const target = parseAgent(text, '.claude/agents/p.md')
        const diff = diffAgents(source, target)
        expect(diff.fields.filter((f) => f.key !== 'name')).toEqual([])
        // The public conversion agrees with the text one.
        expect(convertAgent(source, 'claude').agent.meta.dialect).toBe('claude')
      }),
      { seed: 20261207, numRuns: 60 },
    )
  })
})

describe("diff across dialects: a field that says what the other side's agent is without one", () => {
  const opencode = FIXTURES + 'backend-developer-opencode.md'
  const senior = FIXTURES + 'backend-developer-senior.md'

  it("the backend fixtures: OpenCode's `mode: subagent` against a Claude Code agent is a change of form, not a field removed", async () => {
    const { fields, formatting } = await diffJson(opencode, senior)
    expect(fields.map((f) => f.key)).toEqual(['color', 'description', 'disabled', 'model', 'name'])
    expect(formatting).toContainEqual({ what: 'default-form', detail: 'mode: subagent: OpenCode writes it, a Claude Code agent is so without a field', old: `${opencode}:3`, new: null })
    // The tools map turns nothing off, so it leaves every tool on, as Claude Code's absent `tools` does: no grant changed.
    expect(formatting).toContainEqual({ what: 'tools-form', detail: 'tools field removed; it granted every tool, as its absence does', old: `${opencode}:5`, new: null })
    expect((await cli(['diff', opencode, senior])).stdout).not.toMatch(/mode (removed|added)|tools (removed|changed|added)/)
    // The JSON schema names both conversions' kinds.
    const json = await cli(['diff', '--format', 'json', opencode, senior])
    expect(validate(JSON.parse(json.stdout), JSON.parse(readFileSync(ROOT + 'docs/diff.schema.json', 'utf8')))).toEqual([])
    const dir = tempDir('agentmerge-diff-dialects-')
    const renamed = textFile(dir, 'backend-developer.md', readFileSync(opencode, 'utf8'))
    const named = await cli(['diff', '--format', 'json', renamed, senior])
    expect(named.stdout).toContain('"name-form"')
    expect(validate(JSON.parse(named.stdout), JSON.parse(readFileSync(ROOT + 'docs/diff.schema.json', 'utf8')))).toEqual([])
    // Either way round.
    const back = await diffJson(senior, opencode)
    expect(back.fields.map((f) => f.key)).not.toContain('mode')
    expect(back.formatting).toContainEqual({ what: 'default-form', detail: 'mode: subagent: OpenCode writes it, a Claude Code agent is so without a field', old: null, new: `${opencode}:3` })
  })

  it("`mode: primary` or `mode: all` against a Claude Code agent is a change still; against Copilot `mode: all` is so without a field and `mode: subagent` is not", async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const mode = (m: string) => agentFile(dir, `${m}/q.md`, `description: Q agent\nmode: ${m}\n`, 'Hi there.')
    const claude = agentFile(dir, 'q.claude.md', 'name: q\ndescription: Q agent\n', 'Hi there.')
    const copilot = agentFile(dir, 'q.agent.md', 'name: q\ndescription: Q agent\n', 'Hi there.')
    const hidden = agentFile(dir, 'hidden/q.agent.md', 'name: q\ndescription: Q agent\nuser-invocable: false\n', 'Hi there.')
    const keys = async (a: string, b: string) => (await diffJson(a, b)).fields.map((f) => f.key)
    expect(await keys(mode('primary'), claude)).toEqual(['mode'])
    expect((await cli(['diff', mode('primary'), claude])).stdout).toContain('mode removed (was primary)')
    expect(await keys(mode('all'), claude)).toEqual(['mode'])
    expect(await keys(mode('subagent'), claude)).toEqual([])
    const all = await diffJson(mode('all'), copilot)
    expect(all.fields).toEqual([])
    expect(all.formatting).toContainEqual(expect.objectContaining({ what: 'default-form', detail: 'mode: all: OpenCode writes it, a Copilot agent is so without a field' }))
    expect(await keys(mode('subagent'), copilot)).toEqual(['mode'])
    // A Copilot field that says otherwise: `mode: all` is not what that agent is.
    expect(await keys(mode('all'), hidden)).toEqual(['mode', 'user-invocable'])
  })
})

describe('diff shows each tool as the file it comes from names it', () => {
  it('gained tools as NEW writes them, lost ones as OLD does; the JSON keeps the canonical ids', async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const a = agentFile(dir, 'a.md', 'name: a\ndescription: A\ntools: Read, Bash(git diff:*), WebFetch, LS\n')
    const b = agentFile(dir, 'b.md', 'name: a\ndescription: A\ntools: Read, Grep, Bash\n')
    expect((await cli(['diff', a, b])).stdout).toContain('tools changed: Bash widened from Bash(git diff *), +Grep, -LS, -WebFetch')
    expect((await cli(['diff', '--format', 'markdown', b, a])).stdout).toContain('tools changed: +LS, +WebFetch, Bash narrowed to Bash(git diff \\*), -Grep')
    expect((await diffJson(a, b)).fields[0]!.tools).toEqual({ added: ['bash', 'grep'], removed: ['bash(git diff *)', 'list', 'webfetch'] })
    // Across dialects each side keeps its own names: Copilot's runInTerminal, Claude Code's Bash, OpenCode's list.
    const copilot = agentFile(dir, 'c.agent.md', 'name: c\ndescription: C\ntools: ["runInTerminal", "read"]\n')
    const claude = agentFile(dir, 'c.md', 'name: c\ndescription: C\ntools: Read, Bash(git *)\n')
    expect((await cli(['diff', copilot, claude])).stdout).toContain('tools changed: runInTerminal narrowed to Bash(git *)')
    const opencode = agentFile(dir, 'o/c.md', 'description: C\ntools:\n  "*": false\n  read: true\n  list: true\n')
    expect((await cli(['diff', claude, opencode])).stdout).toContain('tools changed: +list, -Bash(git *)')
    // A denial in the github format, as the side that denies it writes it.
    const denied = agentFile(dir, 'd.md', 'name: c\ndescription: C\ndisallowedTools: WebFetch\n')
    const open = agentFile(dir, 'o/d.md', 'description: C\nmode: subagent\n')
    expect((await cli(['diff', '--format', 'github', open, denied])).stdout).toContain('tools added: WebFetch denied')
  })

  it('a name standing for several tools, only some of which changed, says which (`search (glob, list)`), never the whole name', async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    // Copilot's `search` is grep, glob and list: against Read, Grep, grep is still granted.
    const copilot = agentFile(dir, 'p.agent.md', 'name: p\ndescription: P\ntools: [read, runInTerminal, search]\n')
    const claude = agentFile(dir, 'g.md', 'name: p\ndescription: P\ntools: Read, Grep\n')
    for (const format of ['text', 'markdown', 'github']) {
      const out = (await cli(['diff', '--format', format, copilot, claude])).stdout
      expect(out).toContain('tools changed: -runInTerminal, -search (glob, list)')
      expect(out).not.toMatch(/-search(?! \()/)
    }
    expect((await cli(['diff', claude, copilot])).stdout).toContain('tools changed: +runInTerminal, +search (glob, list)')
    expect((await diffJson(copilot, claude)).fields[0]!.tools).toEqual({ added: [], removed: ['bash', 'glob', 'list'] })
    // Every tool of the name changed: the name alone says it.
    const read = agentFile(dir, 'r.md', 'name: p\ndescription: P\ntools: Read\n')
    expect((await cli(['diff', copilot, read])).stdout).toContain('tools changed: -runInTerminal, -search  ')
    // A name of one tool the canonical table does not know (Copilot's `search/textSearch`, the legacy `editFiles`) is that tool's own, as merge reads it.
    const one = agentFile(dir, 't.agent.md', 'name: p\ndescription: P\ntools: [read, search/textSearch, editFiles]\n')
    expect((await cli(['diff', one, read])).stdout).toContain('tools changed: -editFiles, -search/textSearch  ')
    // An old set name (`runCommands`, now Copilot's `execute` tools) is shown as written, not by today's name.
    const old = agentFile(dir, 'o.agent.md', 'name: p\ndescription: P\ntools: [read, runCommands]\n')
    expect((await cli(['diff', old, read])).stdout).toContain('tools changed: -runCommands  ')
    expect((await cli(['diff', read, old])).stdout).toContain('tools changed: +runCommands  ')
  })

  it('an MCP tool is shown by its name as written, never as a use of its server (`mcp__magic(refiner)`)', async () => {
    const dir = tempDir('agentmerge-diff-dialects-')
    const mcp = 'mcp__magic__21st_magic_component_builder, mcp__magic__21st_magic_component_refiner'
    const a = agentFile(dir, 'a.md', `name: a\ndescription: A\ntools: Read, ${mcp}\n`)
    const b = agentFile(dir, 'b.md', 'name: a\ndescription: A\ntools: Read, mcp__magic__21st_magic_component_builder\n')
    for (const format of ['text', 'markdown', 'github']) {
      const out = (await cli(['diff', '--format', format, a, b])).stdout
      expect(out).toContain('tools changed: -mcp__magic__21st_magic_component_refiner')
      expect(out).not.toContain('mcp__magic(')
    }
    expect((await diffJson(a, b)).fields[0]!.tools).toEqual({ added: [], removed: ['mcp__magic__21st_magic_component_refiner'] })
    // Copilot's `server/tool` as Copilot writes it; a server granted whole, then some of its tools, is narrowed.
    const copilot = agentFile(dir, 'c.agent.md', 'name: a\ndescription: A\ntools: ["read", "magic/21st_magic_component_builder"]\n')
    expect((await cli(['diff', copilot, a])).stdout).toContain('tools changed: +mcp__magic__21st_magic_component_refiner  ')
    const both = agentFile(dir, 'd.agent.md', 'name: a\ndescription: A\ntools: ["read", "magic/21st_magic_component_builder", "magic/21st_magic_component_refiner"]\n')
    expect((await cli(['diff', both, b])).stdout).toContain('tools changed: -magic/21st_magic_component_refiner  ')
    const server = agentFile(dir, 's.md', 'name: a\ndescription: A\ntools: Read, mcp__magic\n')
    expect((await cli(['diff', server, b])).stdout).toContain('tools changed: mcp__magic narrowed to mcp__magic__21st_magic_component_builder')
    expect((await diffJson(server, b)).fields[0]!.tools).toEqual({ added: ['mcp__magic__21st_magic_component_builder'], removed: ['mcp__magic'] })
  })
})
