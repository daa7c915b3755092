// Bundles TypeScript entry points of the project with esbuild into a temp
// dir and imports them, so scripts (eval, train) run the real sources
// without a build of the project.
import { build } from 'esbuild'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * `entries`: name -> absolute path of a .ts file; returns name -> module.
 * `within`: the directory to bundle into (default the system's temporary
 * one); a bundle inside the repository finds the shipped data files the way
 * the product does.
 */
export async function bundle(entries, within = tmpdir()) {
  await mkdir(within, { recursive: true })
  const dir = await mkdtemp(join(within, 'agentmerge-script-'))
  try {
    await build({
      entryPoints: entries,
      outdir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
      // Some CommonJS dependencies call require(); give the ESM bundle one.
      banner: { js: "import { createRequire as __amCreateRequire } from 'node:module'; const require = __amCreateRequire(import.meta.url);" },
    })
    const out = {}
    for (const name of Object.keys(entries)) out[name] = await import(pathToFileURL(join(dir, `${name}.mjs`)).href)
    return out
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
