// Defines `agentmerge diff`; the work is in ../actions/diff.ts.
import { Option, type Command, type OptionValues } from 'commander'
import type { DiffCommandOptions } from '../actions/diff.js'
import type { CommandContext } from '../context.js'
import { wholeAtLeast, type GlobalOptions } from '../shell.js'

/** The arguments after a `--` on the command line (git's pathspec separator), if any. */
function afterDashDash(argv: string[]): string[] | undefined {
  const i = argv.indexOf('--')
  return i === -1 ? undefined : argv.slice(i + 1)
}

function diffOptions(globals: GlobalOptions, raw: OptionValues, argv: string[]): DiffCommandOptions {
  return { ...globals, format: raw.format, formatting: raw.formatting, git: raw.git, gitExternal: raw.gitExternal, color: raw.color, maxBytes: raw.maxBytes, pathspec: afterDashDash(argv) }
}

export function defineDiff(program: Command, context: CommandContext): void {
  program
    .command('diff')
    .description('show what changed in meaning between two versions of agent files')
    .argument('[args...]', 'OLD NEW (two files or two directories); with --git: [HEAD] [-- PATHS]')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json', 'github', 'html']).default('text'))
    .option('--formatting', 'also list the changes of form (bullets, wrapping, emphasis markers, numbering)')
    .option('--git <base>', 'diff the agent files changed between BASE and HEAD (default: the working tree); BASE may be A..B or A...B')
    // git names the files itself in an external diff: a range would be ignored.
    .addOption(new Option('--git-external', "read git's external diff arguments (path old-file old-hex old-mode new-file new-hex new-mode, then new-path xfrm-msg for a rename), for diff.<driver>.command").conflicts('git'))
    .option('--color', 'color the text output (default: when writing to a terminal; NO_COLOR and FORCE_COLOR are honoured; only with --format text)')
    .option('--no-color', 'never color the output')
    .addOption(new Option('--max-bytes <n>', 'markdown: keep the comment under this many bytes, the summary and the first changes (default 60000, under the 65,536 characters GitHub allows; 0: no limit, else at least 1024; only with --format markdown)').argParser(wholeAtLeast(0)))
    .addHelpText('after', `
Examples:
  $ agentmerge diff old/reviewer.md .claude/agents/reviewer.md
  $ agentmerge diff --formatting before/ .claude/agents/
  $ agentmerge diff --git origin/main...HEAD --format markdown > comment.md
  $ agentmerge diff --git HEAD~1 -- .claude/agents
  $ agentmerge diff --format html old/reviewer.md reviewer.md > review.html
  $ git config diff.agentmerge.command 'agentmerge diff --git-external'

Exit codes (as diff(1)): 0 nothing changed in meaning, 1 changes, 2 trouble.`)
    .action(async (args: string[], raw: OptionValues) => {
      const { diffCommand } = await import('../actions/diff.js')
      context.done(await diffCommand(args, diffOptions(context.globals(), raw, context.argv), context.io))
    })
}
