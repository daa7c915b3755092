// The findings of the checking commands (lint, build --check, normalize
// --check) as text lines (lint's formatFinding: `path:line: message (rule)`
// with control characters escaped), or as GitHub Actions annotations
// (escaped as GitHub documents); each command prints its own JSON.
import { workflowCommand } from '../diff/index.js'
import { formatFinding } from '../lint/index.js'

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
