// The build configuration: which canonical agent files to write and from
// which sources. Found the way cosmiconfig and lilconfig find a tool's
// config: in the working directory, then in each parent, stopping at the
// repository root (a directory holding `.git`); in each directory,
// `package.json` with an `agentmerge` key, `.agentmergerc`,
// `.agentmergerc.json`, then `agentmerge.config.json`. Two of them in one
// directory is an error rather than a silent choice. `--config FILE` skips
// the search.
//
//   {
//     "to": "claude",                          // defaults for every agent
//     "agents": [
//       {
//         "output": ".claude/agents/backend-developer.md",
//         "sources": ["agents/backend/*.md", "vendor/backend-engineer.md"],
//         "prefer": "agents/backend/elite.md",
//         "tools": "union", "threshold": 0.6, "provenance": "sidecar"
//       }
//     ]
//   }
//
// Paths are relative to the directory of the file the config is in, and
// every one of them (outputs, sources, globs, prefer) must lie inside the
// repository root (the nearest directory up from the config holding `.git`,
// or the config's own directory): a config is data a pull request can
// change, and it must not make a build read or write anywhere else.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { AgentError } from '../errors.js'
import type { Dialect } from '../model.js'
import { dialectIds } from '../dialects/index.js'
import { parseJson } from './json.js'

export type ToolsPolicy = 'union' | 'intersection' | 'first'
export type ProvenanceMode = 'inline' | 'sidecar' | 'none'

export interface AgentTarget {
  /** The canonical file to write, relative to the config's directory. */
  output: string
  /** Source paths and globs, relative to the config's directory. */
  sources: string[]
  to?: Dialect
  prefer?: string
  tools?: ToolsPolicy
  threshold?: number
  provenance: ProvenanceMode
  /** Line of this entry in the config file, for messages. */
  line: number
}

export interface Config {
  /** The file the config was read from. */
  path: string
  /** The repository root every path in it must stay inside. */
  root: string
  /** The directory paths in it are relative to. */
  dir: string
  agents: AgentTarget[]
}

export const CONFIG_FILES = ['package.json', '.agentmergerc', '.agentmergerc.json', 'agentmerge.config.json'] as const

const POLICIES = ['union', 'intersection', 'first']
const MODES = ['inline', 'sidecar', 'none']
const ENTRY_KEYS = new Set(['output', 'sources', 'to', 'prefer', 'tools', 'threshold', 'provenance'])
const TOP_KEYS = new Set(['$schema', 'agents', 'to', 'tools', 'threshold', 'provenance'])

/** The line of the first occurrence of `"key"` at or after `from` in JSON text (1 when unknown). */
function lineOfKey(text: string, key: string, from = 0): number {
  const at = text.indexOf(JSON.stringify(key), from)
  return at === -1 ? 1 : text.slice(0, at).split('\n').length
}

/** The config in a file, or undefined for a package.json without an `agentmerge` key. */
export function readConfigFile(path: string): Config | undefined {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  let data = parseJson(text, path)
  let offset = 0
  if (/(^|[/\\])package\.json$/.test(path)) {
    if (!data || typeof data !== 'object' || !('agentmerge' in data)) return undefined
    data = (data as Record<string, unknown>).agentmerge
    offset = text.indexOf('"agentmerge"')
  }
  return validate(data, text, offset, path)
}

function validate(data: unknown, text: string, offset: number, path: string): Config {
  const fail = (message: string, key?: string, from = offset): never => {
    throw new AgentError('config', message, path, key ? lineOfKey(text, key, from) : lineOfKey(text, 'agents', offset))
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('the config is not an object with an "agents" list')
  const top = data as Record<string, unknown>
  for (const key of Object.keys(top)) if (!TOP_KEYS.has(key)) fail(`unknown key "${key}" (known: ${[...TOP_KEYS].filter((k) => k !== '$schema').join(', ')})`, key)
  if (!Array.isArray(top.agents) || top.agents.length === 0) fail('"agents" must be a non-empty list of {"output", "sources"}', 'agents')
  const defaults = checkOptions(top, fail, offset)
  const agents: AgentTarget[] = []
  const dir = dirname(resolve(path))
  const root = repositoryRoot(dir)
  // A glob is judged by its directory part, and may not climb with `..` after it.
  const outside = (p: string) => !isInside(root, resolve(dir, staticBase(p))) || p.slice(staticBase(p).length).split(/[/\\]/).includes('..')
  let cursor = text.indexOf('"agents"', offset)
  const outputs = new Map<string, number>()
  for (const entry of top.agents as unknown[]) {
    const line = lineOfKey(text, 'output', cursor)
    const from = Math.max(offset, text.indexOf('"output"', cursor))
    cursor = from + 1
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) fail('each entry of "agents" must be an object with "output" and "sources"', 'agents')
    const e = entry as Record<string, unknown>
    for (const key of Object.keys(e)) if (!ENTRY_KEYS.has(key)) fail(`unknown key "${key}" in an agent (known: ${[...ENTRY_KEYS].join(', ')})`, key, from)
    if (typeof e.output !== 'string' || e.output.trim() === '') fail('"output" must be the path of the canonical file', 'output', from)
    const sources = typeof e.sources === 'string' ? [e.sources] : e.sources
    if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string' && s.trim() !== '')) fail('"sources" must be a path or glob, or a non-empty list of them', 'sources', from)
    const output = e.output as string
    if (outside(output)) fail(`"output" ${JSON.stringify(output)} is outside the repository (${root}); not written`, 'output', from)
    for (const source of sources as string[]) {
      if (outside(source)) fail(`source ${JSON.stringify(source)} is outside the repository (${root}); not read`, 'sources', from)
    }
    if (typeof e.prefer === 'string' && outside(e.prefer)) fail(`"prefer" ${JSON.stringify(e.prefer)} is outside the repository (${root})`, 'prefer', from)
    const earlier = outputs.get(resolve(dir, output))
    if (earlier !== undefined) fail(`"${output}" is the output of two agents (also line ${earlier})`, 'output', from)
    outputs.set(resolve(dir, output), line)
    const options = { ...defaults, ...checkOptions(e, fail, from) }
    if (e.prefer !== undefined && typeof e.prefer !== 'string') fail('"prefer" must be a path', 'prefer', from)
    const target: AgentTarget = { output, sources: sources as string[], provenance: options.provenance ?? 'sidecar', line }
    if (options.to) target.to = options.to
    if (options.tools) target.tools = options.tools
    if (options.threshold !== undefined) target.threshold = options.threshold
    if (typeof e.prefer === 'string') target.prefer = e.prefer
    agents.push(target)
  }
  return { path, dir, root, agents }
}

