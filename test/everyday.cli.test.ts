// The everyday defects of issue 15, each reproduced through the CLI: failed
// inputs, stdin, usage errors, one read path for every read option, tool maps
// independent of input order, what a directory scan takes, report formats,
// the size of a pull-request comment, and git's external diff of a file that
// is not an agent.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { diffAgents, diffReport, formatMarkdown, parseAgent, readAgent } from '../src/index.js'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { BIN, cli, FIXTURES, spawnCli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const ENGINEER = FIXTURES + 'backend-engineer.md'
const ELITE = FIXTURES + 'backend-developer-elite.md'
const OPENCODE = FIXTURES + 'backend-developer-opencode.md'
const SENIOR = FIXTURES + 'backend-developer-senior.md'
const oneLine = (stderr: string) => stderr.trim().split('\n')

describe('failed inputs', () => {
  it('a merge with a missing input writes nothing (no output, no sidecar) and exits 2', async () => {
    const dir = tempDir()
    const out = join(dir, 'out.md')
    const r = await cli([ENGINEER, join(dir, 'nonexist.md'), '-o', out])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('nonexist.md: no such file')
    expect(r.stderr).toContain('nothing written')
    expect(existsSync(out)).toBe(false)
    expect(existsSync(`${out}.provenance.json`)).toBe(false)
    const stdout = await cli([ENGINEER, join(dir, 'nonexist.md')])
    expect(stdout.code).toBe(2)
    expect(stdout.stdout).toBe('')
  })

  it('normalize --write and convert --out-dir still write the outputs of the good inputs, and exit 2', async () => {
    const dir = tempDir()
    const good = join(dir, 'good.md')
    writeFileSync(good, readFileSync(SENIOR, 'utf8').replace(/^- /m, '* '))
    const write = await cli(['normalize', '--write', good, join(dir, 'missing.md')])
    expect(write.code).toBe(2)
    expect(write.stderr).toContain('missing.md: no such file')
    expect(readFileSync(good, 'utf8')).toBe((await cli(['normalize', SENIOR])).stdout)
    const out = join(dir, 'out')
    const convert = await cli(['convert', '--to', 'opencode', '--out-dir', out, good, join(dir, 'missing.md')])
    expect(convert.code).toBe(2)
    expect(existsSync(join(out, 'backend-developer.md'))).toBe(true)
  })
})

describe('stdin', () => {
  it('normalize --check - checks stdin: 0 when canonical, 1 (listing -) when not', async () => {
    const canonical = (await cli(['normalize', ENGINEER])).stdout
    const ok = await cli(['normalize', '--check', '-'], { input: canonical })
    expect([ok.code, ok.stdout]).toEqual([0, ''])
    const bad = await cli(['normalize', '--check', '-'], { input: readFileSync(ENGINEER) })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toBe('-\n')
  })

  it('normalize --write - prints the result, as prettier does', async () => {
    const r = await cli(['normalize', '--write', '-'], { input: readFileSync(ENGINEER) })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe((await cli(['normalize', ENGINEER])).stdout)
  })
})

