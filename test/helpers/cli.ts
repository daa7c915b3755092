// Runs the real CLI as a process, the way users and CI run it.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const BIN = fileURLToPath(new URL('../../bin/agentmerge.js', import.meta.url))
export const FIXTURES = fileURLToPath(new URL('../../fixtures/backend-developer/', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export function cli(args: string[], options: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

export const FIXTURE_FILES = [
  'backend-developer-elite.md',
  'backend-developer-opencode.md',
  'backend-developer-senior.md',
  'backend-developer-structured.md',
  'backend-engineer.md',
] as const
