// `agentmerge lint`: read the agent files under the paths given and report
// what makes them misbehave, one `path:line: message (rule)` line each.
import { AgentError } from '../../errors.js'
import { findAgentFiles } from '../../read/find.js'
import { formatFinding, LINT_RULES, lintAgents, type LintRule } from '../../lint/index.js'
import type { Dialect } from '../../model.js'
import { agentsOf, readInputs } from '../inputs.js'
import { EXIT, Run, type GlobalOptions } from '../shell.js'

export interface LintCommandOptions extends GlobalOptions {
  target?: Dialect
  minAgents?: number
  threshold?: number
  ignore?: string
  json?: boolean
}

export async function lintCommand(paths: string[], options: LintCommandOptions): Promise<number> {
  const run = new Run(options)
  const ignore = (options.ignore ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  const unknown = ignore.filter((r) => !LINT_RULES.includes(r as LintRule))
  if (unknown.length > 0) {
    run.fail(new AgentError('usage', `unknown rule '${unknown[0]}' (rules: ${LINT_RULES.join(', ')})`, '--ignore'))
    return run.code
  }
  if (options.threshold !== undefined && !(options.threshold > 0 && options.threshold <= 1)) {
    run.fail(new AgentError('usage', 'takes a number in (0, 1]', '--threshold'))
    return run.code
  }
  const files = findAgentFiles(paths.length > 0 ? paths : ['.'])
  const agents = agentsOf(await readInputs(run, files, options))
  const findings = lintAgents(agents, {
    ignore: ignore as LintRule[],
    ...(options.target ? { target: options.target } : {}),
    ...(options.minAgents !== undefined ? { minAgents: options.minAgents } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
  })
  if (options.json) process.stdout.write(JSON.stringify({ version: 1, files: agents.length, findings }, null, 2) + '\n')
  else for (const f of findings) process.stdout.write(formatFinding(f) + '\n')
  if (findings.length > 0) {
    if (!options.quiet && !options.json) process.stderr.write(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${agents.length} file${agents.length === 1 ? '' : 's'}\n`)
    run.flag(EXIT.changes)
  }
  return run.code
}
