// The one order of strings and places every output is sorted by: code units,
// locale-free (`localeCompare` would make the bytes of a merge depend on the
// machine's locale), and a statement's place as path then line.

/** Strings by UTF-16 code units. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Places (`{source: {path, line}}`) by path, then line. */
export const bySource = (a: { source: { path: string; line: number } }, b: { source: { path: string; line: number } }): number => byCodeUnits(a.source.path, b.source.path) || a.source.line - b.source.line
