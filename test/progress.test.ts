// Progress on stderr: drawn only on a terminal, throttled, erased at the end
// and before any other message; nothing through a pipe or with --quiet. The
// CLI half runs the real bin in a pseudo-terminal (util-linux `script`).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Progress, progressCallback, withProgress, type ProgressStream } from '../src/cli/progress.js'
import { BIN, cli, FIXTURES, ROOT } from './helpers/cli.js'
import { edit } from './diff-helpers.js'
import { tempDir } from './helpers/tmp.js'

const ERASE = '\r\x1b[K'

function terminal(options: { isTTY?: boolean; columns?: number } = {}): ProgressStream & { out: string[] } {
  const out: string[] = []
  return {
    out,
    isTTY: options.isTTY ?? true,
    columns: options.columns ?? 80,
    write: ((chunk: string | Uint8Array) => {
      out.push(String(chunk))
      return true
    }) as ProgressStream['write'],
  }
}

function clock(): { now: () => number; at: (t: number) => void } {
  let t = 1000
  return { now: () => t, at: (v) => (t = v) }
}

describe('Progress', () => {
  it('draws on a terminal, at most once per interval, and erases itself at the end', async () => {
    const stream = terminal()
    const c = clock()
    const p = new Progress('reading', { stream, others: [], now: c.now, env: {} })
    p.update(1, 10)
    c.at(1050)
    p.update(2, 10)
    c.at(1100)
    p.update(3, 10)
    expect(stream.out).toEqual([`${ERASE}agentmerge: reading 1/10`, `${ERASE}agentmerge: reading 3/10`])
    p.update(10, 10)
    expect(stream.out.at(-1)).toBe(ERASE)
    p.end()
    expect(stream.out).toHaveLength(3)
  })

  it('writes nothing when the stream is not a terminal, with --quiet, on TERM=dumb, or for one file', async () => {
    for (const [stream, options] of [
      [terminal({ isTTY: false }), {}],
      [terminal(), { quiet: true }],
      [terminal(), { env: { TERM: 'dumb' } }],
    ] as const) {
      const p = new Progress('reading', { stream, others: [], env: {}, ...options })
      p.update(1, 5)
      p.end()
      expect(stream.out).toEqual([])
    }
    const one = terminal()
    const p = new Progress('reading', { stream: one, others: [], env: {} })
    p.update(0, 1)
    p.end()
    expect(one.out).toEqual([])
  })

  it('erases the line before any other write, and gives the streams their own write back', async () => {
    const stream = terminal()
    const stdout = terminal()
    const originals = [stream.write, stdout.write]
    const c = clock()
    const p = new Progress('reading', { stream, others: [stdout], now: c.now, env: {} })
    p.update(1, 3)
    stream.write('a.md:1: warning: something\n')
    expect(stream.out).toEqual([`${ERASE}agentmerge: reading 1/3`, ERASE, 'a.md:1: warning: something\n'])
    // Drawn again after the message, without waiting for the interval.
    p.update(2, 3)
    stdout.write('output\n')
    expect(stream.out.slice(3)).toEqual([`${ERASE}agentmerge: reading 2/3`, ERASE])
    expect(stdout.out).toEqual(['output\n'])
    p.end()
    expect([stream.write, stdout.write]).toEqual(originals)
  })

  it('keeps the count when the terminal is narrow, and takes a terminal of no size as 80 columns', async () => {
    const narrow = terminal({ columns: 12 })
    new Progress('reading many files', { stream: narrow, others: [], env: {} }).update(7, 120)
    expect(narrow.out[0]).toBe(`${ERASE}files 7/120`)
    const sizeless = terminal({ columns: 0 })
    new Progress('reading', { stream: sizeless, others: [], env: {} }).update(1, 2)
    expect(sizeless.out[0]).toBe(`${ERASE}agentmerge: reading 1/2`)
  })

  it('withProgress yields every item in order and erases the line however the loop ends', async () => {
    const stream = terminal()
    const options = { stream, others: [], env: {}, interval: 0 }
    expect([...withProgress(['a', 'b', 'c'], 'reading', options)]).toEqual(['a', 'b', 'c'])
    expect(stream.out).toEqual([`${ERASE}agentmerge: reading 0/3`, `${ERASE}agentmerge: reading 1/3`, `${ERASE}agentmerge: reading 2/3`, ERASE])
    stream.out.length = 0
    for (const x of withProgress([1, 2, 3], 'reading', options)) if (x === 2) break
    expect(stream.out.at(-1)).toBe(ERASE)
    stream.out.length = 0
    expect(() => {
      for (const x of withProgress([1, 2, 3], 'reading', options)) if (x === 2) throw new Error('bad file')
    }).toThrow('bad file')
    expect(stream.out.at(-1)).toBe(ERASE)
    // Array.from with a map function works item by item.
    stream.out.length = 0
    const seen: string[] = []
    Array.from(withProgress(['x', 'y'], 'reading', options), (v) => seen.push(`${v}@${stream.out.length}`))
    expect(seen).toEqual(['x@1', 'y@2'])
  })

  it('progressCallback (for loadAgents) erases the line when every file is done', async () => {
    const stream = terminal()
    const cb = progressCallback('reading', { stream, others: [], env: {}, interval: 0 })
    cb(1, 2)
    cb(2, 2)
    expect(stream.out).toEqual([`${ERASE}agentmerge: reading 1/2`, ERASE])
  })
})

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/** Runs the CLI in a pseudo-terminal: stdout and stderr both reach `script`, which copies them to us. */
function tty(args: string[], cwd = ROOT): { code: number; output: string } {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ')
  const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, TERM: 'xterm', NO_COLOR: '1', FORCE_COLOR: '' } })
  return { code: r.status ?? -1, output: r.stdout }
}

