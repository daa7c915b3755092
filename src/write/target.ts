// Where a write really goes and what it must not touch. A symlink is written
// through to the file it names (replacing the link with a regular file would
// break the user's layout), and a target that is the same file as an input
// is refused whatever its spelling: `here/a.md` through `here -> .` is
// `a.md`, so files are compared by device and inode, not by path. A link's
// relative target is relative to the directory the link really is in, which
// is not its textual parent when that parent is reached through a symlink.
import { existsSync, lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { AgentError } from '../errors.js'

const MAX_LINKS = 40

/**
 * `path` (absolute) with its directory's symlinks resolved: the real path of
 * its nearest existing ancestor, then the rest as written (a directory not
 * made yet, or one that cannot be resolved, such as a loop, which the write
 * then reports).
 */
function realParent(path: string): string {
  const dir = dirname(path)
  if (dir === path) return path
  try {
    return join(realpathSync(dir), basename(path))
  } catch {
    return join(realParent(dir), basename(path))
  }
}

/** The path a write to `path` ends at: symlinks followed (a dangling one to the file it would create). */
export function finalTarget(path: string): string {
  let p = realParent(resolve(path))
  for (let i = 0; i < MAX_LINKS; i++) {
    let st: Stats
    try {
      st = lstatSync(p)
    } catch {
      return p
    }
    if (!st.isSymbolicLink()) return p
    p = realParent(resolve(dirname(p), readlinkSync(p)))
  }
  throw new AgentError('symlink-loop', 'too many levels of symbolic links', path)
}

/** Why a write into a directory that does not exist was refused, said alike before the work and at the write. */
export const NO_DIRECTORY = 'its directory does not exist'

/** Whether two writes end at one file: the same final path, or (both existing) the same file under two names. */
export function sameTarget(a: string, b: string): boolean {
  if (finalTarget(a) === finalTarget(b)) return true
  const id = identity(a)
  return id !== undefined && id === identity(b)
}

/** A file's identity (device and inode), undefined when it does not exist: the same file whatever its spelling. */
export function identity(path: string): string | undefined {
  try {
    const st = statSync(path)
    return `${st.dev}:${st.ino}`
  } catch {
    return undefined
  }
}

/** The input that is the same file as `target`, if any (`-` is stdin, never a file). */
function sameFileAs(target: string, inputs: readonly string[]): string | undefined {
  const id = identity(target)
  if (id === undefined) return undefined
  return inputs.find((input) => input !== '-' && identity(input) === id)
}

/** Refuses a target that is an input, or that exists and is not a regular file. */
export function checkTarget(path: string, final: string, inputs: readonly string[]): void {
  const input = sameFileAs(final, inputs)
  if (input !== undefined) {
    throw new AgentError('output-is-input', `is the same file as the input ${input}; inputs are never overwritten`, path)
  }
  let st: Stats
  try {
    st = statSync(final)
  } catch {
    return
  }
  if (!st.isFile()) throw new AgentError('not-a-file', 'exists and is not a regular file; not replaced', path)
}

/**
 * The same check before any work is done, for a command that would otherwise
 * read and render everything only to have the write refused (and, with
 * several outputs, write some of them); the write checks again just before
 * its rename. A directory that does not exist is refused here too.
 */
export function checkOutput(path: string, inputs: readonly string[]): void {
  const final = finalTarget(path)
  checkTarget(path, final, inputs)
  if (!existsSync(dirname(final))) throw new AgentError('write-failed', `not written (${NO_DIRECTORY})`, path)
}
