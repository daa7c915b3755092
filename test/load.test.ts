// loadAgents: the parse cache and the worker threads give the same agents as
// reading each file on its own (compared as JSON), in input order, with each
// file's error kept. Worker threads need the bundled worker entry, so those
// tests use dist/ (built by the global set-up); the cache tests use the
// sources. No timing assertions: speed is measured by `npm run bench`.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AgentError, loadAgents, readAgent, type Agent } from '../src/index.js'
import { readInput } from '../src/read/read.js'
import { ROOT } from './helpers/cli.js'
import { fixtureCopies } from './helpers/tmp.js'

let dir: string
let files: string[]
const temp = () => mkdtempSync(join(dir, 'cache-'))
const json = (agents: Agent[]) => JSON.stringify(agents)
const plain = (paths: string[]) => paths.map((p) => readAgent(p))

/** Every file under a directory, recursively. */
function entries(root: string): string[] {
  return readdirSync(root, { recursive: true }).map(String).map((f) => join(root, f)).filter((f) => statSync(f).isFile())
}

beforeAll(() => {
  ;({ dir, files } = fixtureCopies('agentmerge-load-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('loadAgents: cache', () => {
  it('a hit returns the same model as a fresh parse, mdast nodes included', async () => {
    const cache = temp()
    const first = await loadAgents(files, { cache })
    expect(first.stats).toMatchObject({ cached: 0, parsed: 5 })
    const second = await loadAgents(files, { cache })
    expect(second.stats).toMatchObject({ cached: 5, parsed: 0 })
    expect(json(second.agents)).toBe(json(plain(files)))
    expect(json(first.agents)).toBe(json(second.agents))
    // The statements' mdast nodes came back too (rendering needs them).
    expect(second.agents[0]!.root.body.length).toBeGreaterThan(0)
    expect(entries(cache)).toHaveLength(5)
  })

  it('a changed file misses and is parsed again; the others still hit', async () => {
    const cache = temp()
    const path = join(dir, 'changing.md')
    writeFileSync(path, '---\nname: changing\n---\n\n- Use tabs.\n')
    const paths = [...files, path]
    await loadAgents(paths, { cache })
    writeFileSync(path, '---\nname: changing\n---\n\n- Use spaces.\n')
    const again = await loadAgents(paths, { cache })
    expect(again.stats).toMatchObject({ cached: 5, parsed: 1 })
    expect(json(again.agents)).toBe(json(plain(paths)))
    expect(JSON.stringify(again.agents[5]!.root)).toContain('Use spaces.')
    // The entry was rewritten in place, not added beside the old one.
    expect(entries(cache)).toHaveLength(6)
  })

  it('a corrupt or truncated entry is ignored and rewritten', async () => {
    const cache = temp()
    await loadAgents(files, { cache })
    const stored = entries(cache)
    writeFileSync(stored[0]!, 'not a cache entry')
    writeFileSync(stored[1]!, readFileSync(stored[1]!).subarray(0, 200))
    writeFileSync(stored[2]!, '')
    const broken = await loadAgents(files, { cache })
    expect(broken.stats).toMatchObject({ cached: 2, parsed: 3 })
    expect(broken.errors).toEqual([])
    expect(json(broken.agents)).toBe(json(plain(files)))
    const repaired = await loadAgents(files, { cache })
    expect(repaired.stats).toMatchObject({ cached: 5, parsed: 0 })
  })

  it('another tool version, or options that change the parse, miss', async () => {
    const cache = temp()
    await loadAgents(files, { cache })
    expect((await loadAgents(files, { cache, cacheVersion: '99.0.0' })).stats).toMatchObject({ cached: 0, parsed: 5 })
    // The entries now belong to 99.0.0: the real version misses once, then hits.
    expect((await loadAgents(files, { cache })).stats).toMatchObject({ cached: 0, parsed: 5 })
    const repaired = await loadAgents(files, { cache, mojibake: 'keep' })
    expect(repaired.stats).toMatchObject({ cached: 0, parsed: 5 })
    expect(json(repaired.agents)).toBe(json(files.map((p) => readAgent(p, { mojibake: 'keep' }))))
    expect(json(repaired.agents)).not.toBe(json(plain(files)))
  })

  it('keepText returns the decoded text each agent was built from, cached or not', async () => {
    const cache = temp()
    for (let run = 0; run < 2; run++) {
      const { results } = await loadAgents(files, { cache, keepText: true })
      expect(results.map((r) => r.text)).toEqual(files.map((p) => readInput(p).text))
      expect(results[1]!.text).toContain('⚙️')
    }
  })

  it('onAgent sees each agent read, once, as soon as it is ready, and whether it came from the cache', async () => {
    const cache = temp()
    const missing = join(dir, 'missing.md')
    const paths = [files[0]!, missing, ...files.slice(1)]
    for (const cached of [false, true]) {
      const seen: Array<[string, boolean]> = []
      const { agents } = await loadAgents(paths, { cache, onAgent: (agent, hit) => seen.push([agent.path, hit]) })
      expect(seen.map(([path]) => path).sort()).toEqual(files.slice().sort())
      expect(seen.every(([, hit]) => hit === cached)).toBe(true)
      expect(agents.map((a) => a.path)).toEqual(files)
    }
  })

  it('read errors are reported per file and never cached', async () => {
    const cache = temp()
    const missing = join(dir, 'missing.md')
    const result = await loadAgents([files[0]!, missing, files[1]!], { cache })
    expect(result.results.map((r) => r.path)).toEqual([files[0], missing, files[1]])
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toBeInstanceOf(AgentError)
    expect(result.errors[0]!.code).toBe('unreadable')
    expect(entries(cache)).toHaveLength(2)
  })
})

describe('loadAgents: worker threads (dist/)', () => {
  type Lib = typeof import('../src/index.js')
  let lib: Lib
  let mixed: string[]

  beforeAll(async () => {
    lib = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Lib
    const unclosed = join(dir, 'unclosed.md')
    writeFileSync(unclosed, '---\nname: x\ndescription: never closed\n\nbody\n')
    const binary = join(dir, 'binary.md')
    writeFileSync(binary, Buffer.from([0x2d, 0x2d, 0x00, 0x01]))
    const yaml = join(dir, 'yaml.md')
    writeFileSync(yaml, '---\nname: a\nname: b\n---\n\nbody\n')
    // Fixtures under several names, with bad files among them: errors from
    // reading (main thread) and from parsing (worker) at known places.
    mixed = []
    for (let i = 0; i < 12; i++) {
      const path = join(dir, `copy-${String(i).padStart(2, '0')}.md`)
      copyFileSync(files[i % files.length]!, path)
      mixed.push(path)
      if (i === 2) mixed.push(unclosed)
      if (i === 5) mixed.push(join(dir, 'nope.md'))
      if (i === 7) mixed.push(binary)
      if (i === 9) mixed.push(yaml)
    }
  })

  const errorFields = (errors: AgentError[]) => errors.map((e) => ({ name: e.name, code: e.code, message: e.message, path: e.path, line: e.line, column: e.column, isAgentError: e instanceof AgentError }))

  it('keep input order and every file\'s error, and give the same agents as one thread', async () => {
    const one = await lib.loadAgents(mixed, { workers: 0 })
    const two = await lib.loadAgents(mixed, { workers: 2 })
    expect(one.stats.workers).toBe(0)
    expect(two.stats.workers).toBe(2)
    expect(two.results.map((r) => r.path)).toEqual(mixed)
    expect(two.results.map((r) => (r.error ? r.error.code : 'ok'))).toEqual(one.results.map((r) => (r.error ? r.error.code : 'ok')))
    expect(errorFields(two.errors)).toEqual(errorFields(one.errors))
    expect(two.errors.map((e) => e.code)).toEqual(['frontmatter-unclosed', 'unreadable', 'binary', 'yaml-duplicate-key'])
    expect(two.errors.every((e) => e instanceof lib.AgentError)).toBe(true)
    expect(json(two.agents)).toBe(json(one.agents))
    expect(json(two.agents)).toBe(json(plain(mixed.filter((p) => !two.errors.some((e) => e.path === p)))))
  })

  it('with the cache: workers fill it, and a re-run reads the same agents back', async () => {
    const cache = temp()
    const progress: number[] = []
    const ready: Agent[] = []
    const cold = await lib.loadAgents(mixed, { workers: 2, cache, onProgress: (done) => progress.push(done), onAgent: (agent) => ready.push(agent) })
    expect(progress).toEqual(mixed.map((_, i) => i + 1))
    // Each agent was handed over as it arrived, the very object returned.
    expect(ready).toHaveLength(cold.agents.length)
    expect(new Set(ready)).toEqual(new Set(cold.agents))
    const warm = await lib.loadAgents(mixed, { workers: 2, cache })
    expect(warm.stats).toMatchObject({ cached: 12, parsed: 2 })
    expect(json(warm.agents)).toBe(json(cold.agents))
    expect(errorFields(warm.errors)).toEqual(errorFields(cold.errors))
  })
})
