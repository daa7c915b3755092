// The four formats of `agentmerge diff` on one pull-request-like edit: the
// markdown comment read back with remark (summary table, one <details> block
// per section with changes, markup kept around a word diff), the JSON
// checked against docs/diff.schema.json, the GitHub annotations in the
// syntax GitHub documents, and color as NO_COLOR / FORCE_COLOR ask.
import { readFileSync } from 'node:fs'
import type { Html, List, Root, Table } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { beforeAll, describe, expect, it } from 'vitest'
import { escapeData, escapeProperty, workflowCommand } from '../src/diff/format/github.js'
import { useColor } from '../src/diff/format/color.js'
import { cli, ROOT } from './helpers/cli.js'
import { edit, fixture, rebullet, tempDir, validate, write } from './diff-helpers.js'

const SCHEMA = JSON.parse(readFileSync(ROOT + 'docs/diff.schema.json', 'utf8')) as Record<string, unknown>
const OPENCODE = fixture('backend-developer-opencode.md')

let dir: string
let oldPath: string
let newPath: string
let newText: string
beforeAll(() => {
  dir = tempDir()
  let b = OPENCODE
  b = edit(b, '- **Business Logic** - Service layer with validation', '- **Business Logic** - Service layer with strict input validation')
  b = edit(b, '### Database Architecture', '### Data Storage Design')
  b = edit(b, '- Docker configuration\n', '')
  b = edit(b, '- **Documentation** - API docs, code comments, runbooks\n', '- **Documentation** - API docs, code comments, runbooks\n- Docker configuration\n')
  b = edit(b, '- Security hardening\n', '- Security hardening\n- Cost monitoring for cloud resources\n')
  b = edit(b, '- Performance benchmarks\n', '')
  b = edit(b, '  bash: true\n', '  bash: false\n')
  newText = b
  oldPath = write(dir, 'old/.opencode/agent/backend.md', OPENCODE)
  newPath = write(dir, 'new/.opencode/agent/backend.md', b)
})

const EXPECTED = '1 added, 1 removed, 1 reworded, 1 moved, 1 section renamed, 1 field changed'

describe('markdown format', () => {
  it('is a summary table and one <details> block per section with changes, as remark reads it', async () => {
    const r = await cli(['diff', '-q', '--format', 'markdown', oldPath, newPath])
    expect(r.code).toBe(1)
    const tree = unified().use(remarkParse).use(remarkGfm).parse(r.stdout) as Root
    const [heading, summary, table] = tree.children
    expect(heading).toMatchObject({ type: 'heading', depth: 3, children: [{ type: 'text', value: 'agentmerge diff' }] })
    expect(summary).toMatchObject({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: EXPECTED }] }] })
    expect(table!.type).toBe('table')
    const rows = (table as Table).children.map((row) => row.children.map((c) => (c.children[0] as { value?: string } | undefined)?.value ?? ''))
    expect(rows[0]).toEqual(['agent', 'status', 'added', 'removed', 'reworded', 'moved', 'sections', 'fields', 'form'])
    expect(rows[1]).toEqual([newPath, 'modified', '1', '1', '1', '1', '1', '1', '0'])
    // Blocks: <details><summary>…</summary> (html), a list, </details> (html).
    const rest = tree.children.slice(3)
    const opens = rest.filter((n): n is Html => n.type === 'html' && n.value.startsWith('<details>'))
    const closes = rest.filter((n) => n.type === 'html' && (n as Html).value === '</details>')
    const summaries = opens.map((n) => /<summary>(.*)<\/summary>/.exec(n.value)![1])
    expect(summaries).toEqual([
      `${newPath} › frontmatter: 1 field changed`,
      `${newPath} › ⚙️ Backend Developer Agent › When to Use Me: 1 added`,
      `${newPath} › ⚙️ Backend Developer Agent › What I Deliver › Backend Implementation: 1 reworded, 1 moved`,
      `${newPath} › ⚙️ Backend Developer Agent › What I Deliver › Infrastructure Code: 1 removed`,
      `${newPath} › ⚙️ Backend Developer Agent › Development Principles › Data Storage Design: 1 section renamed`,
    ])
    expect(closes).toHaveLength(opens.length)
    rest.forEach((node, i) => {
      if (node.type === 'html' && node.value.startsWith('<details>')) expect(rest[i + 1]!.type).toBe('list')
    })
    // The reworded statement keeps its bold around the word diff: strong, then <ins> words.
    const lists = rest.filter((n): n is List => n.type === 'list')
    const reworded = lists.flatMap((l) => l.children).find((item) => JSON.stringify(item).includes('"value":"reworded"'))!
    const body = reworded.children[1]!
    expect(body.type).toBe('paragraph')
    const kids = (body as { children: Array<{ type: string; value?: string; children?: Array<{ value?: string }> }> }).children
    expect(kids[0]).toMatchObject({ type: 'strong', children: [{ value: 'Business Logic' }] })
    const html = kids.filter((k) => k.type === 'html').map((k) => k.value)
    expect(html).toEqual(['<ins>', '</ins>'])
    expect(kids.map((k) => k.value ?? '').join('')).toContain('strict input')
  })

  it('says nothing changed in meaning for a change of form only', async () => {
    const form = write(dir, 'form/backend.md', rebullet(OPENCODE))
    const r = await cli(['diff', '-q', '--format', 'markdown', oldPath, form])
    expect(r.code).toBe(0)
    const tree = unified().use(remarkParse).use(remarkGfm).parse(r.stdout) as Root
    expect(JSON.stringify(tree.children[1])).toContain('nothing changed in meaning')
    expect(tree.children.filter((n) => n.type === 'html')).toEqual([])
  })
})

