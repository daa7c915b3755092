// Defines `agentmerge dedup`; the work is in ../actions/dedup.ts.
import { Option, type Command, type OptionValues } from 'commander'
import type { DedupCommandOptions } from '../actions/dedup.js'
import type { CommandContext } from '../context.js'
import { parseThreshold, wholeAtLeast, type GlobalOptions } from '../shell.js'
import { DEFAULT_THRESHOLD } from '../../similarity/index.js'

function dedupOptions(globals: GlobalOptions, raw: OptionValues): DedupCommandOptions {
  return { ...globals, json: raw.json, explain: raw.explain, minAgents: raw.minAgents, check: raw.check, threshold: raw.threshold }
}

export function defineDedup(program: Command, context: CommandContext): void {
  program
    .command('dedup')
    .description('list the statements that say the same thing, across files or within one')
    .argument('[files...]', 'agent files or directories (- reads stdin)')
    .option('--json', 'print {"groups": [["path:line", ...], ...], "errors": [...]} with every statement in exactly one group')
    .option('--explain', 'show why each pair was grouped: score and shared terms')
    // --json lists every statement in exactly one group (a stable interface): a filter would break that, so it is refused there.
    .addOption(new Option('--min-agents <n>', 'list only groups found in at least n agents (not with --json)').default(1).argParser(wholeAtLeast(1)).conflicts('json'))
    .option('-c, --check', 'exit 1 when a group is listed (a lint for CI)')
    .option('--threshold <score>', `duplicate threshold, 0..1 (higher groups less; default ${DEFAULT_THRESHOLD})`, parseThreshold)
    .addHelpText('after', `
Examples:
  $ agentmerge dedup a.md b.md
  $ agentmerge dedup --explain .claude/agents/backend-*.md
  $ agentmerge dedup --min-agents 3 --check .claude/agents
  $ agentmerge dedup --json a.md b.md | jq '.groups[] | select(length > 1)'`)
    .action(async (files: string[], raw: OptionValues) => {
      const { dedupCommand } = await import('../actions/dedup.js')
      context.done(await dedupCommand(files, dedupOptions(context.globals(), raw), context.io))
    })
}