describe('user mistakes are one-line usage errors with exit 2', () => {
  const usage = async (args: string[], cwd?: string) => {
    const r = await cli(args, cwd ? { cwd } : {})
    expect(r.code, args.join(' ')).toBe(2)
    expect(r.stderr, args.join(' ')).not.toMatch(/internal error|NaN|\n\s+at /)
    expect(oneLine(r.stderr), args.join(' ')).toHaveLength(1)
    return r
  }

  it('bad option values are refused by commander, naming the option', async () => {
    expect((await usage(['--max-size', 'abc', 'normalize', ENGINEER])).stderr).toContain("'--max-size <size>' argument 'abc' is invalid")
    expect((await usage(['lint', '--min-agents', '-3', FIXTURES])).stderr).toContain('--min-agents')
    expect((await usage(['merge', '--threshold', 'abc', ENGINEER, ELITE])).stderr).toContain('--threshold')
    expect((await usage(['dedup', '--min-agents', 'x', ENGINEER])).stderr).toContain('--min-agents')
    expect((await usage(['dedup', '--min-agents', '0', ENGINEER])).stderr).toContain('at least 1')
    expect((await usage(['diff', '--format', 'pdf', ENGINEER, ELITE])).stderr).toContain('Allowed choices are text, markdown, json, github, html')
  })

  it('build --check of a file that is not an output says so, and nothing else', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'agentmerge.config.json'), JSON.stringify({ agents: [{ output: 'out.md', sources: ['a.md'] }] }))
    writeFileSync(join(dir, 'a.md'), readFileSync(SENIOR))
    const r = await usage(['build', '--check', 'not-an-output.md'], dir)
    expect(r.stderr).toContain('not an output of agentmerge.config.json: not-an-output.md')
    expect(r.stderr).not.toContain('up to date')
  })

  it('an unknown command that is not a file gets "did you mean"', async () => {
    expect((await usage(['dif', 'a.md', 'b.md'])).stderr).toContain("'dif' is neither a file nor a command (did you mean diff?)")
    expect((await usage(['normalise', ENGINEER])).stderr).toContain('did you mean normalize?')
    // A file of that name is merged, as the default command says.
    const dir = tempDir()
    writeFileSync(join(dir, 'dif'), readFileSync(SENIOR))
    expect((await cli(['-q', 'dif', ENGINEER], { cwd: dir })).code).toBe(0)
  })

  it('merge-driver names the missing file and exits 2', async () => {
    const r = await cli(['merge-driver', 'nope1', 'nope2', 'nope3'])
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')[0]).toBe('nope1: base (%O): no such file')
    expect(r.stderr).not.toContain('internal error')
  })

  it('an error writing -o names the output, not the temporary file', async () => {
    const r = await cli(['-q', ENGINEER, '-o', '/missing/dir/x.md'])
    expect(r.code).toBe(2)
    // Said once, plainly, and without claiming a file on disk that does not exist.
    expect(r.stderr).toMatch(/^\/missing\/dir\/x\.md: not written \(its directory does not exist\)\n/)
    expect(r.stderr).not.toMatch(/\.tmp|agentmerge-\d|ENOENT: ENOENT|left as it was/)
  })
})

describe('every read option through one read path', () => {
  it('--max-size is honoured by build', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'agentmerge.config.json'), JSON.stringify({ agents: [{ output: 'out.md', sources: ['a.md'] }] }))
    writeFileSync(join(dir, 'a.md'), readFileSync(SENIOR))
    const r = await cli(['--max-size', '1k', 'build'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('over the 1.0 KiB limit')
    expect(existsSync(join(dir, 'out.md'))).toBe(false)
  })

  it('--max-size is honoured by the merge driver (its sides are then merged by lines)', async () => {
    const dir = tempDir()
    const text = readFileSync(SENIOR, 'utf8')
    const [base, ours, theirs] = ['base.md', 'ours.md', 'theirs.md'].map((f) => join(dir, f)) as [string, string, string]
    writeFileSync(base, text)
    writeFileSync(ours, text.replace('Your primary workflow:', 'Your main workflow:'))
    writeFileSync(theirs, `${text}\n- Another.\n`)
    const r = await cli(['--max-size', '1k', 'merge-driver', base, ours, theirs, 'agent.md'])
    expect(r.stderr).toContain('over the 1.0 KiB limit')
    expect(r.stderr).toContain('merged by lines')
  })

  it('--no-repair reaches the merge driver: mojibake is kept as written', async () => {
    const dir = tempDir()
    const text = '---\nname: a\ndescription: d\n---\n\n- Serve the cafÃ© menu\n- Second rule\n'
    const [base, ours, theirs] = ['base.md', 'ours.md', 'theirs.md'].map((f) => join(dir, f)) as [string, string, string]
    const run = async (flags: string[]) => {
      writeFileSync(base, text)
      writeFileSync(ours, text.replace('- Second rule', '- Second rule, reworded'))
      writeFileSync(theirs, `${text}- Third rule\n`)
      const r = await cli([...flags, 'merge-driver', base, ours, theirs, 'agent.md'])
      expect(r.code, r.stderr).toBe(0)
      return readFileSync(ours, 'utf8')
    }
    expect(await run(['--no-repair'])).toContain('cafÃ© menu')
    expect(await run([])).toContain('café menu')
  })
})

