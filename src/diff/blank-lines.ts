// Blank lines added or removed between two versions of a file: a change of
// form the statements cannot see (no statement's source holds the blank
// lines between blocks), found from the lines themselves: the non-blank
// lines are paired by their words (jsdiff, bounded), and where a pair has
// another number of blank lines before it, that is one change, at its lines,
// unless lines only one side has stand right before it: the blank lines
// after a title added over the body come with the title, an added section.
// Only the words: a line whose bullet, number or emphasis markers changed
// too is still the same line, so that another change of form on it does not
// hide its blank lines.
import { diffArrays } from 'diff'
import { squashSpace } from '../normalize/plain.js'
import { marker } from './formatting.js'
import type { FormattingChange } from './model.js'

interface Line {
  /** Its words, without its list marker and markup (or its text, spacing squashed, when it has no words). */
  key: string
  /** 1-based. */
  line: number
  /** Blank lines right before it. */
  blanks: number
}

const WORD = /[\p{L}\p{N}]+/gu

/** What pairs a line with its counterpart: its words, whatever markup and list marker (a renumbering too) surround them. */
function keyOf(raw: string): string {
  const words = marker(raw).rest.match(WORD)
  return words ? words.join(' ') : squashSpace(raw)
}

function nonBlankLines(text: string): Line[] {
  const out: Line[] = []
  let blanks = 0
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') {
      blanks++
      return
    }
    out.push({ key: keyOf(raw), line: i + 1, blanks })
    blanks = 0
  })
  return out
}

/** The blank-line changes between OLD's and NEW's text, in NEW's order (none when the pairing would cost too much). */
export function blankLineChanges(oldText: string, newText: string, oldPath: string, newPath: string, maxEditLength = 2000): FormattingChange[] {
  const a = nonBlankLines(oldText)
  const b = nonBlankLines(newText)
  const changes = diffArrays(a, b, { comparator: (x: Line, y: Line) => x.key === y.key, maxEditLength })
  if (!changes) return []
  const out: FormattingChange[] = []
  let i = 0
  let j = 0
  // Lines only one side has since the last pair: the blank lines after them come with them.
  let added = false
  let removed = false
  for (const c of changes) {
    if (c.added) {
      j += c.value.length
      added = true
    } else if (c.removed) {
      i += c.value.length
      removed = true
    } else {
      for (let k = 0; k < c.value.length; k++, i++, j++) {
        const x = a[i]!
        const y = b[j]!
        // A pair right after lines one side added (a title over the body) or removed has no old spacing to compare with.
        if (k === 0 && added !== removed) continue
        if (x.blanks !== y.blanks) out.push({ what: 'whitespace', detail: `blank lines before it: ${x.blanks} -> ${y.blanks}`, old: { path: oldPath, line: x.line }, new: { path: newPath, line: y.line } })
      }
      added = removed = false
    }
  }
  return out
}
