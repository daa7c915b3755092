// The published package: `npm pack` gives a tarball whose bin works after a
// global install into a clean prefix, and whose library API type-checks in a
// consumer project. Installs run offline against an empty npm cache: the
// runtime is bundled into dist/ and the one dependency, @types/mdast (for the
// types), travels inside the tarball as a bundled dependency.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES, ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error', '--cache', join(dir, 'empty-npm-cache')], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })

let dir = ''
let tarball = ''
// What `npm pack --json` said of the tarball it wrote: its size and files.
let listing = ''

beforeAll(() => {
  dir = tempDir('agentmerge-pack-')
  // dist/ is already built by the test setup; prepare would rebuild it under the feet of the other CLI tests.
  const packed = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)
  expect(packed.status, packed.stderr).toBe(0)
  listing = packed.stdout
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!)
}, 120_000)

describe('npm pack', () => {
  it('ships LICENSE and THIRD-PARTY-NOTICES, no code cache, and stays under 500 KB', () => {
    const [pack] = JSON.parse(listing) as Array<{ size: number; files: Array<{ path: string }> }>
    const files = pack!.files.map((f) => f.path)
    expect(files).toContain('LICENSE')
    expect(files).toContain('THIRD-PARTY-NOTICES')
    expect(files.filter((f) => /\.cache$|\.cjs$/.test(f))).toEqual([])
    // The learned similarity data (data/) is not counted.
    const data = pack!.files.filter((f) => f.path.startsWith('data/')).reduce((n, f) => n + ((f as { size?: number }).size ?? 0), 0)
    expect(pack!.size - data).toBeLessThan(500 * 1000)
    const notices = readFileSync(join(ROOT, 'THIRD-PARTY-NOTICES'), 'utf8')
    for (const name of ['diff@', 'commander@', 'yaml@', 'micromark@', 'wshobson/agents']) expect(notices).toContain(name)
    expect(notices).toContain('BSD 3-Clause License')
  })

  it('installs globally and runs through its bin', () => {
    const prefix = join(dir, 'global')
    const installed = npm(['install', '-g', '--offline', '--prefix', prefix, tarball], dir)
    expect(installed.status, installed.stderr).toBe(0)
    const bin = join(prefix, 'bin', 'agentmerge')
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' })
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const run = spawnSync(bin, ['normalize', FIXTURES + 'backend-developer-senior.md'], { encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^---\nname: backend-developer\n/)
  }, 120_000)

  it('ships types for the library API', () => {
    const consumer = join(dir, 'consumer')
    mkdirSync(consumer)
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    const installed = npm(['install', '--offline', tarball], consumer)
    expect(installed.status, installed.stderr).toBe(0)
    writeFileSync(join(consumer, 'main.ts'), `
      import { diffAgents, formatText, mergeAgents, parseAgent, renderMerged, statementsOf, type Agent, type AgentDiff, type MergeResult, type Statement } from 'agentmerge'
      const a: Agent = parseAgent('---\\nname: a\\n---\\n\\n- one\\n', 'a.md')
      const b: Agent = parseAgent('---\\nname: a\\n---\\n\\n- one\\n- two\\n', 'b.md')
      const first: Statement | undefined = statementsOf(a.root)[0]
      const merged: MergeResult = mergeAgents([a, b])
      const diff: AgentDiff = diffAgents(a, b)
      const text: string = renderMerged(merged) + formatText(diff) + (first?.source.line ?? 0)
      console.log(text.length)
    `)
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: [], rootDir: '.' }, files: ['main.ts'] }))
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', consumer], { encoding: 'utf8' })
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
    // And it runs: the library entry is a bundle with no runtime dependencies.
    const js = join(consumer, 'main.mjs')
    writeFileSync(js, `import { mergeAgents, parseAgent, renderMerged } from 'agentmerge'
      const agents = ['- one', '- one\\n- two'].map((body, i) => parseAgent('---\\nname: a\\n---\\n\\n' + body + '\\n', i + '.md'))
      process.stdout.write(renderMerged(mergeAgents(agents), 'none'))`)
    const ran = spawnSync(process.execPath, [js], { cwd: consumer, encoding: 'utf8' })
    expect(ran.stderr).toBe('')
    expect(ran.stdout).toBe('---\nname: a\n---\n\n- one\n- two\n')
  }, 120_000)
})
