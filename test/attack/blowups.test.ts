// Catalogue rows 11-14 of issue 17 (hangs, blow-ups and small bugs), through
// the CLI: symlink loops and FIFOs among sources, an unwritable cache
// location, limits that hold everywhere, inputs micromark parses in
// superlinear time, and the five small bugs of row 14. None of these tests
// times anything: a hang fails by the test timeout.
import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadAgents } from '../../src/index.js'
import { cli } from '../helpers/cli.js'
import { agent, repo } from './helpers.js'

const config = (agents: unknown) => JSON.stringify({ agents }, null, 2)

describe('11. loops and non-regular files', () => {
  it('a source glob over self-referencing symlinks ends, and merges each file once', async () => {
    const root = repo({ '.git/HEAD': 'x', 'agents/a.md': agent('a', ['Always write the tests first.']), 'agents/sub/b.md': agent('b', ['Never log secrets or tokens.']) })
    symlinkSync('..', join(root, 'agents/sub/up'))
    symlinkSync('../sub', join(root, 'agents/sub/self'))
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: 'out.md', sources: ['agents/**/*.md'] }]))
    const r = await cli(['build'], { cwd: root })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('(from 2 sources)')
    const sidecar = JSON.parse(readFileSync(join(root, 'out.md.provenance.json'), 'utf8')) as { inputs: string[] }
    expect(sidecar.inputs).toEqual(['agents/a.md', 'agents/sub/b.md'])
  })

  it('a FIFO among the sources is not matched by a glob and is refused when named; build never blocks on it', async () => {
    const root = repo({ '.git/HEAD': 'x', 'agents/a.md': agent('a', ['Always write the tests first.']), 'agents/b.md': agent('b', ['Never log secrets or tokens.']) })
    expect(spawnSync('mkfifo', [join(root, 'agents/f.md')]).status).toBe(0)
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: 'out.md', sources: ['agents/*.md'] }]))
    const glob = await cli(['build'], { cwd: root })
    expect(glob.code, glob.stderr).toBe(0)
    expect(glob.stderr).toContain('(from 2 sources)')
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: 'out2.md', sources: ['agents/a.md', 'agents/f.md'] }]))
    const named = await cli(['build'], { cwd: root })
    expect(named.code).toBe(2)
    expect(named.stderr).toMatch(/f\.md: not a regular file/)
  })

  it.skipIf(process.platform === 'win32')('a FIFO in a directory given on the command line is skipped with a one-line warning naming it; the other files are read', async () => {
    const root = repo({ 'agents/a.md': agent('a', ['Always write the tests first.']) })
    expect(spawnSync('mkfifo', [join(root, 'agents/f.md')]).status).toBe(0)
    for (const command of [['normalize'], ['dedup'], ['lint'], ['convert', '--to', 'claude']]) {
      const r = await cli([...command, 'agents'], { cwd: root })
      expect(r.code, `${command[0]}: ${r.stderr}`).toBe(0)
      expect(r.stderr.split('\n').filter((line) => line.includes('f.md'))).toEqual([`${join('agents', 'f.md')}: warning: skipped: not a regular file (a FIFO)`])
    }
    const merged = await cli(['merge', 'agents'], { cwd: root })
    expect(merged.code, merged.stderr).toBe(0)
    expect(merged.stdout).toContain('Always write the tests first.')
    expect(merged.stderr).toContain('skipped: not a regular file (a FIFO)')
  })

  it('--cache-location /proc/self does not loop: the run finishes without a cache', async () => {
    const dir = repo({ 'a.md': agent('a', ['Rule']) })
    const r = await cli(['normalize', '--cache-location', '/proc/self', 'a.md'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('- Rule')
  })
})

describe('12. limits the same on any machine', () => {
  it('--jobs is bounded by the cores and the files', async () => {
    const dir = repo({ 'a.md': agent('a', ['Rule']), 'b.md': agent('b', ['Other']) })
    const loaded = await loadAgents([join(dir, 'a.md'), join(dir, 'b.md')], { workers: 1000 })
    expect(loaded.stats.workers).toBeLessThanOrEqual(Math.min(2, availableParallelism()))
    const r = await cli(['--jobs', '1000', '-q', 'a.md', 'b.md'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
  })

  it('build and the merge driver honour --max-size', async () => {
    const big = agent('a', Array.from({ length: 40 }, (_, i) => `Rule ${i} with enough words to make the file larger.`))
    const root = repo({ '.git/HEAD': 'x', 'a.md': big, 'b.md': agent('b', ['Other']) })
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: 'out.md', sources: ['a.md', 'b.md'] }]))
    const build = await cli(['--max-size', '1k', 'build'], { cwd: root })
    expect(build.code).toBe(2)
    expect(build.stderr).toMatch(/a\.md: file is [\d.]+ KiB, over the 1\.0 KiB limit/)
    writeFileSync(join(root, 'o.md'), big)
    writeFileSync(join(root, 't.md'), big.replace('Rule 0 ', 'Rule zero '))
    writeFileSync(join(root, 'ours.md'), big.replace('Rule 39 ', 'Rule last '))
    const driver = await cli(['--max-size', '1k', 'merge-driver', 'o.md', 'ours.md', 't.md', 'agent.md'], { cwd: root })
    expect(driver.stderr).toMatch(/over the 1\.0 KiB limit.*merged by lines/)
  })
})

