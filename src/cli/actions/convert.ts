// `agentmerge convert`: print or write agent files in another dialect.
import { join, resolve } from 'node:path'
import { convertText, fileNameFor } from '../../convert/index.js'
import { AgentError } from '../../errors.js'
import type { Dialect } from '../../model.js'
import { writeFileAtomic } from '../../write/atomic.js'
import { makeDirs } from '../../write/dirs.js'
import { checkOneOutput, findInputs, pathsOrStdin, readInputs } from '../inputs.js'
import type { CliIo } from '../io.js'
import { EXIT, mojibakeOption, Run, writeOptions, type GlobalOptions } from '../shell.js'

export interface ConvertCommandOptions extends GlobalOptions {
  to: Dialect
  output?: string
  outDir?: string
  strict?: boolean
}

export async function convertCommand(paths: string[], options: ConvertCommandOptions, io: CliIo): Promise<number> {
  const run = new Run(options, io)
  const files = findInputs(run, pathsOrStdin(run, paths, 'convert'))
  if (options.output && !checkOneOutput(run, options.output, files, 'use --out-dir')) return run.code
  let warned = 0
  const written = new Map<string, string>()
  // Convert writes the text as it is: suspected mojibake is a warning (the read's), not a repair; --no-repair keeps it without one.
  for (const { path, agent } of await readInputs(run, files, { mojibake: mojibakeOption(options, 'warn') })) {
    if (!agent) continue
    warned += agent.warnings.length
    run.each(path, () => {
      // The agent's name becomes one file name, never a path (`../../x` stays inside --out-dir).
      const fileName = options.outDir ? fileNameFor(agent.meta.name, options.to, agent.meta.dialect) : undefined
      const converted = convertText(agent, options.to, fileName ? { fileName: agent.meta.name } : {})
      run.warn(converted.warnings)
      warned += converted.warnings.length
      const text = converted.text
      if (options.outDir) {
        const target = join(options.outDir, fileName!)
        const earlier = written.get(resolve(target))
        if (earlier !== undefined) throw new AgentError('name-clash', `agent '${agent.meta.name}' is also converted from ${earlier}; both would be written to ${target}`, path)
        makeDirs(options.outDir)
        writeFileAtomic(target, text, { inputs: files, ...writeOptions(io) })
        written.set(resolve(target), path)
        run.note(`${path} -> ${target}`)
      } else if (options.output) writeFileAtomic(options.output, text, { inputs: files, ...writeOptions(io) })
      else run.out(text)
    })
  }
  if (options.strict && warned > 0) run.flag(EXIT.changes)
  return run.code
}
