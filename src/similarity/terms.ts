// Turns a statement's text into the terms it is compared on: words are
// case-folded, split at `/` and `-`, rewritten through the synonym table,
// stemmed, and stripped of stopwords and fillers. Each term remembers whether
// it was written as a specific (inside parentheses, after "e.g."/"such as",
// or a number), which is what the subsumption rule in specifics.ts reads.

import { stemmer } from 'stemmer'
import { isFiller, NEGATIONS, STOPWORDS } from './fillers.js'
import { CASED_ACRONYMS, SYNONYMS } from './synonyms.js'

export interface Term {
  /** The normalized term: a canonical synonym, a number, or a stem. */
  term: string
  /** Written inside parentheses or an "e.g." / "such as" list. */
  example: boolean
  /** A literal: a quantity (`80%`, `100ms`, `p95`, `18+`) or a path (`src/`). */
  number: boolean
  /** A filler word (kept only when a statement has nothing else). */
  filler: boolean
  /** Index of the coordinated clause it came from: "A and B" has two. */
  clause: number
  /**
   * In a trailing prepositional modifier ("... with proper indexing", "...
   * for backend services"): it qualifies what comes before rather than adding
   * a requirement of its own, so it weighs less and is not required.
   */
  modifier: boolean
}

interface Token {
  word: string
  /** Already final: a synonym's canonical form, or a path kept verbatim. */
  fixed: boolean
  path?: boolean
  example: boolean
  /** Index of the coordinated clause ("A and B, C") the token belongs to. */
  clause: number
  /** Index of the punctuation-delimited segment (conjunctions do not end one). */
  segment: number
  modifier?: boolean
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
const EXAMPLE_OPENERS = [/^e\.?g$/, /^i\.?e$/]

function foldPlural(w: string): string {
  return w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w) ? w.slice(0, -1) : w
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

/**
 * Split a raw token into words, keeping the original case (the caller folds
 * it): `/`, `-`, `.` and `_` separate words, a bound prefix or a single letter
 * joins the next word ("non-blocking" → "nonblocking", "e-mail" → "email").
 */
function splitParts(raw: string): string[] {
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

// File paths and file names are literal specifics: "Tests (tests/)" names a
// directory, not the idea of testing. `Node.js`-style names are not paths.
const FILE_EXT = /\.(?:md|mdx|ts|tsx|mjs|cjs|json|ya?ml|toml|ini|env|py|go|rs|java|kt|rb|php|cs|sh|txt|lock|sql|html|css|xml|csv|cfg|conf)$/
function isPath(lower: string): boolean {
  if (!/[a-z0-9_]/.test(lower)) return false
  if (lower.includes('/')) return /^(?:\/|\.{1,2}\/|~\/)|\/$/.test(lower) || FILE_EXT.test(lower)
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

function rawTokens(text: string): Token[] {
  const src = text.normalize('NFKC').replace(/&/g, ' and ').replace(/[`*~]+/g, ' ')
  // Parenthesis depth by position, so words inside "(Redis, Memcached)" are
  // known to be examples.
  const depth: number[] = new Array(src.length + 1)
  let d = 0
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (c === '(' || c === '[') d++
    else if ((c === ')' || c === ']') && d > 0) d--
    depth[i] = d
  }
  const list = listStart(src)
  const out: Token[] = []
  let exampleRun = false
  let afterOpener = false
  let clause = 0
  let segment = 0
  let prevEnd = 0
  for (const m of src.matchAll(TOKEN_RE)) {
    const orig = m[0]
    const at = m.index ?? 0
    const inParen = (depth[at] ?? 0) > 0
    const between = src.slice(prevEnd, at)
    prevEnd = at + orig.length
    const before = src.slice(Math.max(0, at - 2), at)
    if (/[.;:!?)]\s*$/.test(before) && !/\d\.\s*$/.test(before) && !afterOpener) exampleRun = false
    afterOpener = false
    // Commas, semicolons, sentence ends and dashes between words end a clause.
    if (/[,;:.!?]|\s[-–—]\s/.test(between)) clause++
    if (/[,;:.!?()[\]]|\s[-–—]\s/.test(between)) segment++
    const lower = orig.toLowerCase().replace(/’/g, "'").replace(/\.+$/, '')
    if (EXAMPLE_OPENERS.some((re) => re.test(lower)) || lower === 'including') {
      exampleRun = true
      afterOpener = true
      continue
    }
    if (CONJUNCTIONS.has(lower)) clause++
    const example = inParen || exampleRun || (list >= 0 && at >= list)
    const syn = SYN_SINGLE.get(lower)
    if (syn && /[^a-z0-9]/.test(lower)) {
      out.push({ word: syn, fixed: true, example, clause, segment })
      continue
    }
    if (NEGATIONS.has(lower) || STOPWORDS.has(lower)) {
      out.push({ word: lower, fixed: false, example, clause, segment })
      continue
    }
    if (isPath(lower)) {
      out.push({ word: lower, fixed: true, example, path: true, clause, segment })
      continue
    }
    // "authentication/authorization": each side of a slash is its own clause.
    let slashPart = 0
    for (const piece of orig.replace(/’/g, "'").replace(/\.+$/, '').split('/')) {
      if (!piece) continue
      if (slashPart++ > 0) clause++
      for (const part of splitParts(piece)) {
        const cased = CASED_ACRONYMS[part]
        if (cased) out.push({ word: cased, fixed: true, example, clause, segment })
        else out.push({ word: part.toLowerCase(), fixed: false, example, clause, segment })
      }
    }
    // "such as" opens a list of examples that runs to the end of the clause.
    if (lower === 'as' && out.length >= 2 && out[out.length - 2]?.word === 'such') exampleRun = true
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
      out.push({ word: canonical, fixed: true, example: span.some((t) => t.example), clause: span[0]!.clause, segment: span[0]!.segment })
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
  if (s.length > 5 && /(?:abl|ibl)$/.test(s)) s = s.slice(0, -3)
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1)
  return s
}

// "Caching for performance", "Load testing for scalability": a trailing
// purpose that names a quality every backend wants says why, not what.
const PURPOSE_QUALITIES: ReadonlySet<string> = new Set(['perf', 'scal', 'secur', 'reli', 'maintain', 'avail'])

/** Every term of a text, in order, with duplicates, fillers marked. */
export function analyzeWords(text: string): Term[] {
  const out: Term[] = []
  const tokens = applySynonyms(rawTokens(text))
  // Which term each token became, so that a purpose can be marked in place.
  const termOf: (Term | undefined)[] = []
  tokens.forEach((t, i) => {
    termOf[i] = undefined
    const before = out.length
    analyzeToken(t, out)
    if (out.length > before) termOf[i] = out[out.length - 1]
  })
  markPurposes(tokens, termOf)
  markAttributive(tokens, termOf)
  markModifiers(tokens, termOf)
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

// Prepositions that open a trailing modifier once the clause has named its
// subject: "CI/CD pipelines | for backend services", "Transaction management
// | with rollback". A statement that opens with one ("Design for API
// versioning") has no subject before it, so nothing is a modifier there.
const MODIFIER_OPENERS: ReadonlySet<string> = new Set(['with', 'for', 'using', 'via', 'through'])

/**
 * Mark the terms of trailing prepositional phrases as modifiers. A modifier
 * runs to the next punctuation or parenthesis (not to the next "and": "with
 * security and performance in mind" is one phrase) and gets a clause of its
 * own, so the extra-requirement rule can tell it from the subject.
 */
function markModifiers(tokens: readonly Token[], termOf: readonly (Term | undefined)[]): void {
  let segment = -1
  let content = false
  let open = -1
  tokens.forEach((t, i) => {
    if (t.segment !== segment) {
      segment = t.segment
      content = false
      open = -1
    }
    const w = termOf[i]
    if (open >= 0) {
      if (w) {
        w.modifier = true
        w.clause = MODIFIER_CLAUSE + open
      }
      return
    }
    if (!t.fixed && !t.example && content && MODIFIER_OPENERS.has(t.word)) {
      open = i
      return
    }
    if (w && !w.filler && !w.example) content = true
  })
}

/** Clause numbers of modifiers start here, apart from coordinated clauses. */
export const MODIFIER_CLAUSE = 1_000_000

function analyzeToken(t: Token, out: Term[]): void {
  if (t.fixed) {
    out.push({ term: t.word, example: t.example, number: t.path === true || NUMBER_RE.test(t.word), filler: false, clause: t.clause, modifier: false })
    return
  }
  const w = t.word
  if (NEGATIONS.has(w)) {
    out.push({ term: 'not', example: t.example, number: false, filler: false, clause: t.clause, modifier: false })
    return
  }
  if (STOPWORDS.has(w)) return
  if (w.length === 1 && !/\d/.test(w)) return
  if (/^\d/.test(w) || NUMBER_RE.test(w)) {
    // Quantities and version strings ("80%", "p95", "3.11") are kept as written.
    out.push({ term: w, example: t.example, number: true, filler: false, clause: t.clause, modifier: false })
    return
  }
  const stem = stemmer(w)
  out.push({ term: tidyStem(stem), example: t.example, number: false, filler: isFiller(w, stem), clause: t.clause, modifier: false })
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
 * Sort the result for an order-free key.
 */
export function termsOf(text: string): string[] {
  return uniqueTerms(analyzeWords(text)).map((t) => t.term)
}

/** Unique content terms (fillers dropped unless nothing else is left). */
export function uniqueTerms(words: readonly Term[]): Term[] {
  const content = words.filter((w) => !w.filler)
  const chosen = content.length > 0 ? content : words
  const seen = new Map<string, Term>()
  for (const w of chosen) {
    const prev = seen.get(w.term)
    if (!prev) seen.set(w.term, { ...w })
    else {
      // A term written both plainly and as an example counts as plain; one
      // written both in the subject and in a modifier counts as subject.
      if (prev.example && !w.example) prev.example = false
      if (prev.modifier && !w.modifier) prev.modifier = false
    }
  }
  return [...seen.values()]
}

// Distinct content terms per text (termsOf(text), counted), kept across
// calls in one process and bounded: merge and dedup rank wordings by it, and
// profiling a statement (profile.ts) counts them on the way.
const TERM_COUNTS = new Map<string, number>()
const TERM_COUNTS_MAX = 100_000

/** How many distinct content terms a text has: `new Set(termsOf(text)).size`. */
export function termCount(text: string): number {
  let n = TERM_COUNTS.get(text)
  if (n === undefined) {
    n = uniqueTerms(analyzeWords(text)).length
    rememberTermCount(text, n)
  }
  return n
}

/** Records termCount(text) when it is already known (the length of uniqueTerms(analyzeWords(text))). */
export function rememberTermCount(text: string, n: number): void {
  if (TERM_COUNTS.size >= TERM_COUNTS_MAX) TERM_COUNTS.clear()
  TERM_COUNTS.set(text, n)
}
