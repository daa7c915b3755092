// `agentmerge normalize`: print, check or rewrite files in canonical form,
// or print their model as JSON. stdin (`-`) works with every mode: `--check
// -` checks it, `--write -` prints the result, as prettier does.
import { readFileSync, statSync } from 'node:fs'
import { AgentError, terminalLine } from '../../errors.js'
import { normalizeAgent } from '../../normalize.js'
import { agentJson } from '../../render/json.js'
import { writeFileAtomic } from '../../write/atomic.js'
import { decode } from '../../read/decode.js'
import { formatErrors, formatFindings } from '../findings.js'
import type { CliIo } from '../io.js'
import { checkOneOutput, findInputs, pathsOrStdin, readInputs } from '../inputs.js'
import { EXIT, mojibakeOption, Run, writeOptions, type GlobalOptions, type ReportFormat } from '../shell.js'

export interface NormalizeOptions extends GlobalOptions {
  write?: boolean
  check?: boolean
  json?: boolean
  output?: string
  /** How --check reports. */
  format?: ReportFormat
}

export async function normalizeCommand(paths: string[], options: NormalizeOptions, io: CliIo): Promise<number> {
  const run = new Run(options, io)
  // --format is how --check reports: without it, it would be ignored without a word.
  if (options.format !== undefined && !options.check) {
    run.fail(new AgentError('usage', '--format is how --check reports; add --check (--json prints the model)', 'agentmerge normalize'))
    return run.code
  }
  const files = findInputs(run, pathsOrStdin(run, paths, 'normalize'))
  if (options.output && !checkOneOutput(run, options.output, files, 'use --write to rewrite each in place')) return run.code
  // A pipe named as a file (`<(git show HEAD:a.md)`) was drained by the read: it is compared as read
  // (decoded: LF line ends, no BOM), and --write prints. Each path is looked at once.
  const streams = new Set(files.filter((path) => path !== '-' && isStream(path)))
  const unwritable = (path: string) => path === '-' || streams.has(path)
  // Whether the text as it is now is its canonical form: the bytes of the file, of stdin, or a pipe's text as read.
  const isCanonical = (path: string, read: string | undefined, canonical: string): boolean =>
    streams.has(path) ? read === canonical.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n') : (path === '-' ? Buffer.from(io.stdin()).toString('utf8') : readFileSync(path, 'utf8')) === canonical
  const outputs: string[] = []
  const json: unknown[] = []
  const unformatted: string[] = []
  /** The files read and compared with their canonical form (a file that cannot be read is an error, not checked). */
  let checked = 0
  let written = 0
  for (const { path, agent, text: read } of await readInputs(run, files, { keepText: options.write === true || (options.check === true && streams.size > 0) })) {
    if (!agent) continue
    run.each(path, () => {
      if (options.json) {
        json.push(agentJson(agent))
        return
      }
      const canonical = normalizeAgent(agent)
      // --write of stdin (or of a pipe) has nowhere to write back: the result is printed.
      if (options.write && unwritable(path)) {
        outputs.push(canonical)
        return
      }
      if (options.check || options.write) {
        const same = isCanonical(path, read, canonical)
        if (options.check) checked++
        if (same) return
        if (options.check) unformatted.push(path)
        if (options.write) {
          // A file changed since it was read (a line appended meanwhile) is not overwritten.
          const unchanged = (bytes: Uint8Array | undefined) => bytes !== undefined && decodedText(bytes, path, options) === read
          writeFileAtomic(path, canonical, { unchanged, ...writeOptions(io) })
          written++
        }
        return
      }
      outputs.push(canonical)
    })
  }
  if (options.json) outputs.push(JSON.stringify({ version: 1, agents: json, errors: run.errors }, null, 2) + '\n')
  if (options.check) reportCheck(run, unformatted, checked, options.format ?? 'text', unwritable)
  if (options.output) run.each(options.output, () => writeFileAtomic(options.output!, outputs.join(''), { inputs: files, ...writeOptions(io) }))
  else for (const out of outputs) run.out(out)
  if (options.write && written > 0) run.note(`normalized ${written} file${written === 1 ? '' : 's'}`)
  return run.code
}

function reportCheck(run: Run, unformatted: string[], checked: number, format: ReportFormat, unwritable: (path: string) => boolean): void {
  if (format === 'json') run.out(JSON.stringify({ version: 1, checked, unformatted, errors: run.errors }, null, 2) + '\n')
  else if (format === 'github') run.out(formatErrors(run.errors, format) + formatFindings(unformatted.map((path) => ({ path, message: 'not in canonical form; run agentmerge normalize --write', rule: 'normalize' })), 'github'))
  else for (const path of unformatted) run.out(`${terminalLine(path)}\n`)
  if (unformatted.length === 0) return
  // Standard input and pipes cannot be written back: they are normalized to standard output.
  const fix = unformatted.every(unwritable) ? 'agentmerge normalize prints its canonical form to standard output' : 'run agentmerge normalize --write'
  run.note(`${unformatted.length} of ${checked} file${checked === 1 ? ' is' : 's are'} not in canonical form; ${fix}`)
  run.flag(EXIT.changes)
}

function decodedText(bytes: Uint8Array, path: string, options: NormalizeOptions): string | undefined {
  try {
    return decode(bytes, path, { mojibake: mojibakeOption(options) }).text
  } catch {
    return undefined
  }
}

/** A pipe or device given as a path: read once, to its end. */
function isStream(path: string): boolean {
  try {
    const stat = statSync(path)
    return stat.isFIFO() || stat.isCharacterDevice()
  } catch {
    return false
  }
}
