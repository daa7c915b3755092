// Output contracts read together. Two inputs' lists of what the agent hands
// back ("Provide:", "## Output", "Deliverables") name the same deliverables
// in more and fewer words ("Research methodology documentation showing
// queries used and search strategy" / "Research methodology and queries
// used"): an author who expands another's contract item by item writes
// paraphrases the fold bar leaves apart, and the merge wrote both lists
// whole, one repeating the other. Within contracts the items of two inputs
// are compared at `dedup`'s own bar (a contract's items are all of one kind
// and one purpose, so a pair there that reaches it is the same deliverable),
// and the pairs it groups fold (the fold stage still keeps apart what
// conflicts, and one statement per input).
import { DEFAULT_THRESHOLD, groupDuplicates } from '../similarity/index.js'
import { isOutputContract } from './conflicts.js'
import type { Item, Unit } from './units.js'

/** Whether a unit is an output contract: its lead-in or title names what the agent hands back. */
export function isContract(unit: Unit): boolean {
  return isOutputContract(unit.section, unit.lead, 'any')
}

/**
 * Pairs of items (by index) of different inputs' output contracts that
 * `dedup`'s bar groups, each item's duplicate group (`Item.group`, the fold
 * bar's) holding contract items only: a group that reaches outside the
 * contracts is left as the fold bar made it, since joining it would fold a
 * deliverable with what another list says ("Design schemas with
 * database-optimizer", an agent hand-off).
 */
export function contractPairs(items: readonly Item[], units: readonly Unit[]): Array<[number, number]> {
  const inContract = items.map((it) => it.role !== 'lead' && it.unit !== -1 && isContract(units[it.unit]!))
  const reachesOut = new Set(items.flatMap((it, i) => (inContract[i] ? [] : [it.group])))
  const held = items.flatMap((it, i) => (inContract[i] && !reachesOut.has(it.group) ? [i] : []))
  if (new Set(held.map((i) => items[i]!.agent)).size < 2) return []
  const grouping = groupDuplicates(held.map((i) => ({ text: items[i]!.statement.text, kind: items[i]!.statement.kind })), { threshold: DEFAULT_THRESHOLD })
  const out: Array<[number, number]> = []
  for (const group of grouping.groups) {
    const members = group.map((k) => held[k]!)
    if (new Set(members.map((i) => items[i]!.agent)).size < 2) continue
    for (const i of members.slice(1)) out.push([members[0]!, i])
  }
  return out
}
