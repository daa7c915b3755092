// "Did you mean": the default command takes files, so a mistyped command
// (`agentmerge dif a b`) arrives as a file name. When it names no file and is
// close to a command, it is reported as the mistyped command it is.
import { existsSync } from 'node:fs'
import { AgentError } from '../errors.js'

/** Optimal string alignment distance: edits, with a swap of neighbours as one. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/** The usage error for a first argument that is neither a file nor a command but looks like a mistyped command, if it is one. */
export function mistypedCommand(first: string | undefined, commands: string[]): AgentError | undefined {
  if (first === undefined || !/^[a-z][a-z-]*$/.test(first) || existsSync(first)) return undefined
  const close = commands
    .map((name) => ({ name, d: distance(first, name) }))
    .filter((c) => c.d <= Math.max(1, Math.floor(c.name.length / 3)) || c.name.startsWith(first))
    .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1))
  if (close.length === 0) return undefined
  return new AgentError('usage', `'${first}' is neither a file nor a command (did you mean ${close.map((c) => c.name).slice(0, 2).join(' or ')}?)`, 'agentmerge')
}
