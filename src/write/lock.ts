// A lock per target for the moment its new content is renamed into place,
// so that two agentmerge runs writing the same output and sidecar cannot
// interleave them (one run's output beside the other's sidecar). The lock is
// a file created exclusively, holding its owner's process id; a lock whose
// owner is dead (killed mid-rename) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AgentError } from '../errors.js'
import { processAlive } from './temp.js'

/** How many times a live owner's lock is waited for, a short sleep each, before giving up. */
const WAITS = 2000
const SLEEP_MS = 5

const sleeper = new Int32Array(new SharedArrayBuffer(4))

function lockPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.agentmerge-lock`)
}

function ownerAlive(lock: string): boolean {
  let pid: number
  try {
    pid = Number(readFileSync(lock, 'utf8').trim())
  } catch {
    return false
  }
  return Number.isInteger(pid) && pid > 0 && processAlive(pid)
}

/** Takes the lock of `target` (waiting for a live owner); returns its release. */
export function acquire(target: string, shown: string): () => void {
  const lock = lockPath(target)
  for (let i = 0; i < WAITS; i++) {
    try {
      const fd = openSync(lock, 'wx', 0o644)
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      return () => {
        try { unlinkSync(lock) } catch { /* already taken over */ }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (!ownerAlive(lock)) {
      // An owner that died (or a lock being written this instant): take it over.
      try { unlinkSync(lock) } catch { /* someone else did */ }
      continue
    }
    Atomics.wait(sleeper, 0, 0, SLEEP_MS)
  }
  throw new AgentError('busy', `another agentmerge run holds ${lock}; not written`, shown)
}
