// Which statements the similarity module matched directly: statements with
// equal profiles ("same terms", "identical code") all match each other;
// other pairs match where its clustering joined them. A fold's wording is
// chosen among the members matched with the most others (wording.ts), and a
// number per distinct text and norm lets large groups of twins be told apart
// without comparing strings.
import type { IndexReason } from '../dedup/index.js'

export interface Links {
  /** textId[i]: a number per distinct text of statement i. */
  textId: Int32Array
  /** normId[i]: a number per distinct norm of statement i. */
  normId: Int32Array
  /** How many other texts of a fold (the texts of its members, by number) each matched directly. */
  degrees(texts: ReadonlySet<number>): Map<number, number>
}

/** A number per string, equal for equal strings, in order of first appearance. */
function numberBy<T>(items: readonly T[], of: (it: T) => string): Int32Array {
  const numbers = new Map<string, number>()
  const out = new Int32Array(items.length)
  items.forEach((it, i) => {
    const s = of(it)
    let id = numbers.get(s)
    if (id === undefined) numbers.set(s, (id = numbers.size))
    out[i] = id
  })
  return out
}

/** `itemOf[i]` is the item of reason index i, or -1 for a statement left out (a reason about it is ignored). */
export function linksOf(texts: readonly string[], norms: readonly string[], reasons: readonly IndexReason[], itemOf?: Int32Array): Links {
  const at = (i: number): number => (itemOf ? itemOf[i]! : i)
  const textId = numberBy(texts, (t) => t)
  const normId = numberBy(norms, (t) => t)
  const classOf = Int32Array.from({ length: textId.length }, (_, t) => t)
  const find = (t: number): number => {
    while (classOf[t] !== t) {
      classOf[t] = classOf[classOf[t]!]!
      t = classOf[t]!
    }
    return t
  }
  const exact = (note: string | undefined) => note === 'same terms' || note === 'identical code'
  for (const r of reasons) {
    if (!exact(r.note) || at(r.a) === -1 || at(r.b) === -1) continue
    const x = find(textId[at(r.a)]!)
    const y = find(textId[at(r.b)]!)
    if (x !== y) classOf[y] = x
  }
  const pairs = new Map<number, Set<number>>()
  const link = (x: number, y: number) => {
    if (x === y) return
    const set = pairs.get(x)
    if (set) set.add(y)
    else pairs.set(x, new Set([y]))
  }
  for (const r of reasons) {
    if (exact(r.note) || at(r.a) === -1 || at(r.b) === -1) continue
    const x = find(textId[at(r.a)]!)
    const y = find(textId[at(r.b)]!)
    link(x, y)
    link(y, x)
  }
  const degrees = (members: ReadonlySet<number>): Map<number, number> => {
    const perClass = new Map<number, number>()
    for (const t of members) perClass.set(find(t), (perClass.get(find(t)) ?? 0) + 1)
    const byClass = new Map<number, number>()
    for (const [c, n] of perClass) {
      let d = n - 1
      for (const other of pairs.get(c) ?? []) d += perClass.get(other) ?? 0
      byClass.set(c, d)
    }
    return new Map([...members].map((t) => [t, byClass.get(find(t))!]))
  }
  return { textId, normId, degrees }
}
