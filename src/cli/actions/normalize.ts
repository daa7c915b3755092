// `agentmerge normalize`: print, check or rewrite files in canonical form,
// or print their model as JSON.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { AgentError } from '../../errors.js'
import { normalizeAgent } from '../../normalize.js'
import { agentJson } from '../../render/json.js'
import { writeFileAtomic } from '../../write/atomic.js'
import { decode } from '../../read/decode.js'
import { findAgentFiles } from '../../read/find.js'
import { readInputs } from '../inputs.js'
import { EXIT, Run, type GlobalOptions } from '../shell.js'

export interface NormalizeOptions extends GlobalOptions {
  write?: boolean
  check?: boolean
  json?: boolean
  output?: string
}

export async function normalizeCommand(paths: string[], options: NormalizeOptions): Promise<number> {
  const run = new Run(options)
  const files = findAgentFiles(paths.length > 0 ? paths : ['-'])
  if (options.output && files.some((f) => f !== '-' && resolve(f) === resolve(options.output!))) {
    run.fail(new AgentError('output-is-input', 'output path is also an input; use --write to rewrite files in place', options.output))
    return run.code
  }
  const outputs: string[] = []
  const json: unknown[] = []
  let unformatted = 0
  let written = 0
  for (const { path, agent, text: read } of await readInputs(run, files, options, { keepText: options.write === true })) {
    if (!agent) continue
    run.each(path, () => {
      if (options.json) {
        json.push(agentJson(agent))
        return
      }
      const canonical = normalizeAgent(agent)
      if (options.check || options.write) {
        const current = path === '-' ? undefined : readFileSync(path, 'utf8')
        if (current === canonical) return
        if (options.check) {
          unformatted++
          process.stdout.write(`${path}\n`)
        }
        if (options.write && path !== '-') {
          // A file changed since it was read (a line appended meanwhile) is not overwritten.
          const unchanged = (bytes: Buffer | undefined) => bytes !== undefined && decodedText(bytes, path, options) === read
          writeFileAtomic(path, canonical, { unchanged })
          written++
        }
        return
      }
      outputs.push(canonical)
    })
  }
  if (options.json) outputs.push(JSON.stringify({ version: 1, agents: json }, null, 2) + '\n')
  if (options.output) run.each(options.output, () => writeFileAtomic(options.output!, outputs.join(''), { inputs: files }))
  else for (const out of outputs) process.stdout.write(out)
  if (options.check && unformatted > 0) {
    if (!options.quiet) process.stderr.write(`${unformatted} of ${files.length} file${files.length === 1 ? ' is' : 's are'} not in canonical form; run agentmerge normalize --write\n`)
    run.flag(EXIT.changes)
  }
  if (options.write && !options.quiet && written > 0) process.stderr.write(`normalized ${written} file${written === 1 ? '' : 's'}\n`)
  return run.code
}

function decodedText(bytes: Buffer, path: string, options: NormalizeOptions): string | undefined {
  try {
    return decode(bytes, path, { noRepair: options.repair === false }).text
  } catch {
    return undefined
  }
}
