// The model of each fixture checked against what a person sees in the file:
// its frontmatter, its section titles and nesting, its statement count.
import { describe, expect, it } from 'vitest'
import { readAgent, statementsOf, sectionsOf, type Section } from '../src/index.js'
import { FIXTURES } from './helpers/cli.js'

const outline = (section: Section): unknown[] =>
  section.body.filter((b): b is Section => b.type === 'section').map((s) => {
    const kids = outline(s)
    return kids.length > 0 ? [`${s.kind}:${s.title}`, kids] : `${s.kind}:${s.title}`
  })

describe('fixture models', () => {
  it('elite: Claude Code frontmatter, numbered pseudo-headings and bold labels', () => {
    const agent = readAgent(FIXTURES + 'backend-developer-elite.md')
    expect(agent.meta.dialect).toBe('claude')
    expect(agent.meta.name).toBe('backend-developer')
    expect(agent.meta.model).toBe('sonnet')
    expect(agent.meta.toolsForm).toBe('string')
    expect(agent.meta.tools!.map((t) => t.id)).toEqual(['bash', 'glob', 'grep', 'multiedit', 'read', 'todowrite', 'webfetch', 'websearch', 'write'])
    expect(outline(agent.root)).toEqual([
      'item:API Development & Design', 'item:Database Design & Management', 'item:Server-Side Logic & Business Logic',
      'item:Microservices & Distributed Systems', 'item:Security & Performance', 'item:Integration & DevOps',
      'label:Backend Development Expertise', 'label:Technology Stack Mastery', 'label:Architecture Patterns',
      'label:Performance Optimization Techniques', 'label:Security Best Practices', 'label:Best Practices', 'label:Deliverables',
    ])
    const statements = statementsOf(agent.root)
    // 81 leaves (intro, lead-in, 6x6 + 7x6 items, closing paragraph) and the 6 lead-ins after the bold titles.
    expect(statements).toHaveLength(87)
    expect(statements.filter((s) => s.kind === 'lead').map((s) => s.text)[0]).toBe('When building backend services, you will:')
    const first = sectionsOf(agent.root)[1]!
    expect(first.key).toBe('api develop design')
    expect(first.body[1]).toMatchObject({ kind: 'item', text: 'Design RESTful and GraphQL APIs with proper HTTP semantics', source: { line: 14 } })
  })

  it('opencode: tools as a map of booleans, name from the file name, headings nest by depth', () => {
    const agent = readAgent(FIXTURES + 'backend-developer-opencode.md')
    expect(agent.meta.dialect).toBe('opencode')
    expect(agent.meta.nameFromFile).toBe(true)
    expect(agent.meta.name).toBe('backend-developer-opencode')
    expect(agent.meta.toolsForm).toBe('map')
    expect(agent.meta.tools!.map((t) => t.id)).toEqual(['bash', 'edit', 'glob', 'grep', 'list', 'read', 'write'])
    expect(agent.meta.fields.map((f) => f.key)).toEqual(['description', 'mode', 'disabled', 'tools'])
    const top = outline(agent.root)
    expect(top).toHaveLength(1)
    const [title, children] = top[0] as [string, unknown[]]
    expect(title).toBe('heading:⚙️ Backend Developer Agent')
    expect(children.map((c) => (Array.isArray(c) ? c[0] : c))).toEqual([
      'heading:What I Do', 'heading:When to Use Me', 'heading:What I Deliver', 'heading:Output Files', 'heading:Development Principles',
      'heading:Example Request', 'heading:Validation Checklist', 'heading:Integration with Other Agents', 'heading:Monitoring and Observability',
      'heading:Docker Configuration', 'heading:Environment Management', 'heading:Quality Guarantees',
    ])
    const statements = statementsOf(agent.root)
    expect(statements).toHaveLength(153)
    const tasks = statements.filter((s) => s.kind === 'task')
    expect(tasks).toHaveLength(24)
    expect(tasks.every((t) => t.checked === false)).toBe(true)
    expect(statements.filter((s) => s.kind === 'code').map((s) => s.source.line)).toEqual([153, 225])
    // The blockquote's bold line is a statement, quoted.
    expect(statements[0]).toMatchObject({ kind: 'paragraph', placement: { quote: 1 }, source: { line: 17 } })
    expect(agent.warnings.filter((w) => w.code === 'mojibake').map((w) => w.line)).toEqual([15, 254, 257, 260, 263, 266, 271])
  })

  it('senior: no tools field means no restriction', () => {
    const agent = readAgent(FIXTURES + 'backend-developer-senior.md')
    expect(agent.meta.tools).toBeUndefined()
    expect(outline(agent.root)).toEqual(['item:API Development', 'item:Database Integration', 'item:Performance & Security', 'item:Code Quality'])
    expect(statementsOf(agent.root)).toHaveLength(30)
  })

  it('structured: YAML-list tools, extra keys kept in order, mojibake repaired', () => {
    const agent = readAgent(FIXTURES + 'backend-developer-structured.md')
    expect(agent.meta.dialect).toBe('claude')
    expect(agent.meta.toolsForm).toBe('list')
    expect(agent.meta.tools!.map((t) => t.written)).toEqual(['Glob', 'Grep', 'Read', 'TodoWrite', 'WebFetch', 'WebSearch'])
    expect(agent.meta.fields.map((f) => f.key)).toEqual(['name', 'color', 'emoji', 'category', 'description', 'tools', 'model', 'max_runtime_minutes', 'checkpoint_frequency', 'context_isolation', 'parallel_ready', 'max_tool_calls'])
    expect(agent.meta.fields.find((f) => f.key === 'emoji')!.value).toBe('🟠')
    expect(statementsOf(agent.root)).toHaveLength(141)
    const planning = sectionsOf(agent.root).find((s) => s.title === 'Architecture Planning')!
    expect(planning).toMatchObject({ kind: 'item', ordered: true, depth: 3 })
  })

  it('engineer: numbered headings keep their title, key drops the number', () => {
    const agent = readAgent(FIXTURES + 'backend-engineer.md')
    const sections = sectionsOf(agent.root)
    const api = sections.find((s) => s.source.line === 14)!
    expect(api.title).toBe('1. API Design & Implementation')
    expect(api.key).toBe('api design implement')
    expect(statementsOf(agent.root)).toHaveLength(90)
  })

  it('covers exactly the statements of the gold labels (same path:line ids)', async () => {
    const { readFileSync } = await import('node:fs')
    const gold = readFileSync(new URL('../fixtures/gold/backend-developer.statements.tsv', import.meta.url), 'utf8').trim().split('\n').map((l) => l.split('\t')[0])
    const ids = new Set<string>()
    for (const file of ['backend-developer-elite.md', 'backend-developer-opencode.md', 'backend-developer-senior.md', 'backend-developer-structured.md', 'backend-engineer.md']) {
      for (const s of statementsOf(readAgent(FIXTURES + file).root)) if (s.kind !== 'lead') ids.add(`${file}:${s.source.line}`)
    }
    expect([...ids].sort()).toEqual([...gold].sort())
  })
})

