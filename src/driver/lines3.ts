// A three-way merge of a text's lines, for the frontmatter's YAML: its
// fields merge by value (fields.ts), and this keeps what each side changed in
// the text around them (comments, quoting, layout) wherever the two sides
// changed different lines. Where both changed the same lines differently,
// ours is taken there and the result says it is not clean.
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

/** Merges the edits of A (ours) and B (theirs) to O; `clean` is false when both changed the same lines differently (ours kept there). */
export function mergeLines(o: string, a: string, b: string): { text: string; clean: boolean } {
  const base = o.split('\n')
  const all = [...changes(base, a.split('\n'), 'a'), ...changes(base, b.split('\n'), 'b')].sort((x, y) => x.start - y.start || x.end - y.end || (x.side === 'a' ? -1 : 1))
  const out: string[] = []
  let at = 0
  let clean = true
  for (let i = 0; i < all.length; ) {
    // The changes that meet, from both sides: one region of the base.
    const group = [all[i]!]
    const range = { start: all[i]!.start, end: all[i]!.end }
    for (i++; i < all.length && meets(range, all[i]!); i++) {
      group.push(all[i]!)
      range.end = Math.max(range.end, all[i]!.end)
    }
    const ours = group.filter((c) => c.side === 'a')
    const same = group.length === 2 && ours.length === 1 && group[0]!.start === group[1]!.start && group[0]!.end === group[1]!.end && group[0]!.lines.join('\n') === group[1]!.lines.join('\n')
    const sides = new Set(group.map((c) => c.side))
    // One side's changes apply as they are; both sides' differently, ours (over the base's lines it left).
    const taken = sides.size === 1 || same ? group.slice(0, same ? 1 : group.length) : ours
    if (sides.size === 2 && !same) clean = false
    out.push(...base.slice(at, range.start))
    at = range.start
    for (const c of taken) {
      out.push(...base.slice(at, c.start), ...c.lines)
      at = c.end
    }
    out.push(...base.slice(at, range.end))
    at = range.end
  }
  out.push(...base.slice(at))
  return { text: out.join('\n'), clean }
}
