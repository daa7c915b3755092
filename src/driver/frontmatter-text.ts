// The YAML text the merged frontmatter is written over. The renderer writes
// the merged fields into a side's YAML text (keeping its comments and
// layout); that text is itself merged three ways by lines, so that the
// comments and layout either side changed are kept: the side that changed
// the text when only one did, both where they changed different lines. What
// of theirs could not be kept (both changed the same lines) is told.
import { Lexer, parseDocument } from 'yaml'
import type { Agent } from '../model.js'
import { mergeLines } from './lines3.js'

/** A YAML text's comments, each as written. */
function comments(yaml: string): string[] {
  return [...new Lexer().lex(yaml)].filter((token) => token.startsWith('#')).map((token) => token.trimEnd())
}

/** The frontmatter text to write the merged fields over (undefined: none, write them fresh), and notes on what of theirs it lacks. */
export function frontmatterText(o: Agent, a: Agent, b: Agent): { yaml: string | undefined; notes: string[] } {
  const text = (x: Agent) => (x.meta.present ? x.meta.yaml : undefined)
  const [yo, ya, yb] = [text(o), text(a), text(b)]
  // A side without frontmatter text has nothing to merge: the first side that has one, as before.
  if (ya === undefined || yb === undefined) return { yaml: ya ?? yb ?? yo, notes: [] }
  const merged = mergeLines(yo ?? '', ya, yb)
  // Lines merged into text that does not read as YAML are not used: ours' text, as where both changed the same lines.
  const valid = parseDocument(merged.text).errors.length === 0
  const yaml = valid ? merged.text : ya
  if (merged.clean && valid) return { yaml, notes: [] }
  const before = new Set(comments(yo ?? ''))
  const kept = new Set(comments(yaml))
  const lost = comments(yb).filter((c) => !before.has(c) && !kept.has(c))
  if (lost.length === 0) return { yaml, notes: [] }
  const which = lost.length === 1 ? 'comment' : 'comments'
  return { yaml, notes: [`their frontmatter ${which} ${lost.map((c) => `'${c}'`).join(', ')} not kept: both sides changed the lines around ${lost.length === 1 ? 'it' : 'them'}`] }
}
