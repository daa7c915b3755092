// The dialect registry: a fourth dialect is one DialectSpec and its entry in
// the fixed list (here the list is mocked to hold a toy one), and convert
// then goes to it and back; a registry a test builds answers for its own
// dialects only; no module outside src/dialects names a dialect in its code
// (a grep over src/).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { convertText, fileNameFor, parseDialect } from '../src/convert/index.js'
import { createRegistry, dialectIds, dialectOfLocation, nameFromPath } from '../src/dialects/index.js'
import { parseAgent, statementsOf } from '../src/index.js'
import { ROOT } from './helpers/cli.js'
import { toy } from './helpers/toy-dialect.js'

// The fixed list with the toy dialect added, as a new dialect is added: one
// entry. (vi.mock runs before this file's imports, so it imports the specs itself.)
vi.mock('../src/dialects/list.js', async () => {
  const [{ claude }, { opencode }, { copilot }, { toy }] = await Promise.all([
    import('../src/dialects/claude.js'),
    import('../src/dialects/opencode.js'),
    import('../src/dialects/copilot.js'),
    import('./helpers/toy-dialect.js'),
  ])
  return { DIALECTS: [claude, opencode, copilot, toy] }
})

const CLAUDE = `---
name: release-helper
description: Prepares releases.
tools: Read, Grep, Bash
model: claude-sonnet-4-5
maxTurns: 12
color: blue
---

You prepare releases.

- Read the changelog first.
- Never push tags yourself.
`

describe('a fourth dialect, added to the list', () => {
  it('is known by id, alias, location, file name and its own fields', () => {
    expect(dialectIds()).toContain('toy')
    expect(parseDialect('Toy-Agent')).toBe('toy')
    expect(dialectOfLocation('proj/.toy/agents/a.md')?.id).toBe('toy')
    expect(dialectOfLocation('elsewhere/a.toy.md')?.id).toBe('toy')
    expect(nameFromPath('elsewhere/release-helper.toy.md')).toBe('release-helper')
    expect(fileNameFor('release-helper', 'toy')).toBe('release-helper.toy.md')
    expect(parseAgent('---\nname: a\nmax_turns: 3\n---\nBe brief.\n', 'a.md').meta.dialect).toBe('toy')
  })

  it('converts Claude Code -> Toy -> Claude Code with the body bytes kept and a warning for what Toy cannot say', () => {
    const source = parseAgent(CLAUDE, 'release-helper.md')
    const there = convertText(source, 'toy')
    expect(there.text).toBe(`---
name: release-helper
description: Prepares releases.
tools: [read_file, search_text, run_shell]
model: anthropic/claude-sonnet-4-5
max_turns: 12
---
${source.body}`)
    expect(there.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual(["7: field 'color' (blue): Toy has no such field; dropped"])

    const toyAgent = parseAgent(there.text, 'release-helper.toy.md')
    expect(toyAgent.meta.dialect).toBe('toy')
    expect(toyAgent.meta.tools?.map((t) => t.id)).toEqual(['bash', 'grep', 'read'])
    const back = convertText(toyAgent, 'claude')
    expect(back.warnings).toEqual([])
    expect(back.text).toBe(CLAUDE.replace('color: blue\n', ''))
    expect(statementsOf(parseAgent(back.text, 'b.md').root).map((s) => s.text)).toEqual(statementsOf(source.root).map((s) => s.text))
    // Toy to Toy is the file itself.
    expect(convertText(toyAgent, 'toy').text).toBe(there.text)
  })
})

describe('a registry a test builds', () => {
  it('answers for its own dialects only, the first the default; an id listed twice is refused', () => {
    const own = createRegistry([toy])
    expect(own.dialectIds()).toEqual(['toy'])
    expect(own.findDialect('TOY-agent')?.id).toBe('toy')
    expect(own.findDialect('claude')).toBeUndefined()
    expect(own.detectDialect([{ key: 'name', value: 'a', line: 2 }], 'a.md').id).toBe('toy')
    expect(own.nameFromPath('x/a.toy.md')).toBe('a')
    expect(own.agentRootFolders()).toEqual(new Set(['.toy']))
    // Asked for every directory a walk meets: the one set, not a copy each time.
    expect(own.agentRootFolders()).toBe(own.agentRootFolders())
    expect(() => own.dialect('claude')).toThrow(/unknown dialect 'claude' \(one of toy\)/)
    expect(() => createRegistry([toy, toy])).toThrow(/listed twice/)
    expect(dialectIds()).toEqual(['claude', 'opencode', 'copilot', 'toy'])
  })
})

// ---------------------------------------------------------------------------
// No module outside src/dialects names a dialect in code: not in a string
// literal (`'opencode'`, `'.claude/agents'`), not in a regular expression,
// not as a key or an identifier. Comments and template literals (messages
// and help text) may mention tools by name.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'dialects' ? [] : sourceFiles(path)
    return name.endsWith('.ts') ? [path] : []
  })
}

