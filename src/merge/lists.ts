// Where the merge starts a numbered list of its own. Consecutive numbered
// entries of a merged section are one list when they are one procedure:
// inputs linked by an entry that stands for both (a step they share) merge
// their steps into one list. Each other group of inputs starts a list of
// its own, numbered from 1 as its author numbered it (run on as one list,
// two procedures would read as one procedure doing both); so does an entry
// whose every input item started a second list of its own there (two
// numbered lists written one after the other).

/** What the choice reads of one entry of a merged section, in output order. */
export interface ListEntry {
  /** Written as an item of a numbered list (a step, a numbered item, a numbered item with a title). */
  numbered: boolean
  /** The inputs it stands for in this section. */
  inputs: readonly number[]
  /** Every input item it stands for started a list of its own there (`Placement.listStart`): its inputs' own second list. */
  ownStart: boolean
}

/**
 * Inputs linked by entries that stand for several of them (a step they
 * share): one procedure. Returns each input's root, the smallest input of
 * its procedure; an input no entry names is its own root.
 */
export function linkedInputs(entries: Iterable<readonly number[]>): (input: number) => number {
  const parent = new Map<number, number>()
  const find = (x: number): number => {
    let root = x
    while ((parent.get(root) ?? root) !== root) root = parent.get(root)!
    parent.set(x, root)
    return root
  }
  for (const inputs of entries) {
    const [first, ...rest] = inputs
    if (first === undefined) continue
    for (const other of rest) {
      const a = find(first)
      const b = find(other)
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b))
    }
  }
  return find
}

/** The indices of the entries that start a numbered list of their own. */
export function listStarts(entries: readonly ListEntry[]): Set<number> {
  const starts = new Set<number>()
  let from = 0
  for (let i = 0; i <= entries.length; i++) {
    if (i < entries.length && entries[i]!.numbered) continue
    startsInRun(entries, from, i, starts)
    from = i + 1
  }
  return starts
}

/** The starts within one run of numbered entries, entries[from, to). */
function startsInRun(entries: readonly ListEntry[], from: number, to: number, starts: Set<number>): void {
  if (to - from < 2) return
  const find = linkedInputs(entries.slice(from, to).map((e) => e.inputs))
  let previous: number | undefined
  for (let i = from; i < to; i++) {
    const first = entries[i]!.inputs[0]
    const group = first === undefined ? previous : find(first)
    if (i > from && group !== previous) starts.add(i)
    else if (i > from && entries[i]!.ownStart) starts.add(i)
    previous = group
  }
}
