// A small glob matcher for config sources, so that agentmerge needs no glob
// dependency (Node 20 has no fs.glob, and path.matchesGlob is experimental).
// Supported: `*` (any run of characters within one path segment), `?` (one
// character), `[abc]`/`[a-z]`/`[!a]` (a class), `{a,b}` (alternatives, may
// nest), `**` as a whole segment (any number of directories, none included).
// As in shells, `*` and `?` do not match a leading dot; `node_modules` and
// `.git` are never entered by `**`. Patterns use `/`; results are sorted.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

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

/** The regular expression of one path segment without braces. */
export function segmentRegExp(segment: string): RegExp {
  let re = ''
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!
    if (c === '\\' && i + 1 < segment.length) re += '\\' + segment[++i]
    else if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2)
      if (end === -1) re += '\\['
      else {
        let body = segment.slice(i + 1, end)
        if (body.startsWith('!')) body = '^' + body.slice(1)
        re += `[${body.replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&')
  }
  // A leading dot is matched only by a pattern that writes it.
  const dot = segment.startsWith('.') ? '' : '(?!\\.)'
  return new RegExp(`^${dot}${re}$`)
}

function list(dir: string): Array<{ name: string; dir: boolean }> {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .map((e) => {
        let isDir = e.isDirectory()
        if (e.isSymbolicLink()) {
          try {
            isDir = statSync(join(dir, e.name)).isDirectory()
          } catch {
            isDir = false
          }
        }
        return { name: e.name, dir: isDir }
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } catch {
    return []
  }
}

function walk(base: string, rel: string, segments: string[], out: Set<string>): void {
  if (segments.length === 0) {
    out.add(rel)
    return
  }
  const [segment, ...rest] = segments as [string, ...string[]]
  const here = join(base, rel)
  if (segment === '**') {
    walk(base, rel, rest, out)
    for (const e of list(here)) {
      if (!e.dir || e.name === 'node_modules' || e.name === '.git' || e.name.startsWith('.')) continue
      walk(base, rel === '' ? e.name : `${rel}/${e.name}`, segments, out)
    }
    return
  }
  if (!isGlob(segment)) {
    const next = rel === '' ? segment : `${rel}/${segment}`
    if (rest.length === 0) {
      try {
        if (statSync(join(base, next)).isFile()) out.add(next)
      } catch {
        // not there
      }
    } else walk(base, next, rest, out)
    return
  }
  const re = segmentRegExp(segment)
  for (const e of list(here)) {
    if (!re.test(e.name)) continue
    if (rest.length === 0 ? e.dir : !e.dir) continue
    walk(base, rel === '' ? e.name : `${rel}/${e.name}`, rest, out)
  }
}

/** The files a pattern names under `base`, as paths relative to it (with `/`), sorted. */
export function globFiles(pattern: string, base: string): string[] {
  const out = new Set<string>()
  for (const p of expandBraces(pattern.replace(/^\.\//, ''))) {
    walk(base, '', p.split('/').filter((s) => s !== '' && s !== '.'), out)
  }
  return [...out].sort()
}
