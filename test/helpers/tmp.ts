// Temporary directories that are removed when the test that made them ends
// (or, made outside a test, when the file's tests end: setup.ts, run for
// every test file, calls removeLeftovers), pass or fail. Test files may
// share a worker and this module (vitest.config.ts), so no hook is
// registered here at import: it would belong to the first file only.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { FIXTURE_FILES, FIXTURES } from './cli.js'

const later: string[] = []

/** Removes the directories made outside a test so far. */
export function removeLeftovers(): void {
  for (const dir of later.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export function tempDir(prefix = 'agentmerge-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  try {
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  } catch {
    // Not inside a test (a beforeAll, a describe): removed after the file's tests.
    later.push(dir)
  }
  return dir
}

/** A temporary directory holding copies of the backend-developer fixtures, and the copies' paths. */
export function fixtureCopies(prefix: string): { dir: string; files: string[] } {
  const dir = tempDir(prefix)
  return { dir, files: FIXTURE_FILES.map((f) => (copyFileSync(FIXTURES + f, join(dir, f)), join(dir, f))) }
}
