// `agentmerge diff`: two files, two directories, the agent files changed in
// a git range, or one file pair as git's external diff driver. Prints the
// diff in the format asked for and exits as diff(1) does: 0 when nothing
// changed in meaning, 1 when something did, 2 on trouble.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { relative, sep } from 'node:path'
import { asRenamed, changedAgentFiles, diffAgents, diffReport, diffWhole, diffJson, formatGithub, formatMarkdown, formatText, hasChanges, isAgentPath, lineDiff, loadAgentBytes, MARKDOWN_MIN_BYTES, pairAgents, readAt, resolveRange, useColor, type AgentDiff, type DiffReport, type LoadedAgent, unreadNote, type Unread } from '../../diff/index.js'
import { AgentError } from '../../errors.js'
import { findInputs, readInputs } from '../inputs.js'
import type { CliIo } from '../io.js'
import { formatErrors } from '../findings.js'
import { EXIT, readOptions, Run, type GlobalOptions, type RunError } from '../shell.js'
import { renderDiffReport } from '../../report/index.js'
import { progressCallback, withProgress } from '../progress.js'

export interface DiffCommandOptions extends GlobalOptions {
  format?: 'text' | 'markdown' | 'json' | 'github' | 'html'
  formatting?: boolean
  git?: string
  gitExternal?: boolean
  color?: boolean
  /** Arguments after `--` (paths, in --git mode). */
  pathspec?: string[]
  /** --max-bytes: the most bytes of markdown output (0: no limit). */
  maxBytes?: number
}

/** The default --max-bytes of markdown: a GitHub comment holds 65,536 characters. */
const MARKDOWN_MAX_BYTES = 60_000

const MARKDOWN = /\.(md|markdown)$/i
const MODE = /^(?:[0-7]{6}|\.)$/
const HEX = /^(?:[0-9a-f]{7,64}|\.)$/

/** Whether operands look like git's external diff arguments. */
export function looksExternal(args: string[]): boolean {
  return (args.length === 7 || args.length === 9) && MODE.test(args[3]!) && MODE.test(args[6]!) && HEX.test(args[2]!) && HEX.test(args[5]!)
}

/** git's external diff of a file that is not an agent: git's own line diff; always 0, as git stops at a driver that is not. */
function externalLineDiff(run: Run, oldFile: string, newFile: string, path: string, newPath: string, color: boolean): number {
  const text = run.each(newPath, () => lineDiff(oldFile, newFile, path, newPath, { color, env: run.io.env }))
  if (text !== undefined) run.out(text)
  return run.code
}

/** The diff of a pair; `renamed`: the two are one file under two names (git's rename, a directory's file paired under another name). */
function diffPair(old: LoadedAgent | null, nu: LoadedAgent | null, renamed = false): AgentDiff {
  if (old && nu) {
    const diff = diffAgents(old.agent, nu.agent, { oldText: old.text, newText: nu.text })
    return renamed ? asRenamed(diff) : diff
  }
  if (nu) return diffWhole(nu.agent, 'added')
  return diffWhole(old!.agent, 'removed')
}

