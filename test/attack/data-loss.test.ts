// Catalogue rows 1-5 of issue 17 (data loss), through the CLI: short writes
// and a full disk, an output that is an input by another spelling, the merge
// driver's placeholders and bytes, a user comment that looks like our
// provenance note, and crashes, concurrent writers and files changed during
// a run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../src/write/atomic.js'
import { sidecarMatches } from '../../src/write/sidecar.js'
import { BIN, cli } from '../helpers/cli.js'
import { agent, faulty, repo, unnormalized } from './helpers.js'

const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.includes('.agentmerge-tmp-'))

describe('1. short writes and a full disk', () => {
  it('a write that the kernel takes in small pieces is still written whole', () => {
    const dir = repo({ 'a.md': unnormalized('a', 60), 'b.md': agent('b', ['Other rule']) })
    const r = faulty('short:100', ['a.md', 'b.md', '-o', 'out.md'], dir)
    expect(r.code, r.stderr).toBe(0)
    const out = readFileSync(join(dir, 'out.md'), 'utf8')
    expect(out).toContain('Rule number 59')
    expect(sidecarMatches(readFileSync(join(dir, 'out.md.provenance.json'), 'utf8'), out)).toBe(true)
  })

  it('normalize --write on a full disk (injected) fails with exit 2 and leaves the file as it was', () => {
    const before = unnormalized('a', 100)
    const dir = repo({ 'a.md': before })
    const r = faulty('enospc:4096', ['normalize', '--write', 'a.md'], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^a\.md: not written \(no space left on device\)/m)
    expect(r.stderr).not.toMatch(/normalized 1 file/)
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(before)
    expect(temporaries(dir)).toEqual([])
  })

  it('-o with its sidecar on a full disk (injected): neither is written, and no torn JSON', () => {
    const dir = repo({ 'a.md': unnormalized('a', 60), 'b.md': agent('b', ['Other rule']) })
    const r = faulty('enospc:3000', ['a.md', 'b.md', '-o', 'out.md'], dir)
    expect(r.code).toBe(2)
    expect(existsSync(join(dir, 'out.md'))).toBe(false)
    expect(existsSync(join(dir, 'out.md.provenance.json'))).toBe(false)
    expect(temporaries(dir)).toEqual([])
  })

  it('on a real 64 KiB tmpfs (where the machine lets the test mount one): normalize --write and -o fail with exit 2 and change nothing', async (ctx) => {
    const mount = join(repo(), 'disk')
    mkdirSync(mount)
    if (process.platform !== 'linux' || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]).status !== 0) {
      ctx.skip()
      return
    }
    try {
      const before = unnormalized('a', 100)
      writeFileSync(join(mount, 'a.md'), before)
      writeFileSync(join(mount, 'b.md'), agent('b', ['Other rule']))
      // Fill the disk but for a little less than the file's size.
      let filler = 0
      try {
        for (;;) writeFileSync(join(mount, `fill${filler++}`), Buffer.alloc(1024))
      } catch {
        // full
      }
      rmSync(join(mount, `fill${filler - 2}`))
      rmSync(join(mount, `fill${filler - 3}`))
      const w = await cli(['normalize', '--write', join(mount, 'a.md')])
      expect(w.code).toBe(2)
      expect(w.stderr).toMatch(/not written \((no space left on device)\)/)
      expect(readFileSync(join(mount, 'a.md'), 'utf8')).toBe(before)
      const o = await cli([join(mount, 'a.md'), join(mount, 'b.md'), '-o', join(mount, 'out.md')])
      expect(o.code).toBe(2)
      expect(existsSync(join(mount, 'out.md'))).toBe(false)
      expect(existsSync(join(mount, 'out.md.provenance.json'))).toBe(false)
      expect(temporaries(mount)).toEqual([])
    } finally {
      // A lazy unmount: the file system goes once nothing holds it.
      spawnSync('umount', ['-l', mount])
    }
  })
})

