// Stage 4 of the body merge: the order of what a merged section holds.
// Its entries are folds and the merged blocks and list-item sections placed
// among them. A section reads the paragraphs that opened its input sections
// first, then the rest in runs by input (the input contributing the most
// first, or the base; ties by the smallest text it contributes), each run
// in its own order, then the paragraphs that closed their input sections
// after a list (a closing remark stays last, not followed by another
// input's checklist), then what leads into its heading subsections (written
// after the body; what leads into a titled item or a bold lead-in keeps its
// place, since those are written in the body). A block (a
// lead-in and its list: a procedure, a checklist), and a section holding a
// procedure's steps or a table's rows, is aligned on its anchors, the entries that stand for
// items of several inputs, in position order; between two anchors each
// input's other items come as a run, in its own order, the deciding
// input's first. Lists that share steps are merged step by step, and lists that
// share none are kept whole, one after the other, not interleaved (tree.ts
// writes each as a list of its own).
import type { Item } from './units.js'
import { byCodeUnits } from '../order.js'
import { MinHeap } from './heap.js'

/** One thing placed in a merged section: each contributing input with its position there. */
export interface Entry<T> {
  value: T
  /** (input, position in its unit, 0..1) of each contributor living here. */
  places: Array<{ agent: number; pos: number; text: string }>
  /** 0: opens the section; 1: the body; 2: closes it; 3: leads into the heading subsections. */
  part: 0 | 1 | 2 | 3
  /** A tie-breaker independent of input order (the text written). */
  key: string
}


/** The part of a fold whose members are the items `here`. */
export function partOf(here: readonly Item[]): 0 | 1 | 2 | 3 {
  if (here.every((it) => it.opens)) return 0
  if (here.length > 0 && here.every((it) => it.leadsIn)) return 3
  return here.length > 0 && here.every((it) => it.closes) ? 2 : 1
}

/**
 * Entries in reading order. `paths[a]` is input a's path; `base` (or -1)
 * runs first; `aligned` orders a block on its anchors (see above), where
 * the `decider`'s items (or -1) come first in a gap.
 */
export function orderEntries<T>(entries: readonly Entry<T>[], paths: readonly string[], base: number, aligned = false, decider = -1): T[] {
  if (entries.length === 0) return []
  const keyed = keyedEntries(entries, paths, base)
  if (aligned) slotByAnchors(keyed)
  // Two inputs' items in one gap between anchors: the deciding input's first.
  const second = (k: Keyed<T>) => Number(!aligned || !k.e.places.some((p) => p.agent === decider))
  keyed.sort((x, y) => x.e.part - y.e.part || x.slot - y.slot || second(x) - second(y) || x.run - y.run || x.pos - y.pos || byCodeUnits(x.e.key, y.e.key))
  return keyed.map((k) => k.e.value)
}

/** An entry with what orders it: its owner's run (by input priority) and position; its slot once slotted. */
export interface Keyed<T> {
  e: Entry<T>
  run: number
  pos: number
  slot: number
}

/** Each entry with its owner (its contributor in the earliest run) and that owner's run and position. */
export function keyedEntries<T>(entries: readonly Entry<T>[], paths: readonly string[], base: number): Array<Keyed<T>> {
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
  return entries.map((e) => {
    let owner = e.places[0]
    for (const p of e.places) if (owner === undefined || priority.get(p.agent)! < priority.get(owner.agent)!) owner = p
    return { e, run: owner === undefined ? runs.length : priority.get(owner.agent)!, pos: owner?.pos ?? 1, slot: 0 }
  })
}

