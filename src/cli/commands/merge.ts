// Defines `agentmerge merge` (the default command: `agentmerge a.md b.md`);
// the work is in ../actions/merge.ts.
import { Option, type Command, type OptionValues } from 'commander'
import type { MergeCommandOptions } from '../actions/merge.js'
import type { CommandContext } from '../context.js'
import { describe, EXIT, fileOrStdout, parseThreshold, wholeAtLeast, type GlobalOptions } from '../shell.js'
import { mistypedCommand } from '../suggest.js'
import { dialectIds } from '../../dialects/index.js'
import { FOLD_OPTIONS, FOLD_THRESHOLD } from '../../merge/index.js'

/** The options of a merge, from commander's parse (each value already checked by its parser or choices). */
function mergeOptions(globals: GlobalOptions, raw: OptionValues): MergeCommandOptions {
  return { ...globals, output: fileOrStdout(raw.output), to: raw.to, prefer: raw.prefer, base: raw.base, minSupport: raw.minSupport, conflicts: raw.conflicts, tools: raw.tools, provenance: raw.provenance, threshold: raw.threshold, report: raw.report }
}

/** The command a line runs when its first operand names no command. */
export const DEFAULT_COMMAND = 'merge'

export function defineMerge(program: Command, context: CommandContext): void {
  program
    .command(DEFAULT_COMMAND, { isDefault: true })
    .description('merge variants of one agent into one canonical agent, with provenance (the default command)')
    .argument('[files...]', 'agent files or directories (- reads stdin)')
    .option('-o, --output <file>', 'write the merged agent to a file (atomically) instead of stdout (- for stdout); never an input')
    .addOption(new Option('--to <dialect>', 'frontmatter dialect of the output (default: that of the deciding input)').choices(dialectIds()))
    .option('--prefer <file>', 'the input that decides conflicts, ties between field values and the default dialect (default: the base, else the central input)')
    .option('--base <file>', "the input whose structure and wording win; the others add only what it lacks ('auto': the central input)")
    .option('--min-support <k>', 'write only the statements carried by at least K inputs (the base is held to the same bar); the rest is recorded in the provenance', wholeAtLeast(1))
    .addOption(new Option('--conflicts <mode>', 'conflicting statements: decide (write the deciding input\'s, record the others) or keep (write all)').choices(['decide', 'keep']).default('decide'))
    .addOption(new Option('--tools <policy>', 'how tool lists combine: union of the explicit lists (an input without tools grants nothing), intersection, first (the deciding input), all (an input without tools grants every tool)').choices(['union', 'intersection', 'first', 'all']).default('union'))
    .addOption(new Option('--provenance <mode>', 'where the notes go: inline (one comment at the end), sidecar (OUT.provenance.json), none (default: sidecar with -o, inline on stdout)').choices(['inline', 'sidecar', 'none']))
    .option('--threshold <score>', `duplicate threshold, 0..1 (higher folds less; default ${FOLD_THRESHOLD}; a statement naming a part the other lacks needs ${FOLD_OPTIONS.extra} more)`, parseThreshold)
    .option('--report <file>', 'also write an HTML report for review: each statement with its sources, folded wordings, frontmatter decisions (see docs/report.md); - for stdout, with -o FILE')
    .addHelpText('after', `
Sections on the same topic become one section; each group of duplicate
statements is written once, in its most complete wording, where most of its
copies were; statements of one file are never folded into each other. A
summary goes to stderr: statements in and out, duplicates folded, sections
merged, conflicts. See docs/merge.md.

Examples:
  $ agentmerge a.md b.md c.md > merged.md
  $ agentmerge merge .claude/agents/backend-*.md -o backend.md
  $ agentmerge a.md b.md --to opencode --prefer b.md --tools intersection -o out.md
  $ agentmerge a.md b.md --provenance none
  $ agentmerge a.md b.md c.md -o merged.md --report merged.html`)
    .action(async (files: string[], raw: OptionValues) => {
      const mistyped = mistypedCommand(files[0], program.commands.map((c) => c.name()))
      if (mistyped) {
        context.io.stderr.write(describe(mistyped) + '\n')
        return context.done(EXIT.trouble)
      }
      const { mergeCommand } = await import('../actions/merge.js')
      context.done(await mergeCommand(files, mergeOptions(context.globals(), raw), context.io))
    })
}
