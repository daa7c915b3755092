// The alignment engine: which section of OLD is which section of NEW, and
// which statement is which, in the order the best structural differs use.
// Align sections; pair equal statements (by id); pair the rest by
// similarity; align the sections those pairs tie together; then find moves:
// within each aligned section pair the heaviest chain of pairs in order
// stays, the other pairs moved. Last, a lone unpaired statement on each side
// of a gap between two statements that stayed is one statement reworded, if
// the two are at all alike.
import type { Section } from '../model.js'
import { keptInOrder, type OrderedPair } from './order.js'
import { exactPairs, similarPairs, Similarity, type Pair } from './pair.js'
import { alignSections, type SectionAlignment } from './sections.js'
import { flatten, type Side } from './side.js'
import { GAP_SCORE } from './thresholds.js'

/**
 * How a statement of OLD relates to its counterpart in NEW: `exact` is the
 * same statement in its place, `reworded` a changed wording in its place,
 * `moved` the same or a reworded statement (see `same`) that left its
 * section or its position among its section's statements.
 */
export type PairClass = 'exact' | 'reworded' | 'moved'

export interface StatementPair {
  /** Index into `old.statements`. */
  o: number
  /** Index into `new.statements`. */
  n: number
  class: PairClass
  /** Whether the two are the same statement (equal ids: the same normalized text). */
  same: boolean
  /** 1 for the same statement, else how alike the two are (0..1). */
  score: number
  /** For `moved`: whether it left its section or only changed position in it. */
  move?: 'section' | 'position'
}

/** The alignment of two section trees; every statement is in one pair or in `removed`/`added`. */
export interface Alignment {
  old: Side
  new: Side
  /** OLD section index -> NEW section index (or -1), and back. */
  sections: SectionAlignment
  /** In the order they were found: same statements, then similar ones, then gap pairs. */
  pairs: StatementPair[]
  /** Indices of OLD statements without a counterpart, in document order. */
  removed: number[]
  /** Indices of NEW statements without a counterpart, in document order. */
  added: number[]
}

export interface AlignOptions {
  /**
   * A title wrapper on one side only (an H1 holding the whole file) may
   * align with the other side's root, so that the body under it aligns with
   * the other's top level: for `diff`, where a title put over a file is one
   * section added. The merge driver keeps root with root: its units have one
   * root, and a title one side put over the file is a section that side
   * added, with the moves into it that side made.
   */
  titles?: boolean
}

/** Aligns the sections and statements of two agents' bodies (their root sections). */
export function alignBodies(oldRoot: Section, newRoot: Section, options: AlignOptions = {}): Alignment {
  const o = flatten(oldRoot)
  const n = flatten(newRoot)
  const align = alignSections(o, n, options.titles === true)
  const pairs = exactPairs(o, n, align)
  const pairedO = new Set(pairs.map((p) => p.o))
  const pairedN = new Set(pairs.map((p) => p.n))
  const restO = o.statements.map((s) => s.index).filter((i) => !pairedO.has(i))
  const restN = n.statements.map((s) => s.index).filter((i) => !pairedN.has(i))
  // Pairing by similarity needs a statement left on each side; the scorer reads every one of them.
  const sim = restO.length > 0 && restN.length > 0 ? new Similarity(o, n, restO, restN) : undefined
  for (const p of sim ? similarPairs(o, n, align, restO, restN, sim) : []) {
    pairs.push(p)
    pairedO.add(p.o)
    pairedN.add(p.n)
  }
  // Sections the paired statements tie together (a section renamed and reworded).
  align.byPairs(pairs)
  const { kept, moved } = orderPairs(o, n, align.o2n, pairs)
  for (const p of sim ? gapPairs(o, n, align.o2n, kept, pairedO, pairedN, sim) : []) {
    kept.add(p)
    pairs.push(p)
    pairedO.add(p.o)
    pairedN.add(p.n)
  }
  const classified: StatementPair[] = pairs.map((p) => {
    const move = moved.get(p)
    const base = { o: p.o, n: p.n, same: p.exact, score: p.score }
    if (move) return { ...base, class: 'moved', move }
    return { ...base, class: p.exact ? 'exact' : 'reworded' }
  })
  return {
    old: o,
    new: n,
    sections: { o2n: align.o2n, n2o: align.n2o },
    pairs: classified,
    removed: restO.filter((i) => !pairedO.has(i)),
    added: restN.filter((i) => !pairedN.has(i)),
  }
}

// Names a pair the same way whichever side is OLD: both ids and both slots, each sorted.
const pairKey = (o: Side, n: Side, p: Pair) => {
  const ids = [o.statements[p.o]!.statement.id, n.statements[p.n]!.statement.id].sort()
  const slots = [o.slot[p.o]!, n.slot[p.n]!].sort((x, y) => x - y)
  return [...ids, ...slots].join('\u0000')
}

/** Splits the pairs into those that kept their place and those that moved. */
function orderPairs(o: Side, n: Side, o2n: number[], pairs: Pair[]): { kept: Set<Pair>; moved: Map<Pair, 'section' | 'position'> } {
  const kept = new Set<Pair>()
  const moved = new Map<Pair, 'section' | 'position'>()
  const groups = new Map<number, Pair[]>()
  for (const p of pairs) {
    const so = o.sectionOf[p.o]!
    if (o2n[so] !== n.sectionOf[p.n]) {
      moved.set(p, 'section')
      continue
    }
    const list = groups.get(so)
    if (list) list.push(p)
    else groups.set(so, [p])
  }
  for (const list of groups.values()) {
    const ordered: OrderedPair[] = list.map((p) => ({ a: o.slot[p.o]!, b: n.slot[p.n]!, key: pairKey(o, n, p) }))
    const keep = keptInOrder(ordered)
    list.forEach((p, i) => (keep.has(i) ? kept.add(p) : moved.set(p, 'position')))
  }
  return { kept, moved }
}

/** Pairs the single unpaired statement on each side of a gap between kept pairs. */
function gapPairs(o: Side, n: Side, o2n: number[], kept: Set<Pair>, pairedO: Set<number>, pairedN: Set<number>, sim: Similarity): Pair[] {
  const anchors = new Map<number, Pair[]>()
  for (const p of kept) {
    const so = o.sectionOf[p.o]!
    const list = anchors.get(so)
    if (list) list.push(p)
    else anchors.set(so, [p])
  }
  const out: Pair[] = []
  o.sections.forEach((_, so) => {
    const sn = o2n[so]!
    if (sn === -1) return
    const olds = o.direct[so]!
    const news = n.direct[sn]!
    const chain = (anchors.get(so) ?? []).map((p) => [o.slot[p.o]!, n.slot[p.n]!] as const).sort((x, y) => x[0] - y[0])
    const bounds = [[-1, -1] as const, ...chain, [olds.length, news.length] as const]
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [a0, b0] = bounds[i]!
      const [a1, b1] = bounds[i + 1]!
      const gapO = olds.slice(a0 + 1, a1).filter((x) => !pairedO.has(x))
      const gapN = news.slice(b0 + 1, b1).filter((y) => !pairedN.has(y))
      if (gapO.length !== 1 || gapN.length !== 1) continue
      const score = sim.score(gapO[0]!, gapN[0]!)
      if (score >= GAP_SCORE) out.push({ o: gapO[0]!, n: gapN[0]!, score, exact: false })
    }
  })
  return out
}
