// `agentmerge merge` (the default command): read every input (a bad one is
// reported and the rest still merged), merge, write the merged agent and
// its provenance, and print the summary on stderr.
import { resolve } from 'node:path'
import { AgentError } from '../../errors.js'
import type { Dialect } from '../../model.js'
import { checkMergeOptions, FOLD_OPTIONS, mergeAgents, provenanceJson, renderMerged, summaryLine, type ProvenanceMode, type ToolsPolicy } from '../../merge/index.js'
import { dedupCached, groupingCacheFor, profileAhead } from '../../dedup/index.js'
import { ProfileMemo } from '../../similarity/index.js'
import { checkOutput, sameTarget } from '../../write/target.js'
import { writeFileAtomic, type WriteOptions } from '../../write/atomic.js'
import { writeWithSidecar } from '../../write/sidecar.js'
import type { CliIo } from '../io.js'
import { EXIT, loadOptions, Run, writeOptions, type GlobalOptions } from '../shell.js'
import { agentsOf, findInputs, onceEach, readInputs } from '../inputs.js'

export interface MergeCommandOptions extends GlobalOptions {
  output?: string
  to?: Dialect
  prefer?: string
  tools?: ToolsPolicy
  provenance?: ProvenanceMode
  threshold?: number
  /** --report: also write the HTML report here. */
  report?: string
  base?: string
  minSupport?: number
  conflicts?: 'decide' | 'keep'
}

const same = (a: string, b: string): boolean => a !== '-' && b !== '-' && resolve(a) === resolve(b)

export async function mergeCommand(paths: string[], options: MergeCommandOptions, io: CliIo): Promise<number> {
  const run = new Run(options, io)
  if (paths.length === 0) {
    run.fail(new AgentError('no-input', 'nothing to merge: give the agent files or directories to merge (agentmerge --help)', 'agentmerge'))
    return run.code
  }
  const files = onceEach(run, findInputs(run, paths))
  const output = options.output
  const mode: ProvenanceMode = options.provenance ?? (output ? 'sidecar' : 'inline')
  if (mode === 'sidecar' && !output) {
    run.fail(new AgentError('no-output', '--provenance sidecar writes OUT.provenance.json beside -o OUT, a file (not stdout); give -o FILE or another --provenance', 'agentmerge'))
    return run.code
  }
  const sidecar = mode === 'sidecar' ? `${output}.provenance.json` : undefined
  // `--report -` prints the report, so stdout must not carry the merged agent too.
  const report = options.report === '-' ? undefined : options.report
  if (options.report === '-' && !output) {
    run.fail(new AgentError('usage', '--report - prints the report on stdout, where the merged agent goes without -o; give -o FILE, or the report a file', 'agentmerge'))
    return run.code
  }
  // An output that is an input however spelled (a symlink, a hard link), or
  // not a regular file, is refused before anything is read, as the write
  // itself would refuse it.
  for (const target of [output, sidecar, report]) {
    if (target === undefined) continue
    try {
      checkOutput(target, files)
    } catch (error) {
      run.fail(error, target)
      return run.code
    }
  }
  if (report !== undefined && [output, sidecar].some((t) => t !== undefined && sameTarget(t, report))) {
    run.fail(new AgentError('bad-option', '--report names the merged file or its sidecar; give the report its own file', report))
    return run.code
  }
  if (options.prefer !== undefined && !files.some((f) => f === options.prefer || same(f, options.prefer!))) {
    run.fail(new AgentError('prefer-not-input', '--prefer names a file that is not an input of the merge', options.prefer))
    return run.code
  }
  if (options.base !== undefined && options.base !== 'auto' && !files.some((f) => f === options.base || same(f, options.base!))) {
    run.fail(new AgentError('prefer-not-input', '--base names a file that is not an input of the merge (or give --base auto)', options.base))
    return run.code
  }

  // Every bad input is reported in one line, and then nothing is written: a
  // merge missing one of its variants is not the canonical agent. The
  // statements are profiled for grouping as they arrive from the parse workers.
  const memo = new ProfileMemo()
  const agents = agentsOf(await readInputs(run, files, files.length > 1 ? { onAgent: profileAhead(memo) } : {}))
  if (run.code === EXIT.trouble || agents.length === 0) {
    run.note(`agentmerge: nothing written: ${files.length - agents.length} of ${files.length} input${files.length === 1 ? '' : 's'} could not be read`)
    return run.flag(EXIT.trouble), run.code
  }
  const prefer = options.prefer
  const base = options.base
  // Options that cannot merge these inputs fail before any grouping is done.
  checkMergeOptions(agents.length, options)
  // The duplicate grouping, computed once (or with --cache, read back when
  // the inputs' statements have not changed); one file has nothing to group.
  const bar = { ...FOLD_OPTIONS, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) }
  const cache = groupingCacheFor(loadOptions(options, io).cache)
  const dedup = agents.length > 1 ? dedupCached(agents, bar, cache, memo) : undefined
  // --min-support counts support at dedup's own bar: that grouping too is computed once, or read back.
  const support = agents.length > 1 && options.minSupport !== undefined && options.minSupport > 1 ? dedupCached(agents, {}, cache, memo) : undefined
  const result = mergeAgents(agents, {
    ...(dedup ? { dedup } : {}),
    ...(support ? { support } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(prefer ? { prefer } : {}),
    ...(base ? { base } : {}),
    ...(options.minSupport !== undefined ? { minSupport: options.minSupport } : {}),
    ...(options.conflicts ? { conflicts: options.conflicts } : {}),
    tools: options.tools ?? 'union',
    ...bar,
    path: output ?? 'merged.md',
  })
  run.warn(result.warnings)
  run.warn(result.conflicts)
  const text = renderMerged(result, mode)
  const before = run.code
  if (output) {
    // The output and its sidecar are written as one pair, the sidecar naming the output's hash.
    if (sidecar) run.each(output, () => writeWithSidecar(output, text, sidecar, provenanceJson(result.provenance), { inputs: files, ...writeOptions(io) }))
    else run.each(output, () => writeFileAtomic(output, text, { inputs: files, ...writeOptions(io) }))
  } else run.out(text)
  const unwritten = output !== undefined && run.code !== before
  if (options.report) await writeReport(options.report, result, run, { inputs: files, ...writeOptions(io) })
  // The summary is of the merge; an output that could not be written (its error said above) is said here too.
  run.note(summaryLine(result.summary) + (unwritten ? `; ${output} not written` : ''))
  return run.code
}

/** --report: the HTML report, written atomically, or printed for `-` (its module is loaded only when asked for). */
async function writeReport(path: string, result: ReturnType<typeof mergeAgents>, run: Run, write: WriteOptions): Promise<void> {
  const { renderMergeReport } = await import('../../report/index.js')
  if (path === '-') run.each(path, () => run.out(renderMergeReport(result)))
  else run.each(path, () => writeFileAtomic(path, renderMergeReport(result), write))
}