describe('unclosed code fences', () => {
  it('warns, with the line of the fence, where a stray ``` turns the rest of the file into code', async () => {
    const { parseAgent } = await import('../src/index.js')
    const fences = (text: string) => parseAgent(text, 'a.md').warnings.filter((w) => w.code === 'unclosed-fence').map((w) => [w.line, w.message])
    expect(fences('# A\n\nIntro.\n\n```\n## Rules\n\n- One\n')).toEqual([[5, 'code fence ``` is never closed: the 3 lines after it, to the end of the file, are read as code']])
    expect(fences('# A\n\n- Item\n\n  ~~~\n  code\n  ~~~\n\n## Rules\n')).toEqual([])
    expect(fences('# A\n\n- Item\n  ~~~~\n  code\n- Next\n\n## Rules\n')[0]?.[1]).toMatch(/to the end of its list item or quote/)
    // Closed ones, also by a longer fence of the same character, are fine; a shorter or other fence does not close.
    expect(fences('# A\n\n```ts\nx\n```\n\n~~~\ny\n~~~~~\n')).toEqual([])
    expect(fences('# A\n\n````\nx\n```\n')).toHaveLength(1)
    // Inside a blockquote the fences carry its markers.
    expect(fences('# A\n\n> ```bash\n> npm test\n> ```\n\nAfter.\n')).toEqual([])
    expect(fences('# A\n\n> ```bash\n> npm test\n\nAfter.\n')[0]?.[1]).toMatch(/to the end of its list item or quote/)
  })

  it('normalizes a list item holding a fence it never closes once and for all: closed, its code lines kept', async () => {
    const { normalizeAgent, parseAgent } = await import('../src/index.js')
    const text = '---\nname: a\ndescription: d\n---\n\n# A\n\n- Step one:\n  ```bash\n  npm test\n- Step two is here.\n'
    const once = normalizeAgent(parseAgent(text, 'a.md'))
    const twice = normalizeAgent(parseAgent(once, 'a.md'))
    expect(twice).toBe(once)
    expect(once).toContain('  ```bash\n  npm test\n  ```\n- Step two is here.\n')
  })

  it('the CLI names the test-automator fixture whose stray fence swallows its last sections', async () => {
    const { cli } = await import('./helpers/cli.js')
    const r = await cli(['normalize', '--check', 'fixtures/test-automator/rshah515--claude-code-subagents--test-automator.md'])
    expect(r.stderr).toContain('fixtures/test-automator/rshah515--claude-code-subagents--test-automator.md:174:1: warning: code fence ``` is never closed: the 246 lines after it, to the end of the file, are read as code')
  })
})
