// Reading a command's input files: through loadAgents (so --cache and --jobs
// apply), with a progress line on a terminal. A file that cannot be read is
// reported in one line and stands without an agent; the others' warnings are
// printed. Every command that is named files reads them this way (normalize,
// dedup, merge, lint, convert, diff of files or directories); `build` reads
// its config's sources itself, and `diff --git` and the merge driver read
// blobs and git's temporary files.
import { warning } from '../errors.js'
import type { Agent } from '../model.js'
import { loadAgents, type LoadOptions, type LoadResult } from '../load/index.js'
import { findAgentFiles, type FindOptions } from '../read/find.js'
import { progressCallback } from './progress.js'
import { loadOptions, type Run } from './shell.js'

/** The agents of the results that have one, in input order. */
export const agentsOf = (results: LoadResult[]): Agent[] => results.flatMap((r) => (r.agent ? [r.agent] : []))

/** The agent files of command-line paths (read/find.ts); a file a directory holds that is skipped is a warning. */
export function findInputs(run: Run, paths: string[], options: FindOptions = {}): string[] {
  return findAgentFiles(paths, { cwd: run.io.cwd, ...options, onSkip: (path, why) => run.warn([warning('skipped', `skipped: ${why}`, path)]) })
}

export async function readInputs(run: Run, files: string[], extra: Partial<LoadOptions> = {}): Promise<LoadResult[]> {
  const { results } = await loadAgents(files, { ...loadOptions(run.options, run.io), onProgress: progressCallback('reading', run.progress()), ...extra })
  for (const result of results) {
    if (result.agent) run.warn(result.agent.warnings)
    else run.fail(result.error, result.path)
  }
  return results
}
