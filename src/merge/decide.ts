// Who decides, without depending on the order of the inputs: `--prefer FILE`
// when given, else `--base FILE`, else the central input (the one whose
// statements the others share most, as `--base auto` picks it). The same
// input picks the output dialect when none is asked for.
import { resolve } from 'node:path'
import type { StatementGrouping } from '../dedup/index.js'
import { AgentError } from '../errors.js'
import type { Agent } from '../model.js'
import { byCodeUnits } from '../order.js'


/** The input a path names: by path as given, else by resolved path. */
export function inputNamed(agents: readonly Agent[], path: string, option: string): number {
  let i = agents.findIndex((a) => a.path === path)
  if (i === -1) i = agents.findIndex((a) => a.path !== '-' && resolve(a.path) === resolve(path))
  if (i === -1) throw new AgentError('prefer-not-input', `${option} names a file that is not an input of the merge`, path)
  return i
}

/**
 * The set closest to all the others: the highest sum of cosine overlaps with
 * each other set (|A and B| / sqrt(|A| |B|)), summed per member so that the
 * work is linear in the members; `before(a, b)` breaks ties (true: a wins).
 * The central input and the central description are both this choice.
 */
export function mostCentral<T>(sets: ReadonlyArray<ReadonlySet<T>>, before: (a: number, b: number) => boolean): number {
  const weight = sets.map((set) => (set.size === 0 ? 0 : 1 / Math.sqrt(set.size)))
  // Per member, the summed weight of the sets that have it.
  const total = new Map<T, number>()
  sets.forEach((set, i) => {
    for (const m of set) total.set(m, (total.get(m) ?? 0) + weight[i]!)
  })
  const score = sets.map((set, i) => {
    let sum = 0
    for (const m of set) sum += total.get(m)! - weight[i]!
    return sum * weight[i]!
  })
  let best = 0
  for (let i = 1; i < sets.length; i++) {
    const d = score[i]! - score[best]!
    if (d > 1e-12 || (Math.abs(d) <= 1e-12 && before(i, best))) best = i
  }
  return best
}

/**
 * The central input: the one whose duplicate groups the others share most
 * (mostCentral); ties by path. `owner[i]` is the input of statement i in the
 * grouping.
 */
export function centralInput(agents: readonly Agent[], grouping: StatementGrouping, owner: readonly number[]): number {
  const groups = agents.map(() => new Set<number>())
  grouping.group.forEach((g, i) => groups[owner[i]!]!.add(g))
  return mostCentral(groups, (a, b) => byCodeUnits(agents[a]!.path, agents[b]!.path) < 0)
}
