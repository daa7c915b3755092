// Defines `agentmerge merge-driver`; the work is in ../actions/merge-driver.ts.
import { type Command, Option, type OptionValues } from 'commander'
import type { MergeDriverCommandOptions } from '../actions/merge-driver.js'
import type { CommandContext } from '../context.js'
import { wholeAtLeast, type GlobalOptions } from '../shell.js'

function driverOptions(globals: GlobalOptions, raw: OptionValues): MergeDriverCommandOptions {
  return { ...globals, markerSize: raw.markerSize, oursLabel: raw.oursLabel, theirsLabel: raw.theirsLabel, baseLabel: raw.baseLabel }
}

export function defineMergeDriver(program: Command, context: CommandContext): void {
  program
    .command('merge-driver')
    .description('git merge driver: a three-way merge of agent files statement by statement')
    .argument('<base>', "the common ancestor's version (git's %O)")
    .argument('<ours>', 'our version, overwritten with the result (%A)')
    .argument('<theirs>', 'their version (%B)')
    .argument('[path]', 'the path in the repository, for messages (%P)')
    .addOption(new Option('-l, --marker-size <n>', "conflict marker length (git's %L)").argParser(wholeAtLeast(1)))
    .option('-x, --ours-label <label>', 'label after <<<<<<< (git 2.44+: %X)')
    .option('-y, --theirs-label <label>', 'label after >>>>>>> (git 2.44+: %Y)')
    .option('-s, --base-label <label>', "label of the base in git's line-merge fallback (git 2.44+: %S)")
    .addHelpText('after', `
Set up once per repository:
  $ git config merge.agentmerge.name "agentmerge: agent definitions by statement"
  $ git config merge.agentmerge.driver "npx agentmerge merge-driver -l %L %O %A %B %P"
  $ echo '.claude/agents/*.md merge=agentmerge' >> .gitattributes

Two branches that add different bullets, re-order a list, re-wrap or move
statements merge cleanly. A true conflict (one statement reworded two ways, a
frontmatter field set to two values) is written with conflict markers around
that statement or field only, and the driver exits 1. A side that is not an
agent definition, or already has conflict markers, is merged by
git merge-file instead. Exit status 2 when a file cannot be read, written
or merged at all (a binary side), leaving ours as it was.

Examples:
  $ agentmerge merge-driver base.md ours.md theirs.md .claude/agents/reviewer.md`)
    .action(async (base: string, ours: string, theirs: string, path: string | undefined, raw: OptionValues) => {
      const { mergeDriverCommand } = await import('../actions/merge-driver.js')
      context.done(mergeDriverCommand(base, ours, theirs, path, driverOptions(context.globals(), raw), context.io))
    })
}
