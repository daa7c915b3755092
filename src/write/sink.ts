// Escaping a value for the sink it is written to, so that text from agent
// files, paths and YAML keys can never act on the terminal, a CI log or a
// pull-request comment. Terminal and log lines: control characters, line
// breaks and bidirectional overrides inside a value are shown escaped
// (`\n`, `\x1b`, `\u202e`), so a value never starts a line of its own (in a
// GitHub Actions log a line starting with `::` is a workflow command) and
// never moves the cursor or retitles the window. Color output keeps SGR
// color sequences (`\x1b[...m`), any of them, so colored lines are for a
// terminal the user runs, not for logs. The line escaping (terminalLine)
// lives with the diagnostics (errors.ts), the lowest layer that writes a line.

/**
 * Text for a Markdown comment on a pull request: `@name` and `#123` written
 * so that GitHub neither mentions anyone nor links an issue (a zero-width
 * joiner after the sign), which changes no visible character.
 */
export function markdownRefs(s: string): string {
  return s.replace(/([@#])(?=[A-Za-z0-9_-])/g, '$1\u200d')
}
