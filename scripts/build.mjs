// Builds dist/: the library as a bundled ES module (dist/index.js, chunks
// shared with the parse worker, dist/load-worker.js), the CLI as one
// CommonJS file (dist/cli.cjs), and the library's type declarations.
// Bundling is what makes start-up fast: Node spends most of a cold start
// resolving and loading hundreds of small modules.
//
// The bin runs dist/cli.cjs with a V8 code cache (dist/cli.cjs.cache) made
// here by running the CLI over the fixtures: Node 20 can load compiled code
// from a cache only for scripts (vm.Script cachedData), not for ES modules,
// and compiling the bundle's functions is a good part of a cold start.
//
// Everything is built beside dist/ and swapped in with two renames, so that
// a CLI run (a test, a bench) never finds dist/ half deleted or half written.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'

const next = `dist.next-${process.pid}`
const old = `dist.old-${process.pid}`
rmSync(next, { recursive: true, force: true })

// A --no-types build keeps the declarations of the last full build: they
// come from tsc, which the bundles do not change.
const noTypes = process.argv.includes('--no-types')
if (noTypes && existsSync('dist/types')) cpSync('dist/types', `${next}/types`, { recursive: true })

// The build id: a hash of the sources, so that a parse cache written by one
// build is never read by another, even at the same package version.
const sources = createHash('sha256')
for (const file of readdirSync('src', { recursive: true }).map(String).sort()) {
  if (!/\.ts$/.test(file)) continue
  sources.update(file).update('\0').update(readFileSync(`src/${file}`)).update('\0')
}
const buildId = sources.digest('hex').slice(0, 12)

const define = {
  __AGENTMERGE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
  __AGENTMERGE_BUILD__: JSON.stringify(buildId),
}
const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning', outdir: next }

await build({
  ...common,
  // load-worker is the worker-thread entry of loadAgents (src/load/pool.ts finds it beside the bundle).
  entryPoints: { index: 'src/index.ts', 'load-worker': 'src/load/worker.ts' },
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  define,
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __amCreateRequire } from 'node:module'; const require = __amCreateRequire(import.meta.url);" },
})

await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import.meta.url, for finding dist/load-worker.js beside the bundle.
  define: { ...define, 'import.meta.url': '__amImportMetaUrl' },
  banner: { js: "const __amImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
})

if (!noTypes) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--outDir', `${next}/types`], { stdio: 'inherit' })
  if (tsc.status !== 0) {
    rmSync(next, { recursive: true, force: true })
    process.exit(tsc.status ?? 1)
  }
}

if (existsSync('dist')) renameSync('dist', old)
renameSync(next, 'dist')
rmSync(old, { recursive: true, force: true })

// Train the code cache: each run starts from the cache the last one wrote and
// adds the functions it compiled. A failed run only makes the cache smaller,
// and a cache V8 rejects is only a slower start.
const fixtures = ['backend-developer-elite.md', 'backend-engineer.md', 'backend-developer-opencode.md'].map((f) => `fixtures/backend-developer/${f}`)
for (const argv of [['--help'], ['diff', fixtures[0], fixtures[1]], ['normalize', '--json', ...fixtures], ['dedup', ...fixtures], ['merge', ...fixtures]]) {
  spawnSync(process.execPath, ['bin/agentmerge.js', ...argv], { stdio: 'ignore', env: { ...process.env, AGENTMERGE_CODE_CACHE: 'write' } })
}
