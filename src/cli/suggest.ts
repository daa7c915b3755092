// "Did you mean": the default command takes files, so a mistyped command
// (`agentmerge dif a b`) arrives as a file name, and help asked for a
// mistyped command (`agentmerge merge-drive --help`, `agentmerge help
// driver`) would be the program's help. When the word names no file and
// reads as a command, it is reported as the unknown command it is, with the
// commands close to it.
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

/** The commands close to a word: a few edits away, starting with it, or having it as one of their hyphenated parts (`driver`). */
function closeTo(word: string, commands: string[]): string[] {
  return commands
    .map((name) => ({ name, d: distance(word, name) }))
    .filter((c) => c.d <= Math.max(1, Math.floor(c.name.length / 3)) || c.name.startsWith(word) || c.name.split('-').includes(word))
    .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1))
    .map((c) => c.name)
    .slice(0, 2)
}

/** Whether a word reads as a command name and is neither a command nor a path. */
const strayWord = (word: string | undefined, commands: string[]): word is string => word !== undefined && /^[a-z][a-z-]*$/.test(word) && !commands.includes(word) && !existsSync(word)

/** The usage error for a first argument that is neither a file nor a command but looks like a mistyped command, if it is one. */
export function mistypedCommand(first: string | undefined, commands: string[]): AgentError | undefined {
  if (!strayWord(first, commands)) return undefined
  const close = closeTo(first, commands)
  if (close.length === 0) return undefined
  return new AgentError('usage', `'${first}' is neither a file nor a command (did you mean ${close.join(' or ')}?)`, 'agentmerge')
}

/**
 * The usage error for help asked about a command that does not exist: the
 * word after `help`, or the first operand of a command line asking for
 * `--help`/`-h`. `operands` are the command line's operands (options and
 * their values left out: the program's, and the default command's).
 */
export function unknownHelpCommand(argv: string[], operands: string[], commands: string[]): AgentError | undefined {
  const options = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length)
  const word = operands[0] === 'help' ? operands[1] : options.includes('--help') || options.includes('-h') ? operands[0] : undefined
  if (!strayWord(word, commands)) return undefined
  const close = closeTo(word, commands)
  return new AgentError('usage', `unknown command '${word}'${close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : ''}; see agentmerge --help`, 'agentmerge')
}

/** The operands of a command line: what is neither an option nor the value of one (`takesValue`: whether an option takes one). */
export function operandsOf(argv: string[], takesValue: (arg: string) => boolean): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') break
    if (arg.startsWith('-') && arg !== '-') {
      if (takesValue(arg)) i++
      continue
    }
    out.push(arg)
  }
  return out
}
