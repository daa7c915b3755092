// Defines `agentmerge convert`; the work is in ../actions/convert.ts.
import { type Command, Option } from 'commander'
import type { GlobalOptions } from '../shell.js'
import { dialectIds } from '../../dialects/index.js'

export function defineConvert(program: Command, globals: () => GlobalOptions): void {
  program
    .command('convert')
    .description("rewrite agent files for another tool: the frontmatter in that tool's fields and spelling, the body unchanged")
    .argument('[files...]', 'agent files or directories (- reads stdin)')
    .addOption(new Option('--to <dialect>', 'the target tool').choices(dialectIds()).makeOptionMandatory())
    .option('-o, --output <file>', 'write the output to a file instead of stdout (one input)')
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
    .action(async (files: string[], options: object) => {
      const { convertCommand } = await import('../actions/convert.js')
      process.exitCode = await convertCommand(files, { ...globals(), ...options } as never)
    })
}
