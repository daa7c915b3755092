// Frontmatter values of the wrong type (`name: [a, b]`, `description: {x:
// 1}`, `tools: 42`): every command that reads the file warns at the field's
// path:line and still loads it, the model takes no name or description from
// a value that is not a string, lint reports each as a finding
// (field-type), and the fixtures, whose values are all of their types,
// raise none.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAgent } from '../src/index.js'
import { cli, ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const BAD = '---\nname: [a, b]\ndescription: {x: 1}\ntools: 42\nmodel: sonnet\nmaxTurns: many\nhidden: yes please\n---\n\nYou review code.\n'

function badFile(): string {
  const path = join(tempDir(), 'rev.md')
  writeFileSync(path, BAD)
  return path
}

const WARNINGS = (path: string) => [
  `${path}:2: warning: frontmatter field 'name' is a list, not a string; the name is taken from the file name`,
  `${path}:3: warning: frontmatter field 'description' is a map, not a string; read as no description`,
  `${path}:4: warning: frontmatter field 'tools' is a number, not a string, a list of strings or a map`,
  `${path}:6: warning: frontmatter field 'maxTurns' is a string, not a number`,
  `${path}:7: warning: frontmatter field 'hidden' is a string, not true or false`,
]

describe('frontmatter values of the wrong type', () => {
  it('normalize and convert warn at each field, load the file, and take no name or description from a non-string', async () => {
    const path = badFile()
    const r = await cli(['normalize', path])
    expect(r.code).toBe(0)
    expect(r.stderr.trim().split('\n')).toEqual(WARNINGS(path))
    // The author's fields are kept as written.
    for (const field of ['name: [a, b]', 'description: {x: 1}', 'tools: 42', 'maxTurns: many']) expect(r.stdout).toContain(`\n${field}\n`)
    const json = await cli(['normalize', '--json', '-q', path])
    const meta = JSON.parse(json.stdout).agents[0].meta
    expect(meta.name).toBe('rev')
    expect(meta.description ?? null).toBeNull()
    const c = await cli(['convert', '--to', 'opencode', path])
    expect(c.code).toBe(0)
    expect(c.stderr).toContain(WARNINGS(path)[1])
  })

  it('a number or true is not a name either (it was read as one)', () => {
    const agent = parseAgent('---\nname: 42\ndescription: true\n---\n\nBody.\n', 'agents/x.md')
    expect(agent.meta.name).toBe('x')
    expect(agent.meta.description).toBeUndefined()
    expect(agent.warnings.map((w) => [w.code, w.line])).toEqual([['field-type', 2], ['field-type', 3]])
  })

  it('lint reports each as a finding (field-type), exit 1; --ignore field-type skips them', async () => {
    const path = badFile()
    const r = await cli(['lint', '-q', path])
    expect(r.code).toBe(1)
    const typed = r.stdout.split('\n').filter((l) => l.endsWith('(field-type)'))
    expect(typed).toEqual(WARNINGS(path).map((w) => w.replace(': warning: ', ': ') + ' (field-type)'))
    const ignored = await cli(['lint', '-q', '--ignore', 'field-type', path])
    expect(ignored.stdout).not.toContain('(field-type)')
    // Said once: as a finding, not also as a read warning on stderr.
    const loud = await cli(['lint', path])
    expect(loud.stdout.split('\n').filter((l) => l.endsWith('(field-type)'))).toHaveLength(WARNINGS(path).length)
    expect(loud.stderr).not.toMatch(/not a string|not a number|not true or false/)
  })

  it('a list of models is a model only where the dialect reads one (Copilot)', () => {
    const list = (path: string) => parseAgent('---\nname: x\ndescription: d\nmodel: [GPT-5, Claude Sonnet 4.5]\n---\n\nBody.\n', path).warnings.filter((w) => w.code === 'field-type')
    expect(list('.github/agents/x.agent.md')).toEqual([])
    expect(list('.claude/agents/x.md').map((w) => w.message)).toEqual(["frontmatter field 'model' is a list, not a string"])
  })

  it('the fixtures hold values of their types: no warning and no finding', async () => {
    const r = await cli(['lint', '--ignore', 'repeated-statement', join(ROOT, 'fixtures')])
    expect(r.stderr).not.toMatch(/not a string|not a number|not true or false|is a (list|map|number|string)/)
    expect(r.stdout).not.toContain('(field-type)')
  })
})
