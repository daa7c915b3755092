// Reads one input (a path, or `-` for stdin) into decoded text: a regular
// file, or, when asked (the CLI's command-line inputs), a pipe or device
// read to its end as stdin is; anything else, or more than the size limit,
// is refused: agent
// files are kilobytes, and a parse of megabytes would look like a hang.
import { closeSync, openSync, readFileSync, statSync } from 'node:fs'
import { AgentError } from '../errors.js'
import { decode, type Decoded, type DecodeOptions } from './decode.js'
import { readStdinSync } from './stdin.js'

/** The default limit on an input's size, raised with `--max-size`. */
export const DEFAULT_MAX_BYTES = 1024 * 1024

export interface ReadOptions extends DecodeOptions {
  maxBytes?: number
  /** Where `-` reads from (default: the process's stdin); the CLI passes its own. */
  stdin?: (limit?: number) => Uint8Array
  /**
   * Read a pipe or device named as a path to its end, as stdin is (the
   * CLI's command-line inputs: `<(git show HEAD:a.md)`); without it one is
   * refused, so that a build's sources never block on a FIFO.
   */
  pipes?: boolean
}

export interface Input extends Decoded {
  path: string
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/**
 * Refuses an input over the size limit: the one place that decides it and
 * says so. `whole`: `size` is the input's size (a file's, a blob's), else
 * only that a stream was read a byte past the limit, so no size is named.
 */
function checkSize(size: number, path: string, maxBytes: number, whole = true): void {
  if (size <= maxBytes) return
  throw new AgentError('too-large', `${whole ? `file is ${formatSize(size)}, over` : 'over'} the ${formatSize(maxBytes)} limit (raise it with --max-size)`, path)
}

function readBytes(path: string, maxBytes: number, stdin: (limit?: number) => Uint8Array, pipes: boolean): Uint8Array {
  if (path === '-') {
    // Read no further than the limit: `yes | agentmerge normalize -` is refused, not read forever.
    const bytes = stdin(maxBytes)
    checkSize(bytes.length, '-', maxBytes, false)
    return bytes
  }
  let stat
  try {
    stat = statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new AgentError('unreadable', code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`, path)
  }
  if (stat.isDirectory()) throw new AgentError('directory', 'is a directory with no agent file in it', path)
  // A pipe named on the command line (`agentmerge diff a.md <(git show HEAD:a.md)`, a mkfifo) is read to its end, as stdin is.
  if (pipes && (stat.isFIFO() || stat.isCharacterDevice())) return readStream(path, maxBytes)
  if (!stat.isFile()) throw new AgentError('not-a-file', 'not a regular file', path)
  checkSize(stat.size, path, maxBytes)
  try {
    return readFileSync(path)
  } catch (error) {
    throw new AgentError('unreadable', `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, path)
  }
}

/** A pipe or device, read to its end or a byte past `maxBytes`. */
function readStream(path: string, maxBytes: number): Uint8Array {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw new AgentError('unreadable', `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, path)
  }
  try {
    const bytes = readStdinSync(fd, maxBytes)
    checkSize(bytes.length, path, maxBytes, false)
    return bytes
  } catch (error) {
    if (error instanceof AgentError) throw new AgentError(error.code, error.message, path)
    throw error
  } finally {
    closeSync(fd)
  }
}

/** Reads and decodes one input; throws an AgentError naming it when it cannot. */
export function readInput(path: string, options: ReadOptions = {}): Input {
  const bytes = readBytes(path, options.maxBytes ?? DEFAULT_MAX_BYTES, options.stdin ?? ((limit) => readStdinSync(0, limit)), options.pipes === true)
  return { path, ...decode(bytes, path, options) }
}

/** Decodes bytes read elsewhere (a git blob, a buffer), with the same size limit as a file. */
export function inputFromBytes(bytes: Uint8Array, path: string, options: ReadOptions = {}): Input {
  checkSize(bytes.length, path, options.maxBytes ?? DEFAULT_MAX_BYTES)
  return { path, ...decode(bytes, path, options) }
}
