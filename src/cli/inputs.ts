// Reading a command's input files: through loadAgents (so --cache and --jobs
// apply), with a progress line on a terminal. A file that cannot be read is
// reported in one line and stands without an agent; the others' warnings are
// printed. Every command that is named files reads them this way (normalize,
// dedup, merge, lint, convert, diff of files or directories); `build` reads
// its config's sources itself, and `diff --git` and the merge driver read
// blobs and git's temporary files.
import { resolve } from 'node:path'
import { AgentError, warning } from '../errors.js'
import { checkOutput, identity } from '../write/target.js'
import type { Agent } from '../model.js'
import { loadAgents, type LoadOptions, type LoadResult } from '../load/index.js'
import { findAgentFiles, type FindOptions } from '../read/find.js'
import { byCodeUnits } from '../order.js'
import { progressCallback } from './progress.js'
import { loadOptions, type Run } from './shell.js'

/** The agents of the results that have one, in input order. */
export const agentsOf = (results: LoadResult[]): Agent[] => results.flatMap((r) => (r.agent ? [r.agent] : []))

/** The agent files of command-line paths (read/find.ts); a file a directory holds that is skipped is a warning. */
export function findInputs(run: Run, paths: string[], options: FindOptions = {}): string[] {
  return findAgentFiles(paths, { cwd: run.io.cwd, ...options, onSkip: (path, why) => run.warn([warning('skipped', `skipped: ${why}`, path)]) })
}

/**
 * The paths a command that reads stdin when given none reads: the paths, or
 * `-`; none, with a usage error, when stdin is a terminal (the command would
 * wait for typing that no one means to do).
 */
export function pathsOrStdin(run: Run, paths: string[], command: string): string[] {
  if (paths.length > 0) return paths
  if (run.io.stdinIsTTY === true) {
    run.fail(new AgentError('usage', 'no files given: name agent files or directories, or - to read stdin', `agentmerge ${command}`))
    return []
  }
  return ['-']
}

/**
 * Each input once, for the commands that count inputs (a merge's support, a
 * dedup's agents): a file named twice, or under two names (a directory and a
 * file in it, a symlink), is read the first time and the later names are
 * skipped with a warning.
 */
export function onceEach(run: Run, files: string[]): string[] {
  const seen = new Map<string, string>()
  const out: string[] = []
  for (const file of files) {
    const full = resolve(run.io.cwd, file)
    const id = file === '-' ? '-' : (identity(full) ?? full)
    const first = seen.get(id)
    if (first !== undefined) {
      run.warn([warning('skipped', `skipped: named twice (first as ${first}); each input counts once`, file)])
      continue
    }
    seen.set(id, file)
    out.push(file)
  }
  return out
}

/**
 * `-o FILE` of a command that writes one output per input (normalize,
 * convert): one input, and a target the write would accept (not an input
 * under any name, not a directory, in a directory that exists), checked
 * before any work. False, with the failure reported, otherwise; `instead`
 * names what to use for several inputs.
 */
export function checkOneOutput(run: Run, output: string, files: string[], instead: string): boolean {
  try {
    // Several agents in one file would read back as one agent with text after its body.
    if (files.length > 1) throw new AgentError('usage', `--output takes one input, got ${files.length}; ${instead}`, output)
    checkOutput(output, files)
    return true
  } catch (error) {
    run.fail(error, output)
    return false
  }
}

/**
 * `reportedElsewhere`: warning codes the command reports itself (lint's
 * findings), left out of the read warnings so that nothing is said twice.
 */
export async function readInputs(run: Run, files: string[], extra: Partial<LoadOptions> = {}, reportedElsewhere: readonly string[] = []): Promise<LoadResult[]> {
  const { results } = await loadAgents(files, { ...loadOptions(run.options, run.io), onProgress: progressCallback('reading', run.progress()), ...extra })
  // Reported in path order, whatever the order the files were given in.
  for (const result of results.slice().sort((a, b) => byCodeUnits(a.path, b.path))) {
    if (result.agent) run.warn(result.agent.warnings.filter((w) => !reportedElsewhere.includes(w.code)))
    else run.fail(result.error, result.path)
  }
  return results
}
