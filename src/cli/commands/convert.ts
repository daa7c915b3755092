// Defines `agentmerge convert`; the work is in ../actions/convert.ts.
import { type Command, Option, type OptionValues } from 'commander'
import type { ConvertCommandOptions } from '../actions/convert.js'
import type { CommandContext } from '../context.js'
import { fileOrStdout, type GlobalOptions } from '../shell.js'
import { dialectIds } from '../../dialects/index.js'

function convertOptions(globals: GlobalOptions, raw: OptionValues): ConvertCommandOptions {
  return { ...globals, to: raw.to, output: fileOrStdout(raw.output), outDir: raw.outDir, strict: raw.strict }
}

export function defineConvert(program: Command, context: CommandContext): void {
  program
    .command('convert')
    .description("rewrite agent files for another tool: the frontmatter in that tool's fields and spelling, the body unchanged")
    .argument('[files...]', 'agent files or directories (- reads stdin)')
    .addOption(new Option('--to <dialect>', 'the target tool').choices(dialectIds()).makeOptionMandatory())
    // Both would leave one ignored, `-o -` included.
    .addOption(new Option('-o, --output <file>', 'write the output to a file instead of stdout (one input; - for stdout)').conflicts('outDir'))
    .option('-d, --out-dir <dir>', "write each agent to DIR under the target's file name (name.md, name.agent.md)")
    .option('--strict', 'exit 1 when a field or tool could not be converted exactly (every warning)')
    .addHelpText('after', `
Every field the target cannot express is reported as a warning (path:line),
never dropped silently. Unknown fields are kept for Claude Code and Copilot,
which ignore them, and dropped for OpenCode, which would pass them on to the
model provider.

Examples:
  $ agentmerge convert --to opencode .claude/agents/reviewer.md
  $ agentmerge convert --to copilot --out-dir .github/agents .claude/agents
  $ agentmerge convert --to claude --strict .opencode/agent/review.md -o .claude/agents/review.md`)
    .action(async (files: string[], raw: OptionValues) => {
      const { convertCommand } = await import('../actions/convert.js')
      context.done(await convertCommand(files, convertOptions(context.globals(), raw), context.io))
    })
}
