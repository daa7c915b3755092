// Conflicts: two statements on the same topic that differ in polarity
// ("Always mock the database" / "Never mock the database") or in a specific
// (a number, a version, an output format, a link's target). Two statements
// naming different code ("Never push to `main`" / "... `release`") are
// never folded either, but both are written: they may both hold. They are never
// folded into one another: one is written (the deciding input's) and the
// others are recorded as its alternatives. Polarity is the similarity
// module's (`isNegative`); the topic test (most words shared) is here.
import type { RootContent } from 'mdast'
import type { Section, SectionKind, Statement } from '../model.js'
import { isNegative } from '../similarity/index.js'
import { TermMemo } from './wording.js'

export interface ConflictKind {
  kind: 'polarity' | 'specific'
  /** What differs, for the report: the two sides' specifics, or "always/never". */
  detail: string
  /** For a whole section not written (another input's response format): that section. */
  section?: { title: string; source: { path: string; line: number } }
}

/**
 * A section that prescribes the form of the agent's answer ("Output
 * Format", "Response Format", "Return Format", "Report Structure"). Two
 * inputs' sections of this kind that the alignment did not join tell the
 * model to answer in two forms: a conflict, decided like any other.
 */
export const FORMAT_TITLE = /\b(?:response|return|reply|answer|output|report)\s+(?:format|structure|template|schema)\b/i

/**
 * The title of a list of what the agent hands back ("## Output",
 * "Deliverables", "Deliverables organized by type:", "Provide:", "For each
 * issue, provide:" after the occasion it names): a contract item by item,
 * whose items stay in it when another author says one of them elsewhere.
 */
const OUTPUT_TITLE = /^\W*(?:outputs?|deliverables?(?:\s+organi[sz]ed\s+by\s+\w+)?|key\s+deliverables|expected\s+outputs?|(?:[^:,]+,\s*)?(?:provide|deliver)|what\s+i\s+deliver)\W*$/i

/**
 * Whether a section (a block when `lead` is its lead-in) is an output
 * contract: its lead-in, or else its title when the section is of one of
 * `kinds` (`any`: every kind), names what the agent hands back. The stages
 * differ in the titles they read: the alignment's shapes read a heading's
 * only (a titled list item or label keeps its own shape there).
 */
export function isOutputContract(section: Section, lead: Statement | undefined, kinds: 'any' | readonly SectionKind[]): boolean {
  return OUTPUT_TITLE.test(lead?.text ?? (kinds === 'any' || kinds.includes(section.kind) ? section.title : ''))
}

/** The note written before a kept side of a conflict (`--conflicts keep`), naming the statement written in its place. */
export function conflictMark(kept: Statement, conflict: ConflictKind): string {
  return `<!-- agentmerge conflict: differs from ${kept.source.path}:${kept.source.line} (${conflict.kind}: ${conflict.detail}) -->`
}

/** Output formats and similar named choices: two statements naming different ones disagree. */
const FORMATS = ['json', 'yaml', 'toml', 'xml', 'csv', 'markdown', 'html', 'plain text', 'table', 'jsonl', 'protobuf'].map((f) => ({ name: f, pattern: new RegExp(`\\b${f}\\b`, 'i') }))
const NUMBER = /\b\d+(?:\.\d+)*\+?%?/g

/** What the conflict test reads of a text, once per text: the marks first, the terms only when two texts are compared. */
interface Marks {
  negated: boolean
  numbers: string
  /** The formats named, in FORMATS order. */
  formats: string[]
  /** Content terms without numbers and formats, read on first comparison. */
  terms?: ReadonlySet<string>
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0
  for (const t of a) if (b.has(t)) shared++
  const union = a.size + b.size - shared
  return union === 0 ? 0 : shared / union
}

/**
 * What a statement's own text names exactly (nested lists are statements of
 * their own): its inline code, and its links' and images' targets, each
 * sorted.
 */
interface Named {
  code: string[]
  targets: string[]
}

function namedIn(node: RootContent): Named {
  const code = new Set<string>()
  const targets = new Set<string>()
  const visit = (n: RootContent): void => {
    if (n.type === 'inlineCode') code.add(n.value)
    else if (n.type === 'link' || n.type === 'image') targets.add(n.url)
    if (n.type !== 'list' && 'children' in n) for (const c of n.children as RootContent[]) visit(c)
  }
  visit(node)
  return { code: [...code].sort(), targets: [...targets].sort() }
}

function marksOf(text: string): Marks {
  const formats = FORMATS.filter((f) => f.pattern.test(text)).map((f) => f.name)
  return { negated: isNegative(text), numbers: [...new Set(text.match(NUMBER) ?? [])].sort().join(', '), formats }
}

