// A three-way merge of a text's lines: for the frontmatter's YAML, whose
// fields merge by value (fields.ts), so that what each side changed in the
// text around them (comments, quoting, layout) is kept, and for code blocks
// (code.ts), whose lines are their meaning. Each side's change is kept
// wherever the two sides changed different lines. Where both changed the same lines differently,
// ours is taken there and the result lists each such clash with both sides'
// lines.
import { diffArrays } from 'diff'

/** Lines `start..end` of the base replaced by `lines` on one side (an insertion when start equals end). */
interface Change {
  start: number
  end: number
  lines: string[]
  side: 'a' | 'b'
}

/** One side's changes against the base, in order; two of them never touch (an unchanged line lies between). */
function changes(base: string[], side: string[], name: 'a' | 'b'): Change[] {
  const out: Change[] = []
  let at = 0
  let open: Change | undefined
  for (const part of diffArrays(base, side)) {
    if (!part.added && !part.removed) {
      open = undefined
      at += part.value.length
      continue
    }
    if (!open) out.push((open = { start: at, end: at, lines: [], side: name }))
    if (part.removed) open.end = at += part.value.length
    else open.lines.push(...part.value)
  }
  return out
}

/**
 * Whether `next` (sorted after the changes of `range`) meets them: it changes
 * some of the same lines, or both insert at one place (no order between them).
 * An insertion right before or after lines the other side changed does not.
 */
const meets = (range: { start: number; end: number }, next: Change) => next.start < range.end || (next.start === next.end && range.start === range.end && next.start === range.start)

/** Lines both sides changed differently: ours (kept in the text) and theirs. */
export interface LineClash {
  ours: string[]
  theirs: string[]
  /** Where ours' lines start: their index in the merged text's lines, and in ours'. */
  at: number
  inOurs: number
}

/** The base's lines of a region with one side's changes in it applied. */
function applied(base: string[], range: { start: number; end: number }, changes: Change[]): string[] {
  const out: string[] = []
  let at = range.start
  for (const c of changes) {
    out.push(...base.slice(at, c.start), ...c.lines)
    at = c.end
  }
  return [...out, ...base.slice(at, range.end)]
}

/** Merges the edits of A (ours) and B (theirs) to O; where both changed the same lines differently, ours is kept and the clash listed. */
export function mergeLines(o: string, a: string, b: string): { text: string; clashes: LineClash[] } {
  const base = o.split('\n')
  const all = [...changes(base, a.split('\n'), 'a'), ...changes(base, b.split('\n'), 'b')].sort((x, y) => x.start - y.start || x.end - y.end || (x.side === 'a' ? -1 : 1))
  const out: string[] = []
  const clashes: LineClash[] = []
  let at = 0
  // How many more lines ours has than the base before the current region.
  let shift = 0
  for (let i = 0; i < all.length; ) {
    // The changes that meet, from both sides: one region of the base.
    const group = [all[i]!]
    const range = { start: all[i]!.start, end: all[i]!.end }
    for (i++; i < all.length && meets(range, all[i]!); i++) {
      group.push(all[i]!)
      range.end = Math.max(range.end, all[i]!.end)
    }
    const ours = applied(base, range, group.filter((c) => c.side === 'a'))
    const theirs = applied(base, range, group.filter((c) => c.side === 'b'))
    const untouched = base.slice(range.start, range.end).join('\n')
    // One side's changes apply as they are, and so do both sides' same changes; else ours, and the clash is told.
    const oursText = ours.join('\n')
    const theirsText = theirs.join('\n')
    out.push(...base.slice(at, range.start))
    if (oursText !== untouched && theirsText !== untouched && oursText !== theirsText) clashes.push({ ours, theirs, at: out.length, inOurs: range.start + shift })
    out.push(...(oursText === untouched ? theirs : ours))
    shift += ours.length - (range.end - range.start)
    at = range.end
  }
  out.push(...base.slice(at))
  return { text: out.join('\n'), clashes }
}
