// Errors that carry a place: the one line a user sees is `path:line:col: message`.
// Anything thrown that is not an AgentError is a bug, and the CLI says so.
import type { Diagnostic } from './model.js'

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
  const prefix = d.severity === 'error' ? '' : `${d.severity}: `
  return terminalLine(`${place}: ${prefix}${d.message}`)
}

export function warning(code: string, message: string, path: string, line?: number, column?: number): Diagnostic {
  return { severity: 'warning', code, message, path, line, column }
}

/**
 * A statement's text quoted in a message, cut to its first `max`
 * characters: a statement can be a forty-line block, and the message is one
 * line on a terminal.
 */
export function quoted(text: string, max = 160): string {
  return JSON.stringify(text.length > max ? text.slice(0, max - 1) + '…' : text)
}

/** What was done where nothing is lost and nothing disagrees (an old tool name left out beside its replacement): told, not counted. */
export function note(code: string, message: string, path: string, line?: number, column?: number): Diagnostic {
  return { severity: 'note', code, message, path, line, column }
}

// One line for a terminal or a log (write/sink.ts re-exports it for every
// other sink): control characters, line breaks and bidirectional overrides
// inside a value are shown escaped (`\n`, `\x1b`, `\u202e`), so a value from
// a file never starts a line of its own (in a GitHub Actions log a line
// starting with `::` is a workflow command) and never moves the cursor.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const CONTROL_BUT_SGR = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

function escapeChar(c: string): string {
  if (c === '\n') return '\\n'
  if (c === '\r') return '\\r'
  const code = c.charCodeAt(0)
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** One line for a terminal or a log: every control character escaped (with `color`, SGR color sequences kept, any of them). */
export function terminalLine(s: string, options: { color?: boolean } = {}): string {
  const out = options.color ? s.replace(CONTROL_BUT_SGR, (m) => (m.length > 1 ? m : escapeChar(m))) : s.replace(CONTROL, escapeChar)
  // A line that starts with `::` would be a GitHub Actions workflow command.
  return out.startsWith('::') ? `\\x3a${out.slice(1)}` : out
}
