// Turns command-line paths into input files: a directory stands for the
// Markdown files under it (sorted, so that runs are reproducible), `-` for
// standard input, anything else for itself.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SKIP = new Set(['node_modules', '.git'])

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
    if (entry.isDirectory() && !SKIP.has(entry.name) && !entry.name.startsWith('.')) walk(path, out)
    else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) out.push(path)
  }
}

/** Expands directories into the Markdown files below them; other paths stay as given. */
export function expandInputs(paths: string[]): string[] {
  const out: string[] = []
  for (const path of paths) {
    let isDir = false
    try {
      isDir = path !== '-' && statSync(path).isDirectory()
    } catch {
      isDir = false
    }
    if (isDir) walk(path, out)
    else out.push(path)
  }
  return out
}
