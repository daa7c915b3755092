// Errors that carry a place: the one line a user sees is `path:line:col: message`.
// Anything thrown that is not an AgentError is a bug, and the CLI says so.
import type { Diagnostic } from './model.js'
import { terminalLine } from './write/sink.js'

export class AgentError extends Error {
  readonly code: string
  readonly path: string
  readonly line: number | undefined
  readonly column: number | undefined

  constructor(code: string, message: string, path: string, line?: number, column?: number) {
    super(message)
    this.name = 'AgentError'
    this.code = code
    this.path = path
    this.line = line
    this.column = column
  }

  toDiagnostic(): Diagnostic {
    return { severity: 'error', code: this.code, message: this.message, path: this.path, line: this.line, column: this.column }
  }
}

/** `path:line:col: message`, leaving out the parts that are unknown; one line whatever the path and message hold. */
export function formatDiagnostic(d: Diagnostic): string {
  let place = d.path
  if (d.line !== undefined) place += `:${d.line}`
  if (d.line !== undefined && d.column !== undefined) place += `:${d.column}`
  const prefix = d.severity === 'warning' ? 'warning: ' : ''
  return terminalLine(`${place}: ${prefix}${d.message}`)
}

export function warning(code: string, message: string, path: string, line?: number, column?: number): Diagnostic {
  return { severity: 'warning', code, message, path, line, column }
}
