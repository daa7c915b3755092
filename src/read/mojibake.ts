// Repairs mojibake: UTF-8 text that was once decoded as Windows-1252 or Mac
// Roman and saved again, so that one emoji became a run of Latin letters
// (`ðŸŸ ` for 🟠, `‚öôÔ∏è` for ⚙️). Such a run maps back to bytes through the
// wrong code page; when those bytes are valid UTF-8 the run may be mojibake.
// Correct text can map to valid UTF-8 too (`„Fuß“` would become `„Fuߓ`), so
// the decision is made per file, not per run: a file is repaired only when it
// is clearly the damaged form (a classic signature such as `â€` or `Ã©`, or
// three or more distinct runs), only through the code page that damaged it, only
// where a run decodes to characters of a plausible kind (or ones the file
// already uses), and never inside code or HTML comments, whose bytes are
// the author's whatever they look like.
//
// Where code is needs a parse. So that a file is parsed once, decoding
// repairs optimistically (makeRepairPlan) and the pipeline, holding the
// parse of the result, settles the plan (settleRepairs): only when a repair
// fell inside code does it undo that repair and parse again.
import type { Nodes, Root } from 'mdast'
import { warning } from '../errors.js'
import type { Diagnostic } from '../model.js'

interface Repair {
  /** 1-based line of the run. */
  line: number
  column: number
  from: string
  to: string
  codepage: 'windows-1252' | 'macintosh'
}

type Reverse = Map<string, number>

// Windows-1252's 0x80-0x9F row; the rest of its upper half is Latin-1. It is
// spelled out because Node 20's TextDecoder decodes the label as Latin-1.
const cp1252Row = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function windows1252(): Reverse {
  const table: Reverse = new Map()
  for (let byte = 0x80; byte <= 0xff; byte++) {
    // The five bytes that 1252 leaves undefined survive as C1 controls.
    table.set(byte < 0xa0 ? cp1252Row[byte - 0x80]! : String.fromCharCode(byte), byte)
  }
  return table
}

function macRoman(): Reverse {
  const decoder = new TextDecoder('macintosh')
  const table: Reverse = new Map()
  for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte)
  return table
}

let tables: Array<[Repair['codepage'], Reverse]> | undefined
function codepages(): Array<[Repair['codepage'], Reverse]> {
  tables ??= [
    ['windows-1252', windows1252()],
    ['macintosh', macRoman()],
  ]
  return tables
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Length of the UTF-8 sequence a lead byte opens, or 0 if it cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}

/**
 * Repairs the mojibake of one run of non-ASCII characters through one code
 * page, sequence by sequence, so that genuine accented letters next to a
 * broken emoji stay as they are.
 */
function repairRun(chars: string[], table: Reverse): { text: string; fixed: number } {
  let out = ''
  let fixed = 0
  let i = 0
  while (i < chars.length) {
    const lead = table.get(chars[i]!)
    const length = lead === undefined ? 0 : sequenceLength(lead)
    if (length > 0 && i + length <= chars.length) {
      const bytes: number[] = [lead!]
      for (let k = 1; k < length; k++) {
        const b = table.get(chars[i + k]!)
        if (b === undefined || b < 0x80 || b > 0xbf) break
        bytes.push(b)
      }
      if (bytes.length === length) {
        try {
          out += strictUtf8.decode(Uint8Array.from(bytes))
          fixed += length
          i += length
          continue
        } catch {
          // Not a valid sequence (overlong or surrogate): leave the chars.
        }
      }
    }
    out += chars[i]
    i++
  }
  return { text: out, fixed }
}

// Characters that a mis-decoded UTF-8 byte can become: everything outside
// ASCII in either code page, which is a superset of the Latin-1 range.
const suspect = /[\u0080-\uffff]{2,}/g

