// Turns command-line paths into agent files: a file stands for itself (`-`
// for stdin), a directory for the agent files below it, in sorted order so
// that runs are reproducible. A directory holds docs, skills and notes too,
// so a Markdown file found there is taken as an agent only when it lies
// where a tool looks for agents, or its frontmatter reads as an agent's (a
// description, and a name or another agent field) with no sign of another
// kind of file (a skill's SKILL.md, a docs site's title or sidebar keys). The
// agent folders `.claude`, `.opencode` and `.github` are entered, other
// hidden folders and node_modules are not, and what `.agentmergeignore` in
// the working directory names (gitignore syntax) is left out. A FIFO, socket
// or device with an agent file's name is skipped and reported (reading a FIFO
// would block).
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent } from 'node:fs'
import { basename, isAbsolute, join, relative, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { agentRootFolders, dialectOfLocation } from '../dialects/index.js'
import { byCodeUnits } from '../order.js'
import { parse } from 'yaml'

/** The ignore file read from the working directory. */
const IGNORE_FILE = '.agentmergeignore'
/** Enough of a file to hold any agent's frontmatter. */
const HEAD_BYTES = 64 * 1024
/** Fields agent definitions have beside `description` (OpenCode's carry no name). */
const AGENT_KEYS = ['name', 'mode', 'tools', 'model']
/** Fields that mark a page of a docs site (Docusaurus, Jekyll, Hugo, VitePress), not an agent. */
const DOCS_KEYS = new Set(['title', 'sidebar_position', 'sidebar_label', 'slug', 'layout', 'permalink', 'nav_order', 'weight', 'hide_title'])
/** Files of other kinds that share the agents' format. */
const OTHER_FILES = new Set(['skill.md', 'readme.md', 'changelog.md', 'contributing.md', 'license.md'])

function head(path: string): string {
  const buffer = Buffer.allocUnsafe(HEAD_BYTES)
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    return buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0)).toString('utf8')
  } catch {
    return ''
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Whether a Markdown file outside the agent folders is an agent, by its
 * frontmatter. Frontmatter that cannot be read counts as an
 * agent's, so that reading it reports the trouble instead of passing over it.
 */
function readsAsAgent(path: string): boolean {
  if (OTHER_FILES.has(basename(path).toLowerCase())) return false
  const text = head(path).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')
  if (!/^---[ \t]*\n/.test(text)) return false
  const end = /\n(?:-{3,}|\.{3})[ \t]*(?:\n|$)/.exec(text)
  if (!end) return true
  // Only the keys matter here; frontmatter that strict YAML refuses (agent
  // tools read some leniently) is left to the reader, which reports or reads it.
  let keys: Set<string>
  try {
    // logLevel: the yaml library would print its warnings (an unknown tag) itself, without the file; the reader reports them.
    const data: unknown = parse(text.slice(text.indexOf('\n') + 1, end.index + 1), { maxAliasCount: 100, logLevel: 'error' })
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return false
    keys = new Set(Object.keys(data))
  } catch {
    return true
  }
  return keys.has('description') && AGENT_KEYS.some((k) => keys.has(k)) && ![...keys].some((k) => DOCS_KEYS.has(k))
}

/** The rules of the working directory's ignore file, and the path a file is tested under. */
function ignoreRules(cwd: string): ((path: string, isDir: boolean) => boolean) | undefined {
  let text: string
  try {
    text = readFileSync(join(cwd, IGNORE_FILE), 'utf8')
  } catch {
    return undefined
  }
  const rules: Ignore = ignore().add(text)
  return (path, isDir) => {
    const rel = relative(cwd, path)
    // Paths outside the working directory are not the ignore file's to judge.
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false
    return rules.ignores(rel.split(sep).join('/') + (isDir ? '/' : ''))
  }
}

/** What a directory entry that is neither a directory, a regular file nor a symbolic link is. */
function special(entry: Dirent): string {
  return entry.isFIFO() ? 'a FIFO' : entry.isSocket() ? 'a socket' : 'a device'
}

function walk(dir: string, out: string[], ignored: ((path: string, isDir: boolean) => boolean) | undefined, onSkip: FindOptions['onSkip']): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  entries.sort((a, b) => byCodeUnits(a.name, b.name))
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || (entry.name.startsWith('.') && !agentRootFolders().has(entry.name))) continue
      if (ignored?.(path, true)) continue
      walk(path, out, ignored, onSkip)
    } else if (!entry.isSymbolicLink() && /\.(md|markdown)$/i.test(entry.name)) {
      if (ignored?.(path, false)) continue
      if (!entry.isFile()) onSkip?.(path, `not a regular file (${special(entry)})`)
      else if (dialectOfLocation(path) !== undefined || readsAsAgent(path)) out.push(path)
    }
  }
}

export interface FindOptions {
  /** 'allowed': a directory with no agent file in it is left out (one side of a diff: no agents yet); default 'reported'. */
  emptyDirs?: 'reported' | 'allowed'
  /** Where `.agentmergeignore` is looked for; default the process's working directory. */
  cwd?: string
  /** Called with each file a directory holds that is skipped (not a regular file), and why. */
  onSkip?: (path: string, why: string) => void
}

/**
 * Files as given; each directory stands for the agent files below it. A
 * directory that holds none stays in the list as itself, so that reading it
 * reports it: an input the user named is never dropped in silence. Where an
 * empty directory means something (one side of a diff: no agents yet),
 * `emptyDirs: 'allowed'` leaves it out instead.
 */
export function findAgentFiles(paths: string[], options: FindOptions = {}): string[] {
  const out: string[] = []
  let ignored: ((path: string, isDir: boolean) => boolean) | undefined | null = null
  for (const path of paths) {
    let isDir = false
    try {
      isDir = path !== '-' && statSync(path).isDirectory()
    } catch {
      isDir = false
    }
    const before = out.length
    if (isDir) walk(path, out, ignored === null ? (ignored = ignoreRules(options.cwd ?? process.cwd())) : ignored, options.onSkip)
    if (out.length === before && !(isDir && options.emptyDirs === 'allowed')) out.push(path)
  }
  return out
}
