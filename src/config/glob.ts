// Config source globs, expanded by tinyglobby (fdir and picomatch: `*`, `?`,
// classes, braces, `**`), which stops at symlink cycles and matches no FIFO,
// socket or device. On top of it: only regular files count (a dangling link
// or a link loop is reported and skipped, never opened), a file reached by two paths through symlinks is
// listed once, under its first path in sorted order, and `node_modules` and
// `.git` are never entered. Patterns use `/`; results are sorted.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { globSync } from 'tinyglobby'

const GLOB_CHARS = /[*?[\]{}]/

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern)
}

/** `a/{b,c{d,e}}` -> `a/b`, `a/cd`, `a/ce`. */
export function expandBraces(pattern: string): string[] {
  let depth = 0
  let start = -1
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      i++
      continue
    }
    if (c === '{') {
      if (depth === 0) start = i
      depth++
    } else if (c === '}' && depth > 0) {
      depth--
      if (depth === 0) {
        const inner = pattern.slice(start + 1, i)
        const parts: string[] = []
        let d = 0
        let from = 0
        for (let k = 0; k < inner.length; k++) {
          if (inner[k] === '{') d++
          else if (inner[k] === '}') d--
          else if (inner[k] === ',' && d === 0) {
            parts.push(inner.slice(from, k))
            from = k + 1
          }
        }
        parts.push(inner.slice(from))
        if (parts.length < 2) continue
        const head = pattern.slice(0, start)
        const tail = pattern.slice(i + 1)
        return parts.flatMap((p) => expandBraces(head + p + tail))
      }
    }
  }
  return [pattern]
}

/** Called with each match that is skipped, and why. */
export type OnSkip = (path: string, why: string) => void

/** The regular files a pattern names under `base`, as paths relative to it (with `/`), sorted. */
export function globFiles(pattern: string, base: string, onSkip: OnSkip = () => {}): string[] {
  const matches = globSync([pattern.replace(/^\.\//, '')], {
    cwd: base,
    onlyFiles: false,
    followSymbolicLinks: true,
    expandDirectories: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  }).map((p) => p.replace(/\/$/, '')).sort()
  const seen = new Set<string>()
  const out: string[] = []
  for (const rel of matches) {
    let st
    try {
      st = statSync(join(base, rel))
    } catch {
      onSkip(rel, 'a dangling symbolic link or a symbolic link loop')
      continue
    }
    if (st.isDirectory()) continue
    if (!st.isFile()) {
      onSkip(rel, 'not a regular file')
      continue
    }
    const id = `${st.dev}:${st.ino}`
    if (seen.has(id)) continue
    seen.add(id)
    out.push(rel)
  }
  return out
}
