// Word-level diffs of statements. A statement is cut into word tokens from
// its mdast node, each remembering the markup it sits in (strong, emphasis,
// code, link), so the diff runs over the words of the statement's text while
// the display can put the markup back around them: `**bold**` is never split
// in half, as a diff of raw Markdown would. The diff is jsdiff's, bounded by
// `maxEditLength`, so a pathological pair gives up (null: shown as replaced)
// instead of hanging.
import { diffArrays } from 'diff'
import type { Nodes } from 'mdast'
import type { Statement } from '../model.js'
import { carriedTarget, plainText } from '../normalize/plain.js'
import type { WordRun } from './model.js'
import { changedStart } from './numbering.js'

/** One word or punctuation mark, with the marks around it, outermost first. */
export interface Token {
  text: string
  /** Whitespace before it in the source. */
  space: boolean
  /** `strong`, `emphasis`, `delete`, `code`, `link:URL`. */
  marks: string[]
}

/** A run of a word diff with its tokens, for rendering the markup back. */
export interface TokenRun extends WordRun {
  tokens: Token[]
}

export const DEFAULT_MAX_EDIT_LENGTH = 400

const WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*|[^\s\p{L}\p{N}_]/gu

function pushWords(value: string, marks: string[], out: Token[], state: { space: boolean }): void {
  let last = 0
  for (const match of value.matchAll(WORD)) {
    const gap = value.slice(last, match.index)
    if (/\s/.test(gap)) state.space = true
    out.push({ text: match[0], space: state.space && out.length > 0, marks })
    state.space = false
    last = match.index + match[0].length
  }
  if (/\s/.test(value.slice(last))) state.space = true
}

function walk(node: Nodes, marks: string[], out: Token[], state: { space: boolean }): void {
  switch (node.type) {
    case 'text':
      pushWords(node.value, marks, out, state)
      return
    case 'inlineCode':
      pushWords(node.value, [...marks, 'code'], out, state)
      return
    case 'code':
      pushWords(node.lang ? `${node.lang}: ${node.value}` : node.value, marks, out, state)
      return
    case 'html':
      pushWords(node.value, marks, out, state)
      return
    case 'break':
      state.space = true
      return
    case 'image':
    case 'imageReference':
      if (node.alt) pushWords(node.alt, marks, out, state)
      pushTarget(node, node.alt ?? '', marks, out, state)
      return
    case 'definition':
      pushWords(`[${node.label ?? node.identifier}]: ${node.url}${node.title ? ` "${node.title}"` : ''}`, marks, out, state)
      return
    case 'yaml':
      return
    default:
      break
  }
  if (!('children' in node)) return
  let inner = marks
  if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete') inner = [...marks, node.type]
  else if (node.type === 'link') inner = [...marks, `link:${node.url}`]
  const inline = node.type === 'paragraph' || node.type === 'heading' || node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete' || node.type === 'link' || node.type === 'linkReference' || node.type === 'tableCell'
  const kids = node.children as Nodes[]
  kids.forEach((child, i) => {
    if (!inline && i > 0) state.space = true
    // Cells are joined as the statement's text joins them, ` | `.
    if (node.type === 'tableRow' && i > 0) pushWords(' | ', marks, out, state)
    walk(child, inner, out, state)
  })
  if (node.type === 'link' || node.type === 'linkReference') pushTarget(node, plainText(node), marks, out, state)
  if (!inline) state.space = true
}

// A link's target is part of what the statement says (its identity text
// carries it after the link's text), so the words show it there too, as code.
function pushTarget(node: Nodes, text: string, marks: string[], out: Token[], state: { space: boolean }): void {
  const target = carriedTarget(node, text)
  if (target === undefined) return
  state.space = true
  pushWords(target, [...marks, 'code'], out, state)
}

/** The word tokens of a statement, in order; a task starts with its checkbox. */
export function tokensOf(statement: Statement): Token[] {
  const out: Token[] = []
  if (statement.kind === 'task') out.push({ text: statement.checked ? '[x]' : '[ ]', space: false, marks: [] })
  walk(statement.node as Nodes, [], out, { space: out.length > 0 })
  return out
}

