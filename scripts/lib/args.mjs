// Command-line reading for the eval scripts: --help prints the usage line
// and exits 0; an unknown argument, a missing value or a value that is not
// a number is a usage error (exit 2), never a stack trace or a run on NaN.

/** Exits: 0 with the usage on stdout for --help, else 2 with the problem and the usage on stderr. */
export function usageExit(script, usage, problem) {
  if (problem === undefined) {
    console.log(`usage: ${usage}`)
    process.exit(0)
  }
  console.error(`${script}: ${problem}\nusage: ${usage}`)
  process.exit(2)
}

/** Reads the value after option `name` at argv[i]; a missing one (or another option) is a usage error. */
export function valueOf(script, usage, argv, i, name) {
  const v = argv[i]
  if (v === undefined || v.startsWith('--')) usageExit(script, usage, `${name} needs a value`)
  return v
}

/** The number after option `name`; one that is not a number is a usage error. */
export function numberOf(script, usage, argv, i, name) {
  const n = Number(valueOf(script, usage, argv, i, name))
  if (!Number.isFinite(n)) usageExit(script, usage, `${name} needs a number, not ${argv[i]}`)
  return n
}

/** Whether argv asks for help. */
export const wantsHelp = (argv) => argv.includes('--help') || argv.includes('-h')
