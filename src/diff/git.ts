// Reads the agent files that changed between two revisions through git
// itself: `git diff --name-status -z` lists them (renames paired), `git
// cat-file blob` reads each side. Without HEAD, NEW is the working tree, as
// with `git diff BASE`. `A..B` and `A...B` (from the merge base) work too.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AgentError } from '../errors.js'
import { dialectOfLocation } from '../dialects/index.js'

export interface GitChange {
  /** Path in OLD (repository-relative), or null for an added file. */
  oldPath: string | null
  newPath: string | null
}

export interface GitRange {
  /** The commit OLD is read from. */
  base: string
  /** The commit NEW is read from, or null for the working tree. */
  head: string | null
  /** The repository's top-level directory. */
  top: string
  /** The environment git runs in (the CLI's own). */
  env: Env
}

type Env = Readonly<Record<string, string | undefined>>

const MAX_BUFFER = 256 * 1024 * 1024

/** Runs git; a status outside `ok` is an error named after git's first line on stderr. */
export function git(args: string[], cwd: string, place = 'git', base: Env = process.env, ok: readonly number[] = [0]): Uint8Array {
  // An external diff driver set for the user's own `git diff` must not run here.
  const env: NodeJS.ProcessEnv = { ...base, GIT_PAGER: 'cat' }
  delete env.GIT_EXTERNAL_DIFF
  const result = spawnSync('git', args, { cwd, maxBuffer: MAX_BUFFER, env })
  if (result.error) throw new AgentError('git-failed', `cannot run git (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})`, place)
  if (!ok.includes(result.status ?? -1)) {
    const message = result.stderr.toString('utf8').trim().split('\n')[0] || `git ${args[0]} failed`
    throw new AgentError('git-failed', message.replace(/^(fatal|error): /, ''), place)
  }
  return result.stdout
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

/** Resolves `BASE [HEAD]`, `A..B` or `A...B` to commits. */
export function resolveRange(base: string, head: string | undefined, cwd: string, env: Env = process.env): GitRange {
  const commit = (rev: string): string => text(git(['rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`], cwd, rev, env)).trim()
  const top = text(git(['rev-parse', '--show-toplevel'], cwd, 'git', env)).trim()
  const three = base.indexOf('...')
  const two = base.indexOf('..')
  if (head === undefined && three > 0) {
    const a = base.slice(0, three)
    const b = base.slice(three + 3) || 'HEAD'
    const mergeBase = text(git(['merge-base', commit(a), commit(b)], cwd, base, env)).trim()
    return { base: mergeBase, head: commit(b), top, env }
  }
  if (head === undefined && two > 0) return { base: commit(base.slice(0, two)), head: commit(base.slice(two + 2) || 'HEAD'), top, env }
  return { base: commit(base), head: head === undefined ? null : commit(head), top, env }
}

/** Whether a path is an agent definition by where it lives or how it is named. */
export function isAgentPath(path: string): boolean {
  if (!/\.(md|markdown)$/i.test(path)) return false
  return dialectOfLocation(path) !== undefined
}

/** The agent files that differ between the range's two sides, sorted by path. */
export function changedAgentFiles(range: GitRange, paths: string[], cwd: string): GitChange[] {
  const args = ['diff', '--name-status', '-z', '--no-ext-diff', '--no-textconv', '--no-relative', '-M', '--no-color', range.base]
  if (range.head) args.push(range.head)
  args.push('--', ...paths)
  const fields = text(git(args, cwd, 'git', range.env)).split('\0')
  const out: GitChange[] = []
  // Paths given explicitly count as agent files whatever their names.
  const explicit = paths.length > 0
  const wanted = (p: string) => (explicit ? /\.(md|markdown)$/i.test(p) : isAgentPath(p))
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++]
    if (!status) break
    const letter = status[0]
    if (letter === 'R' || letter === 'C') {
      const from = fields[i++]!
      const to = fields[i++]!
      if (letter === 'C') {
        if (wanted(to)) out.push({ oldPath: null, newPath: to })
      } else if (wanted(from) || wanted(to)) out.push({ oldPath: wanted(from) ? from : null, newPath: wanted(to) ? to : null })
      continue
    }
    const path = fields[i++]!
    if (!wanted(path)) continue
    if (letter === 'A') out.push({ oldPath: null, newPath: path })
    else if (letter === 'D') out.push({ oldPath: path, newPath: null })
    else out.push({ oldPath: path, newPath: path })
  }
  const key = (c: GitChange) => (c.newPath ?? c.oldPath)!
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

/** The bytes of a path at a commit, or in the working tree when `rev` is null (the size limit is the reader's, as for any file). */
export function readAt(range: GitRange, rev: string | null, path: string): Uint8Array {
  if (rev !== null) return git(['cat-file', 'blob', `${rev}:${path}`], range.top, path, range.env)
  try {
    return readFileSync(join(range.top, path))
  } catch (error) {
    throw new AgentError('unreadable', `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, path)
  }
}

/**
 * git's own line diff of two files (`git diff --no-index`), for git's
 * external diff driver on a file that is not an agent definition. git hands
 * the driver temporary files: the headers name the repository paths instead.
 */
export function lineDiff(oldFile: string, newFile: string, oldPath: string, newPath: string, options: { color: boolean; env?: Env }): string {
  const args = ['diff', '--no-index', '--no-ext-diff', '--no-textconv', `--color=${options.color ? 'always' : 'never'}`, '--', oldFile, newFile]
  // 0: no differences, 1: differences; anything else is git's trouble.
  const out = text(git(args, process.cwd(), newPath, options.env ?? process.env, [0, 1]))
  const strip = (file: string) => file.replace(/^\/+/, '')
  const lines = out.split('\n')
  const hunk = lines.findIndex((l) => l.includes('@@ '))
  // An added or deleted file (one side /dev/null) is named by the other side's temporary on both a/ and b/.
  const named: Array<[string, string]> = [[oldFile, oldPath], [newFile, newPath]].filter(([f]) => f !== '/dev/null') as Array<[string, string]>
  const rename = (l: string) => named.reduce((line, [f, path]) => line.split(`a/${strip(f)}`).join(`a/${path}`).split(`b/${strip(f)}`).join(`b/${path}`), l)
  const header = (hunk === -1 ? lines : lines.slice(0, hunk)).map(rename)
  return [...header, ...(hunk === -1 ? [] : lines.slice(hunk))].join('\n')
}
