// What every command shares: exit codes, one-line error and warning output
// on stderr, running a command over several inputs so that one bad file is
// reported and the others are still processed, and the parsers commander
// validates option values with (a bad value is a usage error, exit 2).
import { statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { AgentError, formatDiagnostic, terminalLine } from '../errors.js'
import type { LoadOptions } from '../load/index.js'
import type { Diagnostic } from '../model.js'
import type { MojibakeMode } from '../read/decode.js'
import type { WriteOptions } from '../write/atomic.js'
import type { CliIo } from './io.js'
import type { ProgressOptions } from './progress.js'

export const EXIT = { ok: 0, changes: 1, trouble: 2 } as const

export interface GlobalOptions {
  debug?: boolean
  quiet?: boolean
  repair?: boolean
  maxSize?: number
  /** --cache: reuse parsed files whose content has not changed. */
  cache?: boolean
  /** --cache-location: where --cache keeps its entries (implies --cache). */
  cacheLocation?: string
  /** --jobs: worker threads for parsing (0 or 1: none; default: by file count and cores). */
  jobs?: number
}

/**
 * What a command's reads do with mojibake: `--no-repair` keeps it (no
 * repair and no warning) for every command; otherwise the command's own
 * way, a repair unless it says otherwise (convert writes the text as it is,
 * so it only warns).
 */
export function mojibakeOption(options: GlobalOptions, otherwise: MojibakeMode = 'repair'): MojibakeMode {
  return options.repair === false ? 'keep' : otherwise
}

/** The read options every command passes on, whatever reads its files: one read path. */
export function readOptions(options: GlobalOptions, io: CliIo): Pick<LoadOptions, 'mojibake' | 'maxBytes' | 'stdin' | 'pipes'> {
  // A pipe named on the command line is an input the user chose (`<(git show HEAD:a.md)`).
  return { mojibake: mojibakeOption(options), ...(options.maxSize !== undefined ? { maxBytes: options.maxSize } : {}), stdin: io.stdin, pipes: true }
}

/**
 * The write options of the run's environment: AGENTMERGE_LOCK_WAIT_MS
 * (milliseconds, when a positive number), how long a write waits for
 * another run's lock; read from `io.env`, so the run's caller decides.
 */
export function writeOptions(io: CliIo): Pick<WriteOptions, 'lockWaitMs'> {
  const ms = Number(io.env.AGENTMERGE_LOCK_WAIT_MS)
  return Number.isFinite(ms) && ms > 0 ? { lockWaitMs: ms } : {}
}

/** The loadAgents options the global CLI options stand for. */
export function loadOptions(options: GlobalOptions, io: CliIo): Pick<LoadOptions, 'cache' | 'workers' | 'mojibake' | 'maxBytes' | 'stdin' | 'pipes'> {
  return {
    cache: options.cacheLocation ?? options.cache === true,
    workers: options.jobs ?? 'auto',
    ...readOptions(options, io),
  }
}

/**
 * An error of the run as the machine formats report it (the `errors` list of
 * every JSON output, a `::error` annotation): what the one line on stderr
 * says, in parts; a place that is not known is null.
 */
export interface RunError {
  path: string | null
  line: number | null
  column: number | null
  message: string
}

/** Collects the outcome of a run: the worst exit code wins, and every error is kept for the machine formats. */
export class Run {
  code: number = EXIT.ok
  readonly errors: RunError[] = []
  constructor(readonly options: GlobalOptions, readonly io: CliIo) {}

  /** Writes to stdout. */
  out(text: string): void {
    this.io.stdout.write(text)
  }

  /** A note on stderr: one line whatever the paths and values in it hold (control characters escaped). */
  note(line: string): void {
    if (!this.options.quiet) this.io.stderr.write(terminalLine(line) + '\n')
  }

  warn(diagnostics: Diagnostic[]): void {
    if (this.options.quiet) return
    for (const d of diagnostics) this.io.stderr.write(formatDiagnostic(d) + '\n')
  }

  /** Reports an error in one line (a stack trace only with --debug) and marks the run as failed. */
  fail(error: unknown, path?: string): void {
    this.code = EXIT.trouble
    const record = errorRecord(error, path)
    this.errors.push(record)
    this.io.stderr.write(describeRecord(record) + '\n')
    if (this.options.debug && error instanceof Error && error.stack) this.io.stderr.write(error.stack + '\n')
  }

  /** Runs `fn` for an input, reporting its error instead of stopping the run. */
  each<T>(path: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (error) {
      this.fail(error, path)
      return undefined
    }
  }

  flag(code: number): void {
    this.code = Math.max(this.code, code)
  }

  /** Progress lines go to this run's stderr, erased before anything written to its stdout on the same terminal. */
  progress(): ProgressOptions {
    const { stdout, stderr } = this.io
    return { quiet: this.options.quiet === true, stream: stderr, others: stdout.isTTY ? [stdout] : [], env: this.io.env }
  }
}

/**
 * A system error's message names the file of the call that failed (for an
 * atomic write, its temporary file): the path the line starts with says
 * which file it was about, so that name is left out, wherever it is quoted.
 */
const withoutSyscallPath = (message: string): string => message.replace(/(\bE[A-Z]+: [^,()]*), \w+ '[^']*'/g, '$1')

/** An error in parts: an AgentError's own place, else the input it was about; anything else is an internal error. */
export function errorRecord(error: unknown, path?: string): RunError {
  if (error instanceof AgentError) return { path: error.path, line: error.line ?? null, column: error.line !== undefined ? (error.column ?? null) : null, message: withoutSyscallPath(error.message) }
  const message = withoutSyscallPath((error instanceof Error ? error.message.split('\n')[0] : undefined) ?? String(error))
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && path) return { path, line: null, column: null, message }
  return { path: path ?? null, line: null, column: null, message: `internal error: ${message} (rerun with --debug for details)` }
}

