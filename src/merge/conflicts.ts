// Conflicts: two statements on the same topic that differ in polarity
// ("Always mock the database" / "Never mock the database") or in a specific
// (a number, a version, an output format, a named tool). They are never
// folded into one another: one is written (the deciding input's) and the
// others are recorded as its alternatives. The polarity test is this one
// small function until the similarity module exports its own.
import type { Statement } from '../model.js'
import { termsOf } from '../similarity/index.js'

export interface ConflictKind {
  kind: 'polarity' | 'specific'
  /** What differs, for the report: the two sides' specifics, or "always/never". */
  detail: string
}

const NEGATION = /\b(?:never|not|no|don'?t|doesn'?t|avoid|without|cannot|can'?t|must\s+not|shouldn'?t|won'?t|nor|forbid\w*|prohibit\w*|disallow\w*)\b/i
/** Output formats and similar named choices: two statements naming different ones disagree. */
const FORMATS = ['json', 'yaml', 'toml', 'xml', 'csv', 'markdown', 'html', 'plain text', 'table', 'jsonl', 'protobuf']
const NUMBER = /\b\d+(?:\.\d+)*\+?%?/g

const terms = (text: string): Set<string> => new Set(termsOf(text).filter((t) => !/^\d/.test(t)))

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0
  for (const t of a) if (b.has(t)) shared++
  const union = a.size + b.size - shared
  return union === 0 ? 0 : shared / union
}

/** Two statements state opposite things about one topic (one negated, the other not). */
export function oppositePolarity(a: string, b: string): boolean {
  if (NEGATION.test(a) === NEGATION.test(b)) return false
  return jaccard(terms(a), terms(b)) >= 0.6
}

const formatsOf = (text: string): string[] => FORMATS.filter((f) => new RegExp(`\\b${f}\\b`, 'i').test(text))
const numbersOf = (text: string): string[] => [...new Set(text.match(NUMBER) ?? [])].sort()

/**
 * Whether two statements of different inputs conflict: on the same topic
 * (most of their words shared), with opposite polarity or with different
 * numbers or formats named on both sides.
 */
export function conflictBetween(a: Statement, b: Statement): ConflictKind | undefined {
  if (a.kind === 'code' || b.kind === 'code' || a.text === b.text) return undefined
  if (oppositePolarity(a.text, b.text)) return { kind: 'polarity', detail: `${NEGATION.test(a.text) ? 'negated' : 'affirmed'} / ${NEGATION.test(b.text) ? 'negated' : 'affirmed'}` }
  const na = numbersOf(a.text)
  const nb = numbersOf(b.text)
  const fa = formatsOf(a.text)
  const fb = formatsOf(b.text)
  const numbers = na.length > 0 && nb.length > 0 && na.join() !== nb.join()
  const formats = fa.length > 0 && fb.length > 0 && fa.join() !== fb.join()
  if (!numbers && !formats) return undefined
  const ta = terms(a.text)
  const tb = terms(b.text)
  for (const f of [...fa, ...fb]) {
    ta.delete(f)
    tb.delete(f)
  }
  if (jaccard(ta, tb) < 0.5) return undefined
  return { kind: 'specific', detail: numbers ? `${na.join(', ')} / ${nb.join(', ')}` : `${fa.join(', ')} / ${fb.join(', ')}` }
}

/** Tool names a "never use X" statement may name, by the canonical tool id. */
const TOOL_WORDS: Record<string, RegExp> = {
  bash: /\b(?:bash|(?:shell|terminal)\s+commands?|run(?:ning)?\s+(?:shell\s+)?commands?)\b/i,
  write: /\b(?:write|create)\s+(?:files?|to\s+disk)\b/i,
  edit: /\bedit(?:ing)?\s+files?\b|\bmodify\s+files?\b/i,
  webfetch: /\b(?:web\s*fetch|fetch\s+(?:urls?|web\s+pages?))\b/i,
  websearch: /\bweb\s*search\b/i,
}

/**
 * Whether a statement forbids a tool the merged frontmatter grants ("No
 * bash", "Never run shell commands" with Bash among the tools): the tool
 * id, or undefined.
 */
export function forbidsGranted(text: string, granted: ReadonlySet<string>): string | undefined {
  if (!NEGATION.test(text)) return undefined
  for (const [id, words] of Object.entries(TOOL_WORDS)) if (granted.has(id) && words.test(text)) return id
  return undefined
}
