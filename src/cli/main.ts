// The agentmerge command line: a thin shell over the library. Each command's
// work is loaded only when that command runs, so that start-up pays for
// commander and nothing else.
import { Command, CommanderError, Option } from 'commander'
import { VERSION } from '../version.js'
import { defineNormalize } from './commands/normalize.js'
import { defineBuild } from './commands/build.js'
import { defineMergeDriver } from './commands/merge-driver.js'
import { defineLint } from './commands/lint.js'
import { defineMerge } from './commands/merge.js'
import { defineDedup } from './commands/dedup.js'
import { defineConvert } from './commands/convert.js'
import { defineDiff } from './commands/diff.js'
import { describe, EXIT, parseJobs, parseSize, type GlobalOptions } from './shell.js'

const program = new Command()

program
  .name('agentmerge')
  .description('Merge, dedup and semantically diff AI coding-agent definitions (Markdown + YAML frontmatter).')
  .version(VERSION, '-V, --version')
  .option('--debug', 'print a stack trace with internal errors')
  .option('-q, --quiet', 'print no warnings')
  .option('--no-repair', 'keep mojibake as it is instead of repairing it')
  .addOption(new Option('--max-size <size>', 'refuse input files larger than this (e.g. 4MB)').default(1024 * 1024, '1MiB').argParser(parseSize))
  .option('--cache', 'reuse the parse of files that have not changed (kept in node_modules/.cache/agentmerge/)')
  .option('--cache-location <dir>', 'where --cache keeps its entries (implies --cache)')
  .addOption(new Option('--jobs <n>', 'worker threads for parsing many files (0: none; default: by file count and cores)').argParser(parseJobs))
  .showHelpAfterError('(run agentmerge --help for usage)')
  .exitOverride()
  .configureHelp({ sortSubcommands: false })

const globals = (): GlobalOptions => program.opts<GlobalOptions>()

// Each command defines its options here and loads its work when it runs.
// The order is the help's: the everyday commands first.
for (const define of [defineMerge, defineDiff, defineDedup, defineNormalize, defineConvert, defineLint, defineBuild, defineMergeDriver]) define(program, globals)

program.addHelpText('after', `
Examples:
  $ agentmerge a.md b.md c.md -o canonical.md       merge variants, provenance beside it
  $ agentmerge diff old.md new.md                    what changed in meaning
  $ agentmerge diff --git origin/main --format markdown
  $ agentmerge dedup .claude/agents                  instructions repeated across agents
  $ agentmerge normalize --check .claude/agents      canonical form, for CI

Run agentmerge help <command> for a command's options.
Exit codes: 0 success, 1 check failed or changes found, 2 error.`)

// A promise, not a top-level await: the bin runs this file as one CommonJS
// bundle with a V8 code cache (scripts/build.mjs), and CommonJS has no
// top-level await.
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version end with 0; a usage error is trouble, not a finding.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.trouble
  } else {
    process.stderr.write(describe(error) + '\n')
    if (globals().debug && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = EXIT.trouble
  }
})
