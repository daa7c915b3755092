// An input's closing: the plain paragraphs that end its file after a list or
// other content of the section they end ("Always prioritize safety, ...
// while ..." after the last section's list; units.ts marks them `closes`),
// with no section or block beginning after them. The merge orders sections
// by consensus, so an author's last section can land anywhere in the output;
// its closing would then stand mid-file, followed by other authors' sections.
// A fold all of whose members are closings is placed at the top instead,
// where tree.ts writes it after everything else: the merged file's closing,
// as it was its input's. A closing folded with a statement that closes
// nothing stays where that fold is placed; a paraphrase a core folds in
// from elsewhere (a cut step, another author's item that says the closing
// too) does not hold the closing back, as it does not stand here. A kept
// side of a conflict, and a paraphrase written beside the point it
// carries, is read right after that point: the two move together when
// both are closings, else both stay. Decided once here, as `closing` on
// the fold: tree.ts writes and the sidecar lists what it marks.
import type { Statement } from '../model.js'
import { holdersOf, type Settled } from './fold.js'
import type { Item, Unit } from './units.js'

/** Each input's closing paragraphs: `closes`, and after the start of every unit (section or block) of their file. */
export function fileClosings(items: readonly Item[], units: readonly Unit[]): Set<Statement> {
  const lastStart = new Map<number, number>()
  for (const u of units) lastStart.set(u.input, Math.max(lastStart.get(u.input) ?? 0, u.section.source.line))
  return new Set(items.filter((it) => it.closes && it.statement.source.line > (lastStart.get(it.agent) ?? 0)).map((it) => it.statement))
}

/** The folds of closings, with those written beside them, placed at the top (-1) and marked `closing`, each written member living there; the others as they were. */
export function closingsLast(settled: readonly Settled[], items: readonly Item[], closings: ReadonlySet<Statement>): Settled[] {
  const itemOf = new Map(items.map((it, i) => [it.statement, i]))
  const own = (s: Settled) => s.fold.members.filter((m) => !(s.carried ?? []).includes(m))
  const closes = (s: Settled) => own(s).length > 0 && own(s).every((m) => closings.has(m))
  // Each fold with the one it is written beside, followed to the first: a pair (or a winner and its kept sides) is one.
  const holder = holdersOf(settled)
  for (const s of settled) holder.set(s.fold.statement, s)
  const first = (s: Settled): Settled => {
    const seen = new Set<Settled>()
    let at = s
    while (at.beside !== undefined && holder.has(at.beside) && !seen.has(at)) {
      seen.add(at)
      at = holder.get(at.beside)!
    }
    return at
  }
  const together = new Map<Settled, Settled[]>()
  for (const s of settled) together.set(first(s), [...(together.get(first(s)) ?? []), s])
  const last = new Set([...together.values()].filter((pair) => pair.every(closes)).flat())
  return settled.map((s) => {
    if (!last.has(s)) return s
    return { ...s, where: -1, here: own(s).flatMap((m) => (itemOf.has(m) ? [itemOf.get(m)!] : [])), closing: true }
  })
}
