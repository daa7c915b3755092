// A write interrupted half-way leaves the old file whole: the content goes
// to a temporary file that is renamed over the target only when complete.
import { spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../src/index.js'
import { ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

describe('writeFileAtomic', () => {
  it('replaces the content', () => {
    const file = join(tempDir('agentmerge-w-'), 'a.md')
    writeFileSync(file, 'old\n')
    writeFileAtomic(file, 'new\n')
    expect(readFileSync(file, 'utf8')).toBe('new\n')
  })

  it('leaves the old file whole when the writer is killed mid-write', async () => {
    const dir = tempDir('agentmerge-w-')
    const file = join(dir, 'agent.md')
    const old = '---\nname: old\n---\n\n- keep me\n'
    writeFileSync(file, old)
    const script = `import { writeFileAtomic } from ${JSON.stringify(join(ROOT, 'dist/index.js'))}
      process.stdout.write('ready\\n')
      writeFileAtomic(${JSON.stringify(file)}, 'x'.repeat(200 * 1024 * 1024))`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    await new Promise((resolve) => setTimeout(resolve, 150))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    const after = readFileSync(file, 'utf8')
    // Either the old file, untouched, or (had the write finished) the new one, whole.
    rmSync(dir, { recursive: true, force: true })
    expect(after === old || after.length === 200 * 1024 * 1024).toBe(true)
  })
})
