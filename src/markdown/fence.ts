// Fenced code as CommonMark reads its lines: an opening fence of three or
// more backticks or tildes, closed by a line of at least as many of the same
// character and nothing else. A block whose fence is never closed runs to
// the end of its container; reading and writing both need to know.

const OPENER = /^[ \t]*(`{3,}|~{3,})/
const CLOSER = /^[ \t]*(`{3,}|~{3,})[ \t]*$/

/** The opening fence of a block's first line (its containers' prefixes removed), or undefined. */
export function fenceOf(line: string): string | undefined {
  return OPENER.exec(line)?.[1]
}

/** Whether a block's lines (containers' prefixes removed) open a fence that its last line does not close. */
export function leftOpen(lines: readonly string[]): boolean {
  const fence = fenceOf(lines[0] ?? '')
  if (fence === undefined) return false
  const m = lines.length > 1 ? CLOSER.exec(lines[lines.length - 1]!) : null
  return !(m && m[1]![0] === fence[0] && m[1]!.length >= fence.length)
}
