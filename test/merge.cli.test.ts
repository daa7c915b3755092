// `agentmerge` (merge is the default command) through the real CLI: the
// golden merge of the five fixtures with its sidecar, a few orders of the
// inputs, one file, the summary, and the error rules (output never an
// input; a bad input reported, and nothing written).
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mergeAgents, parseAgent, readAgent, statementsOf } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { body, FIXTURE_PATHS, GOLDEN } from './merge.helpers.js'
import { tempDir } from './helpers/tmp.js'

const temp = () => tempDir('agentmerge-merge-')

describe('merge CLI', () => {
  it('writes the golden merge of the five fixtures and its provenance sidecar (regenerate: see docs/merge.md)', async () => {
    const dir = temp()
    const out = join(dir, 'backend-developer.md')
    const result = await cli([...FIXTURE_PATHS, '-o', out])
    expect(result.code, result.stderr).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(GOLDEN, 'utf8'))
    expect(readFileSync(`${out}.provenance.json`, 'utf8')).toBe(readFileSync(`${GOLDEN}.provenance.json`, 'utf8'))
    // The summary line, and a warning per field conflict with its place.
    expect(result.stderr).toMatch(/^merged 5 files: 501 statements in, \d+ out, \d+ duplicates folded(?:, \d+ recorded, not written)?; \d+ sections in, \d+ out, \d+ merged; \d+ conflicts$/m)
    expect(result.stderr).toMatch(/warning: color: kept /)
    expect(result.stderr).toContain('fixtures/backend-developer/backend-developer-senior.md: warning: tools (union): no tools field')
    // Tools a variant withholds are named as the merged agent spells them.
    expect(result.stderr).toContain('backend-developer-structured.md:7: warning: tools (union): the merged agent grants Bash, Edit, Write, which this variant withholds')
  })

  it('gives the same body whatever the order of the files (merge subcommand, stdout)', async () => {
    const golden = body(readFileSync(GOLDEN, 'utf8'))
    const [a, b, c, d, e] = FIXTURE_PATHS
    for (const order of [[e, d, c, b, a], [c, a, e, b, d]]) {
      const result = await cli(['merge', '-q', '--provenance', 'none', ...order])
      expect(result.code, result.stderr).toBe(0)
      expect(body(result.stdout)).toBe(golden)
    }
  })

  it('on stdout the notes are inline by default: one comment at the end, skipped when read back', async () => {
    const result = await cli(['-q', FIXTURE_PATHS[2], FIXTURE_PATHS[0]])
    expect(result.code, result.stderr).toBe(0)
    const notes = result.stdout.slice(result.stdout.indexOf('<!-- agentmerge-provenance v1'))
    expect(notes).toMatch(/^<!-- agentmerge-provenance v1\n[^]*\n-->\n$/)
    expect(notes).toContain('[1] fixtures/backend-developer/backend-developer-elite.md')
    // What is not written is accounted for there too: one entry per recorded statement.
    const recorded = mergeAgents([readAgent(FIXTURE_PATHS[2]!), readAgent(FIXTURE_PATHS[0]!)]).provenance.recorded
    expect(recorded.length).toBeGreaterThan(0)
    const line = notes.split('\n').find((l) => l.startsWith('not written: '))!
    expect(line.slice('not written: '.length).split(' | ')).toHaveLength(recorded.length)
    const merged = parseAgent(result.stdout, 'm.md')
    expect(statementsOf(merged.root).some((s) => s.text.includes('agentmerge'))).toBe(false)
  })

  it('writes the same warnings, in the same order, whatever the order of the files', async () => {
    for (const family of ['backend-developer', 'python-pro', 'test-automator']) {
      const files = readdirSync(`fixtures/${family}`).sort().map((f) => `fixtures/${family}/${f}`)
      // Each output dialect once across the families (every family in its own).
      for (const to of family === 'backend-developer' ? [[], ['--to', 'opencode']] : family === 'python-pro' ? [[], ['--to', 'copilot']] : [[]]) {
        const forward = await cli(['--provenance', 'none', ...to, ...files])
        const backward = await cli(['--provenance', 'none', ...to, ...files.slice().reverse()])
        expect(forward.code, forward.stderr).toBe(0)
        expect(backward.stderr, to.join(' ')).toBe(forward.stderr)
      }
    }
  })

  it('one file merges to its normalized form', async () => {
    const merged = await cli(['-q', '--provenance', 'none', FIXTURE_PATHS[3]])
    const normalized = await cli(['-q', 'normalize', FIXTURE_PATHS[3]])
    expect(merged.code, merged.stderr).toBe(0)
    expect(merged.stdout).toBe(normalized.stdout)
  })

  it('an output that cannot be written: exit 2, and the summary says it was not written', async () => {
    const dir = tempDir('agentmerge-unwritten-')
    const target = join(dir, 'out.md')
    // Another run (this process, alive) holds the output's lock; the run waits a short while, then gives up.
    writeFileSync(join(dir, '.out.md.agentmerge-lock'), `${process.pid}\n`)
    const wait = process.env.AGENTMERGE_LOCK_WAIT_MS
    process.env.AGENTMERGE_LOCK_WAIT_MS = '200'
    const r = await cli(['--provenance', 'none', FIXTURE_PATHS[0], FIXTURE_PATHS[1], '-o', target]).finally(() => {
      if (wait === undefined) delete process.env.AGENTMERGE_LOCK_WAIT_MS
      else process.env.AGENTMERGE_LOCK_WAIT_MS = wait
    })
    expect(r.code).toBe(2)
    expect(existsSync(target)).toBe(false)
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^merged 2 files: .*; ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} not written$`))
  })

  it('refuses to write over an input (exit 2) and writes nothing', async () => {
    const dir = temp()
    const input = join(dir, 'a.md')
    writeFileSync(input, readFileSync(FIXTURE_PATHS[2]!, 'utf8'))
    const result = await cli([input, FIXTURE_PATHS[0]!, '-o', input])
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toMatch(/a\.md: is the same file as the input .*a\.md; inputs are never overwritten/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(FIXTURE_PATHS[2]!, 'utf8'))
  })

  it('counts an input named twice (or under two names) once, with a warning, and refuses --min-support above the number of inputs', async () => {
    const [a, b] = FIXTURE_PATHS
    const twice = await cli(['--provenance', 'none', '--min-support', '2', a!, a!, b!])
    const once = await cli(['--provenance', 'none', '--min-support', '2', a!, b!])
    expect(twice.code, twice.stderr).toBe(0)
    expect(twice.stdout).toBe(once.stdout)
    expect(twice.stderr).toContain(`${a}: warning: skipped: named twice (first as ${a}); each input counts once`)
    const many = await cli(['--min-support', '3', a!, b!])
    expect(many.code).toBe(2)
    expect(many.stderr).toMatch(/--min-support 3 asks for more inputs than the 2 given/)
    expect(many.stderr).not.toMatch(/internal error|\n\s+at /)
  })

  it('says when a --min-support core holds nothing beyond its opening, and not when it holds a shared point', async () => {
    const dir = temp()
    const head = (name: string) => `---\nname: ${name}\ndescription: Keeps context.\n---\n\nYou are a context manager.\n\n`
    const a = join(dir, 'a.md')
    const b = join(dir, 'b.md')
    const c = join(dir, 'c.md')
    writeFileSync(a, head('cm') + '## Storage\n\n- Keep session notes in files\n- Name files predictably\n')
    writeFileSync(b, head('cm') + '## Retrieval\n\n- Index embeddings in a vector database\n')
    writeFileSync(c, head('cm') + '## Storage\n\n- Keep session notes in files\n')
    const empty = await cli(['--provenance', 'none', '--min-support', '2', a, b])
    expect(empty.code, empty.stderr).toBe(0)
    expect(empty.stderr).toMatch(/: note: --min-support 2: the merged agent holds its opening at most: no other statement is carried by 2 inputs, or one that is stands in a procedure or a run of numbered headings not carried whole/)
    const shared = await cli(['--provenance', 'none', '--min-support', '2', a, b, c])
    expect(shared.code, shared.stderr).toBe(0)
    expect(shared.stdout).toContain('- Keep session notes in files')
    expect(shared.stderr).not.toContain('holds its opening at most')
  })

  it('refuses an output that is an input under another name (a symlink) before reading anything, and writes nothing', async () => {
    const dir = temp()
    const input = join(dir, 'a.md')
    const link = join(dir, 'out.md')
    writeFileSync(input, readFileSync(FIXTURE_PATHS[2]!, 'utf8'))
    symlinkSync(input, link)
    const result = await cli([input, FIXTURE_PATHS[0]!, '-o', link])
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toMatch(/out\.md: is the same file as the input .*a\.md; inputs are never overwritten/)
    expect(result.stderr).not.toMatch(/^merged /m)
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(FIXTURE_PATHS[2]!, 'utf8'))
    expect(existsSync(`${link}.provenance.json`)).toBe(false)
  })

  it('reports a bad input in one line, writes nothing and exits 2', async () => {
    const dir = temp()
    const bad = join(dir, 'bad.md')
    writeFileSync(bad, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00, 0x01]))
    const out = join(dir, 'out.md')
    const result = await cli(['-q', FIXTURE_PATHS[2]!, bad, FIXTURE_PATHS[0]!, '-o', out])
    expect(result.code, result.stderr).toBe(2)
    const errors = result.stderr.split('\n').filter((l) => l.startsWith(bad))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^.*bad\.md:\d+(:\d+)?: /)
    expect(existsSync(out)).toBe(false)
    expect(existsSync(`${out}.provenance.json`)).toBe(false)
  })

  it('has help with examples, and merge is the default command', async () => {
    const help = await cli(['merge', '--help'])
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toContain('--provenance <mode>')
    expect(help.stdout).toContain('Examples:')
    expect((await cli(['--help'])).stdout).toMatch(/merge \[options\] \[files\.\.\.\]\s+merge variants/)
    const none = await cli([])
    expect(none.code, none.stderr).toBe(2)
  })
})
