// What every command shares: exit codes, one-line error and warning output
// on stderr, and running a command over several inputs so that one bad file
// is reported and the others are still processed.
import { InvalidArgumentError } from 'commander'
import { AgentError, formatDiagnostic } from '../errors.js'
import type { LoadOptions } from '../load/index.js'
import type { Diagnostic } from '../model.js'
import { terminalLine } from '../write/sink.js'

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

/** The loadAgents options the global CLI options stand for. */
export function loadOptions(options: GlobalOptions): Pick<LoadOptions, 'cache' | 'workers' | 'noRepair' | 'maxBytes'> {
  return {
    cache: options.cacheLocation ?? options.cache === true,
    workers: options.jobs ?? 'auto',
    noRepair: options.repair === false,
    maxBytes: options.maxSize,
  }
}

/** Collects the outcome of a run: the worst exit code wins. */
export class Run {
  code: number = EXIT.ok
  constructor(readonly options: GlobalOptions) {}

  warn(diagnostics: Diagnostic[]): void {
    if (this.options.quiet) return
    for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n')
  }

  /** Reports an error in one line (a stack trace only with --debug) and marks the run as failed. */
  fail(error: unknown, path?: string): void {
    this.code = EXIT.trouble
    process.stderr.write(describe(error, path) + '\n')
    if (this.options.debug && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n')
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
}

export function describe(error: unknown, path?: string): string {
  if (error instanceof AgentError) return formatDiagnostic(error.toDiagnostic())
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && path) return terminalLine(`${path}: ${message}`)
  return terminalLine(`${path ? `${path}: ` : ''}internal error: ${message} (rerun with --debug for details)`)
}

/** Parses a size like `2MB`, `512k` or `1048576` into bytes. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?$/i.exec(value.trim())
  if (!match) throw new Error(`invalid size '${value}' (use e.g. 2MB or 1048576)`)
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g']
  return Math.round(Number(match[1]) * unit)
}

/** Parses --jobs: a whole number of worker threads. */
export function parseJobs(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('use a whole number of threads (0 for none)')
  return Number(value)
}
