// Shared by the attack tests: temporary repositories, and the CLI run with
// file-system faults injected (a child process with test/attack/fault.cjs
// preloaded; the in-process CLI helper cannot patch node:fs for one run).
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BIN, type CliResult } from '../helpers/cli.js'
import { tempDir } from '../helpers/tmp.js'

export const FAULT = fileURLToPath(new URL('./fault.cjs', import.meta.url))

/** A fresh directory holding `files` (path -> content). */
export function repo(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir('agentmerge-attack-')
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

/** The CLI with a fault injected (see fault.cjs for the modes). */
export function faulty(fault: string, args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, ['-r', FAULT, BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', AGENTMERGE_FAULT: fault }, encoding: 'utf8' })
  return { code: r.status ?? (r.signal ? 128 + 9 : -1), stdout: r.stdout, stderr: r.stderr }
}

export const agent = (name: string, bullets: string[], extra = ''): string => `---\nname: ${name}\ndescription: ${name} agent\n${extra}---\n\n# Rules\n\n${bullets.map((b) => `- ${b}\n`).join('')}`

/** A file normalize rewrites: `*` bullets become `-`. */
export const unnormalized = (name: string, n: number): string => `---\nname: ${name}\ndescription: ${name} agent\n---\n\n# Rules\n\n${Array.from({ length: n }, (_, i) => `* Rule number ${i} says something specific about topic ${i}.\n`).join('')}`