/** Splits TypeScript source into code (regular expressions included) and the contents of quoted strings. */
function lex(text: string): { code: string; strings: string[] } {
  let code = ''
  const strings: string[] = []
  const stack: string[] = []
  let i = 0
  const lastSignificant = () => code.trimEnd().slice(-1)
  while (i < text.length) {
    const c = text[i]!
    const next = text[i + 1]
    if (stack[stack.length - 1] === '`') {
      if (c === '\\') i += 2
      else if (c === '`') (stack.pop(), i++)
      else if (c === '$' && next === '{') (stack.push('{'), (i += 2))
      else i++
      continue
    }
    if (c === '/' && next === '/') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i)
    else if (c === '/' && next === '*') i = text.indexOf('*/', i + 2) + 2
    else if (c === "'" || c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1
      strings.push(text.slice(i + 1, j))
      i = j + 1
    } else if (c === '`') (stack.push('`'), i++)
    else if (c === '{') (stack.push('{'), (code += c), i++)
    else if (c === '}') (stack.pop(), (code += c), i++)
    else if (c === '/' && (/[(,=:[!&|?{};]/.test(lastSignificant()) || /\breturn$/.test(code.trimEnd()))) {
      // A regular expression literal: its text counts as code.
      let j = i + 1
      let inClass = false
      while (j < text.length && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++
        else if (text[j] === '[') inClass = true
        else if (text[j] === ']') inClass = false
        j++
      }
      code += text.slice(i, j + 1)
      i = j + 1
    } else (code += c, i++)
  }
  return { code, strings }
}

describe('dialect facts live in src/dialects only', () => {
  const NAMES = /claude|opencode|copilot|\.github\/agents/i

  it('the lexer sees names in code, strings and regular expressions, not in comments or messages', () => {
    expect(NAMES.test(lex("const x = 'opencode'").strings.join())).toBe(true)
    expect(NAMES.test(lex('const re = /\\.(claude|github)\\//').code)).toBe(true)
    expect(NAMES.test(lex('const m = { copilot: 1 }').code)).toBe(true)
    expect(NAMES.test(lex("if (to === 'claude') x()").strings.join())).toBe(true)
    const quiet = lex('// OpenCode names agents by file\nconst a = `OpenCode ${x} help`\nconst b = /[\'"]/\n')
    expect(NAMES.test(quiet.code) || NAMES.test(quiet.strings.join())).toBe(false)
  })

  it('no module outside src/dialects spells a dialect, its folders or its facts', () => {
    const offenders: string[] = []
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const { code, strings } = lex(readFileSync(file, 'utf8'))
      const where = relative(ROOT, file)
      for (const line of code.split('\n')) if (NAMES.test(line)) offenders.push(`${where}: ${line.trim()}`)
      for (const s of strings) if (NAMES.test(s)) offenders.push(`${where}: '${s}'`)
    }
    expect(offenders).toEqual([])
  })
})
