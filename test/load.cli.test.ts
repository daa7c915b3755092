// The CLI gives the same output whether files come from the parse cache,
// from worker threads or from a plain read: `normalize` and `normalize
// --json` over a directory of more files than the worker threshold.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, FIXTURE_FILES, FIXTURES } from './helpers/cli.js'

let dir: string
let agents: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agentmerge-load-cli-'))
  agents = join(dir, 'agents')
  mkdirSync(agents)
  for (let i = 0; i < 33; i++) copyFileSync(FIXTURES + FIXTURE_FILES[i % FIXTURE_FILES.length], join(agents, `agent-${String(i).padStart(2, '0')}.md`))
  writeFileSync(join(agents, 'agent-17b.md'), '---\nname: x\ndescription: never closed\n\nbody\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CLI: --cache and --jobs change nothing but speed', () => {
  it('normalize --json: one thread, worker threads, first and second cached run print the same', () => {
    const cache = join(dir, 'cache-json')
    const plain = cli(['--jobs', '0', 'normalize', '--json', agents])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toContain('agent-17b.md:1:1: frontmatter opened with')
    expect(JSON.parse(plain.stdout).agents).toHaveLength(33)
    for (const args of [['--jobs', '2'], ['--cache-location', cache], ['--cache-location', cache, '--jobs', '0']]) {
      const run = cli([...args, 'normalize', '--json', agents])
      expect({ args, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ args, code: plain.code, stdout: plain.stdout, stderr: plain.stderr })
    }
    expect(readdirSync(cache).length).toBeGreaterThan(0)
  })

  it('normalize and --cache in the default place (node_modules/.cache/agentmerge under the working directory)', () => {
    const cwd = join(dir, 'project')
    mkdirSync(cwd)
    const first = cli(['--cache', 'normalize', agents], { cwd })
    const second = cli(['--cache', 'normalize', agents], { cwd })
    expect(first.code).toBe(2)
    expect(first.stdout).toContain('name: backend-developer')
    expect(second).toEqual(first)
    expect(readdirSync(join(cwd, 'node_modules', '.cache', 'agentmerge')).length).toBeGreaterThan(0)
  })

  it('rejects a --jobs that is not a number', () => {
    const result = cli(['--jobs', 'many', 'normalize', agents])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--jobs')
  })
})
