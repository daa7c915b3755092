// Which words a merged statement or section is written in: the wording of a
// fold (the most specific member), the title of a merged section (the
// clearest).
import type { PhrasingContent, Text } from 'mdast'
import type { Section, Statement } from '../model.js'
import { termsOf, WordMemo } from '../similarity/index.js'
import { byCodeUnits } from '../order.js'
import { keyWords, NUMBERING } from '../align/index.js'
import { sectionKey } from '../normalize/key.js'

const DECORATED = /[\p{Extended_Pictographic}]/u

/**
 * A name a text writes as one: a code span, a word with a capital inside it
 * (`FetchRequest`, `SwiftUI`, `macOS`), a word after `@` or `$`, or one holding a
 * digit (`ES2022`, `80%`). What an author spells so is a code name, an API,
 * a product or a number, which no plainer wording says for it.
 */
const NAME = /`[^`]+`|[@$]?[\p{L}\p{N}_]+(?:[.\-/+][\p{L}\p{N}_]+)*[+#%]*/gu
const NAMED = /^[`@$]|\p{Ll}\p{Lu}|\p{N}/u

/** The content terms of texts as one merge reads them: each text read once. */
export class TermMemo {
  private readonly words = new WordMemo()
  private readonly seen = new Map<string, string[]>()
  private readonly names = new Map<string, string[]>()
  of(text: string): string[] {
    let terms = this.seen.get(text)
    if (!terms) this.seen.set(text, (terms = termsOf(text, this.words)))
    return terms
  }
  /** The content terms of the names a text writes (NAME). */
  named(text: string): string[] {
    let terms = this.names.get(text)
    if (!terms) this.names.set(text, (terms = [...new Set((text.match(NAME) ?? []).filter((w) => NAMED.test(w)).flatMap((w) => this.of(w)))]))
    return terms
  }
  /**
   * Whether `point` says more than `host`'s words: two content terms or more
   * beyond them, or one name (NAME: a code name, an API, a product, a
   * number), which no plainer wording says for it. Folded into a host whose
   * words are kept, what it says beyond them would be lost.
   */
  saysBeyond(point: string, host: string): boolean {
    const said = new Set(this.of(host))
    return this.of(point).filter((t) => !said.has(t)).length >= 2 || this.named(point).some((t) => !said.has(t))
  }
}

/** One quoted span and nothing else: an example of what a user might ask ("Implement a gRPC service ..."), straight or curly quotes. */
const QUOTATION = /^\s*(?:"[^"]+"|\u201c[^\u201c\u201d]+\u201d)[.,;!?]?\s*$/

interface Scored {
  s: Statement
  /** A quotation: an example request, which says what a user asks, not what the agent does. */
  quoted: number
  /** Content terms no other member has. */
  own: number
  terms: number
  links: number
}

const order = (x: Scored, y: Scored): number =>
  x.quoted - y.quoted ||
  y.links - x.links || y.own - x.own || y.terms - x.terms || y.s.text.length - x.s.text.length || byCodeUnits(x.s.text, y.s.text) || byCodeUnits(x.s.norm, y.s.norm) || byCodeUnits(x.s.kind, y.s.kind) || byCodeUnits(x.s.source.path, y.s.source.path) || x.s.source.line - y.s.source.line

/**
 * The wording a fold is written in: not an example request in quotes while
 * another member says the point itself (a reader found a core writing
 * `"Implement a gRPC service with proper error handling and middleware"`
 * as the item of a capability list); among the members the similarity module
 * matched directly with the most others (so that the wording says what each
 * of them says, which keeps merging the merge with an input from adding
 * anything), the most specific: the most content terms that no other member
 * has (what only it says would otherwise be lost); then the most distinct
 * terms; then the longest text, then code-point order. `prefer` (a base input's member)
 * wins outright when given.
 */
export function bestWording(members: readonly Statement[], links: ReadonlyMap<Statement, number> = new Map(), prefer?: Statement, memo: TermMemo = new TermMemo()): Statement {
  if (members.length === 1) return members[0]!
  if (prefer && members.includes(prefer)) return prefer
  const terms = members.map((m) => new Set(memo.of(m.text)))
  const seen = new Map<string, number>()
  for (const set of terms) for (const t of set) seen.set(t, (seen.get(t) ?? 0) + 1)
  let best: Scored | undefined
  members.forEach((s, i) => {
    let own = 0
    for (const t of terms[i]!) if (seen.get(t) === 1) own++
    const next: Scored = { s, quoted: QUOTATION.test(s.text) ? 1 : 0, own, terms: terms[i]!.size, links: links.get(s) ?? 0 }
    if (!best || order(next, best) < 0) best = next
  })
  return best!.s
}

/**
 * The clearest title of a merged section: `prefer`'s when given; else without
 * emoji first; then the title sharing the most key words with the other
 * members' titles; then the shortest; then code-point order.
 */
export function clearestTitle(sections: readonly Section[], prefer?: Section): Section {
  if (sections.length === 1) return sections[0]!
  if (prefer && sections.includes(prefer)) return prefer
  const words = sections.map((s) => new Set(s.key.split(' ').filter((w) => w !== '')))
  const titlesWith = new Map<string, number>()
  for (const set of words) for (const w of set) titlesWith.set(w, (titlesWith.get(w) ?? 0) + 1)
  const scored = sections.map((s, i) => {
    let shared = 0
    for (const w of words[i]!) shared += titlesWith.get(w)! - 1
    return { s, decorated: DECORATED.test(s.title) ? 1 : 0, shared }
  })
  scored.sort((x, y) => x.decorated - y.decorated || y.shared - x.shared || x.s.title.length - y.s.title.length || byCodeUnits(x.s.title, y.s.title) || byCodeUnits(x.s.source.path, y.s.source.path) || x.s.source.line - y.s.source.line)
  return scored[0]!.s
}

/**
 * The agent's title (its H1) among the inputs' titles: `prefer`'s (the
 * base's) when given; else the clearest of those naming every word of the
 * merged agent's `name` (`python-pro`: "python", "pro"), so that the title
 * names the agent the frontmatter names; undefined when none does (an agent
 * named `python-expert` is not titled "Python Pro": it gets no title, since
 * none is invented). Without a name, the clearest.
 */
export function agentTitle(titles: readonly Section[], name: string, prefer?: Section): Section | undefined {
  if (prefer && titles.includes(prefer)) return prefer
  const named = [...new Set(keyWords(sectionKey(name.replace(/[-_.]+/g, ' '))))]
  const naming = titles.filter((t) => {
    const words = new Set(keyWords(t.key))
    return named.every((w) => words.has(w))
  })
  return naming.length > 0 ? clearestTitle(naming) : undefined
}

/** Title nodes without a leading `1.` that numbered the section in its own file. */
export function unnumbered(nodes: PhrasingContent[]): PhrasingContent[] {
  const first = nodes[0]
  if (first?.type !== 'text') return nodes
  const value = first.value.replace(NUMBERING, '')
  if (value === first.value) return nodes
  return value === '' ? nodes.slice(1) : [{ ...(first as Text), value }, ...nodes.slice(1)]
}
