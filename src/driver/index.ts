// The git merge driver: `agentmerge merge-driver -l %L %O %A %B %P`. git
// hands it the base, ours and theirs as temporary files; the merged text goes
// to %A, and the exit status says whether it is clean (0), has conflicts
// written (1), or could not merge at all (2: %A is left as it was). A file
// that is not Markdown, a side that does not parse or already carries
// conflict markers, and a file that is not an agent definition (neither ours
// nor theirs has frontmatter; one side with it is enough to merge by
// statements) are merged by git's own line merge instead, the way mergiraf
// falls back. When git's line merge is clean and says the same
// thing as the statement-level merge, its text is kept (it keeps the file's
// own formatting); otherwise the statement-level result is written in
// canonical form.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Agent, Section } from '../model.js'
import { readMeta } from '../normalize/meta.js'
import { normalizeAgent, withEol } from '../normalize.js'
import { parseAgent } from '../pipeline.js'
import type { MojibakeMode } from '../read/decode.js'
import { writeFileAtomic } from '../write/atomic.js'
import { terminalLine } from '../errors.js'
import { merge3, type Merge3Options } from './merge3.js'

export { merge3, type Merge3Options, type Merge3Result } from './merge3.js'
export { mergeFields, type FieldConflict } from './fields.js'
export { mergeBodies3, type BodyConflict } from './body.js'

export interface DriverOptions extends Merge3Options {
  /** Label of the base in git's fallback markers. */
  base?: string
  maxSize?: number
  /** What the reads of the three sides do with mojibake, as every command's reads (default: repair it). */
  mojibake?: MojibakeMode
  /** How long the write of ours waits for another run's lock (writeFileAtomic's option). */
  lockWaitMs?: number
}

export interface DriverOutcome {
  /** 0 clean, 1 conflicts written, 2 when the driver could not merge (ours is left as it was; the last message says why). */
  code: number
  /** How the file was merged. */
  how: 'trivial' | 'statements' | 'lines' | 'fallback'
  /** Lines for stderr: `path:line: conflict: ...`, notes, why it fell back. */
  messages: string[]
}

/** The outcome code of a merge that could not be done: git leaves the path conflicted on any non-zero status, and 2 tells a person reading it apart from 1 (conflicts written). */
export const CANNOT_MERGE = 2

/** An agent with nothing in it: the base of a file both branches added. */
export function emptyAgent(path: string): Agent {
  const root: Section = { type: 'section', kind: 'root', title: '', titleNodes: [], key: '', depth: 0, source: { path, line: 1 }, body: [] }
  return { path, meta: readMeta([], path, false, 0), root, eol: '\n', bom: false, warnings: [] }
}

/** The merged text in the encoding of our side: a UTF-16 file stays UTF-16, with its byte order mark. */
function encodeLike(ours: Buffer, text: string): Buffer {
  const bom = text.startsWith('\uFEFF') ? text : `\uFEFF${text}`
  if (ours[0] === 0xff && ours[1] === 0xfe) return Buffer.from(bom, 'utf16le')
  if (ours[0] === 0xfe && ours[1] === 0xff) return Buffer.from(bom, 'utf16le').swap16()
  return Buffer.from(text, 'utf8')
}

/** Whether a text holds a conflict: an opening and a closing marker line (a lone `=======` is a setext underline). */
function markerLines(text: string, size: number): boolean {
  return new RegExp(`^<{${size}}(?: |$)`, 'm').test(text) && new RegExp(`^>{${size}}(?: |$)`, 'm').test(text)
}

/** git's own line merge of the three files, into %A (or, with `print`, to stdout). */
function lineMerge(base: string, ours: string, theirs: string, options: DriverOptions, print: boolean): { status: number; stdout: string; error?: string } {
  const args = ['merge-file', '-L', options.ours ?? 'ours', '-L', options.base ?? 'base', '-L', options.theirs ?? 'theirs']
  if (options.markerSize) args.push(`--marker-size=${options.markerSize}`)
  if (print) args.push('-p')
  args.push(ours, base, theirs)
  const r = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.error) return { status: -1, stdout: '', error: r.error.message }
  const status = r.status ?? -1
  // git merge-file counts conflicts up to 127 and fails above that (a binary side, a file it cannot read): its own words say why.
  const said = (r.stderr ?? '').split('\n').find((l) => l.trim() !== '')?.replace(/^(error|fatal): /, '')
  return status >= 0 && status <= 127 ? { status, stdout: r.stdout ?? '' } : { status, stdout: '', error: said ?? `exit status ${status}` }
}

