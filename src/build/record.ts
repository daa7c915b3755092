// The record of what the last build wrote, for outputs built with
// "provenance": "none": such a file carries no notes and has no sidecar, so
// without a record a later build could not tell a file no one touched (stale
// when a source changed) from one edited by hand. The record is kept outside
// the output, in the cache directory: one small JSON file per output, naming
// the output's real path and the SHA-256 of the text the build wrote (LF line ends). One
// file per output, written whole and renamed into place, so that two builds
// of different outputs never race on a shared file. A record that is absent,
// unreadable or about another path is no record.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { AgentError } from '../errors.js'
import type { Diagnostic } from '../model.js'
import { writeFilesAtomic, type WriteOptions } from '../write/atomic.js'
import { makeDirs } from '../write/dirs.js'

/** Bumped when the record's layout changes (an older record is then no record). */
const VERSION = 1

/** Where one output's record is, and what it says. */
export interface BuildRecord {
  /** The record's file. */
  file: string
  /** The output it is about: its real path. */
  output: string
  /** The SHA-256 of what the last build wrote there; null when nothing records it. */
  built: string | null
}

/** The record of an output (its real path) kept under a cache directory. */
export function readRecord(cacheDir: string, output: string): BuildRecord {
  const name = createHash('sha256').update(output).digest('hex')
  const file = join(resolve(cacheDir), 'builds', name.slice(0, 2), `${name.slice(2, 40)}.json`)
  let built: string | null = null
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; output?: unknown; sha256?: unknown }
    if (r.version === VERSION && r.output === output && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256)) built = r.sha256
  } catch {
    // Absent or unreadable: no record, and the build is conservative.
  }
  return { file, output, built }
}

/**
 * Records that `sha256` is what the build wrote at the record's output. A
 * record that cannot be written costs no output, only the next build's
 * certainty: it is a warning, not an error.
 */
export function writeRecord(record: BuildRecord, sha256: string, shownAs: string, options: Pick<WriteOptions, 'lockWaitMs'> = {}): Diagnostic[] {
  if (record.built === sha256) return []
  try {
    makeDirs(dirname(record.file))
    writeFilesAtomic([{ path: record.file, content: `${JSON.stringify({ version: VERSION, output: record.output, sha256 })}\n` }], options)
    return []
  } catch (error) {
    const why = error instanceof AgentError ? error.message : (error as Error).message
    return [{ severity: 'warning', code: 'build-record', message: `the record of this build was not kept (${record.file}: ${why}); the next build cannot tell a hand edit from a source change`, path: shownAs }]
  }
}
