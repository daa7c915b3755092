// How a tools change writes each grant (`bash`, `!bash`, `bash(git *)`,
// `bash (ask)`, `*`), read back into its parts: the changes are found in
// fields.ts and shown by the formats, and both read a grant by this one rule.

/** A grant's parts: `!` for a denial (else ''), the tool (`bash`), and what follows it (`(git *)`, ` (ask)`). */
export function grantParts(t: string): { mark: string; tool: string; rest: string } {
  const m = /^(!?)([^( ]*)(.*)$/s.exec(t)!
  return { mark: m[1]!, tool: m[2]!, rest: m[3]! }
}

/** A tool granted whole by name: what `*` grants too. */
export const wholeTool = (t: string): boolean => t !== '*' && !t.startsWith('!') && !t.includes('(')
