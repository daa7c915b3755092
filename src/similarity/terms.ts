// The rule-based content terms of a text, which section titles (the
// alignment), the merge's wording, opening and conflict tests read: words
// are case-folded, split at `/` and `-`, rewritten through the synonym
// table, stemmed, and stripped of stopwords and fillers (a purpose such as
// "for performance" and praise such as "scalable" before a noun count as
// fillers). The grouping reads statements with tokens.ts instead
// (docs/similarity.md says why both remain).

import { stemmer } from 'stemmer'
import { isFiller, NEGATIONS, STOPWORDS } from './fillers.js'
import { CASED_ACRONYMS, SYNONYMS } from './synonyms.js'

export interface Term {
  /** The normalized term: a canonical synonym, a number, or a stem. */
  term: string
  /** Written inside parentheses or an "e.g." / "such as" list: never a purpose. */
  example: boolean
  /** A filler word (kept only when a statement has nothing else). */
  filler: boolean
  /** The words it was read from, as the author wrote them ("cutting-edge" for its two terms, "machine learning" for one). */
  written: string
}

interface Token {
  word: string
  /** Already final: a synonym's canonical form, or a path kept verbatim. */
  fixed: boolean
  example: boolean
  /** Index of the coordinated clause ("A and B, C") the token belongs to. */
  clause: number
  /** Index of the punctuation-delimited segment (conjunctions do not end one). */
  segment: number
  /** The token of the text it comes from, as written. */
  written: string
}

