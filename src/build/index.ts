// `agentmerge build`: each canonical agent the config names, written from
// its sources (converted to the target dialect, merged with provenance).
// planBuild works out, without writing anything, what each output would be
// and where the file on disk stands:
// - up-to-date: the file (and its provenance sidecar) are what a build writes;
// - missing: no file yet;
// - stale: it differs, and everything it says came from a build (its
//   statements and field values are in the new output or in the provenance
//   recorded by the last build), so rewriting it loses nothing;
// - edited: it says something that neither the new output nor the last
//   build's provenance has: a person wrote it. Those statements and fields
//   are listed with path:line, and the file is not overwritten without force.
// applyBuild then writes what is stale or missing, atomically, and only
// files whose content changes.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { AgentTarget, Config } from '../config/index.js'
import { globFiles, isGlob } from '../config/glob.js'
import { diffAgents, type AgentDiff } from '../diff/index.js'
import { AgentError } from '../errors.js'
import { mergeAgents, provenanceJson, renderMerged } from '../merge/index.js'
import type { Agent, Diagnostic, Dialect } from '../model.js'
import { parseAgent } from '../pipeline.js'
import { statementsOf } from '../walk.js'
import { writeFileAtomic } from '../write/atomic.js'

type BuildStatus = 'up-to-date' | 'missing' | 'stale' | 'edited' | 'error'

/** Something in the canonical file that no source and no earlier build has. */
interface HandEdit {
  line: number
  what: 'statement' | 'field'
  text: string
}

interface BuildItem {
  target: AgentTarget
  /** The output path relative to the config's directory. */
  output: string
  sidecar?: string
  /** The source files, relative to the config's directory. */
  sources: string[]
  status: BuildStatus
  /** Why only the sidecar is stale. */
  provenanceOnly?: boolean
  /** The text a build writes, and its sidecar. */
  text?: string
  sidecarText?: string
  /** The semantic diff from the file on disk to what a build writes. */
  diff?: AgentDiff
  edits: HandEdit[]
  warnings: Diagnostic[]
  error?: unknown
}

interface BuildOptions {
  /** Overrides every target's dialect. */
  to?: Dialect
  maxSize?: number
  noRepair?: boolean
}

const posix = (p: string): string => p.split(sep).join('/')

/** The source files of a target: globs expanded, directories standing for their Markdown files, the output left out. */
function resolveSources(target: AgentTarget, dir: string): string[] {
  const out: string[] = []
  const outputs = new Set([resolve(dir, target.output), resolve(dir, `${target.output}.provenance.json`)])
  for (const pattern of target.sources) {
    let files: string[]
    if (isGlob(pattern)) {
      files = globFiles(pattern, dir)
      if (files.length === 0) throw new AgentError('no-sources', `source pattern '${pattern}' matches no file`, target.output)
    } else {
      const path = resolve(dir, pattern)
      if (!existsSync(path)) throw new AgentError('no-sources', `source '${pattern}' does not exist`, target.output)
      files = statSync(path).isDirectory() ? globFiles(`${posix(relative(dir, path)) || '.'}/**/*.{md,markdown}`, dir) : [posix(relative(dir, path))]
    }
    for (const f of files) if (!outputs.has(resolve(dir, f)) && !out.includes(f)) out.push(f)
  }
  if (out.length === 0) throw new AgentError('no-sources', 'every source is the output itself', target.output)
  return out
}

