// Temporary files of the write path: a name that says whose it is (the
// target, the writing process and a random part), and a sweep that removes
// the ones a killed run left behind. A SIGKILL cannot clean up after itself,
// so every later write into the same directory sweeps it instead; a
// temporary whose process is still alive is another writer's, and is left.
import { randomBytes } from 'node:crypto'
import { lstatSync, readdirSync, unlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

const TEMP = /^\..+\.agentmerge-tmp-(\d+)-[0-9a-f]+$/

/** A fresh temporary path beside `target`. */
export function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.agentmerge-tmp-${process.pid}-${randomBytes(6).toString('hex')}`)
}

/** Whether a process is alive (one we may not signal is alive too): the owner of a temporary or of a lock. */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes the temporaries of dead writers in `dir`; returns how many. Failures only leave them. */
export function sweepTemporaries(dir: string): number {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return 0
  }
  let swept = 0
  for (const name of names) {
    const m = TEMP.exec(name)
    if (!m || processAlive(Number(m[1]))) continue
    const path = join(dir, name)
    try {
      if (!lstatSync(path).isFile()) continue
      unlinkSync(path)
      swept++
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return swept
}
