// Frontmatter is edited, not regenerated: `normalize` (to stdout and with
// --write) keeps every field whose value it does not have to change exactly
// as written (comments, number forms, big integers, tagged values), and a
// field it does change (tools respelled) keeps its comment and style.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function agentWith(lines: string): string {
  const dir = tempDir('agentmerge-fm-')
  dirs.push(dir)
  const path = join(dir, 'reviewer.md')
  writeFileSync(path, `---\nname: reviewer\ndescription: Reviews code.\n${lines}\n---\n\nReview the change.\n`)
  return path
}

/** Runs `normalize` to stdout and `normalize --write`; both must hold every line given, as written. */
async function keeps(lines: string): Promise<void> {
  const path = agentWith(lines)
  const r = await cli(['normalize', path])
  expect(r.code, r.stderr).toBe(0)
  for (const line of lines.split('\n')) expect(r.stdout.split('\n')).toContain(line)
  const w = await cli(['normalize', '--write', path])
  expect(w.code, w.stderr).toBe(0)
  const written = readFileSync(path, 'utf8')
  expect(written).toBe(r.stdout)
  // Written again, the file is already canonical.
  const check = await cli(['normalize', '--check', path])
  expect(check.code, check.stdout).toBe(0)
}

describe('normalize keeps the frontmatter as written', () => {
  it('# comments: before a field, after a value, at the end', async () => {
    await keeps('# how the agent is run\nmodel: sonnet # pinned on purpose\ncolor: blue\n# end of the agent settings')
  })

  it('a hex integer stays 0x1F', async () => {
    await keeps('maxTurns: 0x1F')
  })

  it('a float stays 1.10', async () => {
    await keeps('version: 1.10')
  })

  it('an integer beyond 2^53 stays 9007199254740993', async () => {
    await keeps('build: 9007199254740993')
  })

  it('a !!binary value stays as written', async () => {
    await keeps('logo: !!binary |\n  R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5')
  })

  it('other tagged values stay as written: !!timestamp, !!set, a local tag', async () => {
    await keeps('since: !!timestamp 2001-12-14\nlabels: !!set {a, b}\nowner: !team platform')
  })

  it('an anchor and its alias stay, even where the canonical order would put the alias first', async () => {
    await keeps('shared: &m sonnet\nmodel: *m')
  })

  it('quoting and block scalars stay as written', async () => {
    await keeps("emoji: '🟠'\nnotes: |\n  line one\n  line two\ntitle: \"Reviewer\"")
  })

  it('a moved field keeps its comment and quoting; only the key order changes', async () => {
    // `read` stays: Claude Code's tool names are case-sensitive, and `Read` would grant what `read` does not.
    const path = agentWith("extra: 1\ntools: 'read, Grep' # lower-case on purpose")
    const r = await cli(['normalize', path])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.startsWith("---\nname: reviewer\ndescription: Reviews code.\ntools: 'read, Grep' # lower-case on purpose\nextra: 1\n---\n")).toBe(true)
  })

  /** `normalize` of frontmatter only the lenient reader takes (`description` holds `: `) prints `expected`. */
  async function lenient(frontmatter: string, expected: string): Promise<void> {
    const path = join(tempDir('agentmerge-fm-'), 'reviewer.md')
    writeFileSync(path, `---\n${frontmatter}---\n\nBody.\n`)
    const r = await cli(['normalize', path])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(`---\n${expected}---\n\nBody.\n`)
  }

  it('in frontmatter only the lenient reader takes, the field that is not YAML is quoted and the others stay as written', async () => {
    await lenient('# the agent\nname: reviewer # slug\ndescription: Use when: the user asks.\nextra: 0x1F\n# end\n', '# the agent\nname: reviewer # slug\ndescription: "Use when: the user asks."\nextra: 0x1F\n# end\n')
  })

  it('in frontmatter only the lenient reader takes, a field with a block value (`tools:` and its list) moves as written', async () => {
    await lenient('description: Use when: the user asks.\n# what it may use\ntools:\n  - Read\n  - Grep # search\nname: reviewer\n', 'name: reviewer\ndescription: "Use when: the user asks."\n# what it may use\ntools:\n  - Read\n  - Grep # search\n')
  })

  /** The YAML between the fences of a file's text. */
  const frontmatterOf = (text: string): string => text.slice(4, text.indexOf('\n---\n', 3) + 1)

  it('in frontmatter only the lenient reader takes, a kept block scalar (`|+`) keeps the blank lines it holds, byte for byte', async () => {
    const kept = 'notes: |+\n  first line\n  second line\n\n\n'
    for (const [after, rest] of [['extra: 1\n', ''], ['# about extra\nextra: 1\n', ''], ['model: sonnet\n', 'x: 1\n']] as const) {
      const path = join(tempDir('agentmerge-fm-'), 'reviewer.md')
      writeFileSync(path, `---\nname: reviewer\ndescription: Use when: the user asks.\n${kept}${after}${rest}---\n\nBody.\n`)
      const r = await cli(['normalize', path])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(kept)
      // The value YAML reads is the one the same frontmatter has with the description quoted.
      const expected = parse(`description: "Use when: the user asks."\n${kept}${after}${rest}`) as Record<string, unknown>
      const written = parse(frontmatterOf(r.stdout)) as Record<string, unknown>
      expect(written.notes).toBe('first line\nsecond line\n\n\n')
      expect(written).toEqual({ name: 'reviewer', ...expected })
    }
  })

  it('in frontmatter only the lenient reader takes, a block scalar whose last line starts with `#` keeps it', async () => {
    await lenient('name: reviewer\ndescription: Use when: the user asks.\nnotes: |\n  line\n  # not a comment\nextra: 1\n', 'name: reviewer\ndescription: "Use when: the user asks."\nnotes: |\n  line\n  # not a comment\nextra: 1\n')
  })

  it('a kept block scalar last in the frontmatter keeps the blank lines before the closing fence (normalize, and convert to its own dialect)', async () => {
    const path = join(tempDir('agentmerge-fm-'), 'reviewer.md')
    const text = '---\nname: reviewer\ndescription: Reviews code.\nnotes: |+\n  first line\n\n\n---\n\nBody.\n'
    writeFileSync(path, text)
    const r = await cli(['normalize', path])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(text)
    // The reader leaves out the line break before the closing fence, as remark does.
    expect((parse(frontmatterOf(r.stdout).replace(/\n$/, '')) as Record<string, unknown>).notes).toBe('first line\n\n')
    const c = await cli(['convert', '--to', 'claude', path])
    expect(c.code, c.stderr).toBe(0)
    expect(c.stdout).toBe(text)
  })

  it('a last frontmatter line of spaces no value holds is canonical as a line gone, not a blank line added, and stays so', async () => {
    const path = join(tempDir('agentmerge-fm-'), 'reviewer.md')
    dirs.push(dirname(path))
    writeFileSync(path, '---\nname: reviewer\ndescription: Reviews code.\n  \n---\n\nBody.\n')
    const r = await cli(['normalize', path])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('---\nname: reviewer\ndescription: Reviews code.\n---\n\nBody.\n')
    writeFileSync(path, r.stdout)
    expect((await cli(['normalize', '--check', path])).code).toBe(0)
  })
})
