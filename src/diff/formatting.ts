// Changes of form of a statement that did not change: its source text (the
// slice of the file its mdast node spans) differs while its words do not.
// The kind of change is told from the node where the tree knows it (ordered
// or not) and from the slice where only the source does (the bullet
// character, a list number, line breaks): a different bullet or number,
// re-wrapping, or other markup (emphasis markers, escapes, how a link is
// written: a link's target is part of the statement's identity, never form).
import type { Statement } from '../model.js'
import { squashSpace } from '../normalize/plain.js'
import type { FormattingChange } from './model.js'

function slice(text: string | undefined, s: Statement): string | undefined {
  const pos = s.node.position
  if (text === undefined || pos?.start.offset === undefined || pos.end.offset === undefined) return undefined
  return text.slice(pos.start.offset, pos.end.offset)
}

/** The list marker a list item's source starts with (`-`, `*`, `+`, `3.`, `3)`). */
function marker(raw: string): { marker: string; rest: string } {
  let i = 0
  while (i < raw.length && (raw[i] === ' ' || raw[i] === '\t')) i++
  let j = i
  if (raw[j] === '-' || raw[j] === '*' || raw[j] === '+') j++
  else {
    while (j < raw.length && raw[j]! >= '0' && raw[j]! <= '9') j++
    if (j > i && (raw[j] === '.' || raw[j] === ')')) j++
    else j = i
  }
  return { marker: raw.slice(i, j), rest: raw.slice(j) }
}

const lines = (s: string) => s.split('\n').length

/** The changes of form between two versions of one statement (empty when the source is the same). */
export function statementFormatting(oldText: string | undefined, a: Statement, newText: string | undefined, b: Statement): FormattingChange[] {
  // A lead-in's node spans its pseudo-heading's title too; the title is judged as a section.
  if (a.kind === 'lead' || b.kind === 'lead') return []
  const x = slice(oldText, a)
  const y = slice(newText, b)
  if (x === undefined || y === undefined || x === y) return []
  const out: FormattingChange[] = []
  const place = { old: a.source, new: b.source }
  let restX = x
  let restY = y
  if (a.node.type === 'listItem' && b.node.type === 'listItem') {
    const mx = marker(x)
    const my = marker(y)
    restX = mx.rest
    restY = my.rest
    if (a.placement.ordered !== b.placement.ordered) out.push({ what: 'numbering', detail: `list item ${mx.marker} -> ${my.marker}`, ...place })
    else if (mx.marker !== my.marker) out.push({ what: a.placement.ordered ? 'numbering' : 'marker', detail: `${a.placement.ordered ? 'number' : 'bullet'} ${mx.marker} -> ${my.marker}`, ...place })
  }
  if (restX !== restY) {
    if (squashSpace(restX) === squashSpace(restY)) {
      const lx = lines(restX)
      const ly = lines(restY)
      out.push(lx !== ly ? { what: 'wrapping', detail: `re-wrapped: ${lx} -> ${ly} lines`, ...place } : { what: 'whitespace', detail: 'spaces or indentation', ...place })
    } else if (a.kind !== b.kind) out.push({ what: 'markup', detail: `${a.kind} -> ${b.kind}`, ...place })
    else out.push({ what: 'markup', detail: lines(restX) !== lines(restY) ? 'markup and wrapping' : 'markup (emphasis, escapes or how a link is written)', ...place })
  }
  return out
}
