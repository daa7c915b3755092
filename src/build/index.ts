// `agentmerge build`: each canonical agent the config names, written from
// its sources (converted to the target dialect, merged with provenance).
// planBuild works out, without writing anything, what each output would be
// and where the file on disk stands:
// - up-to-date: the file (and its provenance sidecar) are what a build writes;
// - missing: no file yet;
// - stale: it differs, and everything it says came from a build (it is the
//   file the last build wrote, by the hash its sidecar or inline notes carry,
//   or with no provenance the build record kept in the cache directory,
//   ./record.ts; or its statements and field values are in the new output or
//   in the provenance recorded by the last build), so rewriting it loses nothing;
// - edited: it says something that neither the new output nor the last
//   build's provenance has: a person wrote it. Those statements and fields
//   are listed with path:line, and the file is not overwritten without force;
// - unrecorded: with no provenance, it differs and no record of the last
//   build says whether it is what that build wrote (a fresh clone, a cleared
//   cache): a hand edit cannot be told from a source change, so it is not
//   overwritten without force either.
// applyItem then writes what is stale or missing, atomically, and only
// files whose content changes.
import { existsSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { globFiles, isGlob, isInside, type AgentTarget, type Config } from '../config/index.js'
import { diffAgents, type AgentDiff } from '../diff/index.js'
import { AgentError } from '../errors.js'
import { mergeAgents, provenanceJson, renderMerged } from '../merge/index.js'
import type { Agent, Diagnostic, Dialect, Section } from '../model.js'
import { agentFromInput, parseAgent } from '../pipeline.js'
import type { MojibakeMode } from '../read/decode.js'
import { readInput, type Input } from '../read/read.js'
import { statementsOf } from '../walk.js'
import { writeFilesAtomic, type FileWrite, type WriteOptions } from '../write/atomic.js'
import { makeDirs } from '../write/dirs.js'
import { sha256, sidecarMatches, stampSidecar } from '../write/sidecar.js'
import { DEFAULT_CACHE_DIR } from '../load/index.js'
import { inLineEndsOf, readOnDisk } from './disk.js'
import { readRecord, writeRecord, type BuildRecord } from './record.js'
import { stampBuilt, stampMatches } from './stamp.js'
import { finalTarget, identity } from '../write/target.js'

type BuildStatus = 'up-to-date' | 'missing' | 'stale' | 'edited' | 'unrecorded' | 'error'

/** Something in the canonical file that no source and no earlier build has. */
interface HandEdit {
  line: number
  what: 'statement' | 'field'
  text: string
}

export interface BuildItem {
  target: AgentTarget
  /** The output path relative to the config's directory. */
  output: string
  sidecar?: string
  /** The source files, relative to the config's directory. */
  sources: string[]
  status: BuildStatus
  /** Why only the sidecar is stale. */
  provenanceOnly?: boolean
  /** The text a build writes, and its sidecar, each in the line ends of the file it replaces (./disk.ts). */
  text?: string
  sidecarText?: string
  /** The SHA-256 of the output as built, with LF line ends: what its sidecar, inline stamp and build record name. */
  hash?: string
  /** The SHA-256 of the output and sidecar as read while planning (null: no file), checked again before writing. */
  onDisk?: { output: string | null; sidecar: string | null }
  /** With "provenance": "none": what the last build wrote, by the record in the cache directory. */
  record?: BuildRecord
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
  /** What the reads of the sources do with mojibake (default: repair it). */
  mojibake?: MojibakeMode
  /** The repository root sources must resolve inside (default: the config's directory). */
  root?: string
  /** Where the build records of outputs without provenance are kept (default: node_modules/.cache/agentmerge/ in the config's directory). */
  cacheLocation?: string
  /** The config file, where errors about what a target says are reported. */
  configPath?: string
  /** How the diff under a stale output names it (the CLI: from the working directory); default its path in the config. */
  displayPath?: (output: string) => string
}

const posix = (p: string): string => p.split(sep).join('/')

/**
 * The source files of a target: globs expanded, directories standing for
 * their Markdown files, the output and its sidecar left out (by file
 * identity, whatever the spelling). A source that resolves outside `root`
 * through a symlink is refused; FIFOs, devices and symlink loops are skipped
 * with a warning.
 */
function resolveSources(target: AgentTarget, dir: string, root: string = dir, warnings: Diagnostic[] = []): string[] {
  const out: string[] = []
  const skip = (path: string, why: string) => warnings.push({ severity: 'warning', code: 'skipped', message: `source skipped: ${why}`, path })
  const outputs = new Set([resolve(dir, target.output), resolve(dir, `${target.output}.provenance.json`)].map((p) => identity(p) ?? p))
  const realRoot = realpathSync(root)
  for (const pattern of target.sources) {
    let files: string[]
    if (isGlob(pattern)) {
      files = globFiles(pattern, dir, skip)
      if (files.length === 0) throw new AgentError('no-sources', `source pattern '${pattern}' matches no file`, target.output)
    } else {
      const path = resolve(dir, pattern)
      if (!existsSync(path)) throw new AgentError('no-sources', `source '${pattern}' does not exist`, target.output)
      files = statSync(path).isDirectory() ? globFiles(`${posix(relative(dir, path)) || '.'}/**/*.{md,markdown}`, dir, skip) : [posix(relative(dir, path))]
    }
    for (const f of files) {
      const abs = resolve(dir, f)
      if (!isInside(realRoot, realpathSync(abs))) throw new AgentError('outside-repository', `source '${f}' resolves outside the repository (${root}) through a symbolic link; not read`, target.output)
      if (!outputs.has(identity(abs) ?? abs) && !out.includes(f)) out.push(f)
    }
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

/**
 * The sources of a target, read and parsed, their warnings added to
 * `warnings`. Their errors and warnings name each source by its path from
 * the config's directory, as every line about a build does.
 */
function readSources(sources: string[], dir: string, options: BuildOptions, warnings: Diagnostic[]): Agent[] {
  return sources.map((rel) => {
    let input: Input
    try {
      // readInput refuses what is not a regular file (a FIFO would block) and what is over --max-size.
      input = readInput(resolve(dir, rel), { mojibake: options.mojibake, ...(options.maxSize ? { maxBytes: options.maxSize } : {}) })
    } catch (error) {
      if (error instanceof AgentError) throw new AgentError(error.code, error.message, rel, error.line, error.column)
      throw error
    }
    const agent = agentFromInput({ ...input, path: rel, warnings: input.warnings.map((w) => ({ ...w, path: rel })) })
    warnings.push(...agent.warnings)
    return agent
  })
}

/** What a build of one target writes, and where the file on disk stands. */
function planTarget(target: AgentTarget, dir: string, options: BuildOptions = {}): BuildItem {
  const item: BuildItem = { target, output: target.output, sources: [], status: 'error', edits: [], warnings: [] }
  try {
    item.sources = resolveSources(target, dir, options.root ?? dir, item.warnings)
    const output = finalTarget(resolve(dir, target.output))
    const real = join(realDir(dirname(output)), basename(output))
    if (!isInside(realpathSync(options.root ?? dir), real)) {
      throw new AgentError('outside-repository', `resolves outside the repository (${options.root ?? dir}) through a symbolic link; not written`, target.output)
    }
    const to = options.to ?? target.to
    const agents = readSources(item.sources, dir, options, item.warnings)
    // mergeAgents converts sources in other dialects to `to` (src/convert) and reports what did not convert.
    const result = mergeAgents(agents, {
      ...(to ? { to } : {}),
      ...(target.prefer ? { prefer: posix(relative(dir, resolve(dir, target.prefer))) } : {}),
      ...(target.tools ? { tools: target.tools } : {}),
      ...(target.threshold !== undefined ? { threshold: target.threshold } : {}),
      path: target.output,
    })
    // What the merge says of its inputs (an input that shares nothing with the others), then of what it wrote.
    item.warnings.push(...result.warnings, ...result.conflicts)
    // Inline notes carry the hash of the file as built (./stamp.ts), as a sidecar does.
    const text = target.provenance === 'inline' ? stampBuilt(renderMerged(result, 'inline')) : renderMerged(result, 'none')
    item.hash = sha256(text)
    const sidecarText = target.provenance === 'sidecar' ? stampSidecar(provenanceJson(result.provenance), text) : undefined
    if (target.provenance === 'none') item.record = readRecord(options.cacheLocation ?? join(dir, DEFAULT_CACHE_DIR), real)
    // The output and sidecar are read once: their text is compared here, their hash when writing.
    if (sidecarText !== undefined) item.sidecar = `${target.output}.provenance.json`
    const file = readOnDisk(resolve(dir, target.output))
    const sidecar = item.sidecar ? readOnDisk(resolve(dir, item.sidecar)) : null
    item.onDisk = { output: file?.sha ?? null, sidecar: sidecar?.sha ?? null }
    item.text = inLineEndsOf(text, file)
    if (sidecarText !== undefined) item.sidecarText = inLineEndsOf(sidecarText, sidecar)
    if (file === null) {
      item.status = 'missing'
      return item
    }
    if (file.raw === item.text) {
      const sidecarOk = item.sidecar === undefined || sidecar?.raw === item.sidecarText
      item.status = sidecarOk ? 'up-to-date' : 'stale'
      if (!sidecarOk) item.provenanceOnly = true
      return item
    }
    // The output as a file: its statements at their lines in the output, for the diff.
    const current = file.text
    // Named as the user sees it (from the working directory), since the diff is shown, not written.
    const shown = options.displayPath?.(target.output) ?? target.output
    const next = parseAgent(text, shown)
    let old: Agent
    try {
      old = parseAgent(current, shown)
    } catch (error) {
      item.status = 'edited'
      item.edits.push({ line: (error as AgentError).line ?? 1, what: 'statement', text: `the file does not parse: ${(error as Error).message}` })
      return item
    }
    // The diff cites the output as a build would write it by its lines, which are not those of the file on disk: named as such.
    item.diff = diffAgents(old, namedAs(next, `${shown} (after build)`), { oldText: current, newText: text })
    const currentSidecar = sidecar?.text
    const built = asBuilt(item, current, currentSidecar)
    if (built === null) {
      item.status = 'unrecorded'
      return item
    }
    item.edits = built ? [] : handEdits(old, next, recorded(currentSidecar))
    item.status = item.edits.length > 0 ? 'edited' : 'stale'
  } catch (error) {
    item.status = 'error'
    // What the config says of a target (its sources, its `prefer`) is wrong in the config: named at the target's entry there.
    item.error = error instanceof AgentError && options.configPath !== undefined && CONFIG_ERRORS.has(error.code) ? new AgentError(error.code, `${CONFIG_ERRORS.get(error.code) ?? error.message} (agent "${target.output}")`, options.configPath, target.line) : error
  }
  return item
}

/**
 * An agent whose places all name `path`: the output as a build would write
 * it is parsed under the output's own path (which says its dialect and
 * name), then named as what it is for the diff that cites its lines.
 */
function namedAs(agent: Agent, path: string): Agent {
  const section = (s: Section): Section => ({ ...s, source: { ...s.source, path }, body: s.body.map((b) => (b.type === 'section' ? section(b) : { ...b, source: { ...b.source, path } })) })
  return { ...agent, path, root: section(agent.root) }
}

/**
 * Whether the file on disk is what the last build wrote, line ends aside: by
 * its sidecar's hash, the stamp in its inline notes, or without provenance
 * the build record (null: there is none, so nothing can say).
 */
function asBuilt(item: BuildItem, current: string, sidecar: string | undefined): boolean | null {
  if (item.record) return item.record.built === null ? null : item.record.built === sha256(current)
  return sidecar !== undefined ? sidecarMatches(sidecar, current) : stampMatches(current)
}

/**
 * What a person wrote in a file that is not what the last build wrote: every
 * statement and field value the new output lacks, unless the last build's
 * sidecar recorded it (inline notes and a build record keep only a hash, so
 * there a source's change is listed too). What a rebuild would not lose
 * (a statement deleted or moved by hand) is no hand edit.
 */
function handEdits(old: Agent, next: Agent, record: ReturnType<typeof recorded>): HandEdit[] {
  const edits: HandEdit[] = []
  const nextIds = new Set(statementsOf(next.root).map((s) => s.id))
  for (const s of statementsOf(old.root)) {
    // Named by its identity text (a link's target, a strike, a checkbox kept), which is what differs when the words do not; code by its text, on one line.
    if (!nextIds.has(s.id) && !record.ids.has(s.id)) edits.push({ line: s.source.line, what: 'statement', text: s.kind === 'code' ? s.text : s.norm })
  }
  const nextFields = new Map(next.meta.fields.map((f) => [f.key, stable(f.value)]))
  for (const f of old.meta.fields) {
    const value = stable(f.value)
    if (nextFields.get(f.key) !== value && record.fields.get(f.key) !== value) {
      edits.push({ line: f.line, what: 'field', text: `${f.key}: ${typeof f.value === 'string' ? f.value : JSON.stringify(f.value)}` })
    }
  }
  return edits.sort((a, b) => a.line - b.line)
}

/** Errors about what a config entry says, reported at that entry: in the config's words where the error's own speak of the command line. */
const CONFIG_ERRORS = new Map<string, string | undefined>([
  ['no-sources', undefined],
  ['prefer-not-input', '"prefer" names a file that is not one of its sources'],
])

export function planBuild(config: Config, options: BuildOptions = {}, only?: string[]): BuildItem[] {
  const wanted = only && only.length > 0 ? new Set(only.map((o) => resolve(o))) : undefined
  return config.agents.filter((t) => !wanted || wanted.has(resolve(config.dir, t.output))).map((t) => planTarget(t, config.dir, { root: config.root, configPath: join(config.dir, basename(config.path)), ...options }))
}

/** The real path of a directory that may not exist yet (its nearest existing ancestor resolved). */
function realDir(dir: string): string {
  try {
    return realpathSync(dir)
  } catch {
    const parent = dirname(dir)
    return parent === dir ? dir : join(realDir(parent), relative(parent, dir))
  }
}

/**
 * Writes an item's output and sidecar, as one pair, when their content
 * changes from what the plan read, then its build record when it has one
 * (also for an output already up to date, so that a build after a cleared
 * cache records it); returns the paths written and the warnings. A file
 * changed on disk since the plan read it is not overwritten (the write path
 * reads it again to check), and no source is ever written.
 */
export function applyItem(item: BuildItem, dir: string, options: Pick<WriteOptions, 'lockWaitMs'> = {}): { written: string[]; warnings: Diagnostic[] } {
  const written = writeItem(item, dir, options)
  const warnings = item.record && item.hash !== undefined ? writeRecord(item.record, item.hash, item.output, options) : []
  return { written, warnings }
}

function writeItem(item: BuildItem, dir: string, options: Pick<WriteOptions, 'lockWaitMs'>): string[] {
  const writes: FileWrite[] = []
  const add = (rel: string, text: string, before: string | null | undefined) => {
    if (before != null && before === sha256(text)) return
    const unchanged = (bytes: Uint8Array | undefined) => before === undefined || (bytes === undefined ? before === null : sha256(bytes) === before)
    writes.push({ path: resolve(dir, rel), content: text, unchanged })
  }
  if (item.text !== undefined) add(item.output, item.text, item.onDisk?.output)
  if (item.sidecar && item.sidecarText !== undefined) add(item.sidecar, item.sidecarText, item.onDisk?.sidecar)
  if (writes.length === 0) return []
  makeDirs(dirname(resolve(dir, item.output)))
  writeFilesAtomic(writes, { ...options, inputs: item.sources.map((s) => resolve(dir, s)) })
  return writes.map((w) => (w.path === resolve(dir, item.output) ? item.output : item.sidecar!))
}
