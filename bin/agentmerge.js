#!/usr/bin/env node
// Runs the CLI bundle, dist/cli.cjs, from V8's code cache (dist/cli.cjs.cache,
// made by scripts/build.mjs): compiling the bundle's functions is a good part
// of a cold start, and Node 20 caches compiled code only for scripts
// (vm.Script cachedData). A missing cache, or one from another Node version
// (which V8 rejects), only means the bundle is compiled as usual.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'

const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url))
const source = readFileSync(file, 'utf8')
const cacheFile = `${file}.cache`
let cachedData
try {
  cachedData = readFileSync(cacheFile)
} catch {
  cachedData = undefined
}
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`
const script = new Script(wrapped, { filename: file, cachedData })
// The build writes the cache after a run, so that it holds the functions the run compiled.
if (process.env.AGENTMERGE_CODE_CACHE === 'write') process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()))
const module = { exports: {} }
script.runInThisContext()(module.exports, createRequire(file), module, file, fileURLToPath(new URL('../dist', import.meta.url)))
