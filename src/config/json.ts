// Reading a config's JSON with the place of a syntax error, as a line and
// column: JSON.parse names a position for most errors but not for an
// unexpected token ("Unexpected token '}', ... is not valid JSON") nor for the
// end of the input. There the place is the end of the longest prefix of the
// text that JSON.parse reads as merely unfinished: where reading went wrong.
import { AgentError } from '../errors.js'

const AT = /(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?/

/** Whether JSON.parse reads `prefix` as valid or as valid text cut short. */
function unfinished(prefix: string): boolean {
  try {
    JSON.parse(prefix)
    return true
  } catch (error) {
    const message = (error as Error).message
    const at = AT.exec(message)
    return message.startsWith('Unexpected end of JSON input') || (at !== null && Number(at[1]) >= prefix.length)
  }
}

/** The offset of the error in `text` (which JSON.parse refused with `message`). */
function errorOffset(text: string, message: string): number {
  const at = AT.exec(message)
  if (at) return Math.min(Number(at[1]), text.length)
  // Once a prefix fails for good, every longer one does: the longest unfinished one is found by bisection.
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (unfinished(text.slice(0, mid))) lo = mid
    else hi = mid - 1
  }
  // At the end of the input, the place is where the text ends, not the blank lines after it.
  return lo === text.length ? text.trimEnd().length : lo
}

/** Line and column (1-based) of an offset. */
function place(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}

/** The value of a JSON text; a syntax error is an AgentError at its `path:line:col`. */
export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const { line, column } = place(text, errorOffset(text, message))
    // Node quotes the text around the token, cut short with "..." on either side in a longer input: left out, as it spans lines.
    const what = message.replace(AT, '').replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    throw new AgentError('config-json', `not valid JSON: ${what}`, path, line, column)
  }
}
