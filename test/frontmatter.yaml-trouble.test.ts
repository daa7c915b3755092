// Frontmatter YAML the yaml library reads but that must not go on as read:
// an alias inside the value it names (a value that holds itself, which
// would overflow every later walk) is refused at the alias, for every
// command, the other files of the run still processed; and what the library
// only warns of (an unknown tag) is a one-line warning at the file's line,
// silenced by -q, never the library's own print to stderr, whether the file
// is named or found in a directory.
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseAgent } from '../src/index.js'
import { cli, spawnCli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { errorOf } from './helpers/errors.js'

const GOOD = '---\nname: good\ndescription: A good agent.\n---\n\nCheck the logs first.\n'


describe('a recursive YAML alias', () => {
  it('is refused at the alias, however deep it stands', () => {
    expect(errorOf('---\nname: &a [*a]\ndescription: ok\n---\n\nBody.\n')).toMatchObject({ code: 'yaml-alias-recursive', line: 2, column: 11 })
    expect(errorOf('---\nname: n\nx: &m\n  k: [1, {j: *m}]\n---\n\nBody.\n')).toMatchObject({ code: 'yaml-alias-recursive', line: 4, column: 14 })
    // The whole mapping anchored, and named inside itself.
    expect(errorOf('---\n&top\nname: n\nx: [*top]\n---\n\nBody.\n')).toMatchObject({ code: 'yaml-alias-recursive', line: 4 })
    // Read field by field (the frontmatter as a whole does not parse), the same.
    expect(errorOf('---\ndescription: Use when: asked\nx: &a [*a]\n---\n\nBody.\n')).toMatchObject({ code: 'yaml-alias-recursive', line: 3 })
  })

  it('is not an alias that names an earlier value, or a redefined anchor', () => {
    const agent = parseAgent('---\nname: n\ndescription: d\nx: &a [1]\ny: [*a, &a [2]]\nz: *a\n---\n\nBody.\n', 'a.md')
    expect(agent.meta.fields.slice(2).map((f) => f.value)).toEqual([[1], [[1], [2]], [2]])
    // As yaml reads it, an alias names the last anchor before it: inside a value that anchor names, the value itself.
    expect(errorOf('---\nname: n\nx: &a [1]\ny: &a [*a, 2]\n---\n\nBody.\n')).toMatchObject({ code: 'yaml-alias-recursive', line: 4 })
  })

  for (const command of [['normalize'], ['lint'], ['convert', '--to', 'opencode'], ['dedup'], ['merge', '--provenance', 'none']]) {
    it(`${command[0]}: one line naming the alias, exit 2, the other files read`, async () => {
      const dir = tempDir()
      const bad = join(dir, 'y7.md')
      const good = join(dir, 'good.md')
      const other = join(dir, 'other.md')
      writeFileSync(bad, '---\nname: &a [*a]\ndescription: ok\n---\n\nBody.\n')
      writeFileSync(good, GOOD)
      writeFileSync(other, GOOD.replace('Check the logs first.', 'Read the tests first.'))
      const r = await cli([...command, bad, good, other])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`${bad}:2:11: recursive YAML alias *a`)
      expect(r.stderr).not.toMatch(/internal error|call stack|\n\s+at /)
      if (command[0] === 'normalize' || command[0] === 'convert') expect(r.stdout).toContain('Check the logs first.')
      if (command[0] === 'dedup') expect(r.stderr).toContain('in 2 files')
      if (command[0] === 'lint') expect(r.stderr).toContain('in 2 files')
    })
  }
})

describe('an unknown YAML tag', () => {
  afterEach(() => vi.restoreAllMocks())

  const layout = () => {
    const dir = tempDir()
    const agents = join(dir, 'agents')
    mkdirSync(agents)
    const tagged = join(agents, 'tagged.md')
    writeFileSync(tagged, '---\nname: tagged\ndescription: A tagged agent.\nmine: !local thing\n---\n\nBody one.\n')
    writeFileSync(join(agents, 'good.md'), GOOD)
    return { agents, tagged }
  }

  it('is one warning at the file line, on the directory path and the file path alike, and -q silences it', async () => {
    const { agents, tagged } = layout()
    const emitted = vi.spyOn(process, 'emitWarning')
    const line = `${tagged}:4: warning: unknown YAML tag !local in frontmatter field 'mine'; its value is read as if untagged\n`
    for (const command of [['normalize', '--check'], ['lint']]) {
      const viaDir = await cli([...command, agents])
      const viaFile = await cli([...command, tagged, join(agents, 'good.md')])
      expect(viaDir.stderr).toContain(line)
      expect(viaDir.stderr.split(line)).toHaveLength(2)
      expect(viaFile.stderr).toContain(line)
      const quiet = await cli(['-q', ...command, agents])
      expect(quiet.stderr).not.toContain('unknown YAML tag')
    }
    const value = parseAgent('---\nname: t\ndescription: d\nmine: !local thing\n---\n\nx\n', 't.md').meta.fields.find((f) => f.key === 'mine')
    expect(value).toEqual({ key: 'mine', value: 'thing', line: 4 })
    expect(emitted).not.toHaveBeenCalled()
  })

  it('nor does the yaml library print anything of its own: a collection as a key, a tag in a tools map', async () => {
    const dir = tempDir()
    const keyed = join(dir, 'keyed.md')
    const opencode = join(dir, 'oc.md')
    writeFileSync(keyed, '---\nname: keyed\ndescription: K\nx: {[a, b]: 1}\n---\n\nBody.\n')
    writeFileSync(opencode, '---\ndescription: O\nmode: subagent\ntools:\n  webfetch: "!x y"\n---\n\nBody.\n')
    const emitted = vi.spyOn(process, 'emitWarning')
    expect((await cli(['normalize', keyed])).code).toBe(0)
    expect((await cli(['lint', dir])).stderr).not.toContain('YAMLWarning')
    expect((await cli(['convert', '--to', 'claude', opencode])).code).toBe(0)
    expect(emitted).not.toHaveBeenCalled()
  })

  it('the bin run on a directory prints no raw warning (the tester\'s command)', () => {
    const { agents } = layout()
    const r = spawnCli(['-q', 'normalize', '--check', agents])
    expect(r.stderr).toBe('')
  })
})
