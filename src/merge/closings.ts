// An input's closing: the plain paragraphs that end its file after a list or
// other content of the section they end ("Always prioritize safety, ...
// while ..." after the last section's list; units.ts marks them `closes`),
// with no section or block beginning after them. The merge orders sections
// by consensus, so an author's last section can land anywhere in the output;
// its closing would then stand mid-file, followed by other authors' sections.
// A fold all of whose members are closings is placed at the top instead,
// where tree.ts writes it after everything else: the merged file's closing,
// as it was its input's. A closing folded with a statement that closes
// nothing stays where that fold is placed.
import type { Statement } from '../model.js'
import type { Settled } from './fold.js'
import type { Item, Unit } from './units.js'

/** Each input's closing paragraphs: `closes`, and after the start of every unit (section or block) of their file. */
export function fileClosings(items: readonly Item[], units: readonly Unit[]): Set<Statement> {
  const lastStart = new Map<number, number>()
  for (const u of units) lastStart.set(u.input, Math.max(lastStart.get(u.input) ?? 0, u.section.source.line))
  return new Set(items.filter((it) => it.closes && it.statement.source.line > (lastStart.get(it.agent) ?? 0)).map((it) => it.statement))
}

/** The folds whose members are all closings placed at the top (-1), every member living there; the others as they were. */
export function closingsLast(settled: readonly Settled[], items: readonly Item[], closings: ReadonlySet<Statement>): Settled[] {
  const itemOf = new Map(items.map((it, i) => [it.statement, i]))
  return settled.map((s) => {
    if (!s.fold.members.every((m) => closings.has(m))) return s
    return { ...s, where: -1, here: s.fold.members.flatMap((m) => (itemOf.has(m) ? [itemOf.get(m)!] : [])) }
  })
}
