// The one rule both halves of the driver order by: what one side added goes
// right after its predecessor on that side (the body's statements within a
// section, the frontmatter's keys, a map's entries, a list's items).

/**
 * Inserts each item of `side` that `into` lacks right after the item that
 * precedes it on `side` (at the front when none does), then past the items
 * there that `skip(there, added)` keeps ahead of it. Changes `into` in place.
 */
export function insertAfterPredecessors<T>(into: T[], side: readonly T[], skip: (there: T, added: T) => boolean = () => false): void {
  let cursor = -1
  for (const x of side) {
    const at = into.indexOf(x)
    if (at !== -1) {
      cursor = at
      continue
    }
    let pos = cursor + 1
    while (pos < into.length && skip(into[pos]!, x)) pos++
    into.splice(pos, 0, x)
    cursor = pos
  }
}
