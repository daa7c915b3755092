// `agentmerge normalize` through the real CLI: idempotence and no loss on
// every fixture, --check, --write, --json, stdin, and one-line errors that
// leave the good files of the run processed.
import { copyFileSync, linkSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAgent, statementsOf } from '../src/index.js'
import { cli, FIXTURE_FILES, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const temp = () => tempDir('agentmerge-')
const norms = (text: string) => statementsOf(parseAgent(text, 'x.md').root).map((s) => s.norm).sort()

describe('normalize CLI', () => {
  for (const file of FIXTURE_FILES) {
    it(`is idempotent and loses nothing on ${file}`, async () => {
      const dir = temp()
      const once = await cli(['normalize', FIXTURES + file])
      expect(once.code).toBe(0)
      writeFileSync(join(dir, file), once.stdout)
      const twice = await cli(['normalize', join(dir, file)])
      expect(twice.code).toBe(0)
      expect(twice.stdout).toBe(once.stdout)
      expect(twice.stderr).toBe('')
      expect(norms(once.stdout)).toEqual(norms(readFileSync(FIXTURES + file, 'utf8')).map((n) => n.replace(/‚öôÔ∏è/g, '⚙️').replace(/\uf8ffüü£/g, '🟣')).sort())
    })
  }

  it('--check lists the files that are not canonical and exits 1; canonical files pass', async () => {
    const dir = temp()
    const canonical = join(dir, 'canonical.md')
    writeFileSync(canonical, (await cli(['normalize', FIXTURES + 'backend-engineer.md'])).stdout)
    const messy = join(dir, 'messy.md')
    copyFileSync(FIXTURES + 'backend-developer-senior.md', messy)
    const result = await cli(['normalize', '--check', canonical, messy])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(`${messy}\n`)
    expect(result.stderr).toContain('1 of 2 files are not in canonical form')
    expect((await cli(['normalize', '--check', canonical])).code).toBe(0)
  })

  it('--write rewrites in place, keeps CRLF, and a second --check passes', async () => {
    const dir = temp()
    const file = join(dir, 'crlf.md')
    writeFileSync(file, readFileSync(FIXTURES + 'backend-developer-senior.md', 'utf8').replace(/\n/g, '\r\n'))
    expect((await cli(['normalize', '--write', file])).code).toBe(0)
    const written = readFileSync(file, 'utf8')
    expect(written).toContain('\r\n')
    expect(written.replace(/\r\n/g, '')).not.toContain('\n')
    expect((await cli(['normalize', '--check', file])).code).toBe(0)
  })

  it('reads stdin with -', async () => {
    const result = await cli(['normalize', '-'], { input: '---\nname: x\n---\n* a\n* b\n' })
    expect(result).toMatchObject({ code: 0, stdout: '---\nname: x\n---\n\n- a\n- b\n' })
    // --check of stdin does not advise --write, which cannot write it back.
    const check = await cli(['normalize', '--check', '-'], { input: '---\nname: x\n---\n* a\n* b\n' })
    expect(check.code).toBe(1)
    expect(check.stderr).toContain('1 of 1 file is not in canonical form; agentmerge normalize prints its canonical form to standard output')
  })

  it('--json prints every statement with path:line', async () => {
    const path = FIXTURES + 'backend-developer-senior.md'
    const result = await cli(['normalize', '--json', path])
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json.version).toBe(1)
    const statements: Array<{ at: string; markdown: string }> = []
    const walk = (body: Array<{ type: string; body?: unknown[] }>) => {
      for (const b of body) {
        if (b.type === 'statement') statements.push(b as never)
        if (b.body) walk(b.body as never)
      }
    }
    walk(json.agents[0].root.body)
    expect(statements).toHaveLength(30)
    expect(statements[0]).toMatchObject({ at: `${path}:8`, kind: 'paragraph' })
    expect(statements.find((s) => s.at === `${path}:40`)!.markdown).toMatch(/^\*\*Technical Stack\*\*: Work with/)
  })

  it('reports a bad file in one line, exits 2, and still prints the good one', async () => {
    const dir = temp()
    const bad = join(dir, 'bad.md')
    writeFileSync(bad, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]))
    const result = await cli(['normalize', bad, FIXTURES + 'backend-developer-senior.md'])
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([`${bad}:2: invalid UTF-8 (byte 0xff); re-save the file as UTF-8`])
    expect(result.stdout).toContain('name: backend-developer')
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/)
  })

  it('refuses an output path equal to an input and changes nothing', async () => {
    const dir = temp()
    const file = join(dir, 'a.md')
    copyFileSync(FIXTURES + 'backend-developer-senior.md', file)
    const result = await cli(['normalize', file, '-o', file])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`${file}: is the same file as the input ${file}; inputs are never overwritten\n`)
    expect(readFileSync(file)).toEqual(readFileSync(FIXTURES + 'backend-developer-senior.md'))
  })

  it('refuses, before rewriting anything, an output that is an input under another name or not a file (the write path\'s check)', async () => {
    const dir = temp()
    const file = join(dir, 'a.md')
    const original = readFileSync(FIXTURES + 'backend-developer-opencode.md')
    writeFileSync(file, original)
    const link = join(dir, 'link.md')
    symlinkSync(file, link)
    // (--write with -o is a usage error of its own: each mode does one thing.)
    const r = await cli(['normalize', file, '-o', link])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`${link}: is the same file as the input ${file}; inputs are never overwritten\n`)
    expect(readFileSync(file)).toEqual(original)
    const hard = join(dir, 'hard.md')
    linkSync(file, hard)
    const h = await cli(['normalize', file, '-o', hard])
    expect(h.code).toBe(2)
    expect(h.stderr).toBe(`${hard}: is the same file as the input ${file}; inputs are never overwritten\n`)
    const d = await cli(['normalize', file, '-o', dir])
    expect(d.code).toBe(2)
    expect(d.stderr).toBe(`${dir}: exists and is not a regular file; not replaced\n`)
    expect(readFileSync(file)).toEqual(original)
  })

  it('exits 2 on usage errors and 0 on --help and --version', async () => {
    expect((await cli(['normalize', '--bogus'])).code).toBe(2)
    const help = await cli(['normalize', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Examples:')
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })
})
