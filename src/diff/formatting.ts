// Changes of form of a statement that did not change: its source text (the
// slice of the file its mdast node spans) differs while its words do not.
// The kind of change is told from the node where the tree knows it (ordered
// or not) and from the slice where only the source does (the bullet
// character, a list number, line breaks): a different bullet or number,
// re-wrapping, or other markup (emphasis markers, escapes, how a link is
// written: a link's target is part of the statement's identity, never form).
import type { Section, Source, Statement } from '../model.js'
import { squashSpace } from '../normalize/plain.js'
import type { FormattingChange } from './model.js'

function slice(text: string | undefined, s: Statement): string | undefined {
  const pos = s.node.position
  if (text === undefined || pos?.start.offset === undefined || pos.end.offset === undefined) return undefined
  return text.slice(pos.start.offset, pos.end.offset)
}

/** The list marker a list item's source starts with (`-`, `*`, `+`, `3.`, `3)`), and what follows it. */
export function marker(raw: string): { marker: string; rest: string } {
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

/** A changed list marker as a change of form: `number 6. -> 7.`, `bullet - -> *`, or `list item 6. -> -` between a numbered and a bulleted list. */
function markerChange(ordered: [boolean, boolean], mx: string, my: string, place: { old: Source; new: Source }): FormattingChange[] {
  if (ordered[0] !== ordered[1]) return [{ what: 'numbering', detail: `list item ${mx} -> ${my}`, ...place }]
  if (mx === my) return []
  return [{ what: ordered[0] ? 'numbering' : 'marker', detail: `${ordered[0] ? 'number' : 'bullet'} ${mx} -> ${my}`, ...place }]
}

/** The list marker a line of a file starts with, inside any quote (`> 6. **Deployment:**` -> `6.`), or undefined. */
function lineMarker(text: string | undefined, line: number): string | undefined {
  const raw = text?.split('\n')[line - 1]
  return raw === undefined ? undefined : marker(raw.replace(/^(?:[ \t]*>)*/, '')).marker || undefined
}

/**
 * The change of form of a pseudo-heading's list marker (`6. **Deployment:**`
 * renumbered `7.` after a step inserted before it): its title is compared as
 * a section's, its marker, read from its line, as a statement's is.
 */
export function titleFormatting(oldText: string | undefined, a: Section, newText: string | undefined, b: Section): FormattingChange[] {
  if (a.kind !== 'item' || b.kind !== 'item') return []
  const mx = lineMarker(oldText, a.source.line)
  const my = lineMarker(newText, b.source.line)
  if (mx === undefined || my === undefined) return []
  return markerChange([a.ordered === true, b.ordered === true], mx, my, { old: a.source, new: b.source })
}

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
    out.push(...markerChange([a.placement.ordered === true, b.placement.ordered === true], mx.marker, my.marker, place))
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
