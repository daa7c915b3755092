// `agentmerge build` and `build --check`: plan every output, then report or
// write. Reports go to stdout (what CI shows), one line per file, with the
// semantic diff under a stale file and the hand-written statements of an
// edited one as path:line lines; a file without provenance that differs and
// that no record of the last build tells from a hand edit is named with the
// diff a build would apply, and left alone as an edited one is;
// `--format json|github` for machines.
import { isAbsolute, relative, resolve } from 'node:path'
import { applyItem, planBuild, type BuildItem } from '../../build/index.js'
import { loadConfig } from '../../config/index.js'
import { diffReport, formatText, type AgentDiff } from '../../diff/index.js'
import { AgentError } from '../../errors.js'
import type { Dialect } from '../../model.js'
import { formatErrors, formatFindings, type CheckFinding } from '../findings.js'
import type { CliIo } from '../io.js'
import { EXIT, mojibakeOption, Run, writeOptions, type GlobalOptions, type ReportFormat } from '../shell.js'
import { withProgress } from '../progress.js'

export interface BuildCommandOptions extends GlobalOptions {
  check?: boolean
  force?: boolean
  config?: string
  to?: Dialect
  /** How --check reports. */
  format?: ReportFormat
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** What the run does about a file edited by hand, said after how many edits it has. */
type Mode = 'check' | 'build' | 'force'
const EDITED_THEN: Record<Mode, string> = { check: 'a build leaves it alone unless --force', build: 'not overwritten (use --force)', force: 'overwritten (--force)' }

/**
 * What --check finds wrong with an item (and a build, in an edited one), in
 * every format: every line build prints about a file is one of these.
 */
function itemFindings(item: BuildItem, path: string, shown: (rel: string) => string, mode: Mode): CheckFinding[] {
  if (item.status === 'missing') return [{ path, message: `missing: a build would create it from ${plural(item.sources.length, 'source')}`, rule: 'missing' }]
  if (item.status === 'stale') return [{ path, message: item.provenanceOnly ? `stale: only its provenance (${shown(item.sidecar!)}) is out of date` : 'stale: a build would change it', rule: 'stale' }]
  if (item.status === 'edited') {
    const head = { path, message: `edited by hand: ${plural(item.edits.length, 'change')} no source has; ${EDITED_THEN[mode]}`, rule: 'edited' }
    return [head, ...item.edits.map((e) => ({ path, line: e.line, message: `edited by hand: only in the canonical file: ${e.what === 'field' ? `field ${e.text}` : JSON.stringify(e.text)}`, rule: 'edited' }))]
  }
  if (item.status === 'unrecorded') return [{ path, message: 'differs from what the sources build; no record of the last build to tell a hand edit from a source change; --force rebuilds', rule: 'unrecorded' }]
  return []
}

export function buildCommand(outputs: string[], options: BuildCommandOptions, io: CliIo): number {
  const run = new Run(options, io)
  // --format is how --check reports: a build would ignore it without a word.
  if (options.format !== undefined && !options.check) {
    run.fail(new AgentError('usage', '--format is how --check reports; add --check', 'agentmerge build'))
    return run.code
  }
  const format = options.format ?? 'text'
  // The machine report of --check: printed whatever stopped the run, so that a config error is in it too.
  const report = (outputs: number, findings: CheckFinding[]): number => {
    if (!options.check) return run.code
    if (format === 'json') run.out(JSON.stringify({ version: 1, outputs, findings, errors: run.errors }, null, 2) + '\n')
    else if (format === 'github') run.out(formatErrors(run.errors, format) + formatFindings(findings, 'github'))
    return run.code
  }
  // A config error names the config file as the other lines name files: from the working directory.
  const config = run.each(options.config ?? '.', () => {
    try {
      return loadConfig(options.config)
    } catch (error) {
      if (error instanceof AgentError && isAbsolute(error.path)) throw new AgentError(error.code, error.message, relative(io.cwd, error.path) || error.path, error.line, error.column)
      throw error
    }
  })
  if (!config) return report(0, [])
  // Paths in messages: relative to the working directory, as the user sees them.
  const shown = (rel: string) => relative(io.cwd, resolve(config.dir, rel)) || rel
  const configPath = relative(io.cwd, config.path) || config.path
  // An output the config does not name is a mistake on the command line: nothing is built or checked.
  const named = new Set(config.agents.map((t) => resolve(config.dir, t.output)))
  const unknown = outputs.filter((o) => !named.has(resolve(o)))
  if (unknown.length > 0) {
    run.fail(new AgentError('usage', `not an output of ${configPath}: ${unknown.join(', ')} (its outputs: ${config.agents.map((t) => shown(t.output)).join(', ')})`, configPath))
    return report(0, [])
  }
  const read = { displayPath: shown, ...(options.to ? { to: options.to } : {}), ...(options.maxSize ? { maxSize: options.maxSize } : {}), ...(options.cacheLocation ? { cacheLocation: options.cacheLocation } : {}), mojibake: mojibakeOption(options) }
  // One target at a time (planBuild of a config holding just it), so that a progress line can count them.
  const items = Array.from(withProgress(config.agents, 'building', run.progress()), (target) => planBuild({ ...config, agents: [target] }, read, outputs)).flat()
  const mode: Mode = options.check ? 'check' : options.force ? 'force' : 'build'
  const findings: CheckFinding[] = []
  let stale = 0
  const diffs: AgentDiff[] = []
  /** Outputs left alone without --force: edited by hand, or no record tells whether they were. */
  let refusals = 0
  let written = 0
  /** Writes an item (and its build record), or only the record when it is up to date; the paths written. */
  const apply = (item: BuildItem, path: string): string[] => {
    const done = run.each(path, () => applyItem(item, config.dir, writeOptions(io)))
    run.warn(done?.warnings.map((w) => ({ ...w, path })) ?? [])
    return done?.written ?? []
  }
  for (const item of items) {
    const path = shown(item.output)
    // Every line about an item names a file as its warnings do: from the working directory.
    const place = shown
    if (item.status === 'error') {
      const error = item.error
      run.fail(error instanceof AgentError ? new AgentError(error.code, error.message, place(error.path), error.line, error.column) : error, path)
      continue
    }
    if (item.status === 'up-to-date') {
      if (!options.check) apply(item, path)
      continue
    }
    // Warnings of the merge and the conversion, once per change rather than on every run.
    run.warn(item.warnings.map((w) => ({ ...w, path: place(w.path) })))
    // A file without a record of the last build is refused as a hand edit is: it may be one.
    const refused = item.status === 'edited' || item.status === 'unrecorded'
    if (refused) refusals++
    else if (options.check) stale++
    if (options.check && format !== 'text') {
      findings.push(...itemFindings(item, path, shown, mode))
      // What a build would change, as plain log text under the annotations (the diff's lines are the would-be file's, not the file's on disk).
      if (format === 'github' && item.diff) diffs.push(item.diff)
      continue
    }
    const unrecorded = item.status === 'unrecorded' && !options.check && !options.force
    if (options.check || item.status === 'edited' || unrecorded) run.out(formatFindings(itemFindings(item, path, shown, mode), 'text'))
    // What a build would change: for CI, and for the person who must decide on --force without a record.
    if ((options.check || unrecorded) && item.diff) run.out(indent(formatText(diffReport([item.diff]), { color: false })))
    if (options.check || (refused && !options.force)) continue
    const files = apply(item, path)
    if (files.length > 0) {
      written++
      run.note(`wrote ${files.map(shown).join(', ')} (from ${plural(item.sources.length, 'source')})`)
    }
  }
  if (options.check) {
    // An output with an error is in the errors only: it was not checked.
    const checked = items.filter((i) => i.status !== 'error').length
    report(checked, findings)
    if (diffs.length > 0) run.out(formatText(diffReport(diffs), { color: false }))
    const bad = stale + refusals
    if (bad > 0) {
      run.note(`${plural(bad, 'canonical file')} of ${checked} not up to date; run agentmerge build${refusals > 0 ? ` (--force to overwrite ${forced(items)})` : ''}`)
      run.flag(EXIT.changes)
    } else if (run.code === EXIT.ok) run.note(`${plural(checked, 'canonical file')} up to date`)
  } else {
    if (refusals > 0 && !options.force) run.flag(EXIT.changes)
    if (written === 0 && refusals === 0 && run.code === EXIT.ok) run.note(`${plural(items.length, 'canonical file')} up to date`)
  }
  return run.code
}

/** What --force would overwrite: hand edits, files no record tells from one, or both. */
function forced(items: BuildItem[]): string {
  const has = (status: BuildItem['status']) => items.some((i) => i.status === status)
  return [has('edited') && 'hand edits', has('unrecorded') && 'files without a record of the last build'].filter(Boolean).join(' and ')
}

function indent(text: string): string {
  return text.split('\n').map((l) => (l === '' ? l : `    ${l}`)).join('\n').replace(/\s*$/, '\n')
}
