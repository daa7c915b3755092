// The process's own streams, stdin, environment and working directory: what
// the bin runs the CLI with.
import { readStdinSync } from '../read/stdin.js'
import { once, type CliIo } from './io.js'

export function processIo(): CliIo {
  // A reader that stops early (`agentmerge ... | head`) closes the pipe: the
  // rest of the output has nowhere to go, which is not an error of the run.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', quietOnClosedPipe)
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: once((limit) => readStdinSync(0, limit)),
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  }
}

/** Ignores writes to a pipe whose reader has gone; any other stream error stays an error. */
function quietOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error
}
