// `agentmerge merge-driver %O %A %B %P`: runs the statement-level merge and
// reports conflicts as `path:line: conflict: ...` lines on stderr.
import { statSync } from 'node:fs'
import { CANNOT_MERGE, mergeDriver } from '../../driver/index.js'
import { AgentError } from '../../errors.js'
import type { CliIo } from '../io.js'
import { EXIT, mojibakeOption, Run, writeOptions, type GlobalOptions } from '../shell.js'

export interface MergeDriverCommandOptions extends GlobalOptions {
  markerSize?: number
  oursLabel?: string
  theirsLabel?: string
  baseLabel?: string
}

/** Each file git names, checked before the merge so that trouble names the file it is about. */
function checkFiles(run: Run, files: Array<[string, string]>, path: string | undefined): boolean {
  for (const [which, file] of files) {
    // With %P the message is about that path, and names git's file for it too.
    const role = (f: string) => (path === undefined ? `${which}: ` : `${which} ${f}: `)
    run.each(file, () => {
      let stat
      try {
        stat = statSync(file)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        throw new AgentError('unreadable', `${role(file)}${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}`, path ?? file)
      }
      if (!stat.isFile()) throw new AgentError('not-a-file', `${role(file)}not a regular file`, path ?? file)
    })
  }
  return run.code === EXIT.ok
}

/** Exit codes as git reads them from a merge driver: 0 clean, 1 conflicts, 2 trouble (the files are left as they were). */
export function mergeDriverCommand(base: string, ours: string, theirs: string, path: string | undefined, options: MergeDriverCommandOptions, io: CliIo): number {
  const run = new Run(options, io)
  if (!checkFiles(run, [['base (%O)', base], ['ours (%A)', ours], ['theirs (%B)', theirs]], path)) return run.code
  try {
    const outcome = mergeDriver(base, ours, theirs, path, {
      ...(options.markerSize ? { markerSize: options.markerSize } : {}),
      ...(options.oursLabel ? { ours: options.oursLabel } : {}),
      ...(options.theirsLabel ? { theirs: options.theirsLabel } : {}),
      ...(options.baseLabel ? { base: options.baseLabel } : {}),
      ...(options.maxSize ? { maxSize: options.maxSize } : {}),
      mojibake: mojibakeOption(options),
      ...writeOptions(io),
    })
    if (!options.quiet || outcome.code !== 0) for (const m of outcome.messages) io.stderr.write(`agentmerge: ${m}\n`)
    // The driver's "could not merge" is trouble, as for every command.
    return outcome.code === CANNOT_MERGE ? EXIT.trouble : outcome.code
  } catch (error) {
    // Only a bug gets here.
    run.fail(error, path ?? ours)
    return run.code
  }
}
