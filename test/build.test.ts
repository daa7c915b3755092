// `agentmerge build` and `build --check` through the real CLI in temporary
// repositories: config discovery (agentmerge.config.json, package.json, up to
// the repository root), writing only on change, the CI check with its
// semantic diff, hand edits reported and kept unless --force, dialects, and
// one-line config errors. Plus the small glob matcher the config uses.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expandBraces, globFiles } from '../src/config/glob.js'
import { formatFinding } from '../src/index.js'
import { cli, ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { REVIEWER_SOURCE, REVIEWER_SOURCE_B } from './helpers/agent-files.js'

function repo(files: Record<string, string>): string {
  const dir = tempDir('agentmerge-build-')
  mkdirSync(join(dir, '.git'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

const A = REVIEWER_SOURCE
const B = REVIEWER_SOURCE_B
const CONFIG = JSON.stringify({ agents: [{ output: '.claude/agents/reviewer.md', sources: ['agents/reviewer/*.md'], prefer: 'agents/reviewer/a.md' }] }, null, 2)

const OUT = '.claude/agents/reviewer.md'

/** A repository building the test-automator fixtures into out/ta.md with the given provenance. */
function testAutomatorRepo(provenance: 'inline' | 'none'): string {
  const ta = join(ROOT, 'fixtures/test-automator')
  const files: Record<string, string> = { 'agentmerge.config.json': JSON.stringify({ agents: [{ output: 'out/ta.md', sources: ['agents/*.md'], provenance }] }) }
  // Three of its five sources: the one the tests edit and the two shortest (each build merges them all, and these tests build many times).
  for (const name of readdirSync(ta).filter((n) => /^(VoltAgent|davepoon|lst97)--/.test(n))) files[`agents/${name}`] = readFileSync(join(ta, name), 'utf8')
  return repo(files)
}

/** Changes the coverage target one source of the test-automator repository states. */
function editSource(dir: string, from: string, to: string): void {
  const volt = join(dir, 'agents/VoltAgent--awesome-claude-code-subagents--test-automator.md')
  const text = readFileSync(volt, 'utf8')
  expect(text).toContain(`Test coverage > ${from} achieved`)
  writeFileSync(volt, text.replace(`Test coverage > ${from} achieved`, `Test coverage > ${to} achieved`))
}

describe('build CLI', () => {
  it('writes the canonical file and its provenance, then nothing until a source changes; --check reports the change', async () => {
    const dir = repo({ 'agentmerge.config.json': CONFIG, 'agents/reviewer/a.md': A, 'agents/reviewer/b.md': B })
    const check0 = await cli(['build', '--check'], { cwd: dir })
    expect(check0.code).toBe(1)
    expect(check0.stdout).toBe(`${OUT}: missing: a build would create it from 2 sources (missing)\n`)

    const first = await cli(['build'], { cwd: dir })
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain(`wrote ${OUT}, ${OUT}.provenance.json (from 2 sources)`)
    const text = readFileSync(join(dir, OUT), 'utf8')
    expect(text).toContain('- Look for security issues.\n- Keep comments short.\n')
    expect(/^tools: (.*)$/m.exec(text)![1]!.split(', ').sort()).toEqual(['Bash', 'Grep', 'Read'])
    const mtime = statSync(join(dir, OUT)).mtimeMs

    // Nothing changed: nothing written, the check passes, even from a subdirectory.
    const again = await cli(['build'], { cwd: join(dir, 'agents') })
    expect(again.code).toBe(0)
    expect(again.stderr).toBe('1 canonical file up to date\n')
    expect(statSync(join(dir, OUT)).mtimeMs).toBe(mtime)
    expect((await cli(['build', '--check'], { cwd: dir })).code).toBe(0)

    // A source changes: the check names the file and prints the semantic diff, and writes nothing.
    writeFileSync(join(dir, 'agents/reviewer/b.md'), B.replace('- Keep comments short.\n', '- Keep comments short.\n- Ask for a test when a bug is fixed.\n'))
    const check = await cli(['build', '--check'], { cwd: dir })
    expect(check.code).toBe(1)
    expect(check.stdout).toContain(`${OUT}: stale: a build would change it (stale)\n`)
    expect(check.stdout).toMatch(/\+ Ask for a test when a bug is fixed\. {2}\.claude\/agents\/reviewer\.md \(after build\):\d+/)
    expect(readFileSync(join(dir, OUT), 'utf8')).toBe(text)
    expect((await cli(['build'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, OUT), 'utf8')).toContain('- Ask for a test when a bug is fixed.')

    // A statement removed from a source: stale, not a hand edit (the last build recorded it).
    writeFileSync(join(dir, 'agents/reviewer/a.md'), A.replace('- Look for security issues.\n', ''))
    const removed = await cli(['build'], { cwd: dir })
    expect(removed.code, removed.stdout).toBe(0)
    expect(readFileSync(join(dir, OUT), 'utf8')).not.toContain('Look for security issues')
  })

  it('a hand-edited canonical file is reported with path:line and kept unless --force', async () => {
    const dir = repo({ 'agentmerge.config.json': CONFIG, 'agents/reviewer/a.md': A, 'agents/reviewer/b.md': B })
    expect((await cli(['build'], { cwd: dir })).code).toBe(0)
    const built = readFileSync(join(dir, OUT), 'utf8')
    const edited = built.replace('- Keep comments short.', '- Keep comments short and kind.').replace('model: sonnet', 'model: opus')
    writeFileSync(join(dir, OUT), edited)
    const lines = edited.split('\n')
    const at = (s: string) => lines.findIndex((l) => l.includes(s)) + 1

    const check = await cli(['build', '--check'], { cwd: dir })
    expect(check.code).toBe(1)
    expect(check.stdout).toContain(`${OUT}: edited by hand: 2 changes no source has; a build leaves it alone unless --force (edited)\n`)
    // Each hand edit is a finding, in the one text form of a finding (formatFinding), as in --format json.
    const json = await cli(['build', '--check', '--format', 'json'], { cwd: dir })
    const { findings } = JSON.parse(json.stdout) as { findings: Parameters<typeof formatFinding>[0][] }
    expect(findings.map((f) => f.rule)).toEqual(['edited', 'edited', 'edited'])
    // Every line at the margin is a finding (the semantic diff under them is indented).
    const margin = (stdout: string) => stdout.split('\n').filter((l) => l !== '' && !l.startsWith(' '))
    expect(margin(check.stdout)).toEqual(findings.map((f) => formatFinding(f)))
    expect(check.stdout).toContain(`${OUT}:${at('model: opus')}: edited by hand: only in the canonical file: field model: opus (edited)\n`)
    expect(check.stdout).toContain(`${OUT}:${at('short and kind')}: edited by hand: only in the canonical file: "Keep comments short and kind." (edited)\n`)

    const build = await cli(['build'], { cwd: dir })
    expect(build.code).toBe(1)
    expect(margin(build.stdout)).toEqual([`${OUT}: edited by hand: 2 changes no source has; not overwritten (use --force) (edited)`, ...findings.slice(1).map((f) => formatFinding(f))])
    expect(readFileSync(join(dir, OUT), 'utf8')).toBe(edited)

    // Only re-ordering or deleting by hand loses nothing a person wrote: rebuilt without --force.
    const forced = await cli(['build', '--force'], { cwd: dir })
    expect(forced.code).toBe(0)
    expect(forced.stdout.split('\n')[0]).toBe(`${OUT}: edited by hand: 2 changes no source has; overwritten (--force) (edited)`)
    expect(readFileSync(join(dir, OUT), 'utf8')).toBe(built)
    writeFileSync(join(dir, OUT), built.replace('- Check the tests first.\n', ''))
    expect((await cli(['build'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, OUT), 'utf8')).toBe(built)
  })

  it('a link pointed elsewhere by hand is a hand edit: reported by --check and kept unless --force', async () => {
    const linked = A.replace('- Look for security issues.\n', '- Look for security issues.\n- Follow the [style guide](https://good.example/style).\n')
    const dir = repo({ 'agentmerge.config.json': CONFIG, 'agents/reviewer/a.md': linked, 'agents/reviewer/b.md': B })
    expect((await cli(['build'], { cwd: dir })).code).toBe(0)
    const built = readFileSync(join(dir, OUT), 'utf8')
    expect(built).toContain('(https://good.example/style)')
    const edited = built.replace('https://good.example/style', 'https://evil.example/style')
    writeFileSync(join(dir, OUT), edited)
    const check = await cli(['build', '--check'], { cwd: dir })
    expect(check.code).toBe(1)
    expect(check.stdout).toContain(`${OUT}: edited by hand: 1 change no source has; a build leaves it alone unless --force (edited)\n`)
    expect(check.stdout).toMatch(/:\d+: edited by hand: only in the canonical file: "Follow the style guide <https:\/\/evil\.example\/style>\." \(edited\)\n/)
    expect(check.stdout).not.toContain('(stale)')
    expect((await cli(['build'], { cwd: dir })).code).toBe(1)
    expect(readFileSync(join(dir, OUT), 'utf8')).toBe(edited)
    expect((await cli(['build', '--force'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, OUT), 'utf8')).toBe(built)
  })

  // The tester's case: a source edit under "provenance": "inline" was refused as a hand edit of the output.
  it.each(['inline', 'none'] as const)('with "provenance": "%s", a source edit makes the file stale and it is rebuilt; a hand edit is kept', async (provenance) => {
    const dir = testAutomatorRepo(provenance)
    expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
    editSource(dir, '80%', '90%')

    const check = await cli(['-q', 'build', '--check'], { cwd: dir })
    expect(check.code).toBe(1)
    expect(check.stdout).toContain('out/ta.md: stale: a build would change it (stale)\n')
    expect(check.stdout).not.toContain('edited by hand')
    const r = await cli(['-q', 'build'], { cwd: dir })
    expect(r.code, r.stdout).toBe(0)
    const built = readFileSync(join(dir, 'out/ta.md'), 'utf8')
    expect(built).toContain('Test coverage > 90% achieved')
    expect(built).not.toContain('Test coverage > 80% achieved')
    expect(existsSync(join(dir, 'out/ta.md.provenance.json'))).toBe(false)
    expect((await cli(['-q', 'build', '--check'], { cwd: dir })).code).toBe(0)

    // A hand edit: the inline notes' stamp, or with no provenance the build record, tells it from a source change.
    const edited = built.replace('Test coverage > 90% achieved', 'Test coverage > 95% achieved')
    writeFileSync(join(dir, 'out/ta.md'), edited)
    for (const args of [['build', '--check'], ['build']]) {
      const hand = await cli(['-q', ...args], { cwd: dir })
      expect(hand.code).toBe(1)
      expect(hand.stdout).toMatch(/^out\/ta\.md:\d+: edited by hand: only in the canonical file: "Test coverage > 95% achieved" \(edited\)$/m)
    }
    expect(readFileSync(join(dir, 'out/ta.md'), 'utf8')).toBe(edited)
    expect((await cli(['-q', 'build', '--force'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, 'out/ta.md'), 'utf8')).toBe(built)
  })

  it('--check cites what a build would add at its line in the output as built, named as such, not at the file on disk', async () => {
    const dir = repo({ 'agentmerge.config.json': CONFIG, 'agents/reviewer/a.md': A, 'agents/reviewer/b.md': B })
    expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
    const before = readFileSync(join(dir, OUT), 'utf8').split('\n')
    writeFileSync(join(dir, 'agents/reviewer/b.md'), `${B}- Ask for a test when a bug is fixed.\n`)
    const r = await cli(['-q', 'build', '--check'], { cwd: dir })
    expect(r.code).toBe(1)
    const line = Number(/\+ Ask for a test when a bug is fixed\. {2}(.*):(\d+)$/m.exec(r.stdout)?.[2])
    expect(r.stdout).toContain(`+ Ask for a test when a bug is fixed.  ${OUT} (after build):${line}\n`)
    expect(r.stdout).toContain(`agentmerge diff ${OUT} -> ${OUT} (after build)\n`)
    // That line of the file on disk says something else: a citation of it by its own path would point there.
    expect(before[line - 1]).not.toContain('Ask for a test')
    expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, OUT), 'utf8').split('\n')[line - 1]).toBe('- Ask for a test when a bug is fixed.')
  })

  it('--check from another directory names the output in its diff as the other lines do, from the working directory', async () => {
    const ta = join(ROOT, 'fixtures/test-automator')
    const files: Record<string, string> = { 'sub/agentmerge.config.json': JSON.stringify({ agents: [{ output: 'out/ta.md', sources: ['agents/*.md'] }] }) }
    for (const name of readdirSync(ta).filter((n) => /^(VoltAgent|davepoon)--/.test(n))) files[`sub/agents/${name}`] = readFileSync(join(ta, name), 'utf8')
    const dir = repo(files)
    expect((await cli(['-q', 'build', '--config', 'sub/agentmerge.config.json'], { cwd: dir })).code).toBe(0)
    editSource(join(dir, 'sub'), '80%', '90%')
    const r = await cli(['-q', 'build', '--check', '--config', 'sub/agentmerge.config.json'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('sub/out/ta.md: stale: a build would change it')
    expect(r.stdout).toMatch(/agentmerge diff sub\/out\/ta\.md -> sub\/out\/ta\.md \(after build\)\n/)
    expect(r.stdout).toMatch(/reworded, sub\/out\/ta\.md:\d+ -> sub\/out\/ta\.md \(after build\):\d+/)
  })

  it('--check --format github annotates the stale file and prints what a build would change as text', async () => {
    const dir = testAutomatorRepo('inline')
    expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
    editSource(dir, '80%', '90%')
    const r = await cli(['-q', 'build', '--check', '--format', 'github'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^::error file=out\/ta\.md[^\n]*::stale: a build would change it/m)
    expect(r.stdout).toContain('Test coverage > [-80-]{+90+}% achieved  reworded, out/ta.md:25 -> out/ta.md (after build):25')
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 reworded')
  })

  // With "provenance": "none" the record of the last build is in the cache directory; a fresh clone or a cleared cache has none.
  it('with "provenance": "none" and no record of the last build, a file that differs is named and kept unless --force', async () => {
    const dir = testAutomatorRepo('none')
    expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
    const cache = join(dir, 'node_modules/.cache/agentmerge')
    expect(existsSync(cache)).toBe(true)
    rmSync(cache, { recursive: true })
    // Up to date needs no record; a build records it again, so that a source change after it is only stale.
    expect((await cli(['-q', 'build', '--check'], { cwd: dir })).code).toBe(0)
    expect(existsSync(cache)).toBe(false)
    expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
    expect(existsSync(cache)).toBe(true)
    editSource(dir, '80%', '90%')
    expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
    const rebuilt = readFileSync(join(dir, 'out/ta.md'), 'utf8')
    expect(rebuilt).toContain('Test coverage > 90% achieved')

    // No record: a source change and a hand edit look the same, so neither is overwritten without --force.
    rmSync(cache, { recursive: true })
    editSource(dir, '90%', '85%')
    const unrecorded = 'out/ta.md: differs from what the sources build; no record of the last build to tell a hand edit from a source change; --force rebuilds (unrecorded)\n'
    for (const args of [['build', '--check'], ['build']]) {
      const r = await cli(['-q', ...args], { cwd: dir })
      expect(r.code).toBe(1)
      // With what a build would change, for the person who decides.
      expect(r.stdout).toMatch(new RegExp(`^${unrecorded.replace(/[.()]/g, '\\$&')}[^]*Test coverage > \\[-90-\\]\\{\\+85\\+\\}% achieved`))
      expect(readFileSync(join(dir, 'out/ta.md'), 'utf8')).toBe(rebuilt)
    }
    const json = await cli(['-q', 'build', '--check', '--format', 'json'], { cwd: dir })
    expect((JSON.parse(json.stdout) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule)).toEqual(['unrecorded'])
    const forced = await cli(['-q', 'build', '--force'], { cwd: dir })
    expect(forced.code).toBe(0)
    expect(readFileSync(join(dir, 'out/ta.md'), 'utf8')).toContain('Test coverage > 85% achieved')

    // --cache-location keeps the records elsewhere: those in the default place are not read, and one is kept there.
    const elsewhere = join(dir, 'elsewhere')
    editSource(dir, '85%', '75%')
    const there = await cli(['-q', '--cache-location', elsewhere, 'build'], { cwd: dir })
    expect(there.code).toBe(1)
    expect(there.stdout).toContain(unrecorded)
    expect((await cli(['-q', '--cache-location', elsewhere, 'build', '--force'], { cwd: dir })).code).toBe(0)
    expect(readdirSync(join(elsewhere, 'builds'))).toHaveLength(1)
    editSource(dir, '75%', '70%')
    expect((await cli(['-q', '--cache-location', elsewhere, 'build'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, 'out/ta.md'), 'utf8')).toContain('Test coverage > 70% achieved')

    // A record that cannot be kept costs no output: a warning saying what the next build will lack.
    const blocked = join(dir, 'blocked')
    mkdirSync(blocked)
    writeFileSync(join(blocked, 'builds'), '')
    editSource(dir, '70%', '65%')
    const warned = await cli(['--cache-location', blocked, 'build', '--force'], { cwd: dir })
    expect(warned.code).toBe(0)
    expect(warned.stderr).toMatch(/^out\/ta\.md: warning: the record of this build was not kept \(.*\); the next build cannot tell a hand edit from a source change$/m)
    expect(readFileSync(join(dir, 'out/ta.md'), 'utf8')).toContain('Test coverage > 65% achieved')
  })

  // git with core.autocrlf checks text out with CRLF: the file says the same, and normalize --check and --write treat it so.
  for (const provenance of ['sidecar', 'inline', 'none'] as const) {
    it(`a canonical file saved with CRLF line ends is up to date, and a build keeps its line ends (provenance ${provenance})`, async () => {
      const dir = repo({ 'agentmerge.config.json': JSON.stringify({ agents: [{ output: OUT, sources: ['agents/reviewer/*.md'], provenance }] }), 'agents/reviewer/a.md': A, 'agents/reviewer/b.md': B })
      expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
      const files = provenance === 'sidecar' ? [OUT, `${OUT}.provenance.json`] : [OUT]
      const crlf = (text: string) => text.replace(/\n/g, '\r\n')
      for (const file of files) writeFileSync(join(dir, file), crlf(readFileSync(join(dir, file), 'utf8')))
      const saved = files.map((file) => readFileSync(join(dir, file), 'utf8'))

      const check = await cli(['build', '--check'], { cwd: dir })
      expect(check.stdout).toBe('')
      expect(check.code).toBe(0)
      const again = await cli(['build'], { cwd: dir })
      expect([again.code, again.stderr]).toEqual([0, '1 canonical file up to date\n'])
      expect(files.map((file) => readFileSync(join(dir, file), 'utf8'))).toEqual(saved)

      // A source changes: stale (the file is what the last build wrote), rewritten in CRLF, then up to date.
      writeFileSync(join(dir, 'agents/reviewer/b.md'), B.replace('- Keep comments short.\n', '- Keep comments short.\n- Ask for a test when a bug is fixed.\n'))
      const stale = await cli(['build', '--check'], { cwd: dir })
      expect(stale.stdout).toContain(`${OUT}: stale: a build would change it (stale)\n`)
      expect((await cli(['-q', 'build'], { cwd: dir })).code).toBe(0)
      for (const file of files) {
        const text = readFileSync(join(dir, file), 'utf8')
        expect(text).toBe(crlf(text.replace(/\r\n/g, '\n')))
      }
      expect(readFileSync(join(dir, OUT), 'utf8')).toContain('- Ask for a test when a bug is fixed.\r\n')
      expect((await cli(['build', '--check'], { cwd: dir })).code).toBe(0)
    })
  }

  it('an error about a source names it as its warnings do, from the working directory, in every format', async () => {
    const dir = repo({
      'agentmerge.config.json': JSON.stringify({ agents: [{ output: 'out/bad.md', sources: ['src/bad/*.md'] }] }),
      'src/bad/a.md': A,
    })
    writeFileSync(join(dir, 'src/bad/latin1.md'), Buffer.concat([Buffer.from('---\nname: l\ndescription: d\n---\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]))
    const r = await cli(['build'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('src/bad/latin1.md:6: invalid UTF-8 (byte 0xe9); re-save the file as UTF-8\n')
    const json = await cli(['build', '--check', '--format', 'json'], { cwd: dir })
    expect((JSON.parse(json.stdout) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['src/bad/latin1.md'])
    const below = await cli(['build'], { cwd: join(dir, 'src') })
    expect(below.stderr).toContain('bad/latin1.md:6: invalid UTF-8')
    expect(below.stderr).not.toContain(dir)
  })

  it('build --check counts an output with an error as an error only, not as one checked', async () => {
    const dir = repo({
      'agentmerge.config.json': JSON.stringify({ agents: [{ output: 'out/good.md', sources: ['src/good/*.md'] }, { output: 'out/bad.md', sources: ['src/bad/*.md'] }] }),
      'src/good/a.md': A,
      'src/bad/a.md': A,
    })
    writeFileSync(join(dir, 'src/bad/latin1.md'), Buffer.concat([Buffer.from('---\nname: l\ndescription: d\n---\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]))
    const r = await cli(['build', '--check', '--format', 'json'], { cwd: dir })
    expect(r.code).toBe(2)
    const json = JSON.parse(r.stdout) as { outputs: number; findings: Array<{ path: string; rule: string }>; errors: Array<{ path: string }> }
    expect(json.outputs).toBe(1)
    expect(json.findings.map((f) => [f.path, f.rule])).toEqual([['out/good.md', 'missing']])
    expect(json.errors.map((e) => e.path)).toEqual(['src/bad/latin1.md'])
    const text = await cli(['build', '--check'], { cwd: dir })
    expect(text.stderr).toContain('1 canonical file of 1 not up to date')
  })

  it('package.json config, --to, per-agent dialects, and outputs named on the command line', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ name: 'x', agentmerge: { provenance: 'none', agents: [
        { output: '.github/agents/reviewer.agent.md', sources: ['agents/reviewer/{a,b}.md'], to: 'copilot' },
        { output: '.opencode/agent/reviewer.md', sources: 'agents/reviewer', to: 'opencode' },
      ] } }),
      'agents/reviewer/a.md': A,
      'agents/reviewer/b.md': B,
    })
    const r = await cli(['build', '.github/agents/reviewer.agent.md'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    const copilot = readFileSync(join(dir, '.github/agents/reviewer.agent.md'), 'utf8')
    // The two descriptions are equally central: the more complete is written ("Reviews pull requests.").
    expect(copilot).toMatch(/^---\nname: reviewer\ndescription: Reviews pull requests\.\ntools: \[execute\/runInTerminal, read, search\/textSearch\]\nmodel: Claude Sonnet 4\.5\n---\n/)
    expect(existsSync(join(dir, '.opencode/agent/reviewer.md'))).toBe(false)
    expect(existsSync(join(dir, '.github/agents/reviewer.agent.md.provenance.json'))).toBe(false)
    const all = await cli(['build'], { cwd: dir })
    expect(all.code).toBe(0)
    const opencode = readFileSync(join(dir, '.opencode/agent/reviewer.md'), 'utf8')
    expect(opencode).toContain('model: anthropic/claude-sonnet-4-5')
    expect(opencode).not.toMatch(/^name:/m)
    expect(all.stderr).toContain("warning: field 'name' (reviewer): OpenCode names an agent after its file")
    // --to overrides the config: every output would change.
    expect((await cli(['build', '--check', '--to', 'claude'], { cwd: dir })).code).toBe(1)
  })

  it('config discovery stops at the repository root; errors are one line with path:line, exit 2', async () => {
    const outer = repo({ 'agentmerge.config.json': CONFIG })
    const inner = join(outer, 'inner')
    mkdirSync(join(inner, '.git'), { recursive: true })
    const none = await cli(['build'], { cwd: inner })
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/no config found/)

    const both = repo({ 'agentmerge.config.json': CONFIG, 'package.json': JSON.stringify({ agentmerge: JSON.parse(CONFIG) }) })
    const ambiguous = await cli(['build'], { cwd: both })
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toContain('agentmerge is configured in both')

    const bad = repo({ 'agentmerge.config.json': '{\n  "agents": [\n    { "output": "x.md", "source": ["a.md"] }\n  ]\n}\n' })
    const r = await cli(['build'], { cwd: bad })
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toMatch(/agentmerge\.config\.json:3: unknown key "source" in an agent/)

    const nomatch = repo({ 'cfg.json': JSON.stringify({ agents: [{ output: 'out.md', sources: ['agents/*.md'] }] }) })
    const m = await cli(['build', '--config', 'cfg.json'], { cwd: nomatch })
    expect(m.code).toBe(2)
    // Named at the config's entry for that agent, from the working directory.
    expect(m.stderr.trim()).toBe(`cfg.json:1: source pattern 'agents/*.md' matches no file (agent "out.md")`)
    const prefer = repo({ 'agentmerge.config.json': '{\n  "agents": [\n    { "output": "out.md", "sources": ["a.md"], "prefer": "nope.md" }\n  ]\n}\n', 'a.md': '---\nname: a\ndescription: d\n---\n\nDo it.\n' })
    const p = await cli(['build'], { cwd: prefer })
    expect(p.code).toBe(2)
    expect(p.stderr.trim()).toBe('agentmerge.config.json:3: "prefer" names a file that is not one of its sources (agent "out.md")')
    // From another directory, the config is named from there.
    const nested = repo({ 'sub/agentmerge.config.json': '{\n  "agents": [\n    { "output": "out.md", "sources": ["a.md"], "prefer": "nope.md" }\n  ]\n}\n', 'sub/a.md': '---\nname: a\ndescription: d\n---\n\nDo it.\n' })
    const q = await cli(['build', '--config', 'sub/agentmerge.config.json'], { cwd: nested })
    expect(q.stderr.trim()).toBe('sub/agentmerge.config.json:3: "prefer" names a file that is not one of its sources (agent "out.md")')
    const help = await cli(['build', '--help'])
    expect(help.stdout).toContain('Examples:')
  })
})

describe('glob matcher', () => {
  it('expands braces, matches segments, ** and dots as shells do', async () => {
    expect(expandBraces('a/{b,c{d,e}}.md')).toEqual(['a/b.md', 'a/cd.md', 'a/ce.md'])
    const dir = repo({ 'a/x.md': '', 'a/y.txt': '', 'a/.hidden.md': '', 'a/b/c/z.md': '', 'a/node_modules/n.md': '', '.claude/agents/r.md': '' })
    expect(globFiles('a/*.md', dir)).toEqual(['a/x.md'])
    expect(globFiles('a/**/*.md', dir)).toEqual(['a/b/c/z.md', 'a/x.md'])
    expect(globFiles('a/[xy].*', dir)).toEqual(['a/x.md', 'a/y.txt'])
    expect(globFiles('a/.*.md', dir)).toEqual(['a/.hidden.md'])
    expect(globFiles('.claude/agents/*.md', dir)).toEqual(['.claude/agents/r.md'])
    expect(globFiles('./a/?.{md,txt}', dir)).toEqual(['a/x.md', 'a/y.txt'])
  })
})
