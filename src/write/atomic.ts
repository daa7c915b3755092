// The one write path of agentmerge: every file it writes (-o, the provenance
// sidecar, --report, --write, build, the merge driver, convert --out-dir)
// goes through writeFilesAtomic. Each file is written whole to a temporary
// beside its target (every byte checked written, the size checked, the data
// fsynced), then renamed over the target and the directory fsynced, so a
// crash or a full disk leaves the old file or the new one, never part of one.
// Before renaming it refuses a target that is the same file as an input
// (device and inode) or that changed since it was read, follows symlinks to
// the file they name, and holds each target's lock so that concurrent runs
// cannot interleave an output and its sidecar.
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { AgentError } from '../errors.js'
import { acquire } from './lock.js'
import { checkTarget, finalTarget, NO_DIRECTORY } from './target.js'
import { sweepTemporaries, tempPath } from './temp.js'

export interface WriteOptions {
  /** The run's inputs: a target that is the same file as one of them is refused. */
  inputs?: readonly string[]
  /** How long to wait for another run's lock on a target, in milliseconds (default: lock.ts' DEFAULT_WAIT_MS); the CLI passes AGENTMERGE_LOCK_WAIT_MS from its environment. */
  lockWaitMs?: number
}

export interface FileWrite {
  path: string
  content: string | Uint8Array
  /**
   * Checked with the target's bytes (undefined: no such file) just before the
   * rename; false means it changed since it was read, and nothing is written.
   */
  unchanged?: (current: Uint8Array | undefined) => boolean
}

interface Prepared {
  write: FileWrite
  final: string
  temp?: string
  mode: number
}

const reason = (error: unknown): string => {
  const e = error as NodeJS.ErrnoException
  if (e.code === 'ENOSPC') return 'no space left on device'
  if (e.code === 'EDQUOT') return 'disk quota exceeded'
  if (e.code === 'ENOENT') return NO_DIRECTORY
  // Node's message already opens with the code ("EACCES: permission denied, open ...").
  const first = e.message.split('\n')[0]!.replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '')
  return e.code && !first.startsWith(e.code) ? `${e.code}: ${first}` : first
}

function failed(path: string, error: unknown): AgentError {
  if (error instanceof AgentError) return error
  const kept = existsSync(path) ? '; the file on disk was left as it was' : ''
  return new AgentError('write-failed', `not written (${reason(error)})${kept}`, path)
}

/** Writes all of `bytes` to `fd`, however many calls it takes; a call that writes nothing is an error. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0
  while (offset < bytes.length) {
    const n = writeSync(fd, bytes, offset, bytes.length - offset)
    if (!(n > 0)) throw Object.assign(new Error('write made no progress'), { code: 'EIO' })
    offset += n
  }
}

function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Some file systems cannot fsync a directory; the rename itself still happened.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function writeTemp(p: Prepared): void {
  const bytes = typeof p.write.content === 'string' ? Buffer.from(p.write.content, 'utf8') : p.write.content
  const temp = tempPath(p.final)
  p.temp = temp
  const fd = openSync(temp, 'wx', p.mode)
  try {
    writeAll(fd, bytes)
    fsyncSync(fd)
    const size = fstatSync(fd).size
    if (size !== bytes.length) throw Object.assign(new Error(`${size} of ${bytes.length} bytes written`), { code: 'EIO' })
  } finally {
    closeSync(fd)
  }
}

function currentBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path)
  } catch {
    return undefined
  }
}

function cleanup(prepared: Prepared[]): void {
  for (const p of prepared) {
    if (p.temp === undefined) continue
    try { unlinkSync(p.temp) } catch { /* renamed or never made */ }
  }
}

/** Writes each file whole and renames them into place together, in order; all or, up to the renames, none. */
export function writeFilesAtomic(writes: readonly FileWrite[], options: WriteOptions = {}): void {
  const inputs = options.inputs ?? []
  const prepared: Prepared[] = []
  const swept = new Set<string>()
  for (const write of writes) {
    const final = finalTarget(write.path)
    checkTarget(write.path, final, inputs)
    const dir = dirname(final)
    if (!swept.has(dir)) sweepTemporaries(dir)
    swept.add(dir)
    let mode = 0o666
    try {
      mode = statSync(final).mode & 0o7777
    } catch {
      // A new file: the default mode, less the umask.
    }
    prepared.push({ write, final, mode })
  }
  const releases: Array<() => void> = []
  let current: Prepared | undefined
  try {
    for (const p of prepared) {
      current = p
      writeTemp(p)
    }
    current = undefined
    // Locks in one order whatever the order of the writes, so two runs cannot wait on each other.
    for (const p of [...prepared].sort((x, y) => (x.final < y.final ? -1 : x.final > y.final ? 1 : 0))) releases.push(acquire(p.final, p.write.path, options.lockWaitMs))
    for (const p of prepared) {
      if (p.write.unchanged && !p.write.unchanged(currentBytes(p.final))) {
        throw new AgentError('changed-on-disk', 'changed since agentmerge read it; not overwritten (run again)', p.write.path)
      }
    }
    for (const p of prepared) {
      current = p
      renameSync(p.temp!, p.final)
      p.temp = undefined
      fsyncDir(dirname(p.final))
    }
  } catch (error) {
    cleanup(prepared)
    throw failed(current?.write.path ?? prepared[0]?.write.path ?? '', error)
  } finally {
    for (const release of releases) release()
  }
}

/** Writes one file atomically (see writeFilesAtomic). */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: WriteOptions & Pick<FileWrite, 'unchanged'> = {}): void {
  writeFilesAtomic([{ path, content, ...(options.unchanged ? { unchanged: options.unchanged } : {}) }], options)
}