describe('OpenCode tool maps', () => {
  it('do not depend on the order of the files (merge --to opencode --tools intersection)', async () => {
    const tools = async (files: string[]) => {
      const r = await cli(['-q', 'merge', '--to', 'opencode', '--tools', 'intersection', '--provenance', 'none', ...files])
      expect(r.code, r.stderr).toBe(0)
      return parseAgent(r.stdout, 'out.md').meta.fields.find((f) => f.key === 'tools')?.value
    }
    const one = await tools([OPENCODE, ELITE, ENGINEER])
    expect(one).toBeTypeOf('object')
    expect(Object.values(one as object)).toContain(false)
    expect(await tools([ELITE, ENGINEER, OPENCODE])).toEqual(one)
    expect(await tools([ENGINEER, OPENCODE, ELITE])).toEqual(one)
  })
})

describe('directory scans take agents only', () => {
  it('not docs pages, skills or READMEs, and not what .agentmergeignore names', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'docs'))
    mkdirSync(join(dir, 'skills', 'pdf'), { recursive: true })
    mkdirSync(join(dir, 'drafts'))
    mkdirSync(join(dir, '.claude', 'agents'), { recursive: true })
    writeFileSync(join(dir, 'docs', 'intro.md'), '---\ntitle: Intro\nsidebar_position: 2\ndescription: The docs\nname: intro\n---\n\n# Intro\n\nWelcome.\n')
    writeFileSync(join(dir, 'skills', 'pdf', 'SKILL.md'), '---\nname: pdf\ndescription: Reads PDF files\n---\n\nUse pdftotext.\n')
    writeFileSync(join(dir, 'README.md'), '---\nname: readme\ndescription: x\n---\n\nA readme.\n')
    writeFileSync(join(dir, 'notes.md'), '---\ntags: [a]\n---\n\nNotes.\n')
    writeFileSync(join(dir, 'reviewer.md'), readFileSync(SENIOR))
    writeFileSync(join(dir, 'drafts', 'draft.md'), readFileSync(ENGINEER))
    writeFileSync(join(dir, '.claude', 'agents', 'plain.md'), 'An agent in an agents folder, whatever it holds.\n')
    writeFileSync(join(dir, '.agentmergeignore'), '# work in progress\ndrafts/\n')
    const r = await cli(['lint', '--format', 'json', '.'], { cwd: dir })
    expect(JSON.parse(r.stdout).files).toBe(2)
    const check = await cli(['normalize', '--check', '--format', 'json', '.'], { cwd: dir })
    // The two agents are checked, and nothing else is.
    expect(JSON.parse(check.stdout).checked).toBe(2)
    expect(check.stdout).not.toMatch(/intro|SKILL|README|notes|draft/)
    // A file named on the command line is taken whatever it is.
    expect((await cli(['lint', '--format', 'json', 'drafts/draft.md'], { cwd: dir })).stdout).toContain('"files": 1')
  })
})

describe('report formats of the checking commands', () => {
  it('lint, normalize --check and build --check print text, json or GitHub annotations', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'a.md'), readFileSync(ENGINEER, 'utf8').replace('name: backend-engineer', 'name: dup'))
    writeFileSync(join(dir, 'b.md'), readFileSync(SENIOR, 'utf8').replace('name: backend-developer', 'name: dup'))
    const github = await cli(['lint', '--format', 'github', '.'], { cwd: dir })
    expect(github.code).toBe(1)
    expect(github.stdout).toMatch(/^::error file=b\.md,line=2,title=agentmerge%3A duplicate-name::agent name 'dup'/m)
    const check = await cli(['normalize', '--check', '--format', 'github', 'a.md'], { cwd: dir })
    expect(check.code).toBe(1)
    expect(check.stdout).toBe('::error file=a.md,title=agentmerge%3A normalize::not in canonical form; run agentmerge normalize --write\n')
    const json = await cli(['normalize', '--check', '--format', 'json', 'a.md', 'b.md'], { cwd: dir })
    expect(JSON.parse(json.stdout)).toEqual({ version: 1, checked: 2, unformatted: ['a.md', 'b.md'], errors: [] })
    writeFileSync(join(dir, 'agentmerge.config.json'), JSON.stringify({ agents: [{ output: 'out.md', sources: ['a.md', 'b.md'] }] }))
    const build = await cli(['build', '--check', '--format', 'json'], { cwd: dir })
    expect(build.code).toBe(1)
    expect(JSON.parse(build.stdout).findings).toEqual([{ path: 'out.md', message: 'missing: a build would create it from 2 sources', rule: 'missing' }])
    const annotations = await cli(['build', '--check', '--format', 'github'], { cwd: dir })
    expect(annotations.stdout).toBe('::error file=out.md,title=agentmerge%3A missing::missing: a build would create it from 2 sources\n')
  })
})

