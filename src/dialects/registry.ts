// The registry of dialects and the questions every other module asks it:
// which dialects there are, which one a file is in (by where it lies, else by
// its fields), what an agent file is called, where agents live and what a
// tool name means. A registry is built once from a list of dialects and never
// changes; the default one, from the fixed list of list.ts, is what the other
// modules ask (index.ts), and a test builds its own with createRegistry.
import { basename, sep } from 'node:path'
import { AgentError } from '../errors.js'
import type { MetaField } from '../model.js'
import { spellTool, toolId, toolNames } from './tools.js'
import type { DialectSpec, ToolNames } from './types.js'

const slashed = (path: string): string => path.split(sep).join('/')
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What a registry answers (index.ts exports the default registry's answers under the same names). */
export interface Registry {
  /** The dialects, the default (a file with no sign of another) first. */
  dialects(): readonly DialectSpec[]
  /** The ids of the dialects, the default first. */
  dialectIds(): string[]
  /** The dialect with this id; an unknown id is a usage error. */
  dialect(id: string): DialectSpec
  /** Reads a dialect name as a user writes it: its id or one of its aliases, in any case. */
  findDialect(name: string): DialectSpec | undefined
  /** The agents folder a path lies in (`proj/.claude/agents`) and its dialect, or undefined. */
  agentFolderOf(path: string): { folder: string; dialect: DialectSpec } | undefined
  /** The top folders the dialects keep their agents under (`.claude`), which a directory walk must enter. */
  agentRootFolders(): ReadonlySet<string>
  /** The dialect a file's location implies: the folder each tool reads, or a file name ending only one tool uses. */
  dialectOfLocation(path: string): DialectSpec | undefined
  /** The agent name a file would have without a `name` field. */
  nameFromPath(path: string): string
  /**
   * The dialect a file follows: its location, else a field only one dialect
   * has (or a `tools` map, for a dialect that writes tools so), else the
   * first dialect.
   */
  detectDialect(fields: readonly MetaField[], path: string): DialectSpec
  /** Whether a key is a field of some dialect (as opposed to a custom one). */
  knownField(key: string): boolean
  /** Every tool name the dialects know, to its canonical id: what a dialect's `tools.read` and `tools.problem` are handed. */
  toolNames: ToolNames
  /** The canonical id of a tool as written in any of the dialects: `Read` -> `read`, `Task(x)` -> `agent(x)`. */
  toolId(written: string): string
  /** Whether any of the dialects spells the tool. */
  spelledAnywhere(id: string): boolean
}

/** A registry of these dialects (ids unique; the first is the default). */
export function createRegistry(list: readonly DialectSpec[]): Registry {
  const specs: readonly DialectSpec[] = Object.freeze([...list])
  const ids = new Set<string>()
  for (const spec of specs) {
    if (ids.has(spec.id)) throw new Error(`dialect '${spec.id}' listed twice`)
    ids.add(spec.id)
  }
  const dialectIds = (): string[] => specs.map((s) => s.id)
  // What the questions below read on every file, made once: the registry never changes.
  const folders = specs.flatMap((spec) => spec.folders.map((folder) => ({ spec, pattern: new RegExp(`^(.*?(?:^|/)${escape(folder)})/`) })))
  const roots = new Set(specs.flatMap((s) => s.folders.map((f) => f.split('/')[0]!)))
  const names = toolNames(specs)
  const suffixes = [...specs.flatMap((s) => s.suffixes ?? []), '.md', '.markdown'].sort((a, b) => b.length - a.length)
  const agentFolderOf = (path: string): { folder: string; dialect: DialectSpec } | undefined => {
    const p = slashed(path)
    let best: { folder: string; dialect: DialectSpec } | undefined
    for (const { spec, pattern } of folders) {
      const m = pattern.exec(p)
      if (m && (!best || m[1]!.length < best.folder.length)) best = { folder: m[1]!, dialect: spec }
    }
    return best
  }
  const dialectOfLocation = (path: string): DialectSpec | undefined => {
    const inFolder = agentFolderOf(path)
    if (inFolder) return inFolder.dialect
    const name = basename(slashed(path)).toLowerCase()
    return specs.find((s) => s.suffixes?.some((suffix) => name.endsWith(suffix)))
  }
  return {
    dialects: () => specs,
    dialectIds,
    dialect(id) {
      const spec = specs.find((s) => s.id === id)
      if (!spec) throw new AgentError('usage', `unknown dialect '${id}' (one of ${dialectIds().join(', ')})`, '-')
      return spec
    },
    findDialect(name) {
      const v = name.trim().toLowerCase()
      return specs.find((s) => s.id === v || s.aliases.includes(v))
    },
    agentFolderOf,
    agentRootFolders: () => roots,
    dialectOfLocation,
    nameFromPath(path) {
      if (path === '-') return 'stdin'
      const name = basename(path)
      const lower = name.toLowerCase()
      const suffix = suffixes.find((s) => lower.endsWith(s))
      return suffix ? name.slice(0, name.length - suffix.length) : name
    },
    detectDialect(fields, path) {
      const located = dialectOfLocation(path)
      if (located) return located
      const keys = new Set(fields.map((f) => f.key))
      const tools = fields.find((f) => f.key === 'tools')?.value
      const map = tools !== null && typeof tools === 'object' && !Array.isArray(tools)
      for (const spec of specs) {
        if (spec.ownFields.some((k) => keys.has(k)) || (map && spec.toolsMap)) return spec
      }
      return specs[0]!
    },
    knownField: (key) => specs.some((s) => s.fields.includes(key) || s.moreFields?.includes(key)),
    toolNames: names,
    toolId: (written) => toolId(written, names),
    spelledAnywhere: (id) => specs.some((spec) => spellTool(id, spec) !== undefined),
  }
}

/** Every field the dialect reads, ordered ones first. */
export function fieldsOf(spec: DialectSpec): string[] {
  return [...spec.fields, ...(spec.moreFields ?? [])]
}
