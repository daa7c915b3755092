// Classifies the section changes of an alignment: an aligned pair whose
// titles differ is renamed; one whose parent is not its old parent's
// counterpart, or that fell out of order among its aligned siblings, moved
// (of two that swapped, the one that carries less text);
// the rest were added or removed, and so was a title wrapper aligned with the
// other side's root (a title put over the same body, or dropped from it).
// Changes of form in titles are listed apart.
import { keptInOrder, type OrderedPair, type SectionAlignment, type Side } from '../align/index.js'
import type { FormattingChange, SectionChange } from './model.js'

const fold = (title: string) => title.toLowerCase().replace(/[\s:.]+$/, '')

/** The section changes, and the changes of form in section titles. */
export function sectionChanges(o: Side, n: Side, align: SectionAlignment): { changes: SectionChange[]; formatting: FormattingChange[] } {
  const changes: SectionChange[] = []
  const formatting: FormattingChange[] = []
  // Sibling order: for each aligned parent pair, the aligned children pairs.
  const byParent = new Map<number, Array<{ a: number; b: number }>>()
  for (let a = 1; a < o.sections.length; a++) {
    const b = align.o2n[a]!
    if (b <= 0) continue
    const pa = o.parentOf[a]!
    const pb = n.parentOf[b]!
    if (align.o2n[pa] !== pb) continue
    const list = byParent.get(pa)
    if (list) list.push({ a, b })
    else byParent.set(pa, [{ a, b }])
  }
  const outOfOrder = new Set<number>()
  const sizeO = subtreeSizes(o)
  const sizeN = subtreeSizes(n)
  for (const [pa, list] of byParent) {
    const pb = align.o2n[pa]!
    const pairs: OrderedPair[] = list.map(({ a, b }) => ({
      a: o.children[pa]!.indexOf(a),
      b: n.children[pb]!.indexOf(b),
      key: [o.sections[a]!.section.key, n.sections[b]!.section.key].sort().join('\u0000'),
      size: sizeO[a]! + sizeN[b]!,
    }))
    const kept = keptInOrder(pairs)
    list.forEach(({ a }, i) => {
      if (!kept.has(i)) outOfOrder.add(a)
    })
  }
  for (let a = 1; a < o.sections.length; a++) {
    const b = align.o2n[a]!
    // Only a title wrapper aligns with a root: the body it held is the other side's whole body.
    if (b <= 0) {
      changes.push({ change: 'removed', old: o.sections[a]! })
      continue
    }
    const os = o.sections[a]!
    const ns = n.sections[b]!
    if (fold(os.section.title) !== fold(ns.section.title)) changes.push({ change: 'renamed', old: os, new: ns })
    else if (os.section.title !== ns.section.title) {
      formatting.push({ what: 'heading', detail: `title "${os.section.title}" written "${ns.section.title}"`, old: os.section.source, new: ns.section.source })
    }
    const parentMoved = align.o2n[o.parentOf[a]!] !== n.parentOf[b]
    if (parentMoved) changes.push({ change: 'moved', old: os, new: ns, move: 'parent' })
    else if (outOfOrder.has(a)) changes.push({ change: 'moved', old: os, new: ns, move: 'position' })
    if (os.section.kind !== ns.section.kind) {
      formatting.push({ what: 'heading', detail: `${kindName(os.section.kind, os.section.depth)} -> ${kindName(ns.section.kind, ns.section.depth)}`, old: os.section.source, new: ns.section.source })
    } else if (os.section.kind === 'heading' && os.section.depth !== ns.section.depth && !parentMoved) {
      formatting.push({ what: 'heading', detail: `heading level ${os.section.depth} -> ${ns.section.depth}`, old: os.section.source, new: ns.section.source })
    }
  }
  for (let b = 1; b < n.sections.length; b++) if (align.n2o[b]! <= 0) changes.push({ change: 'added', new: n.sections[b]! })
  return { changes, formatting }
}

/** Section index -> the length of the text of every statement under it: what moving it carries. */
function subtreeSizes(side: Side): number[] {
  const size = new Array<number>(side.sections.length).fill(0)
  side.statements.forEach((s, i) => {
    for (let p = side.sectionOf[i]!; p >= 0; p = side.parentOf[p]!) size[p]! += s.statement.text.length
  })
  return size
}

function kindName(kind: string, depth: number): string {
  if (kind === 'heading') return `${'#'.repeat(depth)} heading`
  if (kind === 'item') return 'bold list item'
  if (kind === 'label') return 'bold label'
  return kind
}
