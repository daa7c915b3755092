// Defines `agentmerge build`; the work is in ../actions/build.ts.
import { type Command, Option, type OptionValues } from 'commander'
import type { BuildCommandOptions } from '../actions/build.js'
import type { CommandContext } from '../context.js'
import { FORMATS, type GlobalOptions } from '../shell.js'
import { dialectIds } from '../../dialects/index.js'

function buildOptions(globals: GlobalOptions, raw: OptionValues): BuildCommandOptions {
  return { ...globals, check: raw.check, force: raw.force, config: raw.config, to: raw.to, format: raw.format }
}

export function defineBuild(program: Command, context: CommandContext): void {
  program
    .command('build')
    .description('write every canonical agent the config names from its sources; --check for CI')
    .argument('[outputs...]', 'build only these outputs (default: all in the config)')
    .option('-c, --check', 'write nothing; exit 1 naming the stale files and printing what a build would change (as a diff of each file against itself "(after build)")')
    // --check writes nothing, so there is nothing to force.
    .addOption(new Option('-f, --force', 'overwrite canonical files that were edited by hand (not with --check)').conflicts('check'))
    .option('--config <file>', 'the config file (default: agentmerge.config.json, .agentmergerc(.json) or package.json "agentmerge", searched from here up to the repository root)')
    .addOption(new Option('--to <dialect>', 'write every output in this dialect (overrides the config)').choices(dialectIds()))
    .addOption(new Option('--format <format>', 'how --check reports: text (the default), json, or github (Actions annotations); only with --check').choices(FORMATS))
    .addHelpText('after', `
agentmerge.config.json (paths relative to it):
  {
    "agents": [
      { "output": ".claude/agents/reviewer.md",
        "sources": ["agents/reviewer/*.md"],
        "to": "claude", "prefer": "agents/reviewer/main.md", "tools": "union" }
    ]
  }

A file is written atomically and only when its content changes, with its
provenance beside it (OUTPUT.provenance.json; "provenance": "none" or
"inline" in the config to change that). A canonical file that says something
no source and no earlier build said was edited by hand: those statements are
listed with path:line and the file is left alone unless --force. With
"provenance": "none" the record of the last build is the SHA-256 of what it
wrote, kept in node_modules/.cache/agentmerge/ beside the config (or
--cache-location); without that record (a fresh clone, a cleared cache) a
file that differs may be a hand edit: it is named with what a build would
change, and left alone unless --force.

Exit codes: 0 all written or up to date, 1 stale (--check), edited by hand
or unrecorded, 2 a config or source problem.

Examples:
  $ agentmerge build
  $ agentmerge build --check            # in CI
  $ agentmerge build --force .claude/agents/reviewer.md`)
    .action(async (outputs: string[], raw: OptionValues) => {
      const { buildCommand } = await import('../actions/build.js')
      context.done(buildCommand(outputs, buildOptions(context.globals(), raw), context.io))
    })
}