// A token may hold `.`, `-`, `/`, `'`, and `+` between word characters, and end
// in `+`, `#`, `%` or `/` (C++, C#, 18+, 80%, src/); a leading `.`, `/`, `./`
// or `~/` keeps `.NET`, `.env`, `/health`.
const TOKEN_RE = /(?:\.{0,2}\/|~\/|\.)?[\p{L}\p{N}_]+(?:(?:[.\-/'’_]|\+(?=[\p{L}\p{N}]))[\p{L}\p{N}_]+)*[+#%/]*/gu
const NUMBER_RE = /^(?:\d+(?:[.,]\d+)*(?:%|\+|x|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?|k|kb|mb|gb|tb|rps|qps)?|p\d{2,3}(?:\.\d+)?|n\+\d+)$/
// Prefixes that are not words by themselves: "non-blocking" must not become
// the word "blocking", and "micro-services" is "microservices".
const BOUND_PREFIXES: ReadonlySet<string> = new Set([
  'non', 'anti', 'multi', 'pre', 'post', 're', 'co', 'un', 'de', 'inter', 'intra', 'sub', 'semi',
  'micro', 'auto', 'mis',
])
// Words that open a run of examples: "e.g." and "i.e." (with or without the
// inner dot; trailing dots are stripped before) and "including".
const EXAMPLE_OPENERS: ReadonlySet<string> = new Set(['eg', 'e.g', 'ie', 'i.e', 'including'])

function foldPlural(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') ? w.slice(0, -1) : w
}

interface Trie {
  next: Map<string, Trie>
  canonical?: string
}

function buildTrie(): { trie: Trie; single: Map<string, string> } {
  const trie: Trie = { next: new Map() }
  const single = new Map<string, string>()
  for (const group of SYNONYMS) {
    for (const form of group.forms) {
      // Forms with punctuation inside one token ("c#", ".net", "ssl/tls") are
      // also matched before the token is split.
      if (!form.includes(' ')) single.set(form, group.canonical)
      let node = trie
      for (const part of splitWords(form)) {
        const key = foldPlural(part)
        let child = node.next.get(key)
        if (!child) {
          child = { next: new Map() }
          node.next.set(key, child)
        }
        node = child
      }
      node.canonical ??= group.canonical
    }
  }
  return { trie, single }
}

// What splitParts can split at; a token with none of these is one word.
const PART_BREAK = /[\s/\-._'’]/

/**
 * Split a raw token into words, keeping the original case (the caller folds
 * it): `/`, `-`, `.` and `_` separate words, a bound prefix or a single letter
 * joins the next word ("non-blocking" → "nonblocking", "e-mail" → "email").
 */
function splitParts(raw: string): string[] {
  // Most tokens are plain words: nothing to split, and a number stays whole anyway.
  if (!PART_BREAK.test(raw)) return raw ? [raw] : []
  if (NUMBER_RE.test(raw.toLowerCase()) || /^\d+(?:\.\d+)+\+?$/.test(raw)) return [raw]
  const out: string[] = []
  for (const piece of raw.split(/\s+/)) {
    if (!piece) continue
    if (NUMBER_RE.test(piece.toLowerCase())) {
      out.push(piece)
      continue
    }
    // `express.js` → express; a stopword base keeps its suffix (`next.js`).
    const js = /^(.+)\.js$/i.exec(piece)
    const base = js ? (STOPWORDS.has(js[1]!.toLowerCase()) ? js[1]! + 'js' : js[1]!) : piece
    const parts = base.split(/[/\-._'’]+/).filter(Boolean)
    for (let i = 0; i < parts.length; i++) {
      let p = parts[i]!
      while ((BOUND_PREFIXES.has(p.toLowerCase()) || p.length === 1) && i + 1 < parts.length && /^[a-z]/i.test(p)) {
        p = p + parts[++i]!
      }
      out.push(p)
    }
  }
  return out
}

function splitWords(raw: string): string[] {
  return splitParts(raw).map((p) => p.toLowerCase())
}

// File paths and file names are kept verbatim: "Tests (tests/)" names a
// directory, not the idea of testing. `Node.js`-style names are not paths.
const FILE_EXT = /\.(?:md|mdx|ts|tsx|mjs|cjs|json|ya?ml|toml|ini|env|py|go|rs|java|kt|rb|php|cs|sh|txt|lock|sql|html|css|xml|csv|cfg|conf)$/
function isPath(lower: string): boolean {
  // Paths and file names hold a slash or a dot; most words have neither.
  const slash = lower.includes('/')
  if (!slash && !lower.includes('.')) return false
  if (!/[a-z0-9_]/.test(lower)) return false
  if (slash) return /^(?:\/|\.{1,2}\/|~\/)|\/$/.test(lower) || FILE_EXT.test(lower)
  return (lower.startsWith('.') && lower.length > 2 && !SYN_SINGLE.has(lower)) || (FILE_EXT.test(lower) && lower.includes('.'))
}

const { trie: SYN_TRIE, single: SYN_SINGLE } = buildTrie()


// "Label: a, b, c" and "Label - a, b and c": the items after the label are
// an enumeration; each item is a specific the other statement must name too.
const LABEL_RE = /^\s*[^:()\n]{1,40}?(?::|\s[-–—]\s)\s*/
const CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'or', 'nor', 'plus'])

/** Where an enumeration after a label starts, or -1. */
function listStart(src: string): number {
  const m = LABEL_RE.exec(src)
  if (!m) return -1
  const rest = src.slice(m[0].length).replace(/\([^)]*\)/g, ' ')
  const items = rest.split(/,|;|\s(?:and|or)\s/).map((x) => x.trim()).filter(Boolean)
  if (items.length < 2) return -1
  return items.every((x) => x.split(/\s+/).length <= 4) ? m[0].length : -1
}

/** Text with curly apostrophes straightened (`don’t` → `don't`). */
function straightQuotes(s: string): string {
  return s.includes('’') ? s.replace(/’/g, "'") : s
}

/** Text without its trailing dots (`e.g.` → `e.g`, `end.` → `end`). */
function trimDots(s: string): string {
  let end = s.length
  while (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--
  return end === s.length ? s : s.slice(0, end)
}

/** Same as /\s/ (JavaScript's whitespace) on one character. */
function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true
  return c > 0x7f && /\s/.test(String.fromCharCode(c))
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isDash = (c: number): boolean => c === 0x2d || c === 0x2013 || c === 0x2014 // - – —
const isStop = (c: number): boolean => c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2e || c === 0x21 || c === 0x3f // , ; : . ! ?
const isSentenceEnd = (c: number): boolean => c === 0x2e || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f || c === 0x29 // . ; : ! ? )

/**
 * Whether the two characters before a token close a sentence or a
 * parenthesis (`/[.;:!?)]\s*$/`), which ends a run of examples, and are not
 * a number's dot (`/\d\.\s*$/`: "3." is a numbered step or a version).
 */
function closedBefore(src: string, at: number): boolean {
  const c1 = at >= 1 ? src.charCodeAt(at - 1) : NaN
  const c0 = at >= 2 ? src.charCodeAt(at - 2) : NaN
  const closed = isSentenceEnd(c1) || (isSpace(c1) && isSentenceEnd(c0))
  return closed && !(isDigit(c0) && c1 === 0x2e)
}

/**
 * Reads the text between tokens left to right: the parenthesis depth (words
 * inside "(Redis, Memcached)" are examples) and what the last gap held.
 * Commas, semicolons, sentence ends and spaced dashes between words end a
 * clause (`/[,;:.!?]|\s[-–—]\s/`); those and brackets end a segment.
 */
class Gaps {
  depth = 0
  endsClause = false
  endsSegment = false

  constructor(private readonly src: string) {}

  /** Reads src[from, to), the text between the previous token and the next. */
  read(from: number, to: number): void {
    const src = this.src
    let clause = false
    let bracket = false
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i)
      if (c === 0x28 || c === 0x5b) {
        this.depth++ // ( [
        bracket = true
      } else if (c === 0x29 || c === 0x5d) {
        if (this.depth > 0) this.depth-- // ) ]
        bracket = true
      } else if (isStop(c)) clause = true
      else if (isDash(c) && i > from && i + 1 < to && isSpace(src.charCodeAt(i - 1)) && isSpace(src.charCodeAt(i + 1))) clause = true
    }
    this.endsClause = clause
    this.endsSegment = clause || bracket
  }
}

/** The sides of a slash ("request/response"); most words have none. */
function slashPieces(word: string): string[] {
  return word.includes('/') ? word.split('/') : [word]
}

// Only its own keys: a word such as "constructor" must not find what every
// object inherits.
const CASED_KEYS: ReadonlySet<string> = new Set(Object.keys(CASED_ACRONYMS))

/** The cased form of an acronym written in capitals ("REST"), as CASED_ACRONYMS[part]. */
function casedAcronym(part: string): string | undefined {
  return CASED_KEYS.has(part) ? CASED_ACRONYMS[part] : undefined
}

/** A word a token yields, before its place in the text is known. */
interface WrittenWord {
  word: string
  /** Already final: a synonym's canonical form, a cased acronym, or a path. */
  fixed: boolean
  /** How many slashes of the token come before it (each starts a clause). */
  slashes: number
}

/** What a token says wherever it stands: the words it yields, and what it opens or joins. */
interface Written {
  /** "e.g.", "i.e.", "including": the words after it are examples. */
  opensExamples: boolean
  /** "and", "or": the words after it are another clause. */
  conjunction: boolean
  words: WrittenWord[]
  /** How many slashes of the token start a clause ("authentication/authorization"). */
  slashes: number
}

function readWritten(orig: string): Written {
  const lower = trimDots(orig.toLowerCase())
  const read: Written = { opensExamples: EXAMPLE_OPENERS.has(lower), conjunction: CONJUNCTIONS.has(lower), words: [], slashes: 0 }
  if (read.opensExamples) return read
  const syn = SYN_SINGLE.get(lower)
  if (syn && /[^a-z0-9]/.test(lower)) {
    read.words.push({ word: syn, fixed: true, slashes: 0 })
  } else if (NEGATIONS.has(lower) || STOPWORDS.has(lower)) {
    read.words.push({ word: lower, fixed: false, slashes: 0 })
  } else if (isPath(lower)) {
    read.words.push({ word: lower, fixed: true, slashes: 0 })
  } else {
    // "authentication/authorization": each side of a slash is its own clause.
    let pieces = 0
    for (const piece of slashPieces(trimDots(orig))) {
      if (!piece) continue
      if (pieces++ > 0) read.slashes++
      for (const part of splitParts(piece)) {
        const cased = casedAcronym(part)
        if (cased) read.words.push({ word: cased, fixed: true, slashes: read.slashes })
        else read.words.push({ word: part.toLowerCase(), fixed: false, slashes: read.slashes })
      }
    }
  }
  return read
}

function rawTokens(text: string, memo: WordMemo | undefined): Token[] {
  // Apostrophes are straightened up front: tokens and the gaps between them
  // read ' and ’ alike, so only the words change ("don’t" is "don't").
  const src = straightQuotes(text.normalize('NFKC').replace(/&/g, ' and ').replace(/[`*~]+/g, ' '))
  const gaps = new Gaps(src)
  const list = listStart(src)
  const out: Token[] = []
  let exampleRun = false
  let afterOpener = false
  let clause = 0
  let segment = 0
  let prevEnd = 0
  TOKEN_RE.lastIndex = 0
  for (let m = TOKEN_RE.exec(src); m; m = TOKEN_RE.exec(src)) {
    const orig = m[0]
    const at = m.index
    gaps.read(prevEnd, at)
    const inParen = gaps.depth > 0
    prevEnd = at + orig.length
    if (closedBefore(src, at) && !afterOpener) exampleRun = false
    afterOpener = false
    if (gaps.endsClause) clause++
    if (gaps.endsSegment) segment++
    const read = memo ? memo.written(orig) : readWritten(orig)
    if (read.opensExamples) {
      exampleRun = true
      afterOpener = true
      continue
    }
    if (read.conjunction) clause++
    const example = inParen || exampleRun || (list >= 0 && at >= list)
    for (const w of read.words) {
      out.push({ word: w.word, fixed: w.fixed, example, clause: clause + w.slashes, segment, written: orig })
    }
    clause += read.slashes
    // "such as" opens a list of examples that runs to the end of the clause.
    if (read.words.length === 1 && read.words[0]!.word === 'as' && out[out.length - 2]?.word === 'such') exampleRun = true
  }
  return out
}

/** Replace the longest synonym phrase at each position by its canonical term. */
function applySynonyms(tokens: Token[]): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < tokens.length) {
    let node: Trie | undefined = SYN_TRIE
    let best = -1
    let canonical = ''
    for (let j = i; j < tokens.length && node; j++) {
      const t = tokens[j]!
      if (t.fixed) break
      node = node.next.get(foldPlural(t.word))
      if (node?.canonical) {
        best = j
        canonical = node.canonical
      }
    }
    if (best >= 0) {
      const span = tokens.slice(i, best + 1)
      // Words of one token ("ci/cd") are written once.
      const written = span.map((t) => t.written).filter((w, k, all) => k === 0 || w !== all[k - 1]).join(' ')
      out.push({ word: canonical, fixed: true, example: span.some((t) => t.example), clause: span[0]!.clause, segment: span[0]!.segment, written })
      i = best + 1
    } else {
      out.push(tokens[i]!)
      i++
    }
  }
  return out
}

/** Porter leaves derivational pairs apart: scalable/scaling, reliable/rely. */
function tidyStem(stem: string): string {
  let s = stem
  if (s.length > 5 && (s.endsWith('abl') || s.endsWith('ibl'))) s = s.slice(0, -3)
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1)
  return s
}

// "Caching for performance", "Load testing for scalability": a trailing
// purpose that names a quality every backend wants says why, not what.
const PURPOSE_QUALITIES: ReadonlySet<string> = new Set(['perf', 'scal', 'secur', 'reli', 'maintain', 'avail'])

/** A word's stem as compared (tidied) and whether it is a filler. */
interface Stemmed {
  term: string
  filler: boolean
}

/**
 * What analyzeWords has read of single words, for a caller that analyzes a
 * batch of statements (the merge's terms, the alignment's titles): statements share most of their words,
 * and reading and stemming each word is most of analyzing a statement.
 * Lives as long as the caller keeps it.
 */
export class WordMemo {
  private readonly tokens = new Map<string, Written>()
  private readonly stems = new Map<string, Stemmed>()

  /** readWritten(token) */
  written(token: string): Written {
    let w = this.tokens.get(token)
    if (!w) this.tokens.set(token, (w = readWritten(token)))
    return w
  }

  /** stemWord(word) */
  stemmed(word: string): Stemmed {
    let s = this.stems.get(word)
    if (!s) this.stems.set(word, (s = stemWord(word)))
    return s
  }
}

function stemWord(word: string): Stemmed {
  const stem = stemmer(word)
  return { term: tidyStem(stem), filler: isFiller(word, stem) }
}

/**
 * Every term of a text, in order, with duplicates, fillers marked. `memo`:
 * words read in other statements, if the caller keeps them.
 */
export function analyzeWords(text: string, memo?: WordMemo): Term[] {
  const out: Term[] = []
  const tokens = applySynonyms(rawTokens(text, memo))
  // Which term each token became, so that a purpose can be marked in place.
  const termOf: (Term | undefined)[] = new Array(tokens.length)
  for (let i = 0; i < tokens.length; i++) {
    const term = analyzeToken(tokens[i]!, memo)
    termOf[i] = term
    if (term) out.push(term)
  }
  markPurposes(tokens, termOf)
  markAttributive(tokens, termOf)
  return out
}

// Qualities every backend wants, written as an adjective in front of a noun
// ("scalable microservices", "secure authentication", "maintainable code"):
// praise, like "robust". Written as the noun ("Scalability - ...") or as a
// predicate ("systems that are scalable, secure") they stay content.
const ATTRIBUTIVE_QUALITIES: ReadonlySet<string> = new Set([
  'scalable', 'secure', 'maintainable', 'reliable', 'resilient', 'testable', 'reusable', 'extensible',
  'flexible', 'stable',
])

function markAttributive(tokens: readonly Token[], termOf: readonly (Term | undefined)[]): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    const next = tokens[i + 1]!
    const w = termOf[i]
    if (!w || t.fixed || !ATTRIBUTIVE_QUALITIES.has(t.word)) continue
    if (next.segment !== t.segment || next.clause !== t.clause) continue
    if (!termOf[i + 1] || termOf[i + 1]!.filler && !next.fixed) continue
    w.filler = true
  }
}

/** The term a token becomes, or undefined for a stopword. */
function analyzeToken(t: Token, memo: WordMemo | undefined): Term | undefined {
  if (t.fixed) {
    return { term: t.word, example: t.example, filler: false, written: t.written }
  }
  const w = t.word
  if (NEGATIONS.has(w)) {
    return { term: 'not', example: t.example, filler: false, written: t.written }
  }
  if (STOPWORDS.has(w)) return undefined
  if (w.length === 1 && !/\d/.test(w)) return undefined
  if (/^\d/.test(w) || NUMBER_RE.test(w)) {
    // Quantities and version strings ("80%", "p95", "3.11") are kept as written.
    return { term: w, example: t.example, filler: false, written: t.written }
  }
  const { term, filler } = memo ? memo.stemmed(w) : stemWord(w)
  return { term, example: t.example, filler, written: t.written }
}

/** Turn a clause-final "for <quality>" into filler. */
function markPurposes(tokens: readonly Token[], termOf: readonly (Term | undefined)[]): void {
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!
    const t = tokens[i]!
    const next = tokens[i + 1]
    if (prev.word !== 'for' || prev.clause !== t.clause) continue
    if (next && next.clause === t.clause) continue
    const w = termOf[i]
    if (w && !w.example && PURPOSE_QUALITIES.has(w.term)) w.filler = true
  }
}

/**
 * The content terms of a text: unique, in order of first appearance. Fillers
 * are dropped unless nothing else is left ("Best practices" keeps its words).
 * Sort the result for an order-free key. A caller reading many texts that
 * share their words (a merge's titles) passes one WordMemo for all of them.
 */
export function termsOf(text: string, memo?: WordMemo): string[] {
  return uniqueTerms(analyzeWords(text, memo)).map((t) => t.term)
}

/**
 * The content terms of a text (as termsOf), each with the words it was
 * first written in: what a message shows a user, who did not write stems.
 */
export function writtenTerms(text: string, memo?: WordMemo): Array<{ term: string; written: string }> {
  // A token the filler list names whole ("cutting-edge", "battle-tested") is praise, whatever its parts read as.
  const praise = (t: Term): boolean => isFiller(t.written.toLowerCase(), stemmer(t.written.toLowerCase()))
  return uniqueTerms(analyzeWords(text, memo)).filter((t) => !praise(t)).map((t) => ({ term: t.term, written: t.written }))
}

function copyTerm(w: Term): Term {
  return { term: w.term, example: w.example, filler: w.filler, written: w.written }
}

/** Unique content terms (fillers dropped unless nothing else is left). */
function uniqueTerms(words: readonly Term[]): Term[] {
  const content = words.filter((w) => !w.filler)
  const chosen = content.length > 0 ? content : words
  const seen = new Map<string, Term>()
  for (const w of chosen) {
    const prev = seen.get(w.term)
    if (!prev) seen.set(w.term, copyTerm(w))
    // A term written both plainly and as an example counts as plain.
    else if (prev.example && !w.example) prev.example = false
  }
  return [...seen.values()]
}
