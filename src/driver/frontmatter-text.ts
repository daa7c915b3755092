// The YAML text the merged frontmatter is written over. The renderer writes
// the merged fields into a side's YAML text (keeping its comments and
// layout); that text is itself merged three ways by lines, so that the
// comments and layout either side changed are kept: the side that changed
// the text when only one did, both where they changed different lines.
// Where both changed the same lines and theirs holds a comment the result
// lacks, that clash is returned, for the markers (merge3.ts).
import { Lexer, parseDocument } from 'yaml'
import type { Agent } from '../model.js'
import { mergeLines, type LineClash } from './lines3.js'

/** Lines both sides changed, ours in the text, with theirs' comments that the text lacks. */
export interface CommentClash extends LineClash {
  lost: string[]
}

/** A YAML text's comments, each as written. */
function comments(yaml: string): string[] {
  return [...new Lexer().lex(yaml)].filter((token) => token.startsWith('#')).map((token) => token.trimEnd())
}

/** The frontmatter text to write the merged fields over (undefined: none, write them fresh), and where theirs' comments did not get into it. */
export function frontmatterText(o: Agent, a: Agent, b: Agent): { yaml: string | undefined; clashes: CommentClash[] } {
  const text = (x: Agent) => (x.meta.present ? x.meta.yaml : undefined)
  const [yo, ya, yb] = [text(o), text(a), text(b)]
  // A side without frontmatter text has nothing to merge: the first side that has one, as before.
  if (ya === undefined || yb === undefined) return { yaml: ya ?? yb ?? yo, clashes: [] }
  const merged = mergeLines(yo ?? '', ya, yb)
  // Lines merged into text that does not read as YAML are not used: ours' text, with theirs' whole text as the clash.
  const valid = parseDocument(merged.text).errors.length === 0
  const yaml = valid ? merged.text : ya
  const clashes = valid ? merged.clashes : [{ ours: ya.split('\n'), theirs: yb.split('\n'), at: 0, inOurs: 0 }]
  const before = new Set(comments(yo ?? ''))
  const kept = new Set(comments(yaml))
  const lost = comments(yb).filter((c) => !before.has(c) && !kept.has(c))
  return {
    yaml,
    clashes: clashes.flatMap((clash) => {
      const here = lost.filter((c) => clash.theirs.some((line) => line.includes(c)))
      return here.length === 0 ? [] : [{ ...clash, lost: here }]
    }),
  }
}