describe('markdown format --max-bytes', () => {
  // As in a reviewer's edit of incident-responder: the model changed, and statements reworded in several sections.
  const SENIOR = fixture('backend-developer-senior.md')
  let a: string
  let b: string
  beforeAll(() => {
    let t = edit(SENIOR, 'model: sonnet', 'model: opus')
    t = edit(t, 'Comprehensive unit and integration testing', 'Thorough unit, integration and end-to-end testing')
    t = edit(t, 'Rate limiting and DDoS protection', 'Rate limiting, quotas and DDoS protection')
    t = edit(t, 'an expert in building scalable, secure, and maintainable', 'an expert in building fast, secure, and maintainable')
    a = write(dir, 'limit/old.md', SENIOR)
    b = write(dir, 'limit/new.md', t)
  })

  it('keeps every block that fits beside the note on what was left out, and writes a comment that fits whole without a note', async () => {
    const full = (await cli(['diff', '--format', 'markdown', '--max-bytes', '0', a, b])).stdout
    const blocks = full.split('<details>').length - 1
    expect(blocks).toBeGreaterThan(2)
    const first = `<details>${full.split('<details>')[1]!.split('</details>')[0]}</details>\n`
    expect(first).toContain('frontmatter: 1 field changed')
    // The reviewer's case: far under the limit with the first block, yet every block was left out.
    const cut = await cli(['diff', '--format', 'markdown', '--max-bytes', '1024', a, b])
    expect(Buffer.byteLength(cut.stdout)).toBeLessThanOrEqual(1024)
    expect(cut.stdout).toContain(first)
    expect(cut.stdout).toMatch(new RegExp(`_${blocks - 1} of ${blocks} blocks of changes left out to keep this under 1024 bytes`))
    // A comment that fits as it is, is written as it is.
    const exact = await cli(['diff', '--format', 'markdown', '--max-bytes', String(Buffer.byteLength(full)), a, b])
    expect(exact.stdout).toBe(full)
  })
})

