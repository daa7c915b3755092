// `agentmerge lint`: read the agent files under the paths given and report
// what makes them misbehave, one `path:line: message (rule)` line each.
import { AgentError } from '../../errors.js'
import { LINT_RULES, lintAgents, type LintRule } from '../../lint/index.js'
import type { Dialect } from '../../model.js'
import { agentsOf, findInputs, readInputs } from '../inputs.js'
import { formatErrors, formatFindings } from '../findings.js'
import type { CliIo } from '../io.js'
import { EXIT, Run, type GlobalOptions, type ReportFormat } from '../shell.js'

export interface LintCommandOptions extends GlobalOptions {
  target?: Dialect
  minAgents?: number
  threshold?: number
  ignore?: string
  format?: ReportFormat
}

export async function lintCommand(paths: string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  const run = new Run(options, io)
  const ignore = (options.ignore ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  const unknown = ignore.filter((r) => !LINT_RULES.includes(r as LintRule))
  if (unknown.length > 0) {
    run.fail(new AgentError('usage', `unknown rule '${unknown[0]}' (rules: ${LINT_RULES.join(', ')})`, '--ignore'))
    return run.code
  }
  // --min-agents and --threshold tune the rule for repeated statements: with the rule skipped they would be ignored without a word.
  const tuning = [options.minAgents !== undefined && '--min-agents', options.threshold !== undefined && '--threshold'].filter((x): x is string => x !== false)
  if (ignore.includes('repeated-statement') && tuning.length > 0) {
    run.fail(new AgentError('usage', `${tuning.join(' and ')} ${tuning.length === 1 ? 'tunes' : 'tune'} the repeated-statement rule, which --ignore skips`, 'agentmerge lint'))
    return run.code
  }
  const files = findInputs(run, paths.length > 0 ? paths : ['.'])
  // A value of the wrong type is a finding of its own (field-type), not also a read warning.
  const agents = agentsOf(await readInputs(run, files, {}, ['field-type']))
  const findings = lintAgents(agents, {
    ignore: ignore as LintRule[],
    ...(options.target ? { target: options.target } : {}),
    ...(options.minAgents !== undefined ? { minAgents: options.minAgents } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
  })
  const format = options.format ?? 'text'
  // A file that cannot be read is in the machine formats too (its errors list, an ::error annotation), not only on stderr.
  if (format === 'json') run.out(JSON.stringify({ version: 1, files: agents.length, findings, errors: run.errors }, null, 2) + '\n')
  else run.out(formatErrors(run.errors, format) + formatFindings(findings, format))
  if (findings.length > 0) {
    if (format !== 'json') run.note(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${agents.length} file${agents.length === 1 ? '' : 's'}`)
    run.flag(EXIT.changes)
  }
  return run.code
}
