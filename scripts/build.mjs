// Builds dist/: one bundle of the runtime, as ES modules with shared chunks,
// with three entries: the library (dist/index.js), the command line
// (dist/cli.js, which bin/agentmerge.js runs) and the parse worker
// (dist/load-worker.js); and the library's type declarations. Bundling is
// what makes start-up fast: Node spends most of a cold start resolving and
// loading hundreds of small modules. The CLI and the library share their
// chunks, so the runtime is shipped once.
//
// It also writes THIRD-PARTY-NOTICES: the license of every package bundled
// into dist/ (from esbuild's list of the files it bundled), and the notices
// of the collections the corpus of fixtures/ comes from (fixtures/LICENSES/),
// which the learned similarity data derives from.
//
// Everything is built beside dist/ and swapped in with two renames, so that
// a CLI run (a test, a bench) never finds dist/ half deleted or half written.
import { build } from 'esbuild'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

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

// The declarations come from tsc, which reads the sources, not the bundles:
// it runs while esbuild bundles (the test set-up waits for both).
const tsc = noTypes ? undefined : spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--outDir', `${next}/types`], { stdio: 'inherit' })
const types = new Promise((resolve) => (tsc ? tsc.on('close', (code) => resolve(code ?? 1)) : resolve(0)))

const result = await build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Whitespace only: identifiers are kept, so that a --debug stack trace still names functions (docs/performance.md).
  minifyWhitespace: true,
  logLevel: 'warning',
  outdir: next,
  metafile: true,
  // load-worker is the worker-thread entry of loadAgents (src/load/pool.ts finds it beside the bundle).
  entryPoints: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'load-worker': 'src/load/worker.ts' },
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  define: {
    __AGENTMERGE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
    __AGENTMERGE_BUILD__: JSON.stringify(buildId),
  },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __amCreateRequire } from 'node:module'; const require = __amCreateRequire(import.meta.url);" },
}).catch(async (error) => {
  // esbuild has printed what failed; tsc finishes (its bin is a launcher: a kill would leave the compiler writing), then the half-built directory goes.
  await types
  rmSync(next, { recursive: true, force: true })
  throw error
})

const typesStatus = await types
if (typesStatus !== 0) {
  rmSync(next, { recursive: true, force: true })
  process.exit(typesStatus)
}

if (existsSync('dist')) renameSync('dist', old)
renameSync(next, 'dist')
rmSync(old, { recursive: true, force: true })

writeFileSync('THIRD-PARTY-NOTICES', notices(Object.keys(result.metafile.inputs)))

/** The notices file: each bundled package's license text, then the corpus collections' notices. */
function notices(inputs) {
  const packages = new Map()
  for (const input of inputs) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)
    if (match) packages.set(match[1], input.slice(0, match.index + match[0].length))
  }
  const out = [
    'THIRD-PARTY-NOTICES for agentmerge',
    '',
    'dist/ bundles the following packages. Each is listed with its license as',
    'its package ships it.',
    '',
  ]
  for (const name of [...packages.keys()].sort()) {
    const dir = packages.get(name)
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$|-)/i.test(f))
    out.push('-'.repeat(72), `${meta.name}@${meta.version} (${meta.license ?? 'see below'})`, meta.homepage ?? (typeof meta.repository === 'string' ? meta.repository : meta.repository?.url ?? ''), '')
    out.push(file ? readFileSync(join(dir, file), 'utf8').trim() : `(no license file in the package; its package.json says: ${meta.license ?? 'nothing'})`, '')
  }
  const corpus = 'fixtures/LICENSES'
  if (existsSync(corpus)) {
    out.push('='.repeat(72), '', 'The learned similarity data (data/) is derived from agent definitions of', 'these public collections (github.com/OWNER/REPOSITORY, named OWNER--REPOSITORY):', '')
    for (const file of readdirSync(corpus).sort()) {
      out.push('-'.repeat(72), file.replace(/\.txt$/, '').replace('--', '/'), '', readFileSync(join(corpus, file), 'utf8').trim(), '')
    }
  }
  return out.join('\n') + '\n'
}