/** What a terminal line shows: the text after the last erase. */
const shown = (line: string): string => (line.includes(ERASE) ? line.slice(line.lastIndexOf(ERASE) + ERASE.length) : line)

const FIVE = ['backend-developer-elite.md', 'backend-developer-opencode.md', 'backend-developer-senior.md', 'backend-developer-structured.md', 'backend-engineer.md'].map((f) => `fixtures/backend-developer/${f}`)

describe.skipIf(!hasScript)('progress in the CLI', () => {
  const dir = tempDir('agentmerge-progress-')
  // A second copy of the fixtures, one file edited, for diffing directories.
  const copy = join(dir, 'copy')
  cpSync(FIXTURES, copy, { recursive: true })
  const senior = join(copy, 'backend-developer-senior.md')
  writeFileSync(senior, edit(readFileSync(senior, 'utf8'), '   - Data validation and sanitization\n', '   - Input validation and sanitization\n'))

  it('shows on a terminal for merge, dedup, lint, diff of directories and build, and is gone at the end', async () => {
    const merge = tty(['merge', ...FIVE, '-o', join(dir, 'merged.md')])
    expect(merge.code).toBe(0)
    expect(merge.output).toMatch(/agentmerge: reading [1-4]\/5/)
    expect(merge.output).toContain(ERASE)
    // Every message is on a clean line: the progress line was erased before it, never glued to it.
    const lines = merge.output.split('\r\n').map(shown)
    expect(lines.find((l) => l.includes('merged 5 files'))).toMatch(/^merged 5 files: /)
    const warnings = lines.filter((l) => l.includes('warning: '))
    expect(warnings.length).toBeGreaterThan(0)
    for (const w of warnings) expect(w).toMatch(/^fixtures\/backend-developer\//)
    expect(lines.at(-1)).toBe('')

    expect(tty(['dedup', 'fixtures/backend-developer']).output).toMatch(/agentmerge: reading \d\/5/)
    expect(tty(['lint', 'fixtures/backend-developer']).output).toMatch(/agentmerge: reading \d\/5/)
    const diff = tty(['diff', 'fixtures/backend-developer', copy])
    expect(diff.code).toBe(1)
    expect(diff.output).toMatch(/agentmerge: reading \d\/5/)
    expect(diff.output).toMatch(/agentmerge: comparing \d\/5/)

    const project = join(dir, 'project')
    mkdirSync(join(project, 'agents'), { recursive: true })
    for (const f of FIVE) cpSync(join(ROOT, f), join(project, 'agents', f.split('/').pop()!))
    writeFileSync(join(project, 'agentmerge.config.json'), JSON.stringify({ agents: [{ output: 'out/one.md', sources: ['agents/backend-developer-*.md'] }, { output: 'out/two.md', sources: ['agents/backend-engineer.md', 'agents/backend-developer-senior.md'] }] }))
    const build = tty(['build', '--config', join(project, 'agentmerge.config.json')], project)
    expect(build.code).toBe(0)
    expect(build.output).toMatch(/agentmerge: building [01]\/2/)
    expect(existsSync(join(project, 'out/two.md'))).toBe(true)
  })

  it('shows nothing with --quiet on a terminal', async () => {
    const r = tty(['-q', 'merge', ...FIVE, '-o', join(dir, 'quiet.md')])
    expect(r.code).toBe(0)
    expect(r.output).toBe('')
  })

  it('shows nothing through a pipe', async () => {
    for (const args of [['merge', ...FIVE, '-o', join(dir, 'piped.md')], ['dedup', 'fixtures/backend-developer'], ['lint', 'fixtures/backend-developer'], ['diff', 'fixtures/backend-developer', copy]]) {
      const r = await cli(args)
      expect(r.stderr).not.toMatch(/agentmerge: (?:reading|comparing|building)/)
      expect(r.stderr).not.toContain('\x1b[')
      expect(r.stderr).not.toContain('\r')
    }
  })
})
