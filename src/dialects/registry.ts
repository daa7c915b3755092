// The registry of dialects and the questions every other module asks it:
// which dialects there are, which one a file is in (by where it lies, else by
// its fields), what an agent file is called and where agents live. It holds
// definitions only (registered once at start, or by a test), never results.
import { basename, sep } from 'node:path'
import { AgentError } from '../errors.js'
import type { MetaField } from '../model.js'
import type { DialectSpec } from './types.js'

const specs: DialectSpec[] = []
let generation = 0

/** Adds a dialect (or replaces the one with its id). The first registered is the default. */
export function registerDialect(spec: DialectSpec): void {
  const at = specs.findIndex((s) => s.id === spec.id)
  if (at === -1) specs.push(spec)
  else specs[at] = spec
  generation++
}

/** Removes a dialect (tests that register one of their own clean up with it). */
export function unregisterDialect(id: string): void {
  const at = specs.findIndex((s) => s.id === id)
  if (at !== -1) specs.splice(at, 1)
  generation++
}

/** A number that changes whenever the registry does, for caches derived from it. */
export function registryGeneration(): number {
  return generation
}

export function dialects(): readonly DialectSpec[] {
  return specs
}

/** The ids of the registered dialects, in registration order. */
export function dialectIds(): string[] {
  return specs.map((s) => s.id)
}

/** The dialect with this id; an unknown id is a usage error. */
export function dialect(id: string): DialectSpec {
  const spec = specs.find((s) => s.id === id)
  if (!spec) throw new AgentError('usage', `unknown dialect '${id}' (one of ${dialectIds().join(', ')})`, '-')
  return spec
}

/** Reads a dialect name as a user writes it: its id or one of its aliases, in any case. */
export function findDialect(name: string): DialectSpec | undefined {
  const v = name.trim().toLowerCase()
  return specs.find((s) => s.id === v || s.aliases.includes(v))
}

const slashed = (path: string): string => path.split(sep).join('/')
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The agents folder a path lies in (`proj/.claude/agents`) and its dialect, or undefined. */
export function agentFolderOf(path: string): { folder: string; dialect: DialectSpec } | undefined {
  const p = slashed(path)
  let best: { folder: string; dialect: DialectSpec } | undefined
  for (const spec of specs) {
    for (const folder of spec.folders) {
      const m = new RegExp(`^(.*?(?:^|/)${escape(folder)})/`).exec(p)
      if (m && (!best || m[1]!.length < best.folder.length)) best = { folder: m[1]!, dialect: spec }
    }
  }
  return best
}

/** The top folders the dialects keep their agents under (`.claude`), which a directory walk must enter. */
export function agentRootFolders(): Set<string> {
  return new Set(specs.flatMap((s) => s.folders.map((f) => f.split('/')[0]!)))
}

/** The dialect a file's location implies: the folder each tool reads, or a file name ending only one tool uses. */
export function dialectOfLocation(path: string): DialectSpec | undefined {
  const inFolder = agentFolderOf(path)
  if (inFolder) return inFolder.dialect
  const name = basename(slashed(path)).toLowerCase()
  return specs.find((s) => s.suffixes?.some((suffix) => name.endsWith(suffix)))
}

/** The agent name a file would have without a `name` field. */
export function nameFromPath(path: string): string {
  if (path === '-') return 'stdin'
  const name = basename(path)
  const lower = name.toLowerCase()
  const suffixes = [...specs.flatMap((s) => s.suffixes ?? []), '.md', '.markdown'].sort((a, b) => b.length - a.length)
  const suffix = suffixes.find((s) => lower.endsWith(s))
  return suffix ? name.slice(0, name.length - suffix.length) : name
}

/**
 * The dialect a file follows: its location, else a field only one dialect
 * has (or a `tools` map, for a dialect that writes tools so), else the first
 * registered dialect.
 */
export function detectDialect(fields: readonly MetaField[], path: string): DialectSpec {
  const located = dialectOfLocation(path)
  if (located) return located
  const keys = new Set(fields.map((f) => f.key))
  const tools = fields.find((f) => f.key === 'tools')?.value
  const map = tools !== null && typeof tools === 'object' && !Array.isArray(tools)
  for (const spec of specs) {
    if (spec.ownFields.some((k) => keys.has(k)) || (map && spec.toolsMap)) return spec
  }
  return specs[0]!
}

/** Every field the dialect reads, ordered ones first. */
export function fieldsOf(spec: DialectSpec): string[] {
  return [...spec.fields, ...(spec.moreFields ?? [])]
}

/** Whether a key is a field of some dialect (as opposed to a custom one). */
export function knownField(key: string): boolean {
  return specs.some((s) => s.fields.includes(key) || s.moreFields?.includes(key))
}
