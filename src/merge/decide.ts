// Who decides, without depending on the order of the inputs: `--prefer FILE`
// when given, else `--base FILE`, else the central input (the one whose
// statements the others share most, as `--base auto` picks it; of inputs
// equally central, the more complete, by content before path). The same
// input picks the output dialect when none is asked for.
import { resolve } from 'node:path'
import type { StatementGrouping } from '../dedup/index.js'
import { AgentError } from '../errors.js'
import type { Agent, Statement } from '../model.js'
import { byCodeUnits } from '../order.js'
import { byCompleteInput, completenessOf, type Completeness } from './complete.js'


/** The input a path names: by path as given, else by resolved path. */
export function inputNamed(agents: readonly Agent[], path: string, option: string): number {
  let i = agents.findIndex((a) => a.path === path)
  if (i === -1) i = agents.findIndex((a) => a.path !== '-' && resolve(a.path) === resolve(path))
  if (i === -1) throw new AgentError('prefer-not-input', `${option} names a file that is not an input of the merge`, path)
  return i
}

/** A choice of the most central: the one chosen, and all those equally central, it among them (one: no tie). */
export interface Central {
  index: number
  tied: number[]
}

/**
 * The set closest to all the others: the highest sum of cosine overlaps with
 * each other set (|A and B| / sqrt(|A| |B|)), summed per member so that the
 * work is linear in the members; `before(a, b)` breaks ties (true: a wins).
 * The central input and the central description are both this choice. Of
 * two sets the overlap is one figure for both: they always tie.
 */
export function mostCentral<T>(sets: ReadonlyArray<ReadonlySet<T>>, before: (a: number, b: number) => boolean): Central {
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
  return { index: best, tied: score.flatMap((s, i) => (Math.abs(s - score[best]!) <= 1e-12 ? [i] : [])) }
}

/**
 * The central input: the one whose duplicate groups the others share most
 * (mostCentral); of inputs equally central, the more complete (complete.ts:
 * more statements, then more content terms), then the first by path.
 * `owner[i]` is the input of statement i in the grouping; `equal` is set
 * when the path decided.
 */
export function centralInput(agents: readonly Agent[], grouping: StatementGrouping, statements: readonly Statement[], owner: readonly number[]): Central & { equal: boolean } {
  const groups = agents.map(() => new Set<number>())
  grouping.group.forEach((g, i) => groups[owner[i]!]!.add(g))
  // Measured only for a tie: most merges of three inputs or more have none.
  const measured = new Map<number, Completeness>()
  const complete = (i: number) => measured.get(i) ?? measured.set(i, completenessOf(statements.filter((_, k) => owner[k] === i))).get(i)!
  const central = mostCentral(groups, (a, b) => (byCompleteInput(complete(a), complete(b)) || byCodeUnits(agents[a]!.path, agents[b]!.path)) < 0)
  const equal = central.tied.some((i) => i !== central.index && byCompleteInput(complete(i), complete(central.index)) === 0)
  return { ...central, equal }
}

/** Why the most central was chosen among `tied` equally central (`what`: inputs, descriptions), for a note. */
export function tieBroken(tied: number, what: string, how: 'complete' | 'path' | 'text' | 'decider'): string {
  const by = how === 'complete' ? 'chosen as the more complete' : how === 'path' ? 'equally complete, chosen by path order' : how === 'text' ? 'equally complete, chosen by text order' : "the deciding input's"
  return `${tied} ${what} equally central; ${by}`
}
