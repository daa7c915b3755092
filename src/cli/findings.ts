// The findings of the checking commands (lint, build --check, normalize
// --check) as text lines (lint's formatFinding: `path:line: message (rule)`
// with control characters escaped), or as GitHub Actions annotations
// (escaped as GitHub documents); each command prints its own JSON, with the
// run's errors as its `errors` list. The errors of a run (a file that
// cannot be read, a bad config) are `::error` annotations in the github
// format, so that CI shows the failure where it shows the findings.
import { workflowCommand } from '../diff/index.js'
import { formatFinding } from '../lint/index.js'
import type { RunError } from './shell.js'

export interface CheckFinding {
  path: string
  line?: number
  message: string
  rule: string
}

export function formatFindings(findings: readonly CheckFinding[], format: 'text' | 'github'): string {
  const lines = findings.map((f) =>
    format === 'github'
      ? workflowCommand({ level: 'error', file: f.path, ...(f.line !== undefined ? { line: f.line } : {}), title: `agentmerge: ${f.rule}`, message: f.message })
      : formatFinding(f),
  )
  return lines.map((l) => l + '\n').join('')
}

/** The run's errors as GitHub Actions `::error` annotations, one line each (none in the text format: stderr has them). */
export function formatErrors(errors: readonly RunError[], format: string): string {
  if (format !== 'github') return ''
  return errors
    .map((e) => workflowCommand({ level: 'error', ...(e.path !== null ? { file: e.path } : {}), ...(e.line !== null ? { line: e.line } : {}), ...(e.column !== null ? { col: e.column } : {}), title: 'agentmerge: error', message: e.message }) + '\n')
    .join('')
}