describe('diff --format markdown --max-bytes', () => {
  it('keeps the summary and the first changes under the limit, and says what was left out', async () => {
    const full = await cli(['diff', '--format', 'markdown', '--max-bytes', '0', ELITE, OPENCODE])
    expect(full.code).toBe(1)
    expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(6000)
    const cut = await cli(['diff', '--format', 'markdown', '--max-bytes', '6000', ELITE, OPENCODE])
    expect(cut.code).toBe(1)
    expect(Buffer.byteLength(cut.stdout)).toBeLessThanOrEqual(6000)
    expect(cut.stdout.split('\n').slice(0, 3).join('\n')).toBe(full.stdout.split('\n').slice(0, 3).join('\n'))
    expect(cut.stdout).toMatch(/_\d+ of \d+ blocks of changes left out to keep this under 6000 bytes; run `agentmerge diff`/)
    // The default keeps a comment within GitHub's limit, also when the whole diff is far over it.
    const big = (n: number, word: string) => `---\nname: big\ndescription: x\n---\n\n${Array.from({ length: n }, (_, i) => `- ${word} rule number ${i} about ${word} handling in service ${i}`).join('\n')}\n`
    const dir = tempDir()
    const [bigOld, bigNew] = [join(dir, 'old.md'), join(dir, 'new.md')]
    writeFileSync(bigOld, big(700, 'alpha'))
    writeFileSync(bigNew, big(700, 'omega'))
    const whole = await cli(['diff', '--format', 'markdown', '--max-bytes', '0', bigOld, bigNew])
    expect(Buffer.byteLength(whole.stdout)).toBeGreaterThan(60_000)
    const dflt = await cli(['diff', '--format', 'markdown', bigOld, bigNew])
    expect(Buffer.byteLength(dflt.stdout)).toBeLessThanOrEqual(60_000)
    expect(dflt.stdout).toMatch(/left out to keep this under 60000 bytes/)
  })

  it('writes every block that fits, in order: one block over the limit does not keep the smaller ones after it out', async () => {
    const dir = tempDir()
    const agent = (rules: string[]) => `---\nname: a\ndescription: x\n---\n\n${rules.map((r) => `- ${r}`).join('\n')}\n`
    const many = (word: string) => Array.from({ length: 400 }, (_, i) => `${word} rule number ${i} about ${word} handling in service ${i}`)
    for (const side of ['old', 'new']) mkdirSync(join(dir, side))
    writeFileSync(join(dir, 'old', 'a-big.md'), agent(many('alpha')))
    writeFileSync(join(dir, 'new', 'a-big.md'), agent(many('omega')))
    writeFileSync(join(dir, 'old', 'b-small.md'), agent(['Run the tests before every push']))
    writeFileSync(join(dir, 'new', 'b-small.md'), agent(['Run the whole suite before every push']))
    const r = await cli(['diff', '--format', 'markdown', '--max-bytes', '4000', join(dir, 'old'), join(dir, 'new')])
    expect(Buffer.byteLength(r.stdout)).toBeLessThanOrEqual(4000)
    expect(r.stdout).toContain('b-small.md')
    expect(r.stdout).toContain('Run the <del>tests</del><ins>whole suite</ins> before every push')
    expect(r.stdout).toMatch(/1 of 2 blocks of changes left out/)
  })
})

