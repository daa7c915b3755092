// A bound on container nesting, checked before parsing. micromark's cost
// grows with the square of list nesting (1,000 indented levels take about 30
// seconds here), so a file nested absurdly deep is refused up front instead
// of hanging. The estimate is lexical and generous: a line's container depth
// is at most its leading list or quote markers plus its indentation / 2.
import { AgentError } from '../errors.js'
import { MAX_NESTING } from '../normalize/structure.js'

const marker = /^(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))/

export function checkNesting(text: string, path: string): void {
  let start = 0
  let line = 1
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    let i = start
    let columns = 0
    while (i < end && (text[i] === ' ' || text[i] === '\t')) {
      columns += text[i] === '\t' ? 4 : 1
      i++
    }
    let depth = 0
    let rest = text.slice(i, Math.min(end, i + 4 * (MAX_NESTING + 2)))
    for (let m = marker.exec(rest); m; m = marker.exec(rest)) {
      depth++
      rest = rest.slice(m[0].length)
    }
    if (depth > 0 && depth + Math.floor(columns / 2) > MAX_NESTING) {
      throw new AgentError('too-deep', `lists or quotes nested more than ${MAX_NESTING} deep`, path, line)
    }
    start = end + 1
    line++
  }
}
