// Runs the CLI the tests exercise. `cli` calls the built CLI's main
// (dist/cli.js, what the bin runs) in this process, with captured streams,
// stdin, environment and working directory, as prettier and eslint test
// theirs: no process to start, so the suite holds on a busy machine.
// `spawnCli` starts the real bin as a process, for the few tests where the
// process is the point (the bin itself, signals, a terminal, git running it).
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const BIN = fileURLToPath(new URL('../../bin/agentmerge.js', import.meta.url))
export const FIXTURES = fileURLToPath(new URL('../../fixtures/backend-developer/', import.meta.url))
const CLI_BUNDLE = pathToFileURL(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))).href

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface CliOptions {
  input?: string | Buffer
  /** Stdin is a terminal (no input piped). */
  stdinTTY?: boolean
  cwd?: string
  env?: Record<string, string>
}

interface Captured {
  write(text: string): boolean
  text(): string
  isTTY: boolean
}

interface CliModule {
  main(argv: string[], io: { stdout: Captured; stderr: Captured; stdin: () => Uint8Array; stdinIsTTY?: boolean; env: Record<string, string | undefined>; cwd: string }): Promise<number>
  Capture: new () => Captured
}

let loaded: Promise<CliModule> | undefined

/** The environment of a test run: no color unless a test asks for it. */
const environment = (env: Record<string, string> = {}): Record<string, string | undefined> => ({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env })

/** Runs the CLI in-process; resolves with its exit code and what it wrote. */
export async function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const { main, Capture } = await (loaded ??= import(/* @vite-ignore */ CLI_BUNDLE) as Promise<CliModule>)
  const stdout = new Capture()
  const stderr = new Capture()
  const input = options.input
  const stdin = () => (input === undefined ? new Uint8Array() : typeof input === 'string' ? Buffer.from(input, 'utf8') : input)
  const code = await main(args, { stdout, stderr, stdin, ...(options.stdinTTY ? { stdinIsTTY: true } : {}), env: environment(options.env), cwd: options.cwd ?? ROOT })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

/** Runs the real bin as a process, the way users and git run it. */
export function spawnCli(args: string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    env: environment(options.env),
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
