// Builds what bin/ runs: one bundled ESM entry per public surface (the CLI
// with its commands split into lazily loaded chunks, and the library), plus
// the library's type declarations. Bundling is what makes start-up fast: Node
// spends most of a cold start resolving and loading hundreds of small modules.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })

await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
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
  define: { __AGENTMERGE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  banner: { js: "import { createRequire as __amCreateRequire } from 'node:module'; const require = __amCreateRequire(import.meta.url);" },
})

if (process.argv.includes('--no-types')) process.exit(0)

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)
