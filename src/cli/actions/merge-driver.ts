// `agentmerge merge-driver %O %A %B %P`: runs the statement-level merge and
// reports conflicts as `path:line: conflict: ...` lines on stderr.
import { CRASH, mergeDriver } from '../../driver/index.js'
import type { GlobalOptions } from '../shell.js'

export interface MergeDriverCommandOptions extends GlobalOptions {
  markerSize?: number
  oursLabel?: string
  theirsLabel?: string
  baseLabel?: string
}

export function mergeDriverCommand(base: string, ours: string, theirs: string, path: string | undefined, options: MergeDriverCommandOptions): number {
  try {
    const outcome = mergeDriver(base, ours, theirs, path, {
      ...(options.markerSize ? { markerSize: options.markerSize } : {}),
      ...(options.oursLabel ? { ours: options.oursLabel } : {}),
      ...(options.theirsLabel ? { theirs: options.theirsLabel } : {}),
      ...(options.baseLabel ? { base: options.baseLabel } : {}),
      ...(options.maxSize ? { maxSize: options.maxSize } : {}),
    })
    if (!options.quiet || outcome.code !== 0) for (const m of outcome.messages) process.stderr.write(`agentmerge: ${m}\n`)
    return outcome.code
  } catch (error) {
    // Only a bug gets here: tell git the driver crashed, not that the merge conflicted.
    process.stderr.write(`agentmerge: ${path ?? ours}: internal error: ${(error as Error).message}\n`)
    if (options.debug && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    return CRASH
  }
}
