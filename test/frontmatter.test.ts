// Frontmatter: strict YAML, the lenient fallback for what agent tools
// accept, and the inputs that are truly broken.
import { describe, expect, it } from 'vitest'
import { parseAgent, renderAgent } from '../src/index.js'
import { errorOf } from './helpers/errors.js'


describe('frontmatter', () => {
  it('keeps every field in order with its file line', () => {
    const agent = parseAgent('---\nname: a\nx-custom: 1\ndescription: d\n---\n\nBody.\n', 'a.md')
    expect(agent.meta.fields).toEqual([
      { key: 'name', value: 'a', line: 2 },
      { key: 'x-custom', value: 1, line: 3 },
      { key: 'description', value: 'd', line: 4 },
    ])
  })

  it('reads an unquoted description holding ": " and literal \\n leniently, with a warning', () => {
    const source = '---\nname: reviewer\ndescription: Use when: the user asks.\\nExamples: <example>hi</example>\ntools: Read, Grep\n---\n\nBody.\n'
    const agent = parseAgent(source, 'r.md')
    expect(agent.meta.description).toBe('Use when: the user asks.\\nExamples: <example>hi</example>')
    expect(agent.meta.tools!.map((t) => t.id)).toEqual(['grep', 'read'])
    expect(agent.warnings).toMatchObject([{ code: 'yaml-lenient', line: 3 }])
    // Rendering writes valid YAML, so the canonical form reads back strictly.
    const again = parseAgent(renderAgent(agent), 'r.md')
    expect(again.meta.description).toBe(agent.meta.description)
    expect(again.warnings).toEqual([])
  })

  it('reads a kept block scalar and comments leniently as strict YAML would, and refuses a stray indented line before the first key', () => {
    const agent = parseAgent('---\nnotes: |+\n  keep\n\n# about the next\ndescription: Use when: the user asks.\n---\n\nBody.\n', 'r.md')
    expect(agent.meta.fields).toEqual([
      { key: 'notes', value: 'keep\n\n', line: 2 },
      { key: 'description', value: 'Use when: the user asks.', line: 6 },
    ])
    // Read leniently, the line would be dropped without a word.
    expect(errorOf('---\n  stray\nname: a\ndescription: Use when: the user asks.\n---\n\nBody.\n')).toMatchObject({ code: 'yaml-invalid', line: 2 })
  })

  it('accepts a blank line after the opening fence', () => {
    const agent = parseAgent('---\n\nname: a\n---\nBody.\n', 'a.md')
    expect(agent.meta.fields).toEqual([{ key: 'name', value: 'a', line: 3 }])
  })

  it('accepts a closing fence of extra dashes, with a warning', () => {
    const agent = parseAgent('---\nname: a\n-----\n\nBody.\n', 'a.md')
    expect(agent.meta.name).toBe('a')
    expect(agent.warnings).toMatchObject([{ code: 'frontmatter-fence', line: 3 }])
  })

  it('refuses malformed YAML with the file line', () => {
    expect(errorOf('---\nname: a\ntools: [Read, Write\n---\nBody.\n')).toMatchObject({ code: 'yaml-invalid', path: 'agent.md' })
    expect(errorOf('---\nname: a\ndescription: "unterminated\n---\nBody.\n').code).toBe('yaml-invalid')
  })

  it('refuses an unclosed frontmatter block', () => {
    expect(errorOf('---\nname: a\ndescription: b\n\n# Title\n')).toMatchObject({ code: 'frontmatter-unclosed', line: 1 })
  })

  it('refuses frontmatter that is not a mapping', () => {
    expect(errorOf('---\n- a\n- b\n---\nBody.\n')).toMatchObject({ code: 'frontmatter-not-mapping', line: 2 })
    expect(errorOf('---\njust a string\n---\nBody.\n').code).toBe('frontmatter-not-mapping')
  })

  it('refuses duplicate keys, naming the line', () => {
    expect(errorOf('---\nname: a\nmodel: x\nname: b\n---\nBody.\n')).toMatchObject({ code: 'yaml-duplicate-key', line: 4 })
  })

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(',')}]`)
    }
    const error = errorOf(`---\n${levels.join('\n')}\n---\nBody.\n`)
    expect(error.code).toBe('yaml-aliases')
    expect(error.line).toBeGreaterThan(2)
  })

  it('keeps __proto__ and constructor keys as plain fields without polluting objects', () => {
    const agent = parseAgent('---\nname: a\n__proto__: {polluted: true}\nconstructor: x\n---\nBody.\n', 'a.md')
    expect(agent.meta.fields.map((f) => f.key)).toEqual(['name', '__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(renderAgent(agent)).toContain('__proto__:')
  })

  it('reads no frontmatter as a file without fields', () => {
    const agent = parseAgent('# Title\n\nBody.\n', 'plain-agent.md')
    expect(agent.meta).toMatchObject({ present: false, fields: [], name: 'plain-agent', nameFromFile: true })
    expect(renderAgent(agent)).toBe('# Title\n\nBody.\n')
  })

  it('reads frontmatter alone as an agent without a body', () => {
    const agent = parseAgent('---\nname: a\n---\n', 'a.md')
    expect(agent.meta.name).toBe('a')
    expect(renderAgent(agent)).toBe('---\nname: a\n---\n')
  })
})

describe('dialects and tools', () => {
  it('treats Read, Write as [Read, Write] and {read: true, write: true}', () => {
    const ids = (src: string) => parseAgent(`---\n${src}\n---\nx\n`, 'a.md').meta.tools!.map((t) => t.id)
    expect(ids('tools: Read, Write')).toEqual(['read', 'write'])
    expect(ids('tools: [Read, Write]')).toEqual(['read', 'write'])
    expect(ids('tools:\n  read: true\n  write: true')).toEqual(['read', 'write'])
  })

  it('splits Claude Code tool lists on commas outside parentheses and maps old names', () => {
    const agent = parseAgent('---\nname: a\ntools: Agent(worker, researcher), mcp__github__*, Task, LS, MultiEdit\n---\nx\n', 'a.md')
    expect(agent.meta.tools!.map((t) => t.id)).toEqual(['agent', 'agent(worker, researcher)', 'list', 'mcp__github__*', 'multiedit'])
  })

  it('detects OpenCode by its fields and Copilot by its file name', () => {
    expect(parseAgent('---\ndescription: d\nmode: subagent\n---\nx\n', 'a.md').meta.dialect).toBe('opencode')
    expect(parseAgent('---\ndescription: d\ntools: [read, edit]\n---\nx\n', 'reviewer.agent.md').meta).toMatchObject({ dialect: 'copilot', name: 'reviewer' })
    expect(parseAgent('---\nname: a\ntools: Read\n---\nx\n', 'a.md').meta.dialect).toBe('claude')
  })

  it('writes tool names in the dialect spelling, in canonical key order', () => {
    // Copilot reads names in any case; Claude Code's are case-sensitive, so `read` (which grants nothing there) stays.
    const copilot = parseAgent('---\ntools: [READ, Search]\nname: a\n---\nx\n', 'a.agent.md')
    expect(renderAgent(copilot)).toBe('---\nname: a\ntools: [read, search]\n---\n\nx\n')
    const agent = parseAgent('---\ncolor: red\ntools: read, grep, ls\nname: a\nextra: 1\n---\nx\n', 'a.md')
    expect(renderAgent(agent)).toBe('---\nname: a\ntools: read, grep, ls\ncolor: red\nextra: 1\n---\n\nx\n')
  })
})
