// Builds what bin/ runs: one bundled ESM entry per public surface (the CLI
// with its commands split into lazily loaded chunks, and the library), plus
// the library's type declarations. Bundling is what makes start-up fast: Node
// spends most of a cold start resolving and loading hundreds of small modules.
//
// The bin runs the CLI from a single CommonJS file, dist/cli.cjs, with a V8
// code cache (dist/cli.cjs.cache) made here by running the CLI over the
// fixtures: Node 20 can load compiled code from a cache only for scripts
// (vm.Script cachedData), not for ES modules, and compiling the bundle's
// functions is a good part of a cold start. dist/cli.js (ESM) stays as the
// fallback when the cache file or the CommonJS bundle is missing.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'

// A --no-types build (the test set-up's) keeps the declarations of the last
// full build: dist/types comes from tsc, which the bundles do not change.
const noTypes = process.argv.includes('--no-types')
for (const entry of existsSync('dist') ? readdirSync('dist') : []) {
  if (!(noTypes && entry === 'types')) rmSync(`dist/${entry}`, { recursive: true, force: true })
}

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

await build({
  // load-worker is the worker-thread entry of loadAgents (src/load/pool.ts finds it beside the bundle).
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', 'load-worker': 'src/load/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  define,
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __amCreateRequire } from 'node:module'; const require = __amCreateRequire(import.meta.url);" },
})

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta.url, for finding dist/load-worker.js beside the bundle.
  define: { ...define, 'import.meta.url': '__amImportMetaUrl' },
  banner: { js: "const __amImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
})

// Train the code cache: each run starts from the cache the last one wrote and
// adds the functions it compiled. A failed run only makes the cache smaller.
const fixtures = ['backend-developer-elite.md', 'backend-engineer.md', 'backend-developer-opencode.md'].map((f) => `fixtures/backend-developer/${f}`)
for (const argv of [['--help'], ['diff', fixtures[0], fixtures[1]], ['normalize', '--json', ...fixtures], ['dedup', ...fixtures], ['merge', ...fixtures]]) {
  spawnSync(process.execPath, ['bin/agentmerge.js', ...argv], { stdio: 'ignore', env: { ...process.env, AGENTMERGE_CODE_CACHE: 'write' } })
}

if (noTypes) process.exit(0)

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)
