// A lock per target for the moment its new content is renamed into place,
// so that two agentmerge runs writing the same output and sidecar cannot
// interleave them (one run's output beside the other's sidecar). The lock is
// a file holding its owner's process id, made in one step: a temporary
// holding the id is hard-linked to the lock's name, which fails if another
// run holds it. A lock whose owner is dead (killed mid-rename) is taken
// over. Where hard links are not supported the file is created exclusively
// and the id written after, two steps: a lock without an id is then one being
// created this instant (or whose creator died in between), and counts as held
// until it is older than any run waits for a lock, so it is never taken over
// from under its creator. (Created in two steps everywhere, a run killed
// between them had held the target for half a minute.)
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync, type Stats } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AgentError } from '../errors.js'
import { processAlive, tempPath } from './temp.js'

/** How long a run waits for a live owner's lock before giving up, unless the writer says otherwise (the CLI: AGENTMERGE_LOCK_WAIT_MS). */
const DEFAULT_WAIT_MS = 10_000
const SLEEP_MS = 5

/**
 * How old a lock without an owner's id must be to count as abandoned: longer
 * than a run waits for one, and never under a second, whatever wait a caller
 * asks for: creating the file and writing the id are one step apart, but a
 * loaded machine can pause its creator between them, and a caller's own short
 * wait must not take a fresh lock from under another run.
 */
const MIN_UNWRITTEN_MS = 1000
const unwrittenMs = (waitMs: number): number => Math.max(3 * waitMs, MIN_UNWRITTEN_MS)

const sleeper = new Int32Array(new SharedArrayBuffer(4))

function lockPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.agentmerge-lock`)
}

/** The lock's state: released since we tried (`gone`), held, or abandoned (`dead`, with the file judged). */
function ownerOf(lock: string, waitMs: number): { state: 'gone' | 'alive' } | { state: 'dead'; file: Stats } {
  let file: Stats
  let text: string
  try {
    file = statSync(lock)
    text = readFileSync(lock, 'utf8')
  } catch (error) {
    // Released between our attempt and this look; anything else (unreadable) is someone's lock.
    return { state: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'alive' }
  }
  const pid = Number(text.trim())
  const alive = Number.isInteger(pid) && pid > 0 ? processAlive(pid) : Date.now() - file.mtimeMs < unwrittenMs(waitMs)
  return alive ? { state: 'alive' } : { state: 'dead', file }
}

/** Removes an abandoned lock, unless it was replaced by a new one since it was judged. */
function takeOver(lock: string, judged: Stats): void {
  try {
    const now = statSync(lock)
    // A freed inode is reused at once on some file systems: the lock created since has another change time or size.
    if (now.ino === judged.ino && now.dev === judged.dev && now.ctimeMs === judged.ctimeMs && now.size === judged.size) unlinkSync(lock)
  } catch {
    // Someone else removed it first.
  }
}

/** Makes the lock holding this run's id; false when another run holds it. */
function create(lock: string): boolean {
  // A temporary of the write path's kind: one a killed run leaves is swept by the next write into the directory.
  const temp = tempPath(lock)
  try {
    writeFileSync(temp, `${process.pid}\n`, { flag: 'wx', mode: 0o644 })
  } catch {
    // A full disk may have made the file and refused its bytes.
    try { unlinkSync(temp) } catch { /* never made */ }
    return createInTwoSteps(lock)
  }
  try {
    linkSync(temp, lock)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    // No hard links here (or the link refused for another reason, which the exclusive create then reports).
    return createInTwoSteps(lock)
  } finally {
    try { unlinkSync(temp) } catch { /* swept later */ }
  }
}

/** The lock created exclusively, then its id written: where hard links are not supported. */
function createInTwoSteps(lock: string): boolean {
  let fd: number
  try {
    fd = openSync(lock, 'wx', 0o644)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    writeSync(fd, `${process.pid}\n`)
  } catch (error) {
    // Not left behind without an id, which would hold the target for a long while.
    closeSync(fd)
    unlinkSync(lock)
    throw error
  }
  closeSync(fd)
  return true
}

/** Takes the lock of `target` (waiting up to `waitMs` milliseconds for a live owner); returns its release. */
export function acquire(target: string, shown: string, waitMs: number = DEFAULT_WAIT_MS): () => void {
  const lock = lockPath(target)
  const waits = Math.ceil(waitMs / SLEEP_MS)
  for (let i = 0; i < waits; i++) {
    if (create(lock)) {
      return () => {
        try { unlinkSync(lock) } catch { /* already taken over */ }
      }
    }
    const owner = ownerOf(lock, waitMs)
    if (owner.state === 'gone') continue
    if (owner.state === 'dead') {
      takeOver(lock, owner.file)
      continue
    }
    Atomics.wait(sleeper, 0, 0, SLEEP_MS)
  }
  throw new AgentError('busy', `another agentmerge run holds ${lock}; not written`, shown)
}
