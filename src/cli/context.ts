// What a command definition gets from the run it belongs to: the run's
// streams and environment, its command line, the global options once they
// are parsed, and where to leave the exit code.
import type { CliIo } from './io.js'
import type { GlobalOptions } from './shell.js'

export interface CommandContext {
  io: CliIo
  /** The command line, after the program name. */
  argv: string[]
  /** The global options (--quiet, --max-size, ...) of this run. */
  globals(): GlobalOptions
  /** Records the command's exit code. */
  done(code: number): void
}
