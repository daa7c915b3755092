// `-` reads stdin to its end however slowly it is written: a pipe from a
// command that takes its time (`agentmerge normalize X | agentmerge diff X -`)
// is an input like any file, never an "internal error". The process is the
// point here (its own stdin, a real pipe), so these tests start the bin.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, createWriteStream, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, cli, FIXTURES, ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const FILE = join(FIXTURES, 'backend-engineer.md')

/**
 * Runs the bin with `text` on its stdin, written in two parts: the first at
 * once, the rest after a pause, so that the CLI finds the pipe empty before
 * its end.
 */
async function slowPipe(args: string[], text: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const half = Math.floor(text.length / 2)
  child.stdin.write(text.slice(0, half))
  setTimeout(() => child.stdin.end(text.slice(half)), 400)
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, stdout, stderr }
}

describe('stdin from a slow pipe', () => {
  it('normalize - prints what normalize FILE prints', async () => {
    const expected = await cli(['normalize', FILE])
    const r = await slowPipe(['normalize', '-'], readFileSync(FILE, 'utf8'))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(expected.stdout)
  })

  it('diff FILE - reads the canonical form piped in as the same agent', async () => {
    const canonical = (await cli(['normalize', FILE])).stdout
    const r = await slowPipe(['diff', FILE, '-'], canonical)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/nothing changed in meaning/)
    expect(r.code).toBe(0)
  })
})

describe('stdin that cannot be read whole', () => {
  it('an endless stream is refused at --max-size, not read forever', async () => {
    const child = spawn(process.execPath, [BIN, '--max-size', '4KB', 'normalize', '-'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdin.on('error', () => {})
    const chunk = 'y\n'.repeat(8192)
    let open = true
    child.on('close', () => (open = false))
    const pump = () => {
      if (open && child.stdin.write(chunk)) setImmediate(pump)
      else if (open) child.stdin.once('drain', pump)
    }
    pump()
    const [code] = (await once(child, 'close')) as [number | null]
    expect(code).toBe(2)
    expect(stderr).toMatch(/^-: over the 4\.0 KiB limit \(raise it with --max-size\)\n$/)
  })

  it('a directory on stdin is a one-line error, not an internal error', async () => {
    const fd = openSync(tmpdir(), 'r')
    try {
      const child = spawn(process.execPath, [BIN, 'normalize', '-'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: [fd, 'pipe', 'pipe'] })
      let stderr = ''
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
      const [code] = (await once(child, 'close')) as [number | null]
      expect(code).toBe(2)
      expect(stderr).toBe('-: cannot read (EISDIR)\n')
    } finally {
      closeSync(fd)
    }
  })
})

describe('a named pipe on the command line', () => {
  it('is read to its end, as stdin is (`agentmerge diff a.md <(git show HEAD:a.md)`)', async () => {
    const fifo = join(tempDir('agentmerge-fifo-'), 'agent.md')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const child = spawn(process.execPath, [BIN, 'diff', FILE, fifo], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const writer = createWriteStream(fifo)
    writer.end(readFileSync(FILE))
    const [code] = (await once(child, 'close')) as [number | null]
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/nothing changed in meaning/)
  })

  it('normalize --check compares what it read (the pipe is drained once), and --write prints', async () => {
    const canonical = (await cli(['normalize', FILE])).stdout
    const run = async (args: string[], text: string) => {
      const fifo = join(tempDir('agentmerge-fifo-'), 'agent.md')
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
      const child = spawn(process.execPath, [BIN, ...args, fifo], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      createWriteStream(fifo).end(text)
      const [code] = (await once(child, 'close')) as [number | null]
      return { code, stdout }
    }
    expect((await run(['normalize', '--check'], canonical)).code).toBe(0)
    // CRLF line ends are kept by normalize, and compared as such through a pipe too.
    expect((await run(['normalize', '--check'], canonical.replace(/\n/g, '\r\n'))).code).toBe(0)
    const written = await run(['normalize', '--write'], readFileSync(FILE, 'utf8'))
    expect(written.code).toBe(0)
    expect(written.stdout).toBe(canonical)
  })
})