const isDir = (path: string): boolean => {
  try {
    return path !== '-' && statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** What each way of naming the two sides (git's external arguments, `--git`, two paths) reads with. */
interface Sides {
  run: Run
  io: CliIo
  color: boolean
  loadFiles: (paths: string[], label?: string) => Promise<Array<LoadedAgent | null>>
  loadBytes: (bytes: () => Uint8Array, path: string) => LoadedAgent | null
}

/** The diffs of one run, or the exit code when it stops before comparing. */
type Diffs = AgentDiff[] | number

/** An option the format asked for would ignore without a word, or an option read as --git's revision: a usage error, before anything is read. */
function ignoredOption(options: DiffCommandOptions): AgentError | undefined {
  const format = options.format ?? 'text'
  // `--git` takes the next word as its revision, an option too: `--git --format markdown main` would diff from "--format".
  if (options.git !== undefined && options.git.startsWith('-')) return new AgentError('usage', `--git needs a revision right after it (BASE, or A...B), got "${options.git}": put the other options elsewhere`, 'agentmerge diff')
  if (options.maxBytes !== undefined && format !== 'markdown') return new AgentError('usage', `--max-bytes keeps a markdown comment under N bytes; --format ${format} has no such limit (add --format markdown)`, 'agentmerge diff')
  if (options.maxBytes !== undefined && options.maxBytes > 0 && options.maxBytes < MARKDOWN_MIN_BYTES) return new AgentError('usage', `--max-bytes ${options.maxBytes} leaves no room for the heading and summary: use 0 (no limit) or at least ${MARKDOWN_MIN_BYTES}`, 'agentmerge diff')
  if (options.color === true && format !== 'text') return new AgentError('usage', `--color colors the text output; --format ${format} is never colored`, 'agentmerge diff')
  return undefined
}

export async function diffCommand(args: string[], options: DiffCommandOptions, io: CliIo): Promise<number> {
  const run = new Run(options, io)
  const ignored = ignoredOption(options)
  if (ignored) return (run.fail(ignored), run.code)
  const read = readOptions(options, io)
  const sides: Sides = {
    run,
    io,
    color: useColor(options.color, io.stdout.isTTY, io.env),
    // Files on disk are read through loadAgents (so --cache and --jobs apply),
    // with their decoded text, which names changes of form; each bad file is
    // reported in input order and stands as null.
    loadFiles: async (paths, label) => {
      const results = await readInputs(run, paths, { keepText: true, onProgress: label ? progressCallback(label, run.progress()) : undefined })
      return results.map(({ agent, text }) => (agent ? { agent, text: text! } : null))
    },
    loadBytes: (bytes, path) =>
      run.each(path, () => {
        const loaded = loadAgentBytes(bytes(), path, read)
        run.warn(loaded.agent.warnings)
        return loaded
      }) ?? null,
  }
  const external = options.gitExternal === true || (options.git === undefined && looksExternal(args))
  const diffs = external ? externalDiffs(args, sides) : options.git !== undefined ? await gitDiffs(args, options, sides) : await pathDiffs(args, sides)
  // The formats a CI step or a pull request reads report the run's errors in their own output (JSON's errors
  // list, ::error annotations, the comment's and the page's list), whatever stopped it; text leaves them to
  // stderr and prints nothing without a diff.
  const machine = options.format !== undefined && options.format !== 'text'
  if (typeof diffs === 'number') {
    if (machine && run.code === EXIT.trouble) run.out(formatReport(diffReport([]), options, sides.color, run.errors))
    return diffs
  }
  const report = diffReport(diffs)
  if (run.code !== EXIT.trouble || diffs.length > 0 || machine) run.out(formatReport(report, options, sides.color, run.errors, external))
  // git stops at an external diff that exits non-zero: changes are not trouble there.
  if (!external && hasChanges(report.counts)) run.flag(EXIT.changes)
  return run.code
}

/** git's external diff: path old-file old-hex old-mode new-file new-hex new-mode [new-path xfrm-msg]. */
function externalDiffs(args: string[], { run, color, loadBytes }: Sides): Diffs {
  if (args.length === 1) return run.code // an unmerged path: nothing to compare
  if (!looksExternal(args)) {
    const got = args.length === 7 || args.length === 9 ? `got ${args.length}, but old-hex, old-mode, new-hex or new-mode is not an object id or a file mode` : `got ${args.length}`
    run.fail(new AgentError('usage', `--git-external expects git's 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode), ${got}`, 'agentmerge diff'))
    return run.code
  }
  const [path, oldFile, , , newFile] = args as [string, string, string, string, string]
  const newPath = args.length === 9 ? args[7]! : path
  // A file that is not Markdown is not an agent: git's own line diff, as without the driver.
  if (!MARKDOWN.test(path) && !MARKDOWN.test(newPath)) return externalLineDiff(run, oldFile, newFile, path, newPath, color)
  const before = run.code
  const old = oldFile === '/dev/null' ? null : loadBytes(() => readFileSync(oldFile), path)
  const nu = newFile === '/dev/null' ? null : loadBytes(() => readFileSync(newFile), newPath)
  if (run.code === EXIT.trouble) {
    // git stops the whole `git diff` at a driver that fails, hiding every file after this one:
    // a side that cannot be read (its error said above) is shown as git's own line diff.
    run.code = before
    return externalLineDiff(run, oldFile, newFile, path, newPath, color)
  }
  if (!old && !nu) return run.code
  // Markdown without frontmatter outside the agent folders (a README) is not an agent either.
  if (![old, nu].some((x) => x?.agent.meta.present) && !isAgentPath(path) && !isAgentPath(newPath)) return externalLineDiff(run, oldFile, newFile, path, newPath, color)
  // git's 9 arguments name a renamed file's new path.
  return [diffPair(old, nu, newPath !== path)]
}

/** `--git BASE [HEAD] [-- PATHS]`: every agent file changed between two revisions. */
async function gitDiffs(args: string[], options: DiffCommandOptions, { run, io, loadBytes }: Sides): Promise<Diffs> {
  const dash = options.pathspec
  const before = dash === undefined ? args : args.slice(0, args.length - dash.length)
  if (before.length > 1) {
    run.fail(new AgentError('usage', `--git takes BASE [HEAD] [-- PATHS]; put paths after --`, 'agentmerge diff'))
    return run.code
  }
  const cwd = io.cwd
  const range = run.each(options.git!, () => resolveRange(options.git!, before[0], cwd, io.env))
  if (!range) return run.code
  const changes = run.each(options.git!, () => changedAgentFiles(range, dash ?? [], cwd))
  if (!changes) return run.code
  const pairs: Array<{ old: LoadedAgent | null; new: LoadedAgent | null }> = []
  const deleted: LoadedAgent[] = []
  const added: LoadedAgent[] = []
  for (const change of withProgress(changes, 'reading', run.progress())) {
    const old = change.oldPath === null ? null : loadBytes(() => readAt(range, range.base, change.oldPath!), change.oldPath)
    const nu = change.newPath === null ? null : loadBytes(() => readAt(range, range.head, change.newPath!), change.newPath)
    if ((change.oldPath !== null && !old) || (change.newPath !== null && !nu)) continue
    if (old && nu) pairs.push({ old, new: nu })
    else if (old) deleted.push(old)
    else added.push(nu!)
  }
  // git gives up on a rename edited below its similarity: the deleted and
  // added files are paired as a directory's are, by agent name, so that the
  // diff is the rename and its real edits rather than a whole agent out and in.
  pairs.push(...pairAgents(deleted, added))
  const path = (p: (typeof pairs)[number]) => (p.new ?? p.old)!.agent.path
  pairs.sort((a, b) => (path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : 0))
  return Array.from(withProgress(pairs, 'comparing', run.progress()), (p) => diffPair(p.old, p.new, p.old !== null && p.new !== null && p.old.agent.path !== p.new.agent.path))
}

/** Two files, or two directories whose files are paired by agent name, then file name. */
async function pathDiffs(args: string[], { run, loadFiles }: Sides): Promise<Diffs> {
  if (args.length !== 2) {
    run.fail(new AgentError('usage', `diff takes two files or two directories (OLD NEW), got ${args.length} argument${args.length === 1 ? '' : 's'}`, 'agentmerge diff'))
    return run.code
  }
  const [a, b] = args as [string, string]
  if (a === '-' && b === '-') {
    run.fail(new AgentError('usage', 'stdin can be one side of a diff, not both (- -)', 'agentmerge diff'))
    return run.code
  }
  const dirs = [isDir(a), isDir(b)]
  if (dirs[0] !== dirs[1]) {
    // The side that is not a directory may be no file either: then that is what is wrong with it.
    const other = dirs[0] ? b : a
    if (other !== '-' && !existsSync(other)) run.fail(new AgentError('unreadable', 'no such file or directory', other))
    else run.fail(new AgentError('usage', 'cannot diff a directory with a file; give two files or two directories', other))
    return run.code
  }
  if (!dirs[0]) {
    const [old, nu] = await loadFiles([a, b])
    return old && nu ? [diffPair(old, nu)] : []
  }
  const relativeTo = (root: string, path: string) => relative(root, path).split(sep).join('/')
  // A file that cannot be read on one side is reported as trouble; its
  // namesake on the other side is then neither added nor removed.
  const unreadable = new Set<string>()
  const side = async (root: string) => {
    const files = findInputs(run, [root], { emptyDirs: 'allowed' })
    const loaded = await loadFiles(files, 'reading')
    return files.map((path, i) => {
      const one = loaded[i] ?? null
      if (!one) unreadable.add(relativeTo(root, path))
      return one
    }).filter((x): x is LoadedAgent => x !== null)
  }
  const readOld = await side(a)
  const readNew = await side(b)
  const olds = readOld.filter((x) => !unreadable.has(relativeTo(a, x.agent.path)))
  const news = readNew.filter((x) => !unreadable.has(relativeTo(b, x.agent.path)))
  const old = new Set(olds)
  const rel = (x: LoadedAgent) => relativeTo(old.has(x) ? a : b, x.agent.path)
  const diffs: AgentDiff[] = []
  for (const pair of withProgress(pairAgents(olds, news, rel), 'comparing', run.progress())) diffs.push(diffPair(pair.old, pair.new, pair.old !== null && pair.new !== null && rel(pair.old) !== rel(pair.new)))
  return diffs
}

/** `external`: git's driver, whose output git shows under no name of its own, names its file even when nothing changed. */
function formatReport(report: DiffReport, options: DiffCommandOptions, color: boolean, errors: readonly RunError[], external = false): string {
  const formatting = options.formatting === true
  // Every format says what could not be compared: "nothing changed in meaning" alone would read as a clean result.
  // An error of no file is the run's own (`-` is stdin).
  const missed: Unread[] = errors.map((e) => ({ place: e.path === null ? 'agentmerge diff' : e.line === null ? e.path : `${e.path}:${e.line}`, message: e.message }))
  const unread = unreadNote(missed)
  switch (options.format ?? 'text') {
    case 'json': {
      const json = diffJson(report)
      return JSON.stringify({ ...json, summary: json.summary + unread, errors }, null, 2) + '\n'
    }
    case 'markdown':
      return formatMarkdown(report, { formatting, maxBytes: options.maxBytes ?? MARKDOWN_MAX_BYTES, unread: missed })
    case 'github':
      return formatErrors(errors, 'github') + formatGithub(report, { formatting }).replace(/\n$/, `${unread}\n`)
    case 'html':
      return renderDiffReport(report, { formatting, unread: missed })
    default:
      return formatText(report, { color, formatting, everyFile: external, unread: missed })
  }
}
