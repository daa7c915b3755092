// Builds what bin/ runs: one bundled ESM entry per public surface (the CLI
// with its commands split into lazily loaded chunks, and the library), plus
// the library's type declarations. Bundling is what makes start-up fast: Node
// spends most of a cold start resolving and loading hundreds of small modules.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })

// The build id: a hash of the sources, so that a parse cache written by one
// build is never read by another, even at the same package version.
const sources = createHash('sha256')
for (const file of readdirSync('src', { recursive: true }).map(String).sort()) {
  if (!/\.ts$/.test(file)) continue
  sources.update(file).update('\0').update(readFileSync(`src/${file}`)).update('\0')
}
const buildId = sources.digest('hex').slice(0, 12)

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
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  define: {
    __AGENTMERGE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
    __AGENTMERGE_BUILD__: JSON.stringify(buildId),
  },
  banner: { js: "import { createRequire as __amCreateRequire } from 'node:module'; const require = __amCreateRequire(import.meta.url);" },
})

if (process.argv.includes('--no-types')) process.exit(0)

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)
