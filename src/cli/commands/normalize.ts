// Defines `agentmerge normalize`; the work is in ../actions/normalize.ts.
import type { Command } from 'commander'
import type { GlobalOptions } from '../shell.js'

export function defineNormalize(program: Command, globals: () => GlobalOptions): void {
  program
    .command('normalize')
    .description('print agent files in canonical form, check them, or rewrite them')
    .argument('[files...]', 'agent files or directories (- reads stdin)')
    .option('-w, --write', 'rewrite files in place (atomically) when they change')
    .option('-c, --check', 'exit 1 and list the files that are not in canonical form')
    .option('--json', 'print the model (meta, sections, statements with path:line) as JSON')
    .option('-o, --output <file>', 'write the output to a file instead of stdout')
    .addHelpText('after', `
Examples:
  $ agentmerge normalize .claude/agents/reviewer.md
  $ agentmerge normalize --check .claude/agents
  $ agentmerge normalize --write .claude/agents/*.md
  $ agentmerge normalize --json agent.md | jq '.agents[0].root'`)
    .action(async (files: string[], options: object) => {
      const { normalizeCommand } = await import('../actions/normalize.js')
      process.exitCode = await normalizeCommand(files, { ...globals(), ...options })
    })
}