describe('--git-external', () => {
  it("falls back to git's line diff for a file that is not an agent, naming the repository path", async () => {
    const dir = tempDir()
    const [a, b] = [join(dir, 'tmp-old'), join(dir, 'tmp-new')]
    writeFileSync(a, '{"a": 1}\n')
    writeFileSync(b, '{"a": 2}\n')
    const r = await cli(['diff', '--git-external', 'data.json', a, '1'.repeat(40), '100644', b, '2'.repeat(40), '100644'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('--- a/data.json')
    expect(r.stdout).toContain('+++ b/data.json')
    expect(r.stdout).toContain('-{"a": 1}')
    expect(r.stdout).toContain('+{"a": 2}')
    expect(r.stdout).not.toContain('tmp-old')
  })
})

describe('options that do not go together', () => {
  it('are usage errors (exit 2) that write nothing, where one of them was ignored', async () => {
    const dir = tempDir()
    const input = join(dir, 'a.md')
    const original = readFileSync(ENGINEER, 'utf8').replace('\n\n', '\n\n\n')
    writeFileSync(input, original)
    const out = join(dir, 'out.md')
    for (const args of [['normalize', '--write', '-o', out, input], ['normalize', '--write', '--check', input], ['normalize', '--json', '--check', input], ['normalize', '--check', '-o', out, input], ['lint', '--json', '--format', 'github', input]]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(/^agentmerge: option .* cannot be used with option /)
    }
    const two = await cli(['normalize', input, ENGINEER, '-o', out])
    expect(two.code).toBe(2)
    expect(two.stderr).toContain('--output takes one input, got 2')
    expect(readFileSync(input, 'utf8')).toBe(original)
    expect(existsSync(out)).toBe(false)
  })

  it('dedup --check fails on groups with --json too', async () => {
    const r = await cli(['dedup', '--check', '--json', '-q', FIXTURES])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).groups.some((g: string[]) => g.length > 1)).toBe(true)
  })
})