describe('json format', () => {
  it('validates against docs/diff.schema.json, with path:line on both sides', async () => {
    const r = await cli(['diff', '-q', '--format', 'json', oldPath, newPath])
    const json = JSON.parse(r.stdout)
    expect(validate(json, SCHEMA)).toEqual([])
    expect(json.summary).toBe(EXPECTED)
    const moved = json.files[0].statements.find((s: { change: string }) => s.change === 'moved')
    expect(moved.old.at).toMatch(/old\/\.opencode\/agent\/backend\.md:\d+$/)
    expect(moved.new.at).toMatch(/new\/\.opencode\/agent\/backend\.md:\d+$/)
    // The NEW line is the line the statement is on.
    const line = Number(moved.new.at.split(':').at(-1))
    expect(newText.split('\n')[line - 1]).toBe('- Docker configuration')
  })

  it('validates for directories with added, removed and unchanged agents, and for a change of form only', async () => {
    const a = write(dir, 'dirs/a/x.md', '---\nname: x\ndescription: X\n---\n\nOne.\n')
    write(dir, 'dirs/a/y.md', '---\nname: y\ndescription: Y\n---\n\nTwo.\n')
    write(dir, 'dirs/b/x.md', '---\nname: x\ndescription: X\n---\n\nOne.\n')
    write(dir, 'dirs/b/z.md', '---\nname: z\ndescription: Z\ntools: Read\n---\n\nThree.\n')
    const r = await cli(['diff', '--format', 'json', a.replace(/x\.md$/, ''), a.replace(/a\/x\.md$/, 'b')])
    const json = JSON.parse(r.stdout)
    expect(validate(json, SCHEMA)).toEqual([])
    expect(json.files.map((f: { status: string }) => f.status)).toEqual(['unchanged', 'removed', 'added'])
    const form = write(dir, 'form2/backend.md', rebullet(OPENCODE))
    expect(validate(JSON.parse((await cli(['diff', '-q', '--format', 'json', oldPath, form])).stdout), SCHEMA)).toEqual([])
  })

  it('the validator does catch what the schema forbids', async () => {
    const r = JSON.parse((await cli(['diff', '-q', '--format', 'json', oldPath, newPath])).stdout)
    r.files[0].statements[0].change = 'edited'
    r.files[0].extra = 1
    expect(validate(r, SCHEMA).length).toBeGreaterThanOrEqual(2)
  })
})

describe('github format', () => {
  it('prints one workflow command per change, on the NEW file and line', async () => {
    const r = await cli(['diff', '-q', '--format', 'github', oldPath, newPath])
    expect(r.code).toBe(1)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines.at(-1)).toBe(`agentmerge diff: ${EXPECTED}`)
    const commands = lines.slice(0, -1)
    expect(commands).toHaveLength(6)
    const newLines = newText.split('\n')
    for (const c of commands) {
      // ::notice file={name},line={line},title={title}::{message}
      const m = /^::notice file=([^,:]+),line=(\d+),title=([^,:]+)::(.*)$/.exec(c)
      expect(m, c).not.toBeNull()
      expect(m![1]).toBe(newPath)
      expect(Number(m![2])).toBeGreaterThan(0)
      expect(Number(m![2])).toBeLessThanOrEqual(newLines.length)
      expect(m![3]).toMatch(/^agentmerge%3A /)
      expect(m![4]).not.toMatch(/[\r\n]/)
    }
    const reworded = commands.find((c) => c.includes('statement reworded'))!
    const line = Number(/line=(\d+)/.exec(reworded)![1])
    expect(newLines[line - 1]).toContain('strict input validation')
    expect(reworded).toContain('::was "Business Logic - Service layer with validation"')
    expect(commands.find((c) => c.includes('frontmatter tools'))).toContain('tools changed: bash denied')
  })

  it('escapes data and properties as the actions toolkit does', async () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext')
    expect(escapeProperty('a: b, c%')).toBe('a%3A b%2C c%25')
    expect(workflowCommand({ level: 'notice', file: 'dir/a,b:c.md', line: 3, title: 'agentmerge: x', message: 'm: 1, 2\nnext' })).toBe('::notice file=dir/a%2Cb%3Ac.md,line=3,title=agentmerge%3A x::m: 1, 2%0Anext')
  })
})

describe('text format colors', () => {
  it('colors on FORCE_COLOR or --color, never with NO_COLOR or --no-color or when piped', async () => {
    const has = async (env: Record<string, string>, ...flags: string[]) => (await cli(['diff', '-q', ...flags, oldPath, newPath], { env })).stdout.includes('\x1b[')
    expect(await has({})).toBe(false) // NO_COLOR=1 from the helper, and a pipe
    expect(await has({ NO_COLOR: '', FORCE_COLOR: '1' })).toBe(true)
    expect(await has({ NO_COLOR: '1', FORCE_COLOR: '' }, '--color')).toBe(true)
    expect(await has({ NO_COLOR: '', FORCE_COLOR: '1' }, '--no-color')).toBe(false)
    expect(useColor(undefined, true, {})).toBe(true)
    expect(useColor(undefined, true, { NO_COLOR: '1' })).toBe(false)
    expect(useColor(undefined, true, { TERM: 'dumb' })).toBe(false)
    expect(useColor(undefined, false, { FORCE_COLOR: '0' })).toBe(false)
  })
})
