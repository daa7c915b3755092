// Who decides, without depending on the order of the inputs: `--prefer FILE`
// when given, else `--base FILE`, else the central input (the one whose
// statements the others share most, as `--base auto` picks it). The same
// input picks the output dialect when none is asked for.
import { resolve } from 'node:path'
import type { StatementGrouping } from '../dedup/index.js'
import { AgentError } from '../errors.js'
import type { Agent } from '../model.js'

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The input a path names: by path as given, else by resolved path. */
export function inputNamed(agents: readonly Agent[], path: string, option: string): number {
  let i = agents.findIndex((a) => a.path === path)
  if (i === -1) i = agents.findIndex((a) => a.path !== '-' && resolve(a.path) === resolve(path))
  if (i === -1) throw new AgentError('prefer-not-input', `${option} names a file that is not an input of the merge`, path)
  return i
}

/**
 * The central input: the highest sum of cosine overlaps between its
 * duplicate groups and each other input's (|A and B| / sqrt(|A| |B|)),
 * summed per group so that the work is linear in the statements; ties by
 * path. `owner[i]` is the input of statement i in the grouping.
 */
export function centralInput(agents: readonly Agent[], grouping: StatementGrouping, owner: readonly number[]): number {
  const groups = agents.map(() => new Set<number>())
  grouping.group.forEach((g, i) => groups[owner[i]!]!.add(g))
  const weight = groups.map((set) => (set.size === 0 ? 0 : 1 / Math.sqrt(set.size)))
  // Per group, the summed weight of the inputs that have it.
  const total = new Float64Array(grouping.count)
  groups.forEach((set, a) => {
    for (const g of set) total[g]! += weight[a]!
  })
  const score = groups.map((set, a) => {
    let sum = 0
    for (const g of set) sum += total[g]! - weight[a]!
    return sum * weight[a]!
  })
  let best = 0
  for (let a = 1; a < agents.length; a++) {
    const d = score[a]! - score[best]!
    if (d > 1e-12 || (Math.abs(d) <= 1e-12 && cmp(agents[a]!.path, agents[best]!.path) < 0)) best = a
  }
  return best
}
