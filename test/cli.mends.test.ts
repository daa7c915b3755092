// The command-line mends of a tester's report, each reproduced through the
// CLI: `-` as an output (stdout, never a file named `-`), build config
// errors as one line with where, a missing diff operand named, and mistakes
// that were silently ignored (a --cache-location that is a file, normalize
// --format without --check, an unknown command's --help).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const ENGINEER = FIXTURES + 'backend-engineer.md'
const SENIOR = FIXTURES + 'backend-developer-senior.md'

describe('- as an output is stdout', () => {
  it('merge -o - prints the merged agent with its inline notes, as without -o, and writes no file', async () => {
    const dir = tempDir()
    const plain = await cli(['-q', ENGINEER, SENIOR], { cwd: dir })
    const r = await cli(['-q', ENGINEER, SENIOR, '-o', '-'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(plain.stdout)
    expect(r.stdout).toContain('<!-- agentmerge-provenance v1\n')
    expect(readdirSync(dir)).toEqual([])
    // A sidecar has no file to sit beside on stdout: the same usage error as without -o.
    const sidecar = await cli(['-q', ENGINEER, SENIOR, '-o', '-', '--provenance', 'sidecar'], { cwd: dir })
    expect(sidecar.code).toBe(2)
    expect(sidecar.stderr).toContain('--provenance sidecar writes OUT.provenance.json beside -o OUT')
    expect(readdirSync(dir)).toEqual([])
  })

  it('merge --report - prints the report when -o names a file, and is a usage error when stdout carries the agent', async () => {
    const dir = tempDir()
    const r = await cli(['-q', ENGINEER, SENIOR, '-o', 'merged.md', '--report', '-'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/)
    expect(readdirSync(dir).sort()).toEqual(['merged.md', 'merged.md.provenance.json'])
    for (const args of [['--report', '-'], ['-o', '-', '--report', '-']]) {
      const bad = await cli(['-q', ENGINEER, SENIOR, ...args], { cwd: dir })
      expect(bad.code).toBe(2)
      expect(bad.stdout).toBe('')
      expect(bad.stderr).toBe('agentmerge: --report - prints the report on stdout, where the merged agent goes without -o; give -o FILE, or the report a file\n')
    }
    expect(existsSync(join(dir, '-'))).toBe(false)
  })

  it('normalize -o - and convert -o - print to stdout', async () => {
    const dir = tempDir()
    const normalized = await cli(['normalize', ENGINEER], { cwd: dir })
    const n = await cli(['normalize', '-o', '-', ENGINEER], { cwd: dir })
    expect(n.code, n.stderr).toBe(0)
    expect(n.stdout).toBe(normalized.stdout)
    const converted = await cli(['-q', 'convert', '--to', 'opencode', ENGINEER], { cwd: dir })
    const c = await cli(['-q', 'convert', '--to', 'opencode', '-o', '-', ENGINEER], { cwd: dir })
    expect(c.code, c.stderr).toBe(0)
    expect(c.stdout).toBe(converted.stdout)
    expect(c.stdout).toMatch(/^---\ndescription: /)
    // With --out-dir, -o - (stdout) would be ignored: both are a usage error, as -o FILE with it is.
    const both = await cli(['-q', 'convert', '--to', 'opencode', '-o', '-', '--out-dir', 'out', ENGINEER], { cwd: dir })
    expect(both.code).toBe(2)
    expect(both.stderr).toBe("agentmerge: option '-o, --output <file>' cannot be used with option '-d, --out-dir <dir>' (see agentmerge --help)\n")
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('build config errors are one line with where', () => {
  /** A repository holding one file, the config. */
  function repoWith(name: string, text: string): string {
    const dir = tempDir()
    mkdirSync(join(dir, '.git'))
    writeFileSync(join(dir, name), text)
    return dir
  }

  it('--config naming a directory is a usage error saying so', async () => {
    const dir = repoWith('x.txt', '')
    mkdirSync(join(dir, 'conf'))
    const r = await cli(['build', '--config', 'conf'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('conf: is a directory; --config names a config file\n')
  })

  it.each([
    // Cut short: the end of the text, not the blank line after it.
    ['{\n  "agents": [\n', 'cfg.json:2:14: not valid JSON: Unexpected end of JSON input'],
    ['', 'cfg.json:1:1: not valid JSON: Unexpected end of JSON input'],
    // JSON.parse gives no position for an unexpected token: the place where reading went wrong.
    ['{\n  "agents": }\n', "cfg.json:2:13: not valid JSON: Unexpected token '}'"],
    ['{\n  "agents": [\n    { "output": "x.md" "sources": ["a.md"] }\n  ]\n}\n', "cfg.json:3:24: not valid JSON: Expected ',' or '}' after property value"],
    ['{} x\n', 'cfg.json:1:4: not valid JSON: Unexpected non-whitespace character after JSON'],
  ])('bad JSON %j: path:line:col', async (text, message) => {
    const dir = repoWith('cfg.json', text)
    const r = await cli(['build', '--config', 'cfg.json'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`${message}\n`)
  })

  // A longer input: Node quotes the text around the token cut short with "..." on both sides, or after it
  // near the start; the message keeps neither, and stays one line.
  it('a realistic config with a bad token in the middle, or near its start: one short line naming the token', async () => {
    const agents = ['reviewer', 'tester', 'backend-developer', 'python-pro'].map((name) => ({ output: `.claude/agents/${name}.md`, sources: [`agents/${name}/*.md`], to: 'claude', prefer: `agents/${name}/main.md`, tools: 'union' }))
    const text = JSON.stringify({ provenance: 'sidecar', agents }, null, 2)
    const middle = text.replace(/"sources": \[\n\s*"agents\/tester\/\*\.md"\n\s*\]/, '"sources": }')
    const start = text.replace('"provenance": "sidecar"', '"provenance": ]')
    for (const [bad, where] of [[middle, '15:18'], [start, '2:17']] as const) {
      expect(bad).not.toBe(text)
      const dir = repoWith('agentmerge.config.json', bad)
      const r = await cli(['build'], { cwd: dir })
      expect(r.code).toBe(2)
      // Named from the working directory, as every other line names files.
      expect(r.stderr).toBe(`agentmerge.config.json:${where}: not valid JSON: Unexpected token '${bad === middle ? '}' : ']'}'\n`)
    }
  })

  it('a package.json found from the working directory: its line and column too', async () => {
    const dir = repoWith('package.json', '{\n  "name": "x",\n  "agentmerge": { "agents": [} }\n')
    const r = await cli(['build'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`package.json:3:30: not valid JSON: Unexpected token '}'\n`)
  })
})

describe('diff names the operand that is missing', () => {
  it('a directory and a path that does not exist: no such file or directory, exit 2', async () => {
    const dir = tempDir()
    for (const args of [[FIXTURES, join(dir, 'nonexist')], [join(dir, 'nonexist'), FIXTURES]]) {
      const r = await cli(['diff', ...args])
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(`${join(dir, 'nonexist')}: no such file or directory\n`)
    }
    // A file that exists beside a directory is still the usage error it was.
    const mixed = await cli(['diff', FIXTURES, ENGINEER])
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toContain('cannot diff a directory with a file')
  })
})

describe('mistakes that were silently ignored are usage errors', () => {
  it('--cache-location naming a file, or under one, is a usage error; a directory to be made is fine', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'afile'), '')
    for (const [location, why] of [['afile', 'It'], ['afile/sub', join(dir, 'afile')]] as const) {
      const r = await cli(['--cache-location', location, 'normalize', ENGINEER], { cwd: dir })
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(`agentmerge: option '--cache-location <dir>' argument '${location}' is invalid. ${why} is not a directory (the cache keeps its entries in one) (see agentmerge --help)\n`)
    }
    const made = await cli(['--cache-location', 'cache/here', 'normalize', ENGINEER], { cwd: dir })
    expect(made.code, made.stderr).toBe(0)
    expect(readdirSync(join(dir, 'cache/here')).length).toBeGreaterThan(0)
  })

  it('normalize --format and build --format without --check are usage errors', async () => {
    const r = await cli(['normalize', '--format', 'json', ENGINEER])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('agentmerge normalize: --format is how --check reports; add --check (--json prints the model)\n')
    const checked = await cli(['normalize', '--check', '--format', 'json', ENGINEER])
    expect(checked.code).toBe(1)
    expect(JSON.parse(checked.stdout)).toMatchObject({ version: 1, checked: 1 })
    const build = await cli(['build', '--format', 'github'], { cwd: tempDir() })
    expect(build.code).toBe(2)
    expect(build.stderr).toBe('agentmerge build: --format is how --check reports; add --check\n')
  })

  it.each([
    [['merge-drive', '--help'], "unknown command 'merge-drive' (did you mean merge-driver?)"],
    [['driver', '--help'], "unknown command 'driver' (did you mean merge-driver?)"],
    [['-q', '--max-size', '4MB', 'merge-drive', '-h'], "unknown command 'merge-drive' (did you mean merge-driver?)"],
    [['help', 'dif'], "unknown command 'dif' (did you mean diff?)"],
    [['frobnicate', '--help'], "unknown command 'frobnicate'"],
  ])('%j: unknown command with a suggestion, exit 2, not the program help', async (args, message) => {
    const r = await cli(args, { cwd: tempDir() })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`agentmerge: ${message}; see agentmerge --help\n`)
  })

  // A value of the default command's options is no command name: it was read as one ("unknown command 'claude'").
  it.each([
    [['--to', 'claude'], []],
    [['--base', 'auto'], ['x.md']],
    [['-q', '-o', 'merged.md', '--threshold', '0.8'], []],
  ])('%j %j --help: the help, exit 0, as without the options; before a mistyped command, still unknown', async (options, files) => {
    const r = await cli([...options, ...files, '--help'], { cwd: tempDir() })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: agentmerge \[options\] \[command\]/)
    const mistyped = await cli([...options, 'merge-drive', '--help'], { cwd: tempDir() })
    expect(mistyped.code).toBe(2)
    expect(mistyped.stderr).toBe("agentmerge: unknown command 'merge-drive' (did you mean merge-driver?); see agentmerge --help\n")
  })

  it('help for real commands, and for the default command given files, is unchanged; a mistyped command with files names its suggestion', async () => {
    expect((await cli(['merge-driver', '--help'])).stdout).toMatch(/^Usage: agentmerge merge-driver /)
    expect((await cli(['help', 'diff'])).stdout).toMatch(/^Usage: agentmerge diff /)
    const top = await cli(['--help'])
    expect(top.code).toBe(0)
    expect(top.stdout).toMatch(/^Usage: agentmerge \[options\] \[command\]/)
    const driver = await cli(['driver', 'a.md', 'b.md', 'c.md'], { cwd: tempDir() })
    expect(driver.code).toBe(2)
    expect(driver.stderr).toBe("agentmerge: 'driver' is neither a file nor a command (did you mean merge-driver?)\n")
  })
})