/**
 * The conflict test of one merge: what it reads of each text is read once
 * (a merge of many files compares the same texts many times), and the
 * costly part, the terms, only for texts that are compared.
 */
export class Conflicts {
  private readonly seen = new Map<string, Marks>()
  private readonly named = new WeakMap<Statement, Named>()
  constructor(private readonly memo: TermMemo = new TermMemo()) {}

  private namedOf(s: Statement): Named {
    let n = this.named.get(s)
    if (!n) this.named.set(s, (n = namedIn(s.node)))
    return n
  }

  private marks(text: string): Marks {
    let m = this.seen.get(text)
    if (!m) this.seen.set(text, (m = marksOf(text)))
    return m
  }

  /** The terms the topic test compares (content terms without numbers and formats). */
  topicTerms(text: string): ReadonlySet<string> {
    return this.terms(text, this.marks(text))
  }

  private terms(text: string, m: Marks): ReadonlySet<string> {
    m.terms ??= new Set(this.memo.of(text).filter((t) => !/^\d/.test(t) && !m.formats.includes(t)))
    return m.terms
  }

  /** Whether a statement could conflict with anything: negated, or naming a number, a format or code. */
  marked(s: Statement): boolean {
    const m = this.marks(s.text)
    const n = this.namedOf(s)
    return m.negated || m.numbers !== '' || m.formats.length > 0 || n.code.length > 0 || n.targets.length > 0
  }

  /**
   * Whether two statements of different inputs conflict: on the same topic
   * (most of their words shared), with opposite polarity or with different
   * numbers, formats or link targets named on both sides. Different code is
   * not a conflict (`distinct`).
   */
  between(a: Statement, b: Statement): ConflictKind | undefined {
    // Definitions are decided by their label (definitions.ts), once.
    if (a.kind === 'code' || b.kind === 'code' || a.kind === 'definition' || b.kind === 'definition' || a.norm === b.norm) return undefined
    const x = this.marks(a.text)
    const y = this.marks(b.text)
    if (x.negated !== y.negated) {
      if (jaccard(this.terms(a.text, x), this.terms(b.text, y)) >= 0.6) return { kind: 'polarity', detail: `${x.negated ? 'negated' : 'affirmed'} / ${y.negated ? 'negated' : 'affirmed'}` }
      return undefined
    }
    const numbers = x.numbers !== '' && y.numbers !== '' && x.numbers !== y.numbers
    const formats = x.formats.length > 0 && y.formats.length > 0 && x.formats.join() !== y.formats.join()
    const ta = this.namedOf(a).targets
    const tb = this.namedOf(b).targets
    const targets = differ(ta, tb)
    if (!numbers && !formats && !targets) return undefined
    if (jaccard(this.terms(a.text, x), this.terms(b.text, y)) < 0.5) return undefined
    return { kind: 'specific', detail: numbers ? `${x.numbers} / ${y.numbers}` : formats ? `${x.formats.join(', ')} / ${y.formats.join(', ')}` : `${ta.join(', ')} / ${tb.join(', ')}` }
  }

  /**
   * Whether two statements on one topic name different code ("Run `npm
   * test`" / "Run `npm run lint`", "Never push to `main`" / "... `release`"):
   * not one instruction, so never folded into one; but not a conflict
   * either (both may hold), so both are written. The code is left out of
   * the topic test: it is what differs, not the topic.
   */
  distinct(a: Statement, b: Statement): boolean {
    if (a.kind === 'code' || b.kind === 'code' || a.kind === 'definition' || b.kind === 'definition' || a.norm === b.norm) return false
    const ca = this.namedOf(a).code
    const cb = this.namedOf(b).code
    if (!differ(ca, cb)) return false
    const inCode = new Set([...ca, ...cb].flatMap((c) => this.memo.of(c)))
    const topic = (t: ReadonlySet<string>) => new Set([...t].filter((w) => !inCode.has(w)))
    return jaccard(topic(this.topicTerms(a.text)), topic(this.topicTerms(b.text))) >= 0.5
  }
}

/** Each side names one the other does not: "`pytest` and `mypy`" only adds to "`pytest`" (the fold's extra-part bar decides that one). */
const differ = (a: readonly string[], b: readonly string[]): boolean => a.some((c) => !b.includes(c)) && b.some((c) => !a.includes(c))

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
  if (!isNegative(text)) return undefined
  for (const [id, words] of Object.entries(TOOL_WORDS)) if (granted.has(id) && words.test(text)) return id
  return undefined
}
