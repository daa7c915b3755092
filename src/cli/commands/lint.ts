// Defines `agentmerge lint`; the work is in ../actions/lint.ts.
import { type Command, Option, type OptionValues } from 'commander'
import type { LintCommandOptions } from '../actions/lint.js'
import type { CommandContext } from '../context.js'
import { FORMATS, parseThreshold, wholeAtLeast, type GlobalOptions } from '../shell.js'
import { dialectIds } from '../../dialects/index.js'

function lintOptions(globals: GlobalOptions, raw: OptionValues): LintCommandOptions {
  return { ...globals, target: raw.target, minAgents: raw.minAgents, threshold: raw.threshold, ignore: raw.ignore, format: raw.json ? 'json' : raw.format }
}

export function defineLint(program: Command, context: CommandContext): void {
  program
    .command('lint')
    .description('report what makes a collection of agents misbehave: duplicate names, missing fields, values of the wrong type, unknown tools, ignored fields, repeated statements')
    .argument('[paths...]', 'agent files or directories (default: .)')
    .addOption(new Option('--target <dialect>', 'check every file as this tool reads it (default: by location, else the file\'s own dialect)').choices(dialectIds()))
    .addOption(new Option('--min-agents <n>', 'report a statement repeated in at least N agents (default 3)').argParser(wholeAtLeast(2)))
    .addOption(new Option('--threshold <score>', 'similarity threshold for repeated statements (0..1)').argParser(parseThreshold))
    .option('--ignore <rules>', 'comma-separated rules to skip: duplicate-name, missing-field, field-type, unknown-tool, ignored-field, repeated-statement')
    .addOption(new Option('--format <format>', 'text (path:line: message (rule)), json, or github (Actions annotations)').choices(FORMATS).default('text'))
    .addOption(new Option('--json', 'print the findings as JSON (the same as --format json)').conflicts('format'))
    .addHelpText('after', `
Each finding is one line, path:line: message (rule). Exit 1 when there are
findings, 0 when there are none, 2 when a file cannot be read.

Examples:
  $ agentmerge lint .claude/agents
  $ agentmerge lint --target opencode .opencode/agent
  $ agentmerge lint --min-agents 5 --ignore ignored-field .
  $ agentmerge lint --json . | jq '.findings[] | select(.rule == "unknown-tool")'`)
    .action(async (paths: string[], raw: OptionValues) => {
      const { lintCommand } = await import('../actions/lint.js')
      context.done(await lintCommand(paths, lintOptions(context.globals(), raw), context.io))
    })
}