describe('13. inputs micromark parses in superlinear time are refused before parsing', () => {
  it('a long run of unclosed link destinations, and very wide or huge tables', async () => {
    const dir = repo({
      'links.md': '---\nname: l\n---\n\n' + '[a](b '.repeat(100_000) + '\n',
      'wide.md': '---\nname: w\n---\n\n|' + 'a|'.repeat(2000) + '\n|' + '-|'.repeat(2000) + '\n',
      'tall.md': '---\nname: t\n---\n\n| a | b |\n|---|---|\n' + '| x | y |\n'.repeat(20_000),
      'fine.md': '---\nname: f\n---\n\n' + '[a](b) '.repeat(2000) + '\n\n| a | b |\n|---|---|\n| x | y |\n',
    })
    const r = await cli(['normalize', 'links.md', 'wide.md', 'tall.md', 'fine.md'], { cwd: dir })
    expect(r.code).toBe(2)
    const lines = r.stderr.trim().split('\n')
    // In path order, whatever the order the files were given in.
    expect(lines).toEqual([
      expect.stringMatching(/^links\.md:5: more than 1000 unclosed link destinations/),
      expect.stringMatching(/^tall\.md:5: a table of 40002 cells, over the limit of 10000$/),
      'wide.md:5: a table of 2000 columns, over the limit of 128',
    ])
    expect(r.stdout).toContain('| a | b |')
  })
})

describe('14. small bugs', () => {
  it('normalize of `- a\\n  <style\\n  x\\n- b` is stable: --check passes after --write', async () => {
    const dir = repo({ 'a.md': '---\nname: s\n---\n\n- a\n  <style\n  x\n- b\n' })
    expect((await cli(['normalize', '--write', 'a.md'], { cwd: dir })).code).toBe(0)
    const once = readFileSync(join(dir, 'a.md'), 'utf8')
    const check = await cli(['normalize', '--check', 'a.md'], { cwd: dir })
    expect(check.code, check.stdout).toBe(0)
    expect((await cli(['normalize', '--write', 'a.md'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(once)
  })

  it('a glob [z-a] is no internal error', async () => {
    const root = repo({ '.git/HEAD': 'x', 'a.md': agent('a', ['Rule']) })
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: 'out.md', sources: ['[z-a].md'] }]))
    const r = await cli(['build'], { cwd: root })
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toMatch(/^agentmerge\.config\.json:\d+: source pattern '\[z-a\]\.md' matches no file \(agent "out\.md"\)$/)
  })

  it('tools named toString and constructor are kept, as the warning says', async () => {
    const dir = repo({ 'a.md': '---\nname: t\ndescription: d\ntools: Read, toString, constructor\n---\n\n- Rule\n' })
    const r = await cli(['convert', '--to', 'opencode', 'a.md'], { cwd: dir })
    expect(r.stderr).toContain("tool 'toString' is not an OpenCode tool; kept as written")
    expect(r.stdout).toContain('  toString: true\n')
    expect(r.stdout).toContain('  constructor: true\n')
  })

  it('nesting is measured, not guessed: 51 levels pass, 120 are refused with their true depth', async () => {
    const list = (n: number, indent: number) => '---\nname: d\n---\n\n' + Array.from({ length: n }, (_, i) => `${' '.repeat(indent * i)}- level ${i}\n`).join('')
    const dir = repo({ 'ok.md': list(51, 4), 'deep.md': list(120, 2) })
    expect((await cli(['normalize', 'ok.md'], { cwd: dir })).code).toBe(0)
    const deep = await cli(['normalize', 'deep.md'], { cwd: dir })
    expect(deep.code).toBe(2)
    expect(deep.stderr.trim()).toBe('deep.md:105: lists or quotes nested 101 deep (the limit is 100)')
  })

  it('--git-external with 7 malformed arguments says what is wrong with them', async () => {
    const r = await cli(['diff', '--git-external', 'p', 'a', 'nothex', '100644', 'b', 'nothex', '100644'])
    expect(r.code).toBe(2)
    expect(r.stderr).not.toMatch(/expects 7 arguments?.*, got 7$/m)
    expect(r.stderr).toMatch(/got 7, but old-hex, old-mode, new-hex or new-mode is not an object id or a file mode/)
  })
})
