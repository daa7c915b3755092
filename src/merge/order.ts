// Stage 4 of the body merge: the order of what a merged section holds.
// Its entries are folds and the merged blocks and list-item sections placed
// among them. A section reads the paragraphs that opened its input sections
// first, then the rest in runs by input (the input contributing the most
// first, or the base; ties by the smallest text it contributes), each run
// in its own order, then what leads into its subsections. A procedure
// (a block of steps) is ordered by the steps' positions, so that the steps
// of every input keep their order.
import type { Item } from './units.js'
import { byCodeUnits } from '../order.js'

/** One thing placed in a merged section: each contributing input with its position there. */
export interface Entry<T> {
  value: T
  /** (input, position in its unit, 0..1) of each contributor living here. */
  places: Array<{ agent: number; pos: number; text: string }>
  /** 0: opens the section; 1: the body; 2: leads into the subsections. */
  part: 0 | 1 | 2
  /** A tie-breaker independent of input order (the text written). */
  key: string
}


/** The part of a fold whose members are the items `here`. */
export function partOf(here: readonly Item[]): 0 | 1 | 2 {
  return here.every((it) => it.opens) ? 0 : here.length > 0 && here.every((it) => it.leadsIn) ? 2 : 1
}

/**
 * Entries in reading order. `paths[a]` is input a's path; `base` (or -1)
 * runs first; `byPosition` orders by position alone (procedures).
 */
export function orderEntries<T>(entries: readonly Entry<T>[], paths: readonly string[], base: number, byPosition = false): T[] {
  if (entries.length === 0) return []
  const runsOf = new Map<number, { count: number; least: string }>()
  for (const e of entries) {
    for (const p of e.places) {
      const run = runsOf.get(p.agent)
      if (!run) runsOf.set(p.agent, { count: 1, least: p.text })
      else {
        run.count++
        if (p.text < run.least) run.least = p.text
      }
    }
  }
  const runs = [...runsOf.keys()].sort((x, y) => {
    const a = runsOf.get(x)!
    const b = runsOf.get(y)!
    return Number(y === base) - Number(x === base) || b.count - a.count || byCodeUnits(a.least, b.least) || byCodeUnits(paths[x]!, paths[y]!) || x - y
  })
  const priority = new Map(runs.map((a, i) => [a, i]))
  const keyed = entries.map((e) => {
    // The entry's owner: its contributor in the earliest run.
    let owner = e.places[0]
    for (const p of e.places) if (owner === undefined || priority.get(p.agent)! < priority.get(owner.agent)!) owner = p
    return { e, run: owner === undefined ? runs.length : priority.get(owner.agent)!, pos: owner?.pos ?? 1 }
  })
  keyed.sort((x, y) => x.e.part - y.e.part || (byPosition ? x.pos - y.pos || x.run - y.run : x.run - y.run || x.pos - y.pos) || byCodeUnits(x.e.key, y.e.key))
  return keyed.map((k) => k.e.value)
}
