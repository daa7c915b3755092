// `agentmerge build` and `build --check`: plan every output, then report or
// write. Reports go to stdout (what CI shows), one line per file, with the
// semantic diff under a stale file and the hand-written statements of an
// edited one as path:line lines.
import { relative } from 'node:path'
import { applyItem, planBuild } from '../../build/index.js'
import { loadConfig } from '../../config/index.js'
import { formatText } from '../../diff/format/text.js'
import { diffReport } from '../../diff/report.js'
import type { Dialect } from '../../model.js'
import { EXIT, Run, type GlobalOptions } from '../shell.js'
import { withProgress } from '../progress.js'

export interface BuildCommandOptions extends GlobalOptions {
  check?: boolean
  force?: boolean
  config?: string
  to?: Dialect
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function buildCommand(outputs: string[], options: BuildCommandOptions): number {
  const run = new Run(options)
  const config = run.each(options.config ?? '.', () => loadConfig(options.config))
  if (!config) return run.code
  // Paths in messages: relative to the working directory, as the user sees them.
  const shown = (rel: string) => relative(process.cwd(), `${config.dir}/${rel}`) || rel
  // One target at a time (planBuild of a config holding just it), so that a progress line can count them.
  const items = Array.from(withProgress(config.agents, 'building', options), (target) => planBuild({ ...config, agents: [target] }, { ...(options.to ? { to: options.to } : {}), ...(options.maxSize ? { maxSize: options.maxSize } : {}), noRepair: options.repair === false }, outputs)).flat()
  if (outputs.length > 0 && items.length < outputs.length) {
    run.fail(new Error(`not an output of ${relative(process.cwd(), config.path)}: ${outputs.join(', ')}`), relative(process.cwd(), config.path))
  }
  const out = (line: string) => process.stdout.write(line + '\n')
  let stale = 0
  let edited = 0
  let written = 0
  for (const item of items) {
    const path = shown(item.output)
    if (item.status === 'error') {
      run.fail(item.error, path)
      continue
    }
    if (item.status === 'up-to-date') continue
    // Warnings of the merge and the conversion, once per change rather than on every run.
    run.warn(item.warnings.map((w) => ({ ...w, path: w.path === item.output ? path : shown(w.path) })))
    if (item.status === 'edited') {
      edited++
      out(`${path}: edited by hand: ${plural(item.edits.length, 'change')} no source has${options.force ? (options.check ? '' : '; overwritten (--force)') : '; not overwritten (use --force)'}`)
      for (const e of item.edits) out(`${path}:${e.line}: only in the canonical file: ${e.what === 'field' ? `field ${e.text}` : JSON.stringify(e.text)}`)
    }
    if (options.check) {
      if (item.status !== 'edited') stale++
      if (item.status === 'missing') out(`${path}: missing: a build would create it from ${plural(item.sources.length, 'source')}`)
      else if (item.status === 'stale') out(`${path}: stale: ${item.provenanceOnly ? `only its provenance (${shown(item.sidecar!)}) is out of date` : 'a build would change it'}`)
      if (item.diff && item.status !== 'missing') process.stdout.write(indent(formatText(diffReport([item.diff]), { color: false })))
      continue
    }
    if (item.status === 'edited' && !options.force) continue
    const files = run.each(path, () => applyItem(item, config.dir))
    if (files && files.length > 0) {
      written++
      if (!options.quiet) process.stderr.write(`wrote ${files.map(shown).join(', ')} (from ${plural(item.sources.length, 'source')})\n`)
    }
  }
  if (options.check) {
    const bad = stale + edited
    if (bad > 0) {
      if (!options.quiet) process.stderr.write(`${plural(bad, 'canonical file')} of ${items.length} not up to date; run agentmerge build${edited > 0 ? ' (--force to overwrite hand edits)' : ''}\n`)
      run.flag(EXIT.changes)
    } else if (!options.quiet) process.stderr.write(`${plural(items.length, 'canonical file')} up to date\n`)
  } else {
    if (edited > 0 && !options.force) run.flag(EXIT.changes)
    if (!options.quiet && written === 0 && edited === 0 && run.code === EXIT.ok) process.stderr.write(`${plural(items.length, 'canonical file')} up to date\n`)
  }
  return run.code
}

function indent(text: string): string {
  return text.split('\n').map((l) => (l === '' ? l : `    ${l}`)).join('\n').replace(/\s*$/, '\n')
}
