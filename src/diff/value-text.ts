// A frontmatter value as the diff shows it in one line: in a field change
// (`model: sonnet -> opus`) and in a change of form's detail (`mode:
// subagent: OpenCode writes it, ...`), so that one value reads alike in both.
import { squashSpace } from '../normalize/plain.js'

/** A frontmatter value as short text: a string with its white space squashed, a list as `[a, b]`, a map as JSON, no value as `null`. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return squashSpace(value)
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