describe('2. an output that is an input under another spelling', () => {
  it('-o, --report and normalize -o through a symlinked directory are refused; the input is unchanged', async () => {
    const a = agent('a', ['Keep me'])
    const dir = repo({ 'a.md': a, 'b.md': agent('b', ['Other rule']) })
    symlinkSync('.', join(dir, 'here'))
    for (const args of [['a.md', 'b.md', '-o', 'here/a.md'], ['a.md', 'b.md', '--provenance', 'none', '--report', 'here/b.md'], ['normalize', 'a.md', '-o', 'here/a.md']]) {
      const r = await cli(args, { cwd: dir })
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/here\/[ab]\.md: is the same file as the input [ab]\.md; inputs are never overwritten/)
    }
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(a)
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(agent('b', ['Other rule']))
  })

  it('a symlinked output is written through to its target, and stays a symlink', async () => {
    const dir = repo({ 'a.md': agent('a', ['Keep me']), 'b.md': agent('b', ['Other rule']), 'real/out.md': 'old\n' })
    symlinkSync('real/out.md', join(dir, 'out.md'))
    const r = await cli(['a.md', 'b.md', '--provenance', 'none', '-o', 'out.md'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(join(dir, 'real/out.md'), 'utf8')).toContain('Keep me')
    expect(readdirSync(dir)).toContain('out.md')
    expect(spawnSync('test', ['-L', join(dir, 'out.md')]).status).toBe(0)
  })

  it('a relative symlink inside a symlinked directory is followed from the directory it really is in', async () => {
    // link -> real/sub, real/sub/a.md -> ../b.md: the write ends at real/b.md, not at ./b.md.
    const before = unnormalized('b', 3)
    const dir = repo({ 'x.md': agent('x', ['Keep me']), 'y.md': agent('y', ['Other rule']), 'real/b.md': before })
    mkdirSync(join(dir, 'real/sub'))
    symlinkSync('real/sub', join(dir, 'link'))
    symlinkSync('../b.md', join(dir, 'real/sub/a.md'))
    const r = await cli(['x.md', 'y.md', '--provenance', 'none', '-o', 'link/a.md'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(join(dir, 'real/b.md'), 'utf8')).toContain('Keep me')
    expect(existsSync(join(dir, 'b.md'))).toBe(false)
    expect(spawnSync('test', ['-L', join(dir, 'real/sub/a.md')]).status).toBe(0)
    writeFileSync(join(dir, 'real/b.md'), before)
    for (const run of [1, 2]) {
      const w = await cli(['normalize', '--write', 'link/a.md'], { cwd: dir })
      expect(w.code, `run ${run}: ${w.stderr}`).toBe(0)
    }
    expect(readFileSync(join(dir, 'real/b.md'), 'utf8')).toBe((await cli(['normalize', 'real/b.md'], { cwd: dir })).stdout)
    expect(readFileSync(join(dir, 'real/b.md'), 'utf8')).not.toBe(before)
    expect(existsSync(join(dir, 'b.md'))).toBe(false)
  })
})

describe('3. the merge driver', () => {
  const base = agent('x', ['One', 'Two'])
  it('a statement holding the old placeholder text is content, not a conflict', async () => {
    const dir = repo({ 'o.md': base, 'a.md': agent('x', ['Mention AGENTMERGECONFLICT0X here', 'One, as we say it', 'Two']), 'b.md': agent('x', ['One, as they say it', 'Two']) })
    const r = await cli(['merge-driver', 'o.md', 'a.md', 'b.md', 'agent.md'], { cwd: dir })
    expect(r.code, r.stderr).toBe(1)
    const merged = readFileSync(join(dir, 'a.md'), 'utf8')
    expect(merged).toContain('- Mention AGENTMERGECONFLICT0X here\n')
    expect(merged.match(/AGENTMERGE/g)).toHaveLength(1)
    expect(merged).toMatch(/<<<<<<< ours\n- One, as we say it\n=======\n- One, as they say it\n>>>>>>> theirs\n/)
  })

  it('with base identical to ours it writes theirs byte for byte (Latin-1 and UTF-16 untouched)', async () => {
    for (const theirs of [Buffer.from('---\nname: x\n---\n\n- caf\xe9\n', 'latin1'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\nname: x\n---\n\n- é\n', 'utf16le')])]) {
      const dir = repo({ 'o.md': base, 'a.md': base, 'b.md': theirs })
      const r = await cli(['merge-driver', 'o.md', 'a.md', 'b.md', 'agent.md'], { cwd: dir })
      expect(r.code, r.stderr).toBe(0)
      expect(readFileSync(join(dir, 'a.md')).equals(theirs)).toBe(true)
    }
  })
})

describe('3. the merge driver keeps an encoding', () => {
  it('a UTF-16 file merged by statements is written back as UTF-16 with its byte order mark', async () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const dir = repo({ 'o.md': utf16(agent('x', ['One é', 'Two'])), 'a.md': utf16(agent('x', ['Zero', 'One é', 'Two'])), 'b.md': utf16(agent('x', ['One é', 'Two', 'Three'])) })
    const r = await cli(['merge-driver', 'o.md', 'a.md', 'b.md', 'agent.md'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    const merged = readFileSync(join(dir, 'a.md'))
    expect([...merged.subarray(0, 2)]).toEqual([0xff, 0xfe])
    const text = merged.subarray(2).toString('utf16le')
    expect(text).toContain('- Zero\n')
    expect(text).toContain('- One é\n')
    expect(text).toContain('- Three\n')
  })
})

describe('4. the provenance note is recognized by its exact marker only', () => {
  it("a user's comment starting with <!-- agentmerge is kept by normalize and merge", async () => {
    const text = agent('a', ['Rule']) + '\n<!-- agentmerge: the model reads this note -->\n'
    const dir = repo({ 'a.md': text, 'b.md': agent('b', ['Other']) })
    const n = await cli(['normalize', 'a.md'], { cwd: dir })
    expect(n.stdout).toContain('<!-- agentmerge: the model reads this note -->')
    const m = await cli(['-q', 'a.md', 'b.md', '-o', 'out.md'], { cwd: dir })
    expect(m.code, m.stderr).toBe(0)
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toContain('<!-- agentmerge: the model reads this note -->')
    // Our own note, written inline, is still skipped when read back.
    const inline = await cli(['-q', 'a.md', 'b.md'], { cwd: dir })
    expect(inline.stdout).toContain('<!-- agentmerge-provenance v1\n')
    writeFileSync(join(dir, 'c.md'), inline.stdout)
    const again = await cli(['normalize', 'c.md'], { cwd: dir })
    expect(again.stdout).not.toContain('agentmerge-provenance')
  })
})

describe('5. crashes, concurrent writers, files changed during a run', () => {
  it('killed between the two renames: the sidecar does not match the new output (detectable), and the next run sweeps the temporary', async () => {
    const dir = repo({ 'a.md': agent('a', ['One']), 'b.md': agent('b', ['Two']) })
    expect((await cli(['a.md', 'b.md', '-o', 'out.md'], { cwd: dir })).code).toBe(0)
    const oldSidecar = readFileSync(join(dir, 'out.md.provenance.json'), 'utf8')
    writeFileSync(join(dir, 'b.md'), agent('b', ['Two', 'Three']))
    const k = faulty('kill-after-rename:1', ['a.md', 'b.md', '-o', 'out.md'], dir)
    expect(k.code).toBe(137)
    const out = readFileSync(join(dir, 'out.md'), 'utf8')
    expect(out).toContain('Three')
    expect(readFileSync(join(dir, 'out.md.provenance.json'), 'utf8')).toBe(oldSidecar)
    expect(sidecarMatches(oldSidecar, out)).toBe(false)
    expect(temporaries(dir).length).toBe(1)
    const again = await cli(['a.md', 'b.md', '-o', 'out.md'], { cwd: dir })
    expect(again.code, again.stderr).toBe(0)
    expect(temporaries(dir)).toEqual([])
    expect(sidecarMatches(readFileSync(join(dir, 'out.md.provenance.json'), 'utf8'), readFileSync(join(dir, 'out.md'), 'utf8'))).toBe(true)
  })

  it('two concurrent writers of one output never leave one run’s output beside the other’s sidecar', async () => {
    const { spawn } = await import('node:child_process')
    const dir = repo({ 'a.md': agent('a', ['One']), 'b.md': agent('b', ['Two']), 'c.md': agent('c', ['Three', 'Four']) })
    const run = (inputs: string[]) => new Promise<number>((resolve) => spawn(process.execPath, [BIN, '-q', ...inputs, '-o', 'out.md'], { cwd: dir, stdio: 'ignore' }).on('exit', (code) => resolve(code ?? -1)))
    for (let round = 0; round < 2; round++) {
      const codes = await Promise.all([run(['a.md', 'b.md']), run(['a.md', 'c.md']), run(['b.md', 'c.md'])])
      expect(codes).toEqual([0, 0, 0])
      expect(sidecarMatches(readFileSync(join(dir, 'out.md.provenance.json'), 'utf8'), readFileSync(join(dir, 'out.md'), 'utf8'))).toBe(true)
    }
    expect(readdirSync(dir).filter((n) => n.includes('agentmerge-'))).toEqual([])
  })

  it('a lock whose owner has not written its id yet is not taken over; one left like that long ago is', async () => {
    const { spawn } = await import('node:child_process')
    const dir = repo({ 'a.md': agent('a', ['One']), 'b.md': agent('b', ['Two']) })
    const lock = join(dir, '.out.md.agentmerge-lock')
    writeFileSync(lock, '')
    // One wait old when the run starts: held, since an id-less lock counts as held for three waits; the other two
    // are slack for the child's start, which on a loaded machine had outlasted a whole window of one-second waits.
    const waitAgo = new Date(Date.now() - 3000)
    utimesSync(lock, waitAgo, waitAgo)
    const run = () => new Promise<{ code: number; stderr: string }>((resolve) => {
      // A short wait (the default is 10 s): an id-less lock counts as held for three waits.
      const child = spawn(process.execPath, [BIN, '-q', 'a.md', 'b.md', '--provenance', 'none', '-o', 'out.md'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', AGENTMERGE_LOCK_WAIT_MS: '3000' } })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.on('close', (code) => resolve({ code: code ?? -1, stderr }))
    })
    // The run waits its whole wait for the lock, then gives up: nothing written, the lock left to its owner.
    const busy = await run()
    expect(busy.code).toBe(2)
    expect(busy.stderr).toMatch(/^out\.md: another agentmerge run holds \S+\.out\.md\.agentmerge-lock; not written$/m)
    expect(existsSync(join(dir, 'out.md'))).toBe(false)
    expect(readFileSync(lock, 'utf8')).toBe('')
    const hourAgo = new Date(Date.now() - 3600_000)
    utimesSync(lock, hourAgo, hourAgo)
    const taken = await run()
    expect(taken.code, taken.stderr).toBe(0)
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toContain('One')
    expect(existsSync(lock)).toBe(false)
  })

  it('a run killed at any file-system call never leaves a lock without its id: the next run writes at once', async () => {
    // The lock is a temporary holding the id, linked into place: made in two steps, a kill between them left an
    // id-less lock that held the target for three waits (the fuzz run of the write path found it).
    const dir = repo({ 'a.md': agent('a', ['One']), 'b.md': agent('b', ['Two']) })
    const locks = () => readdirSync(dir).filter((n) => n.endsWith('.agentmerge-lock'))
    for (let k = 1; ; k++) {
      const r = faulty(`kill-at:${k}`, ['-q', 'a.md', 'b.md', '--provenance', 'none', '-o', 'out.md'], dir)
      for (const lock of locks()) expect(readFileSync(join(dir, lock), 'utf8'), `kill-at:${k}: ${lock}`).toMatch(/^\d+\n$/)
      if (r.code === 0) break
      expect(k, 'the run should finish within 100 calls').toBeLessThan(100)
    }
    const again = await cli(['-q', 'a.md', 'b.md', '-o', 'out.md'], { cwd: dir })
    expect(again.code, again.stderr).toBe(0)
    expect(locks()).toEqual([])
    expect(temporaries(dir)).toEqual([])
  })

  it('the lock wait is what the caller says: the library option, and AGENTMERGE_LOCK_WAIT_MS of the environment the CLI is given', async () => {
    // An id-less lock two seconds old: abandoned under a short wait (three waits), held under the default one.
    const dir = repo({ 'a.md': agent('a', ['One']), 'b.md': agent('b', ['Two']) })
    const stale = (name: string) => {
      const lock = join(dir, `.${name}.agentmerge-lock`)
      writeFileSync(lock, '')
      const then = new Date(Date.now() - 2000)
      utimesSync(lock, then, then)
      return lock
    }
    const lib = stale('lib.md')
    writeFileAtomic(join(dir, 'lib.md'), 'x\n', { lockWaitMs: 100 })
    expect(readFileSync(join(dir, 'lib.md'), 'utf8')).toBe('x\n')
    expect(existsSync(lib)).toBe(false)
    const out = stale('out.md')
    const r = await cli(['-q', 'a.md', 'b.md', '--provenance', 'none', '-o', 'out.md'], { cwd: dir, env: { AGENTMERGE_LOCK_WAIT_MS: '100' } })
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toContain('One')
    expect(existsSync(out)).toBe(false)
  })

  it('a line appended to a file while normalize --write runs is not lost: exit 2 naming it', () => {
    const dir = repo({ 'a.md': unnormalized('a', 3) })
    const r = faulty(`append:${join(dir, 'a.md')}`, ['normalize', '--write', 'a.md'], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^a\.md: changed since agentmerge read it; not overwritten/m)
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(unnormalized('a', 3) + '- a line appended while agentmerge ran\n')
    expect(temporaries(dir)).toEqual([])
  })
})