function fallback(base: string, ours: string, theirs: string, options: DriverOptions, why: string, name: string): DriverOutcome {
  const r = lineMerge(base, ours, theirs, options, false)
  // One line saying both why the statement merge was not used and why the line merge failed.
  if (r.error !== undefined) return { code: CANNOT_MERGE, how: 'fallback', messages: [`${name}: cannot merge: ${why}, and git merge-file failed (${r.error}); left as it was`] }
  const messages = [`${name}: ${why}; merged by lines (git merge-file)`]
  if (r.status > 0) messages.push(`${name}: ${r.status} conflict${r.status === 1 ? '' : 's'} left by the line merge`)
  return { code: r.status === 0 ? 0 : 1, how: 'fallback', messages }
}

/**
 * Merges the files git names: base (%O), ours (%A, also the output) and
 * theirs (%B); `name` (%P) is the path in the repository, for messages.
 */
export function mergeDriver(base: string, ours: string, theirs: string, path?: string, options: DriverOptions = {}): DriverOutcome {
  const outcome = merge(base, ours, theirs, path, options)
  // Messages go to git's stderr and CI logs: a path or a note never starts a line of its own.
  return { ...outcome, messages: outcome.messages.map((m) => terminalLine(m)) }
}

function merge(base: string, ours: string, theirs: string, path: string | undefined, options: DriverOptions): DriverOutcome {
  // Without %P only the content decides (git's temporary files have no extension).
  const name = path ?? ours
  const size = options.markerSize ?? 7
  let bytes: [Buffer, Buffer, Buffer]
  try {
    bytes = [readFileSync(base), readFileSync(ours), readFileSync(theirs)]
  } catch (error) {
    return { code: CANNOT_MERGE, how: 'fallback', messages: [`${name}: cannot merge: ${(error as Error).message}`] }
  }
  const [o, a, b] = bytes
  if (a.equals(b) || o.equals(b)) return { code: 0, how: 'trivial', messages: [] }
  if (o.equals(a)) {
    try {
      // Theirs as it is, byte for byte: no decoding, so no encoding is changed.
      writeFileAtomic(ours, b, { lockWaitMs: options.lockWaitMs })
      return { code: 0, how: 'trivial', messages: [] }
    } catch (error) {
      return { code: CANNOT_MERGE, how: 'trivial', messages: [`${name}: cannot merge: ${(error as Error).message}`] }
    }
  }
  if (path !== undefined && !/\.(md|markdown)$/i.test(path)) return fallback(base, ours, theirs, options, 'not a Markdown file', name)
  const texts = bytes.map((x) => x.toString('utf8'))
  if (texts.some((t) => markerLines(t, size))) return fallback(base, ours, theirs, options, 'a side already has conflict markers', name)
  let agents: [Agent, Agent, Agent]
  try {
    const parse = (x: Buffer) => parseAgent(x, name, { ...(options.maxSize ? { maxBytes: options.maxSize } : {}), mojibake: options.mojibake })
    // Both branches adding the file (git's add/add) gives an empty base.
    agents = [o.toString('utf8').trim() === '' ? emptyAgent(name) : parse(o), parse(a), parse(b)]
  } catch (error) {
    return fallback(base, ours, theirs, options, `a side does not parse (${(error as Error).message.split('\n')[0]})`, name)
  }
  const [ao, aa, ab] = agents
  if (!aa.meta.present && !ab.meta.present) return fallback(base, ours, theirs, options, 'not an agent definition (no frontmatter)', name)
  let result
  try {
    result = merge3(ao, aa, ab, options, texts)
  } catch (error) {
    return fallback(base, ours, theirs, options, `the statement merge failed (${(error as Error).message.split('\n')[0]})`, name)
  }
  const messages = result.notes.map((n) => `${name}: note: ${n}`)
  let text = withEol(result.text, aa.eol)
  let how: DriverOutcome['how'] = 'statements'
  if (result.conflicts === 0) {
    // Prefer git's line merge when it is clean and means the same: it keeps the file's formatting.
    const lines = lineMerge(base, ours, theirs, options, true)
    if (lines.status === 0) {
      try {
        if (normalizeAgent(parseAgent(lines.stdout, name)) === normalizeAgent(parseAgent(text, name))) {
          text = lines.stdout
          how = 'lines'
        }
      } catch {
        // The line merge does not parse: keep the statement merge.
      }
    }
  } else {
    for (const p of result.places) messages.push(`${name}:${p.line}: conflict: ${p.what}`)
  }
  try {
    writeFileAtomic(ours, encodeLike(a, (aa.bom && how === 'statements' ? '\uFEFF' : '') + text), { lockWaitMs: options.lockWaitMs })
  } catch (error) {
    // Nothing was written, so the conflicts found are not reported: only why.
    return { code: CANNOT_MERGE, how, messages: [`${name}: cannot merge: ${(error as Error).message}`] }
  }
  return { code: result.conflicts === 0 ? 0 : 1, how, messages }
}
