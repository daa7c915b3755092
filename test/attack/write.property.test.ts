// The write path under random kill points and concurrent writers (`npm run
// fuzz` runs it with FUZZ_RUNS cases; the suite runs a few). A merge with a
// sidecar, and normalize --write, are SIGKILLed at a random file-system call
// (open, write, fsync, close or rename, injected by fault.cjs): the output is
// then the old file or the new one, whole; a sidecar either matches its
// output or is detectably the old one; no input changes; and the next run
// finishes the job and sweeps the temporaries. Then several writers race for
// one output: the pair left matches.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sidecarMatches } from '../../src/write/sidecar.js'
import { BIN, cli } from '../helpers/cli.js'
import { agent, faulty, repo, unnormalized } from './helpers.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 4)
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('.agentmerge-'))

describe('the write path, killed at random points and raced', () => {
  it('merge -o with a sidecar: never a torn file, never a changed input', async () => {
    const a = agent('a', ['Always write the tests first.', 'Keep functions small.'])
    const b1 = agent('b', ['Never log secrets or tokens.'])
    const b2 = agent('b', ['Never log secrets or tokens.', 'Prefer composition over inheritance.'])
    const dir = repo({ 'a.md': a, 'b.md': b1 })
    expect((await cli(['-q', 'a.md', 'b.md', '-o', 'out.md'], { cwd: dir })).code).toBe(0)
    const old = { out: readFileSync(join(dir, 'out.md'), 'utf8'), sidecar: readFileSync(join(dir, 'out.md.provenance.json'), 'utf8') }
    writeFileSync(join(dir, 'b.md'), b2)
    const fresh = repo({ 'a.md': a, 'b.md': b2 })
    expect((await cli(['-q', 'a.md', 'b.md', '-o', 'out.md'], { cwd: fresh })).code).toBe(0)
    const next = { out: readFileSync(join(fresh, 'out.md'), 'utf8'), sidecar: readFileSync(join(fresh, 'out.md.provenance.json'), 'utf8') }
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (k) => {
        writeFileSync(join(dir, 'out.md'), old.out)
        writeFileSync(join(dir, 'out.md.provenance.json'), old.sidecar)
        faulty(`kill-at:${k}`, ['-q', 'a.md', 'b.md', '-o', 'out.md'], dir)
        const out = readFileSync(join(dir, 'out.md'), 'utf8')
        const sidecar = readFileSync(join(dir, 'out.md.provenance.json'), 'utf8')
        expect([old.out, next.out]).toContain(out)
        expect([old.sidecar, next.sidecar]).toContain(sidecar)
        // A mismatched pair is one a reader can tell.
        if (out === next.out && sidecar === old.sidecar) expect(sidecarMatches(sidecar, out)).toBe(false)
        else expect(sidecarMatches(sidecar, out) || sidecar === old.sidecar).toBe(true)
        expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(a)
        expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(b2)
        const again = await cli(['-q', 'a.md', 'b.md', '-o', 'out.md'], { cwd: dir })
        expect(again.code, again.stderr).toBe(0)
        expect(readFileSync(join(dir, 'out.md'), 'utf8')).toBe(next.out)
        expect(readFileSync(join(dir, 'out.md.provenance.json'), 'utf8')).toBe(next.sidecar)
        expect(leftovers(dir)).toEqual([])
      }),
      { seed: 17, numRuns: RUNS },
    )
  })

  it('normalize --write: the file is the old one or the normalized one, whole', async () => {
    const before = unnormalized('a', 40)
    const dir = repo({ 'a.md': before })
    const after = (await cli(['normalize', 'a.md'], { cwd: dir })).stdout
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), async (k) => {
        writeFileSync(join(dir, 'a.md'), before)
        faulty(`kill-at:${k}`, ['normalize', '--write', 'a.md'], dir)
        expect([before, after]).toContain(readFileSync(join(dir, 'a.md'), 'utf8'))
        expect((await cli(['normalize', '--write', 'a.md'], { cwd: dir })).code).toBe(0)
        expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(after)
        expect(leftovers(dir)).toEqual([])
      }),
      { seed: 17, numRuns: RUNS },
    )
  })

  it('concurrent writers of one output leave a matching pair', async () => {
    const dir = repo({ 'a.md': agent('a', ['One rule.']), 'b.md': agent('b', ['Two rules.']), 'c.md': agent('c', ['Three rules.', 'Four rules.']), 'd.md': agent('d', ['Five rules.']) })
    const inputs = ['a.md', 'b.md', 'c.md', 'd.md']
    const run = (files: string[]) => new Promise<number>((resolve) => spawn(process.execPath, [BIN, '-q', ...files, '-o', 'out.md'], { cwd: dir, stdio: 'ignore' }).on('exit', (code) => resolve(code ?? -1)))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.subarray(inputs, { minLength: 1 }), { minLength: 2, maxLength: 4 }), async (writers) => {
        const codes = await Promise.all(writers.map(run))
        expect(codes.every((c) => c === 0)).toBe(true)
        expect(existsSync(join(dir, 'out.md'))).toBe(true)
        expect(sidecarMatches(readFileSync(join(dir, 'out.md.provenance.json'), 'utf8'), readFileSync(join(dir, 'out.md'), 'utf8'))).toBe(true)
        expect(leftovers(dir)).toEqual([])
      }),
      { seed: 17, numRuns: Math.max(2, Math.floor(RUNS / 2)) },
    )
  })
})