/** Anchors and what orders them: each input's anchors in its own order (a chain), and for each anchor the anchors that wait for it and how many it waits for (its predecessor in every chain). */
export function anchorChains<K extends { e: Entry<unknown> }>(anchors: readonly K[]): { chains: Map<number, Array<{ anchor: K; pos: number }>>; next: Map<K, Set<K>>; waiting: Map<K, number> } {
  const chains = new Map<number, Array<{ anchor: K; pos: number }>>()
  for (const anchor of anchors) {
    for (const p of anchor.e.places) {
      const chain = chains.get(p.agent)
      if (chain) chain.push({ anchor, pos: p.pos })
      else chains.set(p.agent, [{ anchor, pos: p.pos }])
    }
  }
  const next = new Map<K, Set<K>>(anchors.map((a) => [a, new Set()]))
  const waiting = new Map<K, number>(anchors.map((a) => [a, 0]))
  for (const chain of chains.values()) {
    chain.sort((x, y) => x.pos - y.pos)
    for (let i = 1; i < chain.length; i++) {
      const [from, to] = [chain[i - 1]!.anchor, chain[i]!.anchor]
      if (from === to || next.get(from)!.has(to)) continue
      next.get(from)!.add(to)
      waiting.set(to, waiting.get(to)! + 1)
    }
  }
  return { chains, next, waiting }
}

/**
 * The slots of a block's entries. Anchors (body entries of two or more
 * inputs: a shared lead-in does not anchor) take the odd slots 1, 3, ... in an order that keeps every input's own
 * order of them: each anchor waits for the anchors before it in every input
 * holding both; among those ready, the earliest by its owner's position
 * (then run, then text); when the inputs disagree (no anchor is ready), the
 * earliest of those left. Every other entry takes the even slot after the
 * last anchor holding an earlier item of its input, so it stays between the
 * anchors its input placed it between; the items of an input that shares
 * no anchor come after every anchor, as a run of their own, so that a
 * procedure that shares nothing is not written in the middle of the merged
 * one.
 */
export function slotByAnchors<T>(keyed: Array<Keyed<T>>): void {
  type Slotted = Keyed<T>
  // Only the body's items anchor: an input that shares no more than a lead-in shares no anchor.
  const anchors = keyed.filter((k) => k.e.part === 1 && new Set(k.e.places.map((p) => p.agent)).size >= 2)
  // Ties go to the anchor met first, as a scan of the anchors in order would.
  const index = new Map(anchors.map((a, i) => [a, i]))
  const earlier = (x: Slotted, y: Slotted) => (x.pos - y.pos || x.run - y.run || byCodeUnits(x.e.key, y.e.key) || index.get(x)! - index.get(y)!) < 0
  const { chains, next, waiting } = anchorChains(anchors)
  // The ready anchors, and all those left (for when none is ready); an
  // anchor already placed is dropped from either when it comes up.
  const ready = new MinHeap<Slotted>(earlier)
  const all = new MinHeap<Slotted>(earlier)
  for (const a of anchors) {
    all.push(a)
    if (waiting.get(a) === 0) ready.push(a)
  }
  const placed = (a: Slotted) => a.slot !== 0
  let slot = 1
  for (let left = anchors.length; left > 0; left--) {
    while (ready.size > 0 && placed(ready.peek()!)) ready.pop()
    while (placed(all.peek()!)) all.pop()
    const chosen = ready.size > 0 ? ready.pop()! : all.pop()!
    chosen.slot = slot
    slot += 2
    for (const to of next.get(chosen)!) {
      const count = waiting.get(to)! - 1
      waiting.set(to, count)
      if (count === 0 && !placed(to)) ready.push(to)
    }
  }
  // Every other entry: after the last anchor of its input's chain before it
  // (the chain is in position order, so a running maximum and a binary search).
  const latest = new Map<number, number[]>()
  for (const [agent, chain] of chains) {
    let most = 0
    latest.set(agent, chain.map(({ anchor }) => (most = Math.max(most, anchor.slot + 1))))
  }
  for (const k of keyed) {
    if (k.slot !== 0) continue
    const mine = k.e.places[0]
    if (!mine) continue
    const chain = chains.get(mine.agent)
    if (!chain) {
      k.slot = slot
      continue
    }
    let lo = 0
    let hi = chain.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (chain[mid]!.pos < mine.pos) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) k.slot = latest.get(mine.agent)![lo - 1]!
  }
}
