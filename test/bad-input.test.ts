// The bad-input catalogue through the real CLI: each broken input gets one
// line naming the file (and line) and exit 2, without a stack trace, while a
// good file in the same run is still processed; nothing on disk changes.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BAD_INPUTS } from './catalogue/bad-inputs.js'
import { cli, FIXTURES, type CliResult } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const GOOD = FIXTURES + 'backend-developer-senior.md'
let dir = ''
const snapshot = () =>
  readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => [e.name, statSync(join(dir, e.name)).mtimeMs, readFileSync(join(dir, e.name)).length].join(':')).sort()

beforeAll(() => {
  dir = tempDir('agentmerge-bad-')
  BAD_INPUTS.forEach((input, i) => writeFileSync(join(dir, `case-${i}.md`), input.content()))
  mkdirSync(join(dir, 'a-directory.md'))
})

describe('bad input through normalize', () => {
  BAD_INPUTS.forEach((input, i) => {
    it(input.name, async () => {
      const file = join(dir, `case-${i}.md`)
      const before = snapshot()
      const result = await cli(['normalize', file, GOOD])
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
      expect(result.stdout).toContain('name: backend-developer')
      if (input.expect.refused) {
        expect(result.code).toBe(2)
        const lines = result.stderr.trim().split('\n')
        expect(lines).toHaveLength(1)
        const place = input.expect.line === undefined ? `${file}(:\\d+)*` : `${file}:${input.expect.line}(:\\d+)?`
        expect(lines[0]).toMatch(new RegExp(`^${place.replace(/[/.]/g, (c) => '\\' + c)}: `))
        expect(lines[0]).toMatch(input.expect.message)
      } else {
        expect(result.code).toBe(0)
        if (input.expect.warning) expect(result.stderr).toMatch(input.expect.warning)
        else expect(result.stderr).toBe('')
      }
      expect(snapshot()).toEqual(before)
    })
  })

  it('a directory given as a file', async () => {
    // A directory stands for its agent files; one with none is reported, not skipped.
    const normalized = await cli(['normalize', join(dir, 'a-directory.md'), GOOD])
    expect(normalized.code).toBe(2)
    expect(normalized.stderr.split('\n').filter((l) => !l.includes(': warning: '))).toEqual([`${join(dir, 'a-directory.md')}: is a directory with no agent file in it`, ''])
    expect(normalized.stdout).toContain('name: backend-developer')
    // A merge is one output from all its inputs: without one of them, nothing is written.
    const merged = await cli(['merge', join(dir, 'a-directory.md'), GOOD])
    expect(merged.code).toBe(2)
    expect(merged.stderr.split('\n').filter((l) => !l.includes(': warning: '))).toEqual([`${join(dir, 'a-directory.md')}: is a directory with no agent file in it`, 'agentmerge: nothing written: 1 of 2 inputs could not be read', ''])
    expect(merged.stdout).toBe('')
  })

  it('an empty directory is one side of a diff: every agent of the other side is added', async () => {
    const root = tempDir('agentmerge-empty-side-')
    mkdirSync(join(root, 'old'))
    mkdirSync(join(root, 'new'))
    writeFileSync(join(root, 'new', 'senior.md'), readFileSync(GOOD))
    const result = await cli(['diff', join(root, 'old'), join(root, 'new')])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/30 added/)
  })

  it('a missing path', async () => {
    const missing = join(dir, 'missing.md')
    const result = await cli(['normalize', missing, GOOD])
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe(`${missing}: no such file`)
    expect(result.stdout).toContain('name: backend-developer')
  })

  it('--max-size sets the limit', async () => {
    const low = await cli(['normalize', '--max-size', '1KB', GOOD])
    expect(low.code).toBe(2)
    expect(low.stderr.trim()).toBe(`${GOOD}: file is 2.3 KiB, over the 1.0 KiB limit (raise it with --max-size)`)
    expect((await cli(['normalize', '--max-size', '3KB', GOOD])).code).toBe(0)
  })
})

// merge and diff take every case in one run each (so the catalogue costs two
// processes, not forty), and each case is then checked in that run's output.
const errorLines = (result: CliResult, file: string) =>
  result.stderr.split('\n').filter((line) => line.startsWith(file) && !line.includes(': warning: '))

describe('bad input through merge and diff', () => {
  let merged: CliResult
  let diffed: CliResult
  let agents = ''
  const caseFile = (root: string, i: number) => join(root, `case-${i}.md`)

  beforeAll(async () => {
    merged = await cli(['merge', ...BAD_INPUTS.map((_, i) => caseFile(dir, i)), GOOD, FIXTURES + 'backend-engineer.md'])
    // In an agents folder every Markdown file is an agent file, whatever it holds.
    const root = tempDir('agentmerge-bad-diff-')
    agents = join(root, '.claude', 'agents')
    mkdirSync(join(agents, 'old'), { recursive: true })
    mkdirSync(join(agents, 'new'))
    BAD_INPUTS.forEach((input, i) => {
      writeFileSync(caseFile(join(agents, 'old'), i), input.content())
      writeFileSync(caseFile(join(agents, 'new'), i), readFileSync(GOOD))
    })
    diffed = await cli(['diff', join(agents, 'old'), join(agents, 'new')])
  }, 120_000)

  it('merge: exit 2, every bad file reported, and nothing written (a merge missing a variant is not the canonical agent)', async () => {
    expect(merged.code).toBe(2)
    expect(merged.stdout).toBe('')
    expect(merged.stderr).toMatch(/agentmerge: nothing written: \d+ of \d+ inputs could not be read/)
    expect(merged.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
  })

  it('diff: exit 2, and the readable pairs are still compared', async () => {
    expect(diffed.code).toBe(2)
    expect(diffed.stdout).toMatch(/in \d+ files? of \d+/)
    expect(diffed.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
  })

  BAD_INPUTS.forEach((input, i) => {
    it(`merge and diff: ${input.name}`, async () => {
      for (const [result, file] of [[merged, caseFile(dir, i)], [diffed, caseFile(join(agents, 'old'), i)]] as const) {
        const lines = errorLines(result, file)
        if (input.expect.refused) {
          expect(lines).toHaveLength(1)
          expect(lines[0]).toMatch(input.expect.message)
          if (input.expect.line !== undefined) expect(lines[0]!.startsWith(`${file}:${input.expect.line}`)).toBe(true)
        } else {
          expect(lines).toEqual([])
        }
      }
    })
  })
})
