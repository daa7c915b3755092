// The machine outputs name the run's errors: a CI job that reads the JSON or
// the GitHub annotations (and not stderr) must see that a file could not be
// read. Every JSON output has the same `errors` list of `{path, line,
// column, message}`; every `--format github` has an `::error` line per error.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, FIXTURES, ROOT } from './helpers/cli.js'
import { validate } from './diff-helpers.js'
import { tempDir } from './helpers/tmp.js'

/** A directory holding one good agent (canonical form unknown) and one whose frontmatter YAML is broken. */
function inputs(): { dir: string; bad: string; good: string } {
  const dir = tempDir()
  const bad = join(dir, 'bad.md')
  const good = join(dir, 'good.md')
  writeFileSync(bad, '---\nname: bad\ndescription: "x\n---\nBody\n')
  copyFileSync(join(FIXTURES, 'backend-developer-senior.md'), good)
  return { dir, bad, good }
}

const BAD_ERROR = (bad: string) => ({ path: bad, line: 3, column: 15, message: expect.stringContaining('invalid frontmatter YAML') })

describe('JSON outputs carry the errors of the run', () => {
  // Each JSON output with the bad file as an error, and the good one counted as read.
  const COUNTED: Array<[string, string[], (json: Record<string, unknown>) => unknown, unknown]> = [
    ['normalize --check --format json lists the bad file as an error, not as checked', ['normalize', '--check', '--format', 'json'], (j) => j.checked, 1],
    ['normalize --json has the errors list too', ['normalize', '--json'], (j) => (j.agents as unknown[]).length, 1],
    ['lint --json', ['lint', '--json'], (j) => j.files, 1],
  ]
  it.each(COUNTED)('%s', async (_, args, counted, expected) => {
    const { bad, good } = inputs()
    const r = await cli([...args, bad, good])
    expect(r.code).toBe(2)
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    expect(counted(json)).toBe(expected)
    expect(json.errors).toEqual([BAD_ERROR(bad)])
  })

  it('dedup --json, even when no file could be read', async () => {
    const { bad, good } = inputs()
    const r = await cli(['dedup', '--json', bad, good])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).errors).toEqual([BAD_ERROR(bad)])
    const alone = await cli(['dedup', '--json', bad])
    expect(alone.code).toBe(2)
    expect(JSON.parse(alone.stdout)).toEqual({ groups: [], errors: [BAD_ERROR(bad)] })
  })

  it('diff --format json: a side that cannot be read is an error in the JSON', async () => {
    const { bad, good } = inputs()
    const r = await cli(['diff', '--format', 'json', bad, good])
    expect(r.code).toBe(2)
    const json = JSON.parse(r.stdout)
    expect(json.files).toEqual([])
    expect(json.errors).toEqual([BAD_ERROR(bad)])
    // The summary does not read as a clean result.
    expect(json.summary).toBe('nothing changed in meaning; 1 input could not be read')
    expect(validate(json, JSON.parse(readFileSync(ROOT + 'docs/diff.schema.json', 'utf8')))).toEqual([])
    const github = await cli(['diff', '--format', 'github', bad, good])
    expect(github.stdout.trimEnd().split('\n').at(-1)).toBe('agentmerge diff: nothing changed in meaning; 1 input could not be read')
    const fine = await cli(['diff', '--format', 'json', good, good])
    expect(JSON.parse(fine.stdout).errors).toEqual([])
  })

  it('diff of directories: the text, Markdown and HTML formats count and name the files that could not be read', async () => {
    const [a, b] = [tempDir(), tempDir()]
    for (const dir of [a, b]) writeFileSync(join(dir, 'broken.md'), '---\nname: [x\n---\n\nBad.\n')
    writeFileSync(join(a, 'ok.md'), '---\nname: ok\ndescription: d\n---\n\nKeep it.\n')
    writeFileSync(join(b, 'ok.md'), '---\nname: ok\ndescription: d\n---\n\nKeep it.\n\nAdd this.\n')
    const text = await cli(['diff', a, b])
    expect(text.code).toBe(2)
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('1 added; 2 inputs could not be read')
    const markdown = await cli(['diff', '--format', 'markdown', a, b])
    expect(markdown.stdout).toContain('**1 added; 2 inputs could not be read**')
    expect(markdown.stdout).toContain(`- \`${join(a, 'broken.md')}:2\`: invalid frontmatter YAML`)
    const html = await cli(['diff', '--format', 'html', a, b])
    expect(html.stdout).toContain('1 added; 2 inputs could not be read')
    expect(html.stdout).toContain(`<li><code>${join(b, 'broken.md')}:2</code>: invalid frontmatter YAML`)
  })

  it('build --check --format json: a config error is in the JSON', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'agentmerge.config.json'), '{"agents": [{"output": 3}]}\n')
    const r = await cli(['build', '--check', '--format', 'json'], { cwd: dir })
    expect(r.code).toBe(2)
    const json = JSON.parse(r.stdout)
    expect(json).toMatchObject({ outputs: 0, findings: [] })
    // The config named from the working directory, as the other lines name files.
    expect(json.errors).toEqual([{ path: 'agentmerge.config.json', line: 1, column: null, message: expect.stringContaining('"output"') }])
    // The same error, one line on stderr, as before.
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('--format github has an ::error annotation per error', () => {
  const annotation = (bad: string) => `::error file=${bad.replace(/:/g, '%3A').replace(/,/g, '%2C')},line=3,col=15,title=agentmerge%3A error::invalid frontmatter YAML`

  it.each([
    ['normalize', ['normalize', '--check', '--format', 'github']],
    ['lint', ['lint', '--format', 'github']],
    ['diff', ['diff', '--format', 'github']],
  ])('%s', async (_name, args) => {
    const { bad, good } = inputs()
    const r = await cli([...args, bad, good])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain(annotation(bad))
  })

  it('diff --format markdown --max-bytes holds with many unreadable inputs of long names', async () => {
    const [a, b] = [tempDir(), tempDir()]
    for (let i = 0; i < 6; i++) for (const dir of [a, b]) writeFileSync(join(dir, `${String(i).repeat(150)}.md`), '---\nname: [x\n---\n\nBad.\n')
    writeFileSync(join(a, 'ok.md'), '---\nname: ok\ndescription: d\n---\n\nKeep it.\n')
    writeFileSync(join(b, 'ok.md'), '---\nname: ok\ndescription: d\n---\n\nKeep it.\n\nAdd this.\n')
    const r = await cli(['diff', '--format', 'markdown', '--max-bytes', '1024', a, b])
    expect(Buffer.byteLength(r.stdout)).toBeLessThanOrEqual(1024)
    expect(r.stdout).toContain('12 inputs could not be read')
  })

  it('diff of two files, one unreadable: the Markdown and HTML formats still say so (a PR comment is never empty); diff - - is a usage error', async () => {
    const { bad, good } = inputs()
    const markdown = await cli(['diff', '--format', 'markdown', bad, good])
    expect(markdown.code).toBe(2)
    expect(markdown.stdout).toContain('1 input could not be read')
    const html = await cli(['diff', '--format', 'html', bad, good])
    expect(html.stdout).toContain('1 input could not be read')
    const twice = await cli(['diff', '-', '-'], { input: 'x' })
    expect(twice.code).toBe(2)
    expect(twice.stderr).toBe('agentmerge diff: stdin can be one side of a diff, not both (- -)\n')
  })

  it('diff --git followed by another option is a usage error naming it, not a revision "--format"', async () => {
    const r = await cli(['diff', '--git', '--format', 'markdown', 'main'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('agentmerge diff: --git needs a revision right after it (BASE, or A...B), got "--format": put the other options elsewhere\n')
  })

  it('normalize, convert and dedup given no files with a terminal on stdin: a usage error, not a wait for typing', async () => {
    for (const [command, ...args] of [['normalize'], ['convert', '--to', 'claude'], ['dedup']]) {
      const r = await cli([command!, ...args], { stdinTTY: true })
      expect(r.code, command).toBe(2)
      expect(r.stderr).toBe(`agentmerge ${command}: no files given: name agent files or directories, or - to read stdin\n`)
    }
    // Piped, stdin is read as before.
    const piped = await cli(['normalize'], { input: '---\nname: a\ndescription: d\n---\n\nDo it.\n' })
    expect(piped.code).toBe(0)
    expect(piped.stdout).toContain('Do it.')
  })

  it('build --check: a config error', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'agentmerge.config.json'), '{"agents": [{"output": 3}]}\n')
    const r = await cli(['build', '--check', '--format', 'github'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/^::error file=.*agentmerge\.config\.json,line=1,title=agentmerge%3A error::"output"/m)
  })
})