/** The nearest directory up from `dir` holding `.git`, or `dir` itself. */
export function repositoryRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d
    if (dirname(d) === d) return resolve(dir)
  }
}

/** Whether `path` is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** The directory part of a pattern before its first glob character. */
function staticBase(pattern: string): string {
  const at = pattern.search(/[*?[\]{}]/)
  return at === -1 ? pattern : pattern.slice(0, pattern.lastIndexOf('/', at) + 1) || '.'
}

function checkOptions(o: Record<string, unknown>, fail: (m: string, k?: string, from?: number) => never, from: number): { to?: Dialect; tools?: ToolsPolicy; threshold?: number; provenance?: ProvenanceMode } {
  const out: { to?: Dialect; tools?: ToolsPolicy; threshold?: number; provenance?: ProvenanceMode } = {}
  if (o.to !== undefined) {
    if (!dialectIds().includes(o.to as string)) fail(`"to" must be one of ${dialectIds().join(', ')}`, 'to', from)
    out.to = o.to as Dialect
  }
  if (o.tools !== undefined) {
    if (!POLICIES.includes(o.tools as string)) fail(`"tools" must be one of ${POLICIES.join(', ')}`, 'tools', from)
    out.tools = o.tools as ToolsPolicy
  }
  if (o.threshold !== undefined) {
    if (typeof o.threshold !== 'number' || !(o.threshold > 0 && o.threshold <= 1)) fail('"threshold" must be a number in (0, 1]', 'threshold', from)
    out.threshold = o.threshold as number
  }
  if (o.provenance !== undefined) {
    if (!MODES.includes(o.provenance as string)) fail(`"provenance" must be one of ${MODES.join(', ')}`, 'provenance', from)
    out.provenance = o.provenance as ProvenanceMode
  }
  return out
}

/**
 * Finds the config from `start` upward, stopping at the repository root;
 * undefined when there is none.
 */
export function findConfig(start: string = process.cwd()): Config | undefined {
  let dir = resolve(start)
  for (;;) {
    const found: Config[] = []
    for (const name of CONFIG_FILES) {
      const path = join(dir, name)
      if (!existsSync(path) || !statSync(path).isFile()) continue
      const config = readConfigFile(path)
      if (config) found.push(config)
    }
    if (found.length > 1) {
      throw new AgentError('config-ambiguous', `agentmerge is configured in both ${found[0]!.path} and ${found[1]!.path}; keep one`, found[1]!.path)
    }
    if (found.length === 1) return found[0]
    if (existsSync(join(dir, '.git'))) return undefined
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The config named by `--config`, or the one found from the working directory. */
export function loadConfig(explicit?: string): Config {
  if (explicit) {
    if (!existsSync(explicit)) throw new AgentError('config-missing', 'no such config file', explicit)
    if (statSync(explicit).isDirectory()) throw new AgentError('usage', 'is a directory; --config names a config file', explicit)
    const config = readConfigFile(explicit)
    if (!config) throw new AgentError('config-missing', 'package.json has no "agentmerge" key', explicit)
    return config
  }
  const config = findConfig()
  if (!config) throw new AgentError('config-missing', `no config found (${CONFIG_FILES.filter((f) => f !== 'package.json').join(', ')} or an "agentmerge" key in package.json, here or in a parent up to the repository root); see agentmerge build --help`, process.cwd())
  return config
}

export { globFiles, isGlob } from './glob.js'
