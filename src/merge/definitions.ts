// Link reference and footnote definitions (`[g]: url`, `[^1]: note`) in a
// merge: Markdown reads the first definition of a label and ignores the
// others, and a reference means nothing without its definition. Two stages
// keep both true: conflicting definitions are decided like any conflict,
// and the consensus core writes the definitions its statements refer to.
import type { RootContent } from 'mdast'
import type { Statement } from '../model.js'
import { byCodeUnits, bySource } from '../order.js'
import { conflictMark, type ConflictKind } from './conflicts.js'
import type { Settled } from './fold.js'
import type { Recorded } from './stages.js'
import type { Item } from './units.js'

/** The label a definition statement defines (`[g]: url`, `[^1]: note`), or undefined. */
function definedLabel(st: Statement): string | undefined {
  const node = st.node
  return node.type === 'definition' ? `[${node.identifier}]` : node.type === 'footnoteDefinition' ? `[^${node.identifier}]` : undefined
}

/** The labels a statement's own text refers to (`[text][g]`, `[g]`, `[^1]`). */
function referencedLabels(st: Statement): string[] {
  const out: string[] = []
  const visit = (n: RootContent): void => {
    if (n.type === 'linkReference' || n.type === 'imageReference') out.push(`[${n.identifier}]`)
    else if (n.type === 'footnoteReference') out.push(`[^${n.identifier}]`)
    if (n.type !== 'list' && 'children' in n) for (const c of n.children as RootContent[]) visit(c)
  }
  visit(st.node)
  return out
}

/**
 * A definition (`[g]: url`, `[^1]: note`) that a written statement refers
 * to (one of the core, or `alsoWritten`: the opening, decided apart) is
 * written with it, whatever its own support: without it the reference
 * reads as literal brackets.
 */
export function withDefinitions(kept: Settled[], carried: readonly Settled[], alsoWritten: readonly Statement[] = []): Settled[] {
  const referenced = new Set([...kept.map((s) => s.fold.statement), ...alsoWritten].flatMap(referencedLabels))
  if (referenced.size === 0) return kept
  const written = new Set(kept)
  return carried.filter((s) => {
    if (written.has(s)) return true
    const label = definedLabel(s.fold.statement)
    return label !== undefined && referenced.has(label)
  })
}

/**
 * Link reference and footnote definitions: Markdown reads the first
 * definition of a label and ignores the others, so two inputs that define
 * one label with different targets (or notes) would send one input's
 * references to the other's, silently. Decided once for the whole file, like any conflict: the
 * deciding input's definition is written (then the one more inputs carry,
 * then text order; an input reads its first definition of a label only),
 * the others recorded as its alternatives; with
 * `--conflicts keep` they are written right after it, marked (and, being
 * later, unread).
 */
export function resolveDefinitions(settled: Settled[], items: readonly Item[], decider: number, mode: 'decide' | 'keep', recorded: Recorded[]): Settled[] {
  const owner = new Map(items.map((it) => [it.statement, it.agent]))
  const byLabel = new Map<string, Settled[]>()
  for (const s of settled) {
    const label = definedLabel(s.fold.statement)
    if (label === undefined) continue
    const list = byLabel.get(label)
    if (list) list.push(s)
    else byLabel.set(label, [s])
  }
  // What a definition gives its label: a link's target and title, a footnote's text.
  const target = (s: Settled): string => {
    const node = s.fold.statement.node
    return node.type === 'definition' ? `${node.url}${node.title ? ` "${node.title}"` : ''}` : s.fold.statement.text
  }
  const lost = new Set<Settled>()
  const moved = new Map<Settled, Settled>()
  for (const list of byLabel.values()) {
    if (new Set(list.map(target)).size < 2) continue
    // Each input reads its first definition of the label only: a later one in the same file never counted there.
    const firstOf = new Map<number, Statement>()
    for (const s of list) {
      for (const m of s.fold.members) {
        const a = owner.get(m)!
        const first = firstOf.get(a)
        if (first === undefined || bySource(m, first) < 0) firstOf.set(a, m)
      }
    }
    const read = new Set(firstOf.values())
    const readBy = (s: Settled) => new Set(s.fold.members.filter((m) => read.has(m)).map((m) => owner.get(m)!))
    const rank = (s: Settled) => ({ decides: readBy(s).has(decider) ? 1 : 0, support: readBy(s).size })
    const [winner] = list.filter((s) => readBy(s).size > 0).sort((x, y) => rank(y).decides - rank(x).decides || rank(y).support - rank(x).support || byCodeUnits(x.fold.statement.text, y.fold.statement.text))
    const kept = winner!.fold.statement
    for (const other of list) {
      if (other === winner) continue
      if (target(other) === target(winner!)) continue
      const conflict: ConflictKind = { kind: 'specific', detail: `${target(winner!)} / ${target(other)}` }
      if (mode === 'decide') lost.add(other)
      else moved.set(other, { ...other, where: winner!.where, beside: kept, mark: conflictMark(kept, conflict) })
      for (const m of other.fold.members) recorded.push({ statement: m, reason: 'conflict', standsFor: kept, conflict })
    }
  }
  return settled.filter((s) => !lost.has(s)).map((s) => moved.get(s) ?? s)
}
