// Where a numbered list starts is part of what the model reads: `3.` after
// a code block continues a procedure, `1.` there starts a new one. So the
// start of a list is compared for the item that opens it on both sides;
// numbering that follows from the items around it (one inserted before, `1)`
// for `1.`) stays a change of form.
import type { Statement } from '../model.js'

/** The number a statement's numbered list starts at, when the statement opens one as read. */
function startOf(s: Statement): number | undefined {
  const { ordered, first, number } = s.placement
  return ordered === true && first === true ? (number ?? 1) : undefined
}

/** The two starts when both statements open a numbered list and the lists start at different numbers. */
export function changedStart(a: Statement, b: Statement): { old: number; new: number } | undefined {
  const x = startOf(a)
  const y = startOf(b)
  return x === undefined || y === undefined || x === y ? undefined : { old: x, new: y }
}
