// Turns command-line paths into agent files: a file stands for itself (`-`
// for stdin), a directory for the agent files below it, in sorted order so
// that runs are reproducible. An agent file is a Markdown file that opens
// with frontmatter or lies where a tool looks for agents; the agent folders
// `.claude`, `.opencode` and `.github` are entered, other hidden folders and
// node_modules are not.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { agentRootFolders, dialectOfLocation } from '../dialects/index.js'

function opensWithFrontmatter(path: string): boolean {
  const buffer = Buffer.alloc(8)
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const n = readSync(fd, buffer, 0, 8, 0)
    return /^(\uFEFF)?---\r?\n/.test(buffer.subarray(0, n).toString('utf8'))
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function walk(dir: string, out: string[]): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || (entry.name.startsWith('.') && !agentRootFolders().has(entry.name))) continue
      walk(path, out)
    } else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) {
      if (dialectOfLocation(path) !== undefined || opensWithFrontmatter(path)) out.push(path)
    }
  }
}

/**
 * Files as given; each directory stands for the agent files below it. A
 * directory that holds none stays in the list as itself, so that reading it
 * reports it: an input the user named is never dropped in silence. Where an
 * empty directory means something (one side of a diff: no agents yet),
 * `emptyDirs: 'allowed'` leaves it out instead.
 */
export function findAgentFiles(paths: string[], options: { emptyDirs?: 'reported' | 'allowed' } = {}): string[] {
  const out: string[] = []
  for (const path of paths) {
    let isDir = false
    try {
      isDir = path !== '-' && statSync(path).isDirectory()
    } catch {
      isDir = false
    }
    const before = out.length
    if (isDir) walk(path, out)
    if (out.length === before && !(isDir && options.emptyDirs === 'allowed')) out.push(path)
  }
  return out
}
