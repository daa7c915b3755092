// Escaping a value for the sink it is written to, so that text from agent
// files, paths and YAML keys can never act on the terminal, a CI log or a
// pull-request comment. Terminal and log lines: control characters, line
// breaks and bidirectional overrides inside a value are shown escaped
// (`\n`, `\x1b`, `\u202e`), so a value never starts a line of its own (in a
// GitHub Actions log a line starting with `::` is a workflow command) and
// never moves the cursor or retitles the window. Color output keeps only
// the SGR color sequences agentmerge itself writes.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const CONTROL_BUT_SGR = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

function escapeChar(c: string): string {
  if (c === '\n') return '\\n'
  if (c === '\r') return '\\r'
  const code = c.charCodeAt(0)
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** One line for a terminal or a log: every control character escaped (with `color`, agentmerge's SGR color codes kept). */
export function terminalLine(s: string, options: { color?: boolean } = {}): string {
  const out = options.color ? s.replace(CONTROL_BUT_SGR, (m) => (m.length > 1 ? m : escapeChar(m))) : s.replace(CONTROL, escapeChar)
  // A line that starts with `::` would be a GitHub Actions workflow command.
  return out.startsWith('::') ? `\\x3a${out.slice(1)}` : out
}

/**
 * Text for a Markdown comment on a pull request: `@name` and `#123` written
 * so that GitHub neither mentions anyone nor links an issue (a zero-width
 * joiner after the sign), which changes no visible character.
 */
export function markdownRefs(s: string): string {
  return s.replace(/([@#])(?=[A-Za-z0-9_-])/g, '$1\u200d')
}
