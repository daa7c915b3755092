// Defines `agentmerge dedup`; the work is in ../actions/dedup.ts.
import type { Command } from 'commander'
import type { GlobalOptions } from '../shell.js'

export function defineDedup(program: Command, globals: () => GlobalOptions): void {
  program
    .command('dedup')
    .description('list the statements that say the same thing, across files or within one')
    .argument('[files...]', 'agent files or directories (- reads stdin)')
    .option('--json', 'print {"groups": [["path:line", ...], ...]} with every statement in exactly one group')
    .option('--explain', 'show why each pair was grouped: score and shared terms')
    .option('--min-agents <n>', 'list only groups found in at least n agents (not with --json)', (v) => Number.parseInt(v, 10), 1)
    .option('-c, --check', 'exit 1 when a group is listed (a lint for CI)')
    .option('--threshold <score>', 'duplicate threshold, 0..1 (higher groups less)', parseFloat)
    .addHelpText('after', `
Examples:
  $ agentmerge dedup a.md b.md
  $ agentmerge dedup --explain .claude/agents/backend-*.md
  $ agentmerge dedup --min-agents 3 --check .claude/agents
  $ agentmerge dedup --json a.md b.md | jq '.groups[] | select(length > 1)'`)
    .action(async (files: string[], options: object) => {
      const { dedupCommand } = await import('../actions/dedup.js')
      process.exitCode = await dedupCommand(files, { ...globals(), ...options })
    })
}
