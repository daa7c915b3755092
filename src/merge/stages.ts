// What is written of the folds: the consensus core (`--min-support K`: only
// folds that K inputs carry, a block's lead-in when any of its items is) and
// conflicts (two folds of one merged section, from different inputs, that
// conflict: the deciding input's is written, the other recorded as its
// alternative, or both written with `--conflicts keep`). Whatever is not
// written is recorded, so that nothing is lost.
import type { Statement } from '../model.js'
import { conflictBetween, type ConflictKind } from './conflicts.js'
import type { Settled } from './fold.js'
import type { Item } from './units.js'

/** An input statement not written, and why. */
export interface Recorded {
  statement: Statement
  reason: 'conflict' | 'below-min-support' | 'opening-not-chosen' | 'lead-without-list'
  /** The output statement it is an alternative to (conflicts, openings), or null. */
  standsFor: Statement | null
  /** For conflicts: what differs. */
  conflict?: ConflictKind
}

/** The inputs a fold's members come from. */
const agentsOf = (s: Settled, owner: ReadonlyMap<Statement, number>): Set<number> => new Set(s.fold.members.map((m) => owner.get(m)!))

export function applySupport(settled: Settled[], items: readonly Item[], k: number, base: number, recorded: Recorded[]): Settled[] {
  const owner = new Map(items.map((it) => [it.statement, it.agent]))
  const isLead = (s: Settled) => s.here.length > 0 && s.here.every((i) => items[i]!.role === 'lead')
  const kept = settled.filter((s) => {
    if (isLead(s)) return true
    const agents = agentsOf(s, owner)
    return agents.size >= k || agents.has(base)
  })
  // A lead-in stays when any item of its block stays.
  const live = new Set(kept.filter((s) => !isLead(s)).map((s) => s.where))
  const out = kept.filter((s) => !isLead(s) || live.has(s.where) || agentsOf(s, owner).has(base))
  const written = new Set(out)
  for (const s of settled) if (!written.has(s)) for (const m of s.fold.members) recorded.push({ statement: m, reason: 'below-min-support', standsFor: null })
  return out
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const place = (s: Statement): string => `${s.source.path}:${s.source.line}`

export function resolveConflicts(settled: Settled[], items: readonly Item[], decider: number, mode: 'decide' | 'keep', recorded: Recorded[]): Settled[] {
  const owner = new Map(items.map((it) => [it.statement, it.agent]))
  const byWhere = new Map<number, Settled[]>()
  for (const s of settled) {
    const list = byWhere.get(s.where)
    if (list) list.push(s)
    else byWhere.set(s.where, [s])
  }
  const lost = new Set<Settled>()
  // The deciding input's fold wins; then the one more inputs carry; then text order.
  const rank = (s: Settled) => ({ decides: agentsOf(s, owner).has(decider) ? 1 : 0, support: agentsOf(s, owner).size, text: s.fold.statement.text })
  for (const list of byWhere.values()) {
    const ordered = list.slice().sort((x, y) => {
      const a = rank(x)
      const b = rank(y)
      return b.decides - a.decides || b.support - a.support || cmp(a.text, b.text)
    })
    for (let i = 0; i < ordered.length; i++) {
      const winner = ordered[i]!
      if (lost.has(winner)) continue
      const mine = agentsOf(winner, owner)
      for (let j = i + 1; j < ordered.length; j++) {
        const other = ordered[j]!
        if (lost.has(other) || [...agentsOf(other, owner)].some((a) => mine.has(a))) continue
        const conflict = conflictBetween(winner.fold.statement, other.fold.statement)
        if (!conflict) continue
        if (mode === 'decide') lost.add(other)
        else other.mark = `<!-- agentmerge conflict: differs from ${place(winner.fold.statement)} (${conflict.kind}: ${conflict.detail}) -->`
        for (const m of other.fold.members) recorded.push({ statement: m, reason: 'conflict', standsFor: winner.fold.statement, conflict })
      }
    }
  }
  return settled.filter((s) => !lost.has(s))
}
