// Defines `agentmerge normalize`; the work is in ../actions/normalize.ts.
import { Option, type Command, type OptionValues } from 'commander'
import type { NormalizeOptions } from '../actions/normalize.js'
import type { CommandContext } from '../context.js'
import { fileOrStdout, FORMATS, type GlobalOptions } from '../shell.js'

function normalizeOptions(globals: GlobalOptions, raw: OptionValues): NormalizeOptions {
  return { ...globals, write: raw.write, check: raw.check, json: raw.json, output: fileOrStdout(raw.output), format: raw.format }
}

export function defineNormalize(program: Command, context: CommandContext): void {
  program
    .command('normalize')
    .description('print agent files in canonical form, check them, or rewrite them')
    .argument('[files...]', 'agent files or directories (- reads stdin)')
    // Each mode does one thing: a second one would be ignored without a word.
    .addOption(new Option('-w, --write', 'rewrite files in place (atomically) when they change').conflicts(['check', 'json', 'output']))
    .addOption(new Option('-c, --check', 'exit 1 and list the files that are not in canonical form').conflicts(['json', 'output']))
    .option('--json', 'print the model (meta, sections, statements with path:line) as JSON')
    .option('-o, --output <file>', 'write the output to a file instead of stdout (one input; - for stdout)')
    .addOption(new Option('--format <format>', 'how --check reports the files not in canonical form (default: text; only with --check)').choices(FORMATS))
    .addHelpText('after', `
Examples:
  $ agentmerge normalize .claude/agents/reviewer.md
  $ agentmerge normalize --check .claude/agents
  $ agentmerge normalize --write .claude/agents/*.md
  $ agentmerge normalize --json agent.md | jq '.agents[0].root'`)
    .action(async (files: string[], raw: OptionValues) => {
      const { normalizeCommand } = await import('../actions/normalize.js')
      context.done(await normalizeCommand(files, normalizeOptions(context.globals(), raw), context.io))
    })
}