// Runs that only mojibake produces: the lead bytes of common UTF-8 sequences
// (curly quotes and dashes, é è à, a variation selector, an emoji's first two
// bytes) as each code page shows them.
const SIGNATURES: Record<Repair['codepage'], RegExp> = {
  'windows-1252': /â€|Ã[\u0080-\u00bf\u0152-\u0178\u0192\u02c6\u02dc\u2013-\u2122]|Â[\u00a0-\u00bf]|ðŸ|ï¸/,
  macintosh: /‚Ä|√©|√®|√†|Ô∏|\uf8ffü/,
}

/** Characters a repair may produce without the file using them already: Latin, Greek and Cyrillic letters, symbols, CJK, emoji. */
function plausible(code: number): boolean {
  return (code >= 0xa0 && code < 0x180) || (code >= 0x370 && code < 0x483) || (code >= 0x48a && code < 0x530) ||
    (code >= 0x2000 && code < 0x2c00) || (code >= 0x3000 && code < 0xa000) || (code >= 0xac00 && code < 0xd7b0) ||
    (code >= 0xfe00 && code < 0xfe10) || (code >= 0xff00 && code < 0xfff0) || (code >= 0x1f000 && code < 0x1fb00)
}

/** A run that may be mojibake: its place in the text as decoded, and whether it carries a classic signature. */
interface Candidate extends Repair {
  offset: number
  signature: boolean
}

function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Each run's repair through each code page, where it decodes to plausible characters (or ones the file uses). */
function candidates(text: string): Candidate[] {
  const out: Candidate[] = []
  if (!/[\u0080-\uffff]{2}/.test(text)) return out
  let lineStarts: number[] | undefined
  for (const match of text.matchAll(suspect)) {
    const run = match[0]
    const chars = Array.from(run)
    for (const [codepage, table] of codepages()) {
      const attempt = repairRun(chars, table)
      if (attempt.fixed === 0) continue
      const made = Array.from(attempt.text).filter((c) => !run.includes(c))
      if (!made.every((c) => plausible(c.codePointAt(0)!) || text.includes(c))) continue
      lineStarts ??= lineStartsOf(text)
      let line = lineStarts.length
      while (lineStarts[line - 1]! > match.index) line--
      out.push({ offset: match.index, line, column: match.index - lineStarts[line - 1]! + 1, from: run, to: attempt.text, codepage, signature: SIGNATURES[codepage].test(run) })
    }
  }
  return out
}

/**
 * The repairs a file needs: the candidates of the code page that damaged it
 * (the one with signatures, else one with three or more distinct runs; one
 * word repeated is one piece of evidence), or none when the file is
 * plausible as it stands.
 */
function chooseRepairs(found: readonly Candidate[]): Candidate[] {
  let best: { codepage: Repair['codepage']; signatures: number; runs: number } | undefined
  for (const [codepage] of codepages()) {
    const mine = found.filter((c) => c.codepage === codepage)
    const score = { codepage, signatures: mine.filter((c) => c.signature).length, runs: new Set(mine.map((c) => c.from)).size }
    if (!best || score.signatures > best.signatures || (score.signatures === best.signatures && score.runs > best.runs)) best = score
  }
  if (!best || (best.signatures === 0 && best.runs < 3)) return []
  return found.filter((c) => c.codepage === best.codepage)
}

/** The text with the given repairs made (candidates of one code page, in text order). */
function applyRepairs(text: string, repairs: readonly Candidate[]): string {
  let out = ''
  let last = 0
  for (const r of repairs) {
    out += text.slice(last, r.offset) + r.to
    last = r.offset + r.from.length
  }
  return out + text.slice(last)
}

/** The spans of code and HTML comments in a parsed text, whose bytes are never repaired. */
function codeSpans(tree: Root): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  const pending: Nodes[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()!
    const { start, end } = node.position ?? {}
    const code = node.type === 'code' || node.type === 'inlineCode' || (node.type === 'html' && node.value.trimStart().startsWith('<!--'))
    if (code && start?.offset !== undefined && end?.offset !== undefined) spans.push([start.offset, end.offset])
    else if ('children' in node) pending.push(...(node.children as Nodes[]))
  }
  return spans
}

