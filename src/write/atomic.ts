// Atomic file writes: the new content goes to a temporary file beside the
// target, is flushed to disk, and is renamed over the target in one step, so
// an interrupted write leaves either the old file or the new one, never half.
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export function writeFileAtomic(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.agentmerge-${process.pid}-${Date.now().toString(36)}.tmp`)
  let mode: number | undefined
  try {
    mode = statSync(path).mode & 0o7777
  } catch {
    mode = undefined
  }
  const fd = openSync(temp, 'w', mode ?? 0o644)
  try {
    writeSync(fd, content)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    try { unlinkSync(temp) } catch { /* already gone */ }
    throw error
  }
  closeSync(fd)
  try {
    renameSync(temp, path)
  } catch (error) {
    try { unlinkSync(temp) } catch { /* already gone */ }
    throw error
  }
}
