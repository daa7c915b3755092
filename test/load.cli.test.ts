// The CLI gives the same output whether files come from the parse cache,
// from worker threads or from a plain read: `normalize` and `normalize
// --json` over a directory of more files than the worker threshold.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

let dir: string
let agents: string

beforeAll(() => {
  dir = tempDir('agentmerge-load-cli-')
  agents = join(dir, 'agents')
  mkdirSync(agents)
  // More than 32 files, so that worker threads start; the smallest fixture,
  // each copy with a statement of its own, keeps the many runs cheap.
  const senior = readFileSync(FIXTURES + 'backend-developer-senior.md', 'utf8')
  for (let i = 0; i < 33; i++) writeFileSync(join(agents, `agent-${String(i).padStart(2, '0')}.md`), `${senior}\n\n- Statement of copy ${i}\n`)
  writeFileSync(join(agents, 'agent-17b.md'), '---\nname: x\ndescription: never closed\n\nbody\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CLI: --cache and --jobs change nothing but speed', () => {
  it('normalize --json: one thread, worker threads, first and second cached run print the same', async () => {
    const cache = join(dir, 'cache-json')
    const plain = await cli(['--jobs', '0', 'normalize', '--json', agents])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toContain('agent-17b.md:1:1: frontmatter opened with')
    expect(JSON.parse(plain.stdout).agents).toHaveLength(33)
    for (const args of [['--jobs', '2'], ['--cache-location', cache], ['--cache-location', cache, '--jobs', '0']]) {
      const run = await cli([...args, 'normalize', '--json', agents])
      expect({ args, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ args, code: plain.code, stdout: plain.stdout, stderr: plain.stderr })
    }
    expect(readdirSync(cache).length).toBeGreaterThan(0)
  })

  it('normalize and --cache in the default place (node_modules/.cache/agentmerge under the working directory)', async () => {
    const cwd = join(dir, 'project')
    mkdirSync(cwd)
    const first = await cli(['--cache', 'normalize', agents], { cwd })
    const second = await cli(['--cache', 'normalize', agents], { cwd })
    expect(first.code).toBe(2)
    expect(first.stdout).toContain('name: backend-developer')
    expect(second).toEqual(first)
    expect(readdirSync(join(cwd, 'node_modules', '.cache', 'agentmerge')).length).toBeGreaterThan(0)
  })

  it('rejects a --jobs that is not a number', async () => {
    const result = await cli(['--jobs', 'many', 'normalize', agents])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--jobs')
  })

  it('diff (two files, two directories), lint and convert read through the same loader: the same output with --cache and --jobs', async () => {
    const cache = join(dir, 'cache-commands')
    const other = join(dir, 'other')
    mkdirSync(other)
    // The same agents under the same names, one of them changed in meaning and one in form only.
    for (const f of readdirSync(agents)) copyFileSync(join(agents, f), join(other, f))
    writeFileSync(join(other, 'agent-03.md'), readFileSync(join(agents, 'agent-03.md'), 'utf8').replace(/^- /m, '* ').replace('## ', '## Extra\n\n- Document every endpoint.\n\n## '))
    const runs = [
      ['diff', '--formatting', join(agents, 'agent-03.md'), join(other, 'agent-03.md')],
      ['diff', '--formatting', '--format', 'json', agents, other],
      ['lint', agents],
      ['convert', '--to', 'opencode', join(agents, 'agent-00.md'), join(agents, 'agent-17b.md'), join(agents, 'agent-01.md')],
    ]
    for (const args of runs) {
      const plain = await cli(['--jobs', '0', ...args])
      expect(plain.stdout.length, args.join(' ')).toBeGreaterThan(0)
      for (const flags of [['--cache-location', cache], ['--cache-location', cache, '--jobs', '2']]) {
        const run = await cli([...flags, ...args])
        expect({ args, flags, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ args, flags, code: plain.code, stdout: plain.stdout, stderr: plain.stderr })
      }
    }
    expect(readdirSync(cache).length).toBeGreaterThan(0)
  })
})
