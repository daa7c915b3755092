// A write interrupted half-way leaves the old file whole: the content goes
// to a temporary file that is renamed over the target only when complete.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../src/index.js'
import { FAULT } from './attack/helpers.js'
import { ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.includes('.agentmerge-tmp-'))

describe('writeFileAtomic', () => {
  it('replaces the content', () => {
    const file = join(tempDir('agentmerge-w-'), 'a.md')
    writeFileSync(file, 'old\n')
    writeFileAtomic(file, 'new\n')
    expect(readFileSync(file, 'utf8')).toBe('new\n')
  })

  it('leaves the old file whole when the writer is killed mid-write; the next write sweeps what it left', () => {
    const dir = tempDir('agentmerge-w-')
    const file = join(dir, 'agent.md')
    const old = '---\nname: old\n---\n\n- keep me\n'
    writeFileSync(file, old)
    // The child is killed by the fault preload once 64 KiB of the new content are written: mid-write, whatever the machine's load.
    const script = `import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/index.js')).href)}).then((m) => m.writeFileAtomic(${JSON.stringify(file)}, 'x'.repeat(1024 * 1024)))`
    const child = spawnSync(process.execPath, ['-r', FAULT, '-e', script], { env: { ...process.env, AGENTMERGE_FAULT: `kill-after-bytes:${64 * 1024}` }, encoding: 'utf8' })
    expect(child.signal, child.stderr).toBe('SIGKILL')
    expect(readFileSync(file, 'utf8')).toBe(old)
    // The bytes went to a temporary beside it, which the kill left behind.
    const left = temporaries(dir)
    expect(left).toHaveLength(1)
    expect(statSync(join(dir, left[0]!)).size).toBe(64 * 1024)
    writeFileAtomic(file, 'new\n')
    expect(readFileSync(file, 'utf8')).toBe('new\n')
    expect(temporaries(dir)).toEqual([])
  })
})
