// The findings of the checking commands (lint, build --check, normalize
// --check) as text lines, `path:line: message (rule)`, or as GitHub Actions
// annotations; each command prints its own JSON.
import { workflowCommand } from '../diff/index.js'

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
      : `${f.path}${f.line !== undefined ? `:${f.line}` : ''}: ${f.message} (${f.rule})`,
  )
  return lines.map((l) => l + '\n').join('')
}