/** The word tokens of plain text (a frontmatter value). */
export function tokensOfText(text: string): Token[] {
  const out: Token[] = []
  pushWords(text, [], out, { space: false })
  return out
}

/** Joins tokens back into text: a space where the source had whitespace. */
export function joinTokens(tokens: readonly Token[], leading = false): string {
  let out = ''
  tokens.forEach((t, i) => {
    if (t.space && (i > 0 || leading)) out += ' '
    out += t.text
  })
  return out
}

// Striking words out changes what they say; other markup is form.
const struck = (t: Token) => t.marks.includes('delete')

/**
 * The word diff of two token lists, or null when the edit script would be
 * longer than `maxEditLength` tokens. Tokens compare by their words and
 * whether they are struck out: emphasis, code and links are form.
 */
export function diffTokens(a: Token[], b: Token[], maxEditLength = DEFAULT_MAX_EDIT_LENGTH): TokenRun[] | null {
  const changes = diffArrays(a, b, { comparator: (x: Token, y: Token) => x.text === y.text && struck(x) === struck(y), maxEditLength })
  if (!changes) return null
  const runs = new Runs()
  let i = 0
  let j = 0
  for (const c of changes) {
    for (let k = 0; k < c.value.length; k++) {
      if (c.added) runs.add('added', b[j++]!)
      else if (c.removed) runs.add('removed', a[i++]!)
      else runs.equal(a[i++]!, b[j++]!)
    }
  }
  return runs.done()
}

/**
 * Builds the runs so that the `equal` and `removed` runs spell OLD's text and
 * the `equal` and `added` runs NEW's, whitespace included: the space before a
 * word belongs to the run the word is in, and a space before an equal word
 * that only one side has (`build/all` -> `all`, a word added at the start)
 * is a change of that side, put in its run just before (or a run of its own,
 * of whitespace only). Each token's `space` is then what its run's text has
 * before it.
 */
class Runs {
  private readonly runs: TokenRun[] = []
  /** Whether OLD's (NEW's) text has begun: its first word takes no space before it. */
  private old = false
  private new = false

  add(op: 'removed' | 'added', t: Token): void {
    const space = t.space && (op === 'removed' ? this.old : this.new)
    this.push(op, { ...t, space })
    if (op === 'removed') this.old = true
    else this.new = true
  }

  equal(x: Token, y: Token): void {
    const oldSpace = x.space && this.old
    const newSpace = y.space && this.new
    if (oldSpace !== newSpace) this.spaceOn(oldSpace ? 'removed' : 'added')
    this.push('equal', { ...y, space: oldSpace && newSpace })
    this.old = true
    this.new = true
  }

  done(): TokenRun[] {
    return this.runs
  }

  /** A space only one side has: at the end of that side's run among the changes just before, else a run of its own. */
  private spaceOn(op: 'removed' | 'added'): void {
    for (let k = this.runs.length - 1; k >= 0 && this.runs[k]!.op !== 'equal'; k--) {
      if (this.runs[k]!.op !== op) continue
      this.runs[k]!.text += ' '
      return
    }
    this.runs.push({ op, text: ' ', tokens: [] })
  }

  private push(op: TokenRun['op'], t: Token): void {
    const last = this.runs.at(-1)
    // A run takes the tokens of its op that follow it directly, struck out as it is or not; a removed and an added run of one change stay apart.
    const run = last && last.op === op && (last.struck === true) === struck(t) ? last : undefined
    const text = (t.space ? ' ' : '') + t.text
    if (run) {
      run.text += text
      run.tokens.push(t)
    } else this.runs.push({ op, text, tokens: [t], ...(struck(t) ? { struck: true as const } : {}) })
  }
}

/**
 * A changed run of a word diff as its display marks it: the whitespace
 * before and after its words stays outside the marks; a run of whitespace
 * only (a space one side has before an equal word) has no words to mark.
 */
export function runParts(text: string): { lead: string; body: string; trail: string } {
  const lead = /^\s*/.exec(text)![0]
  const body = text.slice(lead.length).trimEnd()
  return { lead, body, trail: text.slice(lead.length + body.length) }
}