/** What the last build recorded: the output's statement ids and field values, from its provenance sidecar. */
function recorded(sidecar: string | undefined): { ids: Set<string>; fields: Map<string, string> } {
  const ids = new Set<string>()
  const fields = new Map<string, string>()
  if (sidecar === undefined) return { ids, fields }
  try {
    const p = JSON.parse(sidecar) as { sections?: Array<{ statements?: Array<{ id?: string }> }>; fields?: Array<{ key?: string; value?: unknown }> }
    for (const s of p.sections ?? []) for (const st of s.statements ?? []) if (typeof st.id === 'string') ids.add(st.id)
    for (const f of p.fields ?? []) if (typeof f.key === 'string' && f.value !== null) fields.set(f.key, stable(f.value))
  } catch {
    // An unreadable sidecar records nothing.
  }
  return { ids, fields }
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** What a build of one target writes, and where the file on disk stands. */
function planTarget(target: AgentTarget, dir: string, options: BuildOptions = {}): BuildItem {
  const item: BuildItem = { target, output: target.output, sources: [], status: 'error', edits: [], warnings: [] }
  try {
    item.sources = resolveSources(target, dir)
    const to = options.to ?? target.to
    const agents: Agent[] = item.sources.map((rel) => {
      const agent = parseAgent(readFileSync(join(dir, rel)), rel, { noRepair: options.noRepair === true, ...(options.maxSize ? { maxBytes: options.maxSize } : {}) })
      item.warnings.push(...agent.warnings)
      return agent
    })
    // mergeAgents converts sources in other dialects to `to` (src/convert) and reports what did not convert.
    const result = mergeAgents(agents, {
      ...(to ? { to } : {}),
      ...(target.prefer ? { prefer: posix(relative(dir, resolve(dir, target.prefer))) } : {}),
      ...(target.tools ? { tools: target.tools } : {}),
      ...(target.threshold !== undefined ? { threshold: target.threshold } : {}),
      path: target.output,
    })
    item.warnings.push(...result.conflicts)
    item.text = renderMerged(result, target.provenance === 'inline' ? 'inline' : 'none')
    if (target.provenance === 'sidecar') {
      item.sidecar = `${target.output}.provenance.json`
      item.sidecarText = provenanceJson(result.provenance)
    }
    const current = readText(join(dir, target.output))
    const currentSidecar = item.sidecar ? readText(join(dir, item.sidecar)) : undefined
    if (current === undefined) {
      item.status = 'missing'
      return item
    }
    if (current === item.text) {
      const sidecarOk = item.sidecar === undefined || currentSidecar === item.sidecarText
      item.status = sidecarOk ? 'up-to-date' : 'stale'
      if (!sidecarOk) item.provenanceOnly = true
      return item
    }
    // The output as a file: its statements at their lines in the output, for the diff.
    const next = parseAgent(item.text, target.output)
    let old: Agent
    try {
      old = parseAgent(current, target.output)
    } catch (error) {
      item.status = 'edited'
      item.edits.push({ line: (error as AgentError).line ?? 1, what: 'statement', text: `the file does not parse: ${(error as Error).message}` })
      return item
    }
    item.diff = diffAgents(old, next, { oldText: current, newText: item.text })
    // What a person wrote: neither in the new output nor recorded by the last build.
    const record = recorded(currentSidecar)
    const nextIds = new Set(statementsOf(next.root).map((s) => s.id))
    for (const s of statementsOf(old.root)) {
      if (!nextIds.has(s.id) && !record.ids.has(s.id)) item.edits.push({ line: s.source.line, what: 'statement', text: s.text })
    }
    const nextFields = new Map(next.meta.fields.map((f) => [f.key, stable(f.value)]))
    for (const f of old.meta.fields) {
      const value = stable(f.value)
      if (nextFields.get(f.key) !== value && record.fields.get(f.key) !== value) {
        item.edits.push({ line: f.line, what: 'field', text: `${f.key}: ${typeof f.value === 'string' ? f.value : JSON.stringify(f.value)}` })
      }
    }
    item.edits.sort((a, b) => a.line - b.line)
    item.status = item.edits.length > 0 ? 'edited' : 'stale'
  } catch (error) {
    item.status = 'error'
    item.error = error
  }
  return item
}

export function planBuild(config: Config, options: BuildOptions = {}, only?: string[]): BuildItem[] {
  const wanted = only && only.length > 0 ? new Set(only.map((o) => resolve(o))) : undefined
  return config.agents.filter((t) => !wanted || wanted.has(resolve(config.dir, t.output))).map((t) => planTarget(t, config.dir, options))
}

/** Writes an item's output and sidecar when their content changes; returns the paths written. */
export function applyItem(item: BuildItem, dir: string): string[] {
  const written: string[] = []
  const write = (rel: string, text: string) => {
    const path = join(dir, rel)
    if (readText(path) === text) return
    mkdirSync(dirname(path), { recursive: true })
    writeFileAtomic(path, text)
    written.push(rel)
  }
  if (item.text !== undefined) write(item.output, item.text)
  if (item.sidecar && item.sidecarText !== undefined) write(item.sidecar, item.sidecarText)
  return written
}
