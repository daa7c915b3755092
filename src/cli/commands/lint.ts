// Defines `agentmerge lint`; the work is in ../actions/lint.ts.
import { type Command, Option } from 'commander'
import type { GlobalOptions } from '../shell.js'
import { dialectIds } from '../../dialects/index.js'

export function defineLint(program: Command, globals: () => GlobalOptions): void {
  program
    .command('lint')
    .description('report what makes a collection of agents misbehave: duplicate names, unknown tools, ignored fields, repeated statements')
    .argument('[paths...]', 'agent files or directories (default: .)')
    .addOption(new Option('--target <dialect>', 'check every file as this tool reads it (default: by location, else the file\'s own dialect)').choices(dialectIds()))
    .addOption(new Option('--min-agents <n>', 'report a statement repeated in at least N agents').default(3).argParser(positive))
    .addOption(new Option('--threshold <score>', 'similarity threshold for repeated statements (0..1)').argParser(Number))
    .option('--ignore <rules>', 'comma-separated rules to skip: duplicate-name, missing-field, unknown-tool, ignored-field, repeated-statement')
    .option('--json', 'print the findings as JSON')
    .addHelpText('after', `
Each finding is one line, path:line: message (rule). Exit 1 when there are
findings, 0 when there are none, 2 when a file cannot be read.

Examples:
  $ agentmerge lint .claude/agents
  $ agentmerge lint --target opencode .opencode/agent
  $ agentmerge lint --min-agents 5 --ignore ignored-field .
  $ agentmerge lint --json . | jq '.findings[] | select(.rule == "unknown-tool")'`)
    .action(async (paths: string[], options: object) => {
      const { lintCommand } = await import('../actions/lint.js')
      process.exitCode = await lintCommand(paths, { ...globals(), ...options } as never)
    })
}

function positive(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 2) throw new Error(`--min-agents takes a whole number of at least 2, got '${value}'`)
  return n
}
