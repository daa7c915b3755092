// Reads stdin to its end, synchronously, whatever kind of file it is. Node
// can leave fd 0 non-blocking (a pipe, once the event loop has run), and then
// a read that comes before the writer has written fails with EAGAIN:
// `readFileSync(0)` turns a slow pipe into an error. Here a read that would
// block waits a moment and tries again, sleeping rather than spinning.
import { readSync } from 'node:fs'
import { AgentError } from '../errors.js'

const CHUNK = 64 * 1024
/** The longest wait between two tries of a pipe with nothing in it yet, in ms. */
const MAX_WAIT = 50

/** Sleeps this thread without spinning the CPU. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * The bytes of a file descriptor (stdin unless told) up to end of file, or
 * up to a byte past `limit` (the caller refuses what is over it rather than
 * reading an endless stream). What cannot be read (stdin a directory) is an
 * AgentError naming `-`, as every other line about stdin does.
 */
export function readStdinSync(fd = 0, limit = Infinity): Uint8Array {
  const chunks: Buffer[] = []
  let total = 0
  let wait = 1
  let buffer = Buffer.allocUnsafe(CHUNK)
  while (total <= limit) {
    let count: number
    try {
      count = readSync(fd, buffer, 0, CHUNK, null)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // Windows reports the end of a pipe as an error.
      if (code === 'EOF') break
      if (code !== 'EAGAIN') throw new AgentError('unreadable', `cannot read (${code ?? 'error'})`, '-')
      pause(wait)
      wait = Math.min(wait * 2, MAX_WAIT)
      continue
    }
    if (count === 0) break
    chunks.push(buffer.subarray(0, count))
    total += count
    buffer = Buffer.allocUnsafe(CHUNK)
    wait = 1
  }
  return Buffer.concat(chunks)
}
