// The agentmerge command line: a thin shell over the library. `main` runs
// one command line against the streams, stdin, environment and working
// directory it is given and returns the exit code; it never exits the
// process and keeps nothing between runs, so tests call it in-process. Each
// command's work is loaded only when that command runs.
import { Command, CommanderError, Option } from 'commander'
import { VERSION } from '../version.js'
import { defineNormalize } from './commands/normalize.js'
import { defineBuild } from './commands/build.js'
import { defineMergeDriver } from './commands/merge-driver.js'
import { defineLint } from './commands/lint.js'
import { DEFAULT_COMMAND, defineMerge } from './commands/merge.js'
import { defineDedup } from './commands/dedup.js'
import { defineConvert } from './commands/convert.js'
import { defineDiff } from './commands/diff.js'
import type { CommandContext } from './context.js'
import type { CliIo } from './io.js'
import { describe, EXIT, parseCacheLocation, parseJobs, parseSize, type GlobalOptions } from './shell.js'
import { operandsOf, unknownHelpCommand } from './suggest.js'

export { processIo } from './process-io.js'
export { Capture, type CliIo, type OutStream } from './io.js'

/** The program for one run: a new one each time, so that no parsed option outlives its run. */
function program(context: CommandContext): Command {
  const root = new Command()
  root
    .name('agentmerge')
    .description('Merge, dedup and semantically diff AI coding-agent definitions (Markdown + YAML frontmatter).')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print a stack trace with internal errors')
    .option('-q, --quiet', 'print no warnings')
    .option('--no-repair', 'keep mojibake as it is instead of repairing it')
    .addOption(new Option('--max-size <size>', 'refuse input files larger than this (e.g. 4MB)').default(1024 * 1024, '1MiB').argParser(parseSize))
    .option('--cache', 'reuse the parse of files that have not changed (kept in node_modules/.cache/agentmerge/)')
    .addOption(new Option('--cache-location <dir>', 'where --cache keeps its entries (implies --cache)').argParser(parseCacheLocation))
    .addOption(new Option('--jobs <n>', 'worker threads for parsing many files (0: none; default: by file count and cores)').argParser(parseJobs))
    .exitOverride()
    .configureHelp({ sortSubcommands: false })
    .configureOutput({
      writeOut: (text) => void context.io.stdout.write(text),
      writeErr: (text) => void context.io.stderr.write(text),
      // A usage error is one line, with where to look for usage.
      outputError: (text, write) => write(`agentmerge: ${text.trim().replace(/^error: /, '')} (see agentmerge --help)\n`),
    })
  // Each command defines its options here and loads its work when it runs.
  // The order is the help's: the everyday commands first.
  for (const define of [defineMerge, defineDiff, defineDedup, defineNormalize, defineConvert, defineLint, defineBuild, defineMergeDriver]) define(root, context)
  root.addHelpText('after', `
Examples:
  $ agentmerge a.md b.md c.md -o canonical.md       merge variants, provenance beside it
  $ agentmerge diff old.md new.md                    what changed in meaning
  $ agentmerge diff --git origin/main --format markdown
  $ agentmerge dedup .claude/agents                  instructions repeated across agents
  $ agentmerge normalize --check .claude/agents      canonical form, for CI

Run agentmerge help <command> for a command's options.
Exit codes: 0 success, 1 check failed or changes found, 2 error.`)
  return root
}

/** Runs one command line (the arguments after the program name) and returns its exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok
  const context: CommandContext = {
    io,
    argv,
    globals: () => root.opts<GlobalOptions>(),
    done: (c) => void (code = c),
  }
  const root = program(context)
  // Relative paths are the run's: the working directory is the one given, for this run only.
  const before = process.cwd()
  if (io.cwd !== before) process.chdir(io.cwd)
  try {
    // Help asked about a command that does not exist would be the program's help (merge, the default command, takes any word as a file).
    const names = root.commands.map((c) => c.name())
    // Before the first operand come the program's options and, as a line naming no command runs the default one, its options (`--to claude`).
    const options = [...root.options, ...(root.commands.find((c) => c.name() === DEFAULT_COMMAND)?.options ?? [])]
    const takesValue = (arg: string) => options.some((o) => (o.required || o.optional) && (o.long === arg || o.short === arg))
    const unknown = unknownHelpCommand(argv, operandsOf(argv, takesValue), names)
    if (unknown) {
      io.stderr.write(describe(unknown) + '\n')
      return EXIT.trouble
    }
    await root.parseAsync(argv, { from: 'user' })
    return code
  } catch (error) {
    // Help and version end with 0; a usage error is trouble, not a finding.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.trouble
    io.stderr.write(describe(error) + '\n')
    if (root.opts<GlobalOptions>().debug && error instanceof Error) io.stderr.write(`${error.stack}\n`)
    return EXIT.trouble
  } finally {
    if (process.cwd() !== before) process.chdir(before)
  }
}