describe('an option the rest of the command line would ignore', () => {
  const AUTOMATOR = FIXTURES + '../test-automator/'
  const automators = ['VoltAgent--awesome-claude-code-subagents--test-automator.md', 'davepoon--claude-code-subagents-collection--test-automator.md', 'lst97--claude-code-sub-agents--test-automator.md', 'rshah515--claude-code-subagents--test-automator.md', 'wshobson--agents--test-automator.md'].map((f) => AUTOMATOR + f)

  it('is a usage error (exit 2, one line, nothing on stdout) when no combination honours it', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'agentmerge.config.json'), JSON.stringify({ agents: [{ output: 'out.md', sources: [SENIOR, ELITE] }] }))
    const refused: Array<[string[], RegExp]> = [
      // --json lists every statement in exactly one group: a filter would break that.
      [['dedup', '--json', '--min-agents', '3', ...automators], /option '--min-agents <n>' cannot be used with option '--json'/],
      [['diff', '--format', 'markdown', '--max-bytes', '100', ELITE, OPENCODE], /--max-bytes 100 leaves no room for the heading and summary: use 0 \(no limit\) or at least 1024/],
      ...(['text', 'json', 'github', 'html'] as const).map((f): [string[], RegExp] => [['diff', '--format', f, '--max-bytes', '5000', ELITE, OPENCODE], new RegExp(`--max-bytes keeps a markdown comment under N bytes; --format ${f} has no such limit`)]),
      [['diff', '--max-bytes', '5000', ELITE, OPENCODE], /--format text has no such limit/],
      [['diff', '--color', '--format', 'json', ELITE, OPENCODE], /--color colors the text output; --format json is never colored/],
      [['diff', '--git', 'HEAD', '--git-external', 'x.md', ELITE, '.', '.', OPENCODE, '.', '.'], /option '--git-external' cannot be used with option '--git <base>'/],
      [['build', '--check', '--force'], /option '-f, --force' cannot be used with option '-c, --check'/],
      [['lint', '--ignore', 'repeated-statement', '--min-agents', '4', ...automators], /--min-agents tunes the repeated-statement rule, which --ignore skips/],
      [['lint', '--ignore', 'ignored-field,repeated-statement', '--threshold', '0.6', ...automators], /--threshold tunes the repeated-statement rule, which --ignore skips/],
    ]
    for (const [args, message] of refused) {
      const r = await cli(args, { cwd: dir })
      expect([r.code, r.stdout], args.join(' ')).toEqual([2, ''])
      expect(oneLine(r.stderr), args.join(' ')).toHaveLength(1)
      expect(r.stderr, args.join(' ')).toMatch(message)
    }
    expect(existsSync(join(dir, 'out.md'))).toBe(false)
    // What they would have tuned still works without them.
    expect((await cli(['dedup', '--json', ...automators])).code).toBe(0)
    expect((await cli(['lint', '--ignore', 'repeated-statement', ...automators])).code).not.toBe(2)
    expect((await cli(['diff', '--no-color', '--format', 'json', ELITE, OPENCODE])).code).toBe(1)
  })

  it('diff --max-bytes holds at its smallest value, the table of counts cut to fit, and says what it left out', async () => {
    const dir = tempDir()
    for (const side of ['old', 'new']) {
      mkdirSync(join(dir, side, '.claude', 'agents'), { recursive: true })
      for (let i = 0; i < 30; i++) {
        const body = side === 'old' ? 'Check the tests first.' : 'Check the tests and the linter first.'
        writeFileSync(join(dir, side, '.claude', 'agents', `a-fairly-long-agent-file-name-number-${i}.md`), `---\nname: agent-${i}\ndescription: Agent ${i}.\n---\n\n- ${body}\n`)
      }
    }
    const full = await cli(['diff', '--format', 'markdown', '--max-bytes', '0', join(dir, 'old'), join(dir, 'new')])
    expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(4000)
    const cut = await cli(['diff', '--format', 'markdown', '--max-bytes', '1024', join(dir, 'old'), join(dir, 'new')])
    expect(cut.code).toBe(1)
    expect(Buffer.byteLength(cut.stdout)).toBeLessThanOrEqual(1024)
    expect(cut.stdout.split('\n').slice(0, 3).join('\n')).toBe(full.stdout.split('\n').slice(0, 3).join('\n'))
    expect(cut.stdout).toMatch(/_\d+ of 30 agents left out of the table; 30 of 30 blocks of changes left out to keep this under 1024 bytes/)
  })

  it('formatMarkdown keeps under any maxBytes from its smallest, with the heading and summary first (property)', () => {
    const report = diffReport([diffAgents(readAgent(ELITE), readAgent(OPENCODE)), diffAgents(readAgent(SENIOR), readAgent(ENGINEER))])
    const full = formatMarkdown(report)
    const top = full.split('\n').slice(0, 3).join('\n')
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: Buffer.byteLength(full) + 100 }), (limit) => {
        const cut = formatMarkdown(report, { maxBytes: limit })
        return Buffer.byteLength(cut) <= limit && cut.startsWith(top)
      }),
      { seed: 20261207, numRuns: 20 },
    )
  })

  it('diff --formatting --format github annotates the changes of form too', async () => {
    const dir = tempDir()
    const [a, b] = [join(dir, 'old.md'), join(dir, 'new.md')]
    const text = readFileSync(SENIOR, 'utf8')
    writeFileSync(a, text)
    writeFileSync(b, text.replace(/^( *)- /gm, '$1* '))
    const plain = await cli(['diff', '--format', 'github', a, b])
    expect(plain.stdout).not.toContain('change of form')
    expect(plain.stdout).toMatch(/; --formatting lists them\)\n$/)
    const form = await cli(['diff', '--formatting', '--format', 'github', a, b])
    expect(form.code).toBe(0)
    expect(form.stdout).toMatch(new RegExp(`^::notice file=${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:/g, '%3A')},line=\\d+,title=agentmerge%3A change of form \\(marker\\)::`, 'm'))
    expect(form.stdout).not.toContain('--formatting lists them')
  })
})

describe('the bin, as a process', () => {
  it('runs main on the process streams, stdin and exit code (a usage error is 2)', () => {
    const version = spawnCli(['--version'])
    expect([version.code, version.stdout.trim()]).toEqual([0, JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version])
    const check = spawnCli(['normalize', '--check', '-'], { input: readFileSync(ENGINEER) })
    expect([check.code, check.stdout]).toEqual([1, '-\n'])
    const usage = spawnCli(['dedup', '--min-agents', '0', ENGINEER])
    expect(usage.code).toBe(2)
    expect(usage.stderr).not.toMatch(/\n\s+at /)
  })

  it('stops quietly when the reader of its output goes away (`| head`), with the exit code of the run', async () => {
    const child = spawn(process.execPath, [BIN, 'normalize', '--json', '-q', FIXTURES], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    await new Promise<void>((done) => child.stdout.once('data', () => done()))
    child.stdout.destroy()
    const [code] = (await once(child, 'close')) as [number | null]
    expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /)
    expect(code).toBe(0)
  })
})