/** The one line an error is on stderr: `path:line:col: message`. */
function describeRecord(r: RunError): string {
  if (r.path === null) return terminalLine(r.message)
  return formatDiagnostic({ severity: 'error', code: 'error', path: r.path, ...(r.line !== null ? { line: r.line } : {}), ...(r.column !== null ? { column: r.column } : {}), message: r.message })
}

export function describe(error: unknown, path?: string): string {
  return describeRecord(errorRecord(error, path))
}

/** An output option's value: `-` is stdout, as when the option is not given (undefined); anything else a file. */
export const fileOrStdout = (value: string | undefined): string | undefined => (value === '-' ? undefined : value)

/**
 * Checks --cache-location: a directory, or a path one can be made at. A
 * file there (or in the way, as a parent) would leave the run without a cache
 * and without a word, as every cache write fails quietly.
 */
export function parseCacheLocation(value: string): string {
  for (let path = resolve(value); ; path = dirname(path)) {
    let isDirectory: boolean | undefined
    try {
      isDirectory = statSync(path).isDirectory()
    } catch {
      // Not there (or not reachable): the cache makes it, or its nearest ancestor decides.
    }
    if (isDirectory === false) throw new InvalidArgumentError(`${path === resolve(value) ? 'It' : path} is not a directory (the cache keeps its entries in one)`)
    if (isDirectory || dirname(path) === path) return value
  }
}

/** Parses a size like `2MB`, `512k` or `1048576` into bytes. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?$/i.exec(value.trim())
  if (!match) throw new InvalidArgumentError('use a size such as 2MB, 512k or 1048576')
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g']
  const bytes = Math.round(Number(match[1]) * unit)
  if (bytes < 1) throw new InvalidArgumentError('use a size of at least 1 byte')
  return bytes
}

/** Parses --jobs: a whole number of worker threads. */
export function parseJobs(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('use a whole number of threads (0 for none)')
  return Number(value)
}

/** Parses a duplicate threshold: a number in (0, 1]. */
export function parseThreshold(value: string): number {
  const n = Number(value.trim())
  if (value.trim() === '' || !(n > 0 && n <= 1)) throw new InvalidArgumentError('use a number above 0 and at most 1, such as 0.6')
  return n
}

/** A parser of whole numbers of at least `min`. */
export function wholeAtLeast(min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`use a whole number of at least ${min}`)
    return Number(value)
  }
}

/** The report formats of the checking commands (lint, build --check, normalize --check). */
export const FORMATS = ['text', 'json', 'github'] as const
export type ReportFormat = (typeof FORMATS)[number]
