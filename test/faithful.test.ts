// Faithful text: what normalize and the merge write for each statement is the
// statement's own source (the slice of the file its mdast node covers), up to
// the list marker and indentation, on every shipped fixture and on generated
// files; nothing gains an escape, a colon or any character its source lacked,
// and no line grows.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAgent, renderAgent, statementsOf, type Agent } from '../src/index.js'
import { faithfulFile } from './arbitraries/faithful.js'
import { cli, ROOT } from './helpers/cli.js'

const FAMILIES = ['backend-developer', 'python-pro', 'test-automator']
const FILES = FAMILIES.flatMap((family) => readdirSync(join(ROOT, 'fixtures', family)).filter((f) => f.endsWith('.md')).map((f) => `fixtures/${family}/${f}`))

// Lines without their indentation and quote markers, and an item without its marker and checkbox.
const flat = (s: string) => s.split('\n').map((l) => l.replace(/^[ \t>]*/, '')).join('\n')
const unmarked = (s: string) => s.replace(/^(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/, '')
const body = (s: string) => s.replace(/^---\n[\s\S]*?\n---\n/, '')
const longest = (s: string) => Math.max(0, ...s.split('\n').map((l) => l.length))

/** Each statement's source slice, by its node's offsets; indented code is written fenced, so it is left out. */
function slices(text: string, agent: Agent): string[] {
  const out: string[] = []
  for (const s of statementsOf(agent.root)) {
    const pos = s.node.position
    if (pos?.start.offset === undefined || pos.end.offset === undefined) continue
    const slice = text.slice(pos.start.offset, pos.end.offset)
    if (s.kind === 'code' && !/^(```|~~~)/.test(slice)) continue
    out.push(s.node.type === 'listItem' ? unmarked(slice) : slice)
  }
  return out
}

function missing(source: string, output: string, agent: Agent): string[] {
  const written = flat(output)
  return slices(source, agent).filter((slice) => !written.includes(flat(slice)))
}

// Characters the canonical structure may add: markers, numbering, fences, quote markers, spacing.
const STRUCTURE = new Set([' ', '\n', '-', '*', '+', '#', '.', ')', '|', '>', '`', '~', ...'0123456789'])

function gained(input: string, output: string): string[] {
  const count = (s: string) => {
    const m = new Map<string, number>()
    for (const c of s) m.set(c, (m.get(c) ?? 0) + 1)
    return m
  }
  const before = count(body(input))
  const out: string[] = []
  for (const [c, n] of count(body(output))) if (!STRUCTURE.has(c) && n > (before.get(c) ?? 0)) out.push(`${JSON.stringify(c)} ${before.get(c) ?? 0} -> ${n}`)
  return out
}

describe('faithful text on the fixtures', () => {
  it.each(FILES)('normalize --no-repair and a one-file merge write each statement of %s as its source', async (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8')
    const agent = parseAgent(source, file, { mojibake: 'keep' })
    const normalized = await cli(['normalize', '--no-repair', file])
    expect(normalized.code, normalized.stderr).toBe(0)
    const merged = await cli(['-q', '--no-repair', '--provenance', 'none', file])
    expect(merged.code, merged.stderr).toBe(0)
    for (const output of [normalized.stdout, merged.stdout]) {
      expect(missing(source, output, agent)).toEqual([])
      expect(gained(source, output)).toEqual([])
      expect(longest(body(output))).toBeLessThanOrEqual(longest(source))
    }
  })

  it('the rshah515 test-automator keeps its box diagrams line for line', async () => {
    const file = 'fixtures/test-automator/rshah515--claude-code-subagents--test-automator.md'
    const source = readFileSync(join(ROOT, file), 'utf8')
    const r = await cli(['normalize', '--no-repair', file])
    expect(r.code, r.stderr).toBe(0)
    const diagram = source.split('\n').filter((l) => /[┌└│├]/.test(l))
    expect(diagram.length).toBeGreaterThan(10)
    const written = new Set(r.stdout.split('\n'))
    expect(diagram.filter((l) => !written.has(l))).toEqual([])
  })
})

describe('faithful text on synthetic damage', () => {
  const input = [
    '---',
    'name: reviewer',
    'description: Reviews code',
    '---',
    '',
    '# Reviewer',
    '',
    '**Context Loading:**',
    '- Read the diff first',
    '- Then the tests',
    '',
    '- **1. SQL Injection Vulnerability**',
    '  - Parameterize every query',
    '',
    'Overall assessment: [Brief overall evaluation]',
    'Severity: [Critical | High | Low] \\- keep the escape',
    '',
    '┌──────────┐     ┌──────────┐',
    '│  Client  │ ──► │  Server  │',
    '└──────────┘     └──────────┘',
    '',
    'Checks: • lint • types',
    '• tests',
    '',
    'A hard break  ',
    'and a backslash one\\',
    'end.',
    '',
  ].join('\n')

  it('keeps bold with an inner colon, placeholders, escapes, diagrams, bullets and breaks byte for byte', async () => {
    const r = await cli(['normalize', '-'], { input })
    expect(r.code, r.stderr).toBe(0)
    for (const line of input.split('\n').slice(5)) {
      if (line === '' || line.startsWith('- ') || line.startsWith('  - ')) continue
      expect(r.stdout.split('\n')).toContain(line)
    }
    expect(r.stdout).toContain('- **1. SQL Injection Vulnerability**\n')
    expect(r.stdout).toContain('  - Parameterize every query')
    expect(r.stdout).not.toContain('**Context Loading**:')
    expect(r.stdout).not.toContain('Vulnerability**:')
    expect(r.stdout).not.toContain('\\[')
    expect(gained(input, r.stdout)).toEqual([])
  })

  it('keeps two numbered lists written one after the other apart, each numbered from its start, and stays so (bullet lists are one list)', async () => {
    const lists = ['---', 'name: lists', '---', '', 'Steps:', '', '1. Read the logs', '2. Reproduce the bug', '', '1) Page the owner', '2) Write the summary', '', '- Keep notes', '', '* Share the notes', '', 'Done.', '', '- One list', '- still one list', ''].join('\n')
    const r = await cli(['normalize', '-'], { input: lists })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('1. Read the logs\n2. Reproduce the bug\n\n1) Page the owner\n2) Write the summary\n\n- Keep notes\n- Share the notes\n')
    expect(r.stdout).toContain('- One list\n- still one list\n')
    const agent = parseAgent(r.stdout, 'n.md')
    expect(statementsOf(agent.root).filter((s) => s.placement.listStart).map((s) => s.text)).toEqual(['Page the owner'])
    expect(renderAgent(agent)).toBe(r.stdout)
  })

  it('a one-file merge writes the same statements as written', async () => {
    const r = await cli(['-q', '--provenance', 'none', '-'], { input })
    expect(r.code, r.stderr).toBe(0)
    const agent = parseAgent(input, 'stdin.md')
    expect(missing(input, r.stdout, agent)).toEqual([])
    expect(gained(input, r.stdout)).toEqual([])
  })
})

describe('faithful text, property', () => {
  it('normalize keeps every statement source text and is idempotent', () => {
    fc.assert(
      fc.property(faithfulFile, (text) => {
        const agent = parseAgent(text, 'gen.md')
        const once = renderAgent(agent)
        const lost = missing(text, once, agent)
        if (lost.length > 0) throw new Error(`source not kept: ${JSON.stringify(lost[0])}\n--- output:\n${once}`)
        if (gained(text, once).length > 0) throw new Error(`gained ${gained(text, once).join(', ')}\n--- output:\n${once}`)
        if (longest(body(once)) > longest(text)) throw new Error(`a line grew:\n${once}`)
        if (renderAgent(parseAgent(once, 'gen.md')) !== once) throw new Error(`not idempotent:\n${once}`)
      }),
      { seed: 20261206, numRuns: Number(process.env.FUZZ_RUNS ?? 120) },
    )
  })
})