const inSpans = (spans: Array<[number, number]>, offset: number) => spans.some(([start, end]) => offset >= start && offset < end)

/**
 * What decoding did about mojibake, for the pipeline to settle once it has
 * parsed: every candidate of the text as read (`original`), and whether the
 * chosen repairs were made (`repair`) or are only to be warned of.
 */
export interface RepairPlan {
  original: string
  found: Candidate[]
  repair: boolean
  /** The repairs chosen among `found` (none when only warning); the text they make is the one parsed. */
  chosen: Candidate[]
  /** Set on the text made after undoing repairs that fell in code: nothing is left to settle. */
  settled?: boolean
}

/** The plan for a decoded text, and the text to parse: repaired optimistically when repairing. */
export function makeRepairPlan(text: string, repair: boolean): { text: string; plan?: RepairPlan } {
  const found = candidates(text)
  if (found.length === 0) return { text }
  const plan: RepairPlan = { original: text, found, repair, chosen: repair ? chooseRepairs(found) : [] }
  return { text: repairedText(plan), plan }
}

/** The text a plan's chosen repairs make of its original (made again where needed rather than carried, since plans go to the parse workers). */
const repairedText = (plan: RepairPlan): string => applyRepairs(plan.original, plan.chosen)

const codepageName = (r: Repair) => (r.codepage === 'macintosh' ? 'Mac Roman' : 'Windows-1252')

function warningsOf(repairs: readonly Candidate[], repair: boolean, path: string): Diagnostic[] {
  return repairs.map((r) => repair
    ? warning('mojibake', `repaired mojibake ${JSON.stringify(r.from)} -> ${JSON.stringify(r.to)} (UTF-8 once read as ${codepageName(r)}); --no-repair keeps it`, path, r.line, r.column)
    : warning('mojibake', `suspected mojibake ${JSON.stringify(r.from)}, likely ${JSON.stringify(r.to)} (UTF-8 once read as ${codepageName(r)}); kept as it is: \`agentmerge normalize --write\` repairs it`, path, r.line, r.column))
}

/**
 * Settles a plan against the parse of the text it produced (`parsed`, the
 * text as the parser saw it): the repairs outside code, with their warnings,
 * or, when a repair fell inside code, the text to parse instead.
 */
export function settleRepairs(plan: RepairPlan, parsed: string, tree: Root, path: string): { warnings: Diagnostic[]; retry?: { text: string; plan: RepairPlan } } {
  const { chosen } = plan
  if (plan.settled) return { warnings: warningsOf(chosen, plan.repair, path) }
  const repaired = repairedText(plan)
  // Where each candidate is in the parsed text: after the repairs before it,
  // and after the frontmatter fence fix, which may shorten one line.
  let fenceAt = 0
  while (fenceAt < parsed.length && parsed[fenceAt] === repaired[fenceAt]) fenceAt++
  const fenceShift = parsed.length - repaired.length
  const spans = codeSpans(tree)
  const inCode = (c: Candidate) => {
    let at = c.offset
    for (const r of chosen) if (r.offset < c.offset) at -= r.from.length - r.to.length
    return inSpans(spans, at > fenceAt ? at + fenceShift : at)
  }
  // With every candidate outside code, the choice made when planning stands.
  const outside = plan.found.filter((c) => !inCode(c))
  const final = plan.repair && outside.length === plan.found.length ? chosen : chooseRepairs(outside)
  if (!plan.repair) return { warnings: warningsOf(final, false, path) }
  if (final.length === chosen.length && final.every((c, i) => c === chosen[i])) return { warnings: warningsOf(final, true, path) }
  // `final` is already the choice (the repairs outside code), so the plan
  // to parse instead carries it as found and chosen alike.
  const retry: RepairPlan = { original: plan.original, found: final, repair: true, chosen: final, settled: true }
  return { warnings: [], retry: { text: repairedText(retry), plan: retry } }
}
