// The process's own streams, stdin, environment and working directory: what
// the bin runs the CLI with.
import { readFileSync } from 'node:fs'
import { once, type CliIo } from './io.js'

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: once(() => readFileSync(0)),
    env: process.env,
    cwd: process.cwd(),
  }
}