/**
 * Where a format puts a changed run's leading whitespace (runParts' `lead`):
 * `outside` its marks; `inside` them where the two sides of a replacement
 * (a removed run and the added one after it) differ in the space before
 * them, so that each side reads as it is written (`flow[-,-]{+ and+}`, not
 * `flow[-,-]{+and+}`, which reads `flowand`); `none` for the added side of
 * a replacement whose removed side has put the same space outside already.
 */
export function leadPlace(runs: readonly WordRun[], i: number): 'outside' | 'inside' | 'none' {
  const r = runs[i]!
  const other = r.op === 'removed' ? runs[i + 1] : r.op === 'added' ? runs[i - 1] : undefined
  const pair = other !== undefined && other.op === (r.op === 'removed' ? 'added' : 'removed') && runParts(other.text).body !== '' && runParts(r.text).body !== ''
  if (!pair) return 'outside'
  if (runParts(r.text).lead !== runParts(other.text).lead) return 'inside'
  return r.op === 'added' ? 'none' : 'outside'
}

/**
 * Whether run `i` is a change of whitespace alone (`applications.Leverages`
 * -> `applications. Leverages`): no words, between runs that did not
 * change. Nothing else shows such a change, so the formats mark it; a space
 * beside changed words is shown as NEW's spacing, unmarked.
 */
export function spaceOnly(runs: readonly WordRun[], i: number): boolean {
  const r = runs[i]!
  return r.op !== 'equal' && runParts(r.text).body === '' && (runs[i - 1]?.op ?? 'equal') === 'equal' && (runs[i + 1]?.op ?? 'equal') === 'equal'
}

/**
 * A run's parts (runParts) with its words as a format shows them: each
 * through `escape`, and struck-out words marked by `strike` (between `~~`
 * unless told), since striking an instruction out withdraws it and every
 * format must show that. The one place a run's strike is shown.
 */
export function shownParts(r: WordRun, strike: (words: string) => string = (w) => `~~${w}~~`, escape: (text: string) => string = (t) => t): { lead: string; body: string; trail: string } {
  const { lead, body, trail } = runParts(r.text)
  return { lead, body: r.struck && body !== '' ? strike(escape(body)) : escape(body), trail }
}

/**
 * One side's text spelled from the runs as the formats show it: struck-out
 * words between `~~`, so that striking an instruction out is seen where
 * only words are shown (the text format, annotations).
 */
export function spellShown(runs: readonly WordRun[], side: 'old' | 'new'): string {
  const other = side === 'old' ? 'added' : 'removed'
  return runs
    .filter((r) => r.op !== other)
    .map((r) => {
      const { lead, body, trail } = shownParts(r)
      return lead + body + trail
    })
    .join('')
}

/** A statement's text as the formats show it: its struck-out words between `~~` (its plain text when none is). */
export function shownText(statement: Statement): string {
  const tokens = tokensOf(statement)
  if (!tokens.some(struck)) return statement.text
  const runs = new Runs()
  for (const t of tokens) runs.add('added', t)
  return spellShown(runs.done(), 'new')
}

/** Word diff of two statements. */
export function diffStatements(a: Statement, b: Statement, maxEditLength?: number): TokenRun[] | null {
  const x = tokensOf(a)
  const y = tokensOf(b)
  // A list that starts at another number: the words show both numbers before the item's own.
  const start = changedStart(a, b)
  if (start) {
    numbered(x, start.old)
    numbered(y, start.new)
  }
  return diffTokens(x, y, maxEditLength)
}

function numbered(tokens: Token[], n: number): void {
  if (tokens[0]) tokens[0] = { ...tokens[0], space: true }
  tokens.unshift({ text: `${n}.`, space: false, marks: [] })
}

/** Word diff of two plain texts (frontmatter values). */
export function diffText(a: string, b: string, maxEditLength?: number): TokenRun[] | null {
  return diffTokens(tokensOfText(a), tokensOfText(b), maxEditLength)
}
