// Two inputs' answers to one question written side by side: two output
// contracts (what the agent hands back) or two procedures for the whole task
// ("When invoked:", "## Response Approach") that the alignment left apart.
// The model can hand back one list and follow one procedure; which one is the
// maintainer's choice, so both are written and a note on stderr names each
// place (readers found rust-expert's "Provide:" and "## Output", ai-engineer's
// "When invoked:" and "## Response Approach", written with no word). An
// input's own two are its author's and are not noted.
import { NUMBERING, type SectionCluster } from '../align/index.js'
import { note } from '../errors.js'
import type { Diagnostic } from '../model.js'
import { isContract } from './contracts.js'
import type { Settled } from './fold.js'
import type { Item, Unit } from './units.js'

/**
 * The title of a procedure for the whole task, not for one topic ("### Testing
 * workflow"): a process word, after at most one word saying whose or what
 * kind ("Response Approach", "Development Workflow", "Execution Flow").
 */
const WHOLE_TASK = /^\W*(?:\w+\s+)?(?:when\s+invoked|approach|workflow|process|procedure|methodology|execution\s+flow)\W*$/i

/** What a note names of a written place: its title or lead-in, where it stands. */
interface Place {
  cluster: number
  unit: Unit
  /** The inputs whose statements are written under it. */
  inputs: Set<number>
}

/**
 * Notes for the output contracts and the whole-task procedures of different
 * inputs written in different places: one note per kind, naming each place
 * (its title or lead-in and `path:line`), when two of them hold no input in
 * common.
 */
export function sideBySide(units: readonly Unit[], clusters: readonly SectionCluster[], items: readonly Item[], written: readonly Settled[]): Diagnostic[] {
  const parentOf = (c: number) => clusters[c]!.parent
  // The inputs whose statements (lead-ins aside) are written in each cluster or below it.
  const inputs = clusters.map(() => new Set<number>())
  for (const s of written) {
    const here = s.here.map((i) => items[i]!).filter((it) => it.role !== 'lead')
    for (let c = s.where; c !== -1; c = parentOf(c)) for (const it of here) inputs[c]!.add(it.agent)
  }
  const contract = (u: Unit) => isContract(u)
  const procedure = (u: Unit, id: number) => u.parent === -1 && WHOLE_TASK.test(u.lead?.text ?? u.section.title) && holdsProcedure(units, items, id)
  const out: Diagnostic[] = []
  for (const [kind, is] of [['output contracts', contract], ['procedures for the whole task', procedure]] as const) {
    // Each place once, named by its member first in content order (never by the order of the files).
    const byCluster = new Map<number, Place>()
    units.forEach((u, id) => {
      const c = u.cluster
      if (!is(u, id) || inputs[c]!.size === 0) return
      // A contract inside another (a "Provide:" under "## Deliverables") is that one.
      for (let up = parentOf(c); up !== -1; up = parentOf(up)) if (clusters[up]!.members.some((m) => is(units[m]!, m))) return
      const seen = byCluster.get(c)
      if (!seen || u.rank < seen.unit.rank) byCluster.set(c, { cluster: c, unit: u, inputs: inputs[c]! })
    })
    const places = [...byCluster.values()]
    const apart = places.some((p) => places.some((q) => ![...p.inputs].some((a) => q.inputs.has(a))))
    if (!apart) continue
    places.sort((x, y) => x.unit.rank - y.unit.rank)
    const named = places.map((p) => `${JSON.stringify(titleOf(p.unit))} (${p.unit.section.source.path}:${p.unit.section.source.line})`)
    const first = places[0]!.unit.section.source
    out.push(note('side-by-side', `${places.length} ${kind} of different inputs written side by side; choose one: ${named.join(', ')}`, first.path, first.line))
  }
  return out
}

/** A unit's title as its input wrote it: a block's lead-in, else its heading with its marks. */
function titleOf(u: Unit): string {
  if (u.lead) return u.lead.text
  return u.section.kind === 'heading' ? `${'#'.repeat(Math.max(2, u.section.depth))} ${u.section.title}` : u.section.title
}

/** Whether a unit holds a procedure: numbered steps of its own, or numbered headings under it ("### 1. Context Discovery"). */
function holdsProcedure(units: readonly Unit[], items: readonly Item[], id: number): boolean {
  if (items.some((it) => it.unit === id && it.role === 'step')) return true
  return units.filter((u) => u.parent === id && u.section.kind === 'heading' && NUMBERING.test(u.section.title)).length >= 2
}
