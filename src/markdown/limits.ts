// Bounds checked before parsing, on the text alone, so that the answer is
// the same on any machine (sizes and patterns, never time). micromark's cost
// grows superlinearly with some inputs, and a file that holds one of them is
// refused up front with its line instead of hanging:
// - container nesting: the cost grows with the square of list nesting;
// - unclosed link destinations (`[a](b [a](b ...`): each opener rescans the
//   rest of its paragraph;
// - huge tables: every cell is a node, and a table of hundreds of columns or
//   tens of thousands of cells is no agent definition.
// The estimates are lexical and generous: real agent files are far inside them.
import { AgentError } from '../errors.js'

/** Containers (lists, quotes) one inside another; the section builder holds the same bound. */
export const MAX_NESTING = 100
/** Unclosed `](` openers allowed in one paragraph (a run of non-blank lines). */
export const MAX_OPEN_LINKS = 1000
/** Columns allowed in a table, and cells (rows times columns) in one table. */
export const MAX_TABLE_COLUMNS = 128
export const MAX_TABLE_CELLS = 10_000

const marker = /(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))/y
const delimiterRow = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/

interface Line {
  text: string
  number: number
}

function linesOf(text: string): Line[] {
  return text.split('\n').map((t, i) => ({ text: t, number: i + 1 }))
}

function indentation(line: string): { columns: number; end: number } {
  let i = 0
  let columns = 0
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
    columns += line[i] === '\t' ? 4 - (columns % 4) : 1
    i++
  }
  return { columns, end: i }
}

/**
 * Container depth per line: list items still open (their content column at
 * or left of the line's indentation) plus the markers the line itself opens.
 */
function checkNesting(lines: readonly Line[], path: string): void {
  const open: number[] = []
  for (const { text: line, number } of lines) {
    const { columns, end } = indentation(line)
    if (end === line.length) continue
    while (open.length > 0 && columns < open[open.length - 1]!) open.pop()
    let column = columns
    let markers = 0
    const items: number[] = []
    // Counting stops past the limit: a line of ten thousand markers is refused as soon as that is clear.
    marker.lastIndex = end
    let m = marker.exec(line)
    for (; m && open.length + markers <= MAX_NESTING; m = marker.exec(line)) {
      markers++
      column += m[0].length
      if (m[0][0] !== '>') items.push(column)
    }
    const depth = open.length + markers
    if (markers > 0 && depth > MAX_NESTING) {
      const how = m ? `more than ${MAX_NESTING}` : `${depth}`
      throw new AgentError('too-deep', `lists or quotes nested ${how} deep (the limit is ${MAX_NESTING})`, path, number)
    }
    open.push(...items)
  }
}

/** Unclosed link destinations per paragraph. */
function checkOpenLinks(lines: readonly Line[], path: string): void {
  let unclosed = 0
  let first = 0
  for (const { text: line, number } of lines) {
    if (line.trim() === '') {
      unclosed = 0
      continue
    }
    for (let i = line.indexOf('](') === -1 && unclosed === 0 ? line.length : 0; i < line.length; i++) {
      const c = line[i]
      if (c === ']' && line[i + 1] === '(') {
        if (unclosed === 0) first = number
        unclosed++
        i++
      } else if (c === ')' && unclosed > 0) unclosed--
    }
    if (unclosed > MAX_OPEN_LINKS) {
      throw new AgentError('too-complex', `more than ${MAX_OPEN_LINKS} unclosed link destinations '](' in one paragraph (from line ${first}); refused, as parsing it takes time that grows with its square`, path, number)
    }
  }
}

function cellsOf(row: string): number {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '')
  return inner.split(/(?<!\\)\|/).length
}

/** Columns and cells of each table (a delimiter row, the header above it, the rows below up to a blank line). */
function checkTables(lines: readonly Line[], path: string): void {
  for (let i = 1; i < lines.length; i++) {
    const row = lines[i]!.text
    if (!row.includes('|') && !row.includes('-')) continue
    if (!delimiterRow.test(row) || !row.includes('|') && !lines[i - 1]!.text.includes('|')) continue
    const columns = cellsOf(row)
    const line = lines[i - 1]!.number
    if (columns > MAX_TABLE_COLUMNS) throw new AgentError('too-complex', `a table of ${columns} columns, over the limit of ${MAX_TABLE_COLUMNS}`, path, line)
    let rows = 1
    let j = i + 1
    while (j < lines.length && lines[j]!.text.trim() !== '') {
      rows++
      j++
    }
    if (rows * columns > MAX_TABLE_CELLS) throw new AgentError('too-complex', `a table of ${rows * columns} cells, over the limit of ${MAX_TABLE_CELLS}`, path, line)
    i = j
  }
}

/** Every bound, in one call before parsing (the text split into lines once). */
export function checkLimits(text: string, path: string): void {
  const lines = linesOf(text)
  checkNesting(lines, path)
  checkOpenLinks(lines, path)
  checkTables(lines, path)
}
