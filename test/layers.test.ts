// The layer order of src/, checked against every import (static, dynamic,
// type-only and re-exports): a module imports only from modules in lower
// layers (or from its own folder), and reaches into another folder only
// through that folder's index.ts when it has one. docs/development.md draws
// the same layers; the last test keeps its table and this one equal.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/cli.js'

/**
 * Bottom to top. A folder is written `name/`, a file of src/ `name.ts`.
 */
const LAYERS: string[][] = [
  ['model.ts'],
  ['errors.ts', 'version.ts', 'order.ts'],
  ['markdown/', 'dialects/'],
  ['read/'],
  ['parse/'],
  ['normalize/'],
  ['render/', 'walk.ts'],
  ['pipeline.ts', 'normalize.ts'],
  ['similarity/', 'write/', 'config/'],
  ['align/', 'convert/', 'load/'],
  ['dedup/'],
  ['diff/', 'merge/', 'lint/', 'driver/'],
  ['build/', 'report/'],
  ['index.ts', 'cli/'],
]

/**
 * Imports allowed to break the rules for a while, each with a comment naming
 * the issue that removes it (an entry that no longer breaks a rule fails the
 * test, so the list only shrinks). `file -> import`. Empty: keep it so.
 */
const ALLOWED = new Set<string>([
])

const SRC = join(ROOT, 'src')
const rank = new Map(LAYERS.flatMap((names, i) => names.map((name) => [name, i] as const)))

/** The module a path of src/ belongs to: its top folder (`diff/`) or, at the top, the file (`model.ts`). */
function moduleOf(path: string): string {
  const [first, ...rest] = path.split('/')
  return rest.length > 0 ? `${first}/` : first!
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

/**
 * Every relative import of a file: `import ... from`, `export ... from`,
 * `import('...')`, as src/-relative `.ts` paths; with `types: false`, not the
 * type-only ones (`import type`, `export type`).
 */
function importsOf(file: string, options: { types?: boolean } = {}): string[] {
  const text = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/(?:^(import|export)\s+(type\s)?[^'"]*?\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    if (options.types === false && m[2] !== undefined) continue
    out.push(relative(SRC, normalize(join(dirname(file), m[3]!))).replace(/\.js$/, '.ts'))
  }
  return out
}

/** What is wrong with one import, or undefined. */
function problem(from: string, to: string): string | undefined {
  const a = moduleOf(from)
  const b = moduleOf(to)
  if (a === b) return undefined
  const ra = rank.get(a)
  const rb = rank.get(b)
  if (ra === undefined) return `${a} is in no layer (add it to LAYERS and to docs/development.md)`
  if (rb === undefined) return `${b} is in no layer (add it to LAYERS and to docs/development.md)`
  if (rb >= ra) return `${a} (layer ${ra}) imports ${b} (layer ${rb}): against the layer order`
  if (b.endsWith('/') && !to.endsWith('/index.ts') && existsSync(join(SRC, b, 'index.ts'))) return `bypasses ${b}index.ts`
  return undefined
}

describe('layers of src/', () => {
  const files = sources(SRC).map((f) => relative(SRC, f))
  const found = files.flatMap((from) => importsOf(join(SRC, from)).map((to) => ({ from, to, why: problem(from, to) })))

  it('reads the imports (the check would pass vacuously otherwise)', () => {
    expect(files.length).toBeGreaterThan(50)
    expect(found.length).toBeGreaterThan(200)
    expect(found.every((i) => existsSync(join(SRC, i.to)))).toBe(true)
  })

  it('every import goes down the layers and through the folder index', () => {
    const broken = found.filter((i) => i.why !== undefined && !ALLOWED.has(`${i.from} -> ${i.to}`))
    expect(broken.map((i) => `${i.from} -> ${i.to}: ${i.why}`)).toEqual([])
  })

  it('the allow-list holds only imports that still break a rule', () => {
    const breaking = new Set(found.filter((i) => i.why !== undefined).map((i) => `${i.from} -> ${i.to}`))
    expect([...ALLOWED].filter((entry) => !breaking.has(entry))).toEqual([])
  })

  it('no modules load each other in a cycle (the layers leave none between folders; this finds one within a folder; type-only imports load nothing)', () => {
    const loaded = files.flatMap((from) => importsOf(join(SRC, from), { types: false }).map((to) => ({ from, to })))
    expect(loaded.length).toBeGreaterThan(200)
    expect(cycles(loaded)).toEqual([])
    expect(cycles([{ from: 'a/x.ts', to: 'a/y.ts' }, { from: 'a/y.ts', to: 'a/z.ts' }, { from: 'a/z.ts', to: 'a/x.ts' }])).toEqual(['a/x.ts -> a/y.ts -> a/z.ts -> a/x.ts'])
  })

  it('flags an import up the layers, one between modules of one layer, and one that bypasses an index', () => {
    expect(problem('model.ts', 'diff/index.ts')).toMatch(/against the layer order/)
    expect(problem('convert/index.ts', 'align/index.ts')).toMatch(/against the layer order/)
    expect(problem('merge/body.ts', 'similarity/terms.ts')).toMatch(/bypasses similarity\/index.ts/)
    expect(problem('diff/diff.ts', 'align/index.ts')).toBeUndefined()
    expect(problem('diff/format/text.ts', 'diff/model.ts')).toBeUndefined()
  })

  it('docs/development.md lists the same layers', () => {
    const doc = readFileSync(join(ROOT, 'docs/development.md'), 'utf8')
    const rows = [...doc.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => [Number(m[1]), [...m[2]!.matchAll(/`src\/([^`]+)`/g)].map((x) => x[1]!)] as const)
    expect(rows.map(([n]) => n)).toEqual(LAYERS.map((_, i) => i))
    expect(rows.map(([, names]) => names)).toEqual(LAYERS)
  })
})

/** The import cycles among these imports, each from the first file of it visited. */
function cycles(imports: ReadonlyArray<{ from: string; to: string }>): string[] {
  const edges = new Map<string, string[]>()
  for (const { from, to } of imports) edges.set(from, [...(edges.get(from) ?? []), to])
  const found: string[] = []
  const done = new Set<string>()
  const path: string[] = []
  const visit = (file: string): void => {
    path.push(file)
    for (const next of edges.get(file) ?? []) {
      const at = path.indexOf(next)
      if (at !== -1) found.push([...path.slice(at), next].join(' -> '))
      else if (!done.has(next)) visit(next)
    }
    path.pop()
    done.add(file)
  }
  for (const file of [...edges.keys()].sort()) if (!done.has(file)) visit(file)
  return found
}
