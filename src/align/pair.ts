// Pairs the statements of OLD and NEW. First the same statement (equal ids,
// a hash of the normalized text), preferring the counterpart in the aligned
// section and, among copies of one statement, the copy that keeps its place
// among the statements around it; then the statements left over by similarity: the learned
// similarity of src/similarity (the one the grouping uses, without its
// vetoes: an edit may negate a statement and is still that statement,
// reworded) or the share of words the two have in common, whichever is
// higher. Candidates are only pairs that share a word or stem that is not
// common (or that sit in the same aligned, not too large, section), so the
// work stays near linear.
import { pairScorer, type PairScorer } from '../similarity/index.js'
import type { Statement } from '../model.js'
import { keptInOrder, type OrderedPair } from './order.js'
import { dice, greedy } from './score.js'
import type { SectionAlignment } from './sections.js'
import type { Side } from './side.js'
import { COMMON, EXACT_CANDIDATES, OTHER_SECTION_SCORE, SAME_SECTION_SCORE, SECTION_CAP } from './thresholds.js'

export interface Pair {
  o: number
  n: number
  /** 1 for the same statement, else how alike (0..1). */
  score: number
  exact: boolean
}


const STOP = new Set(['a', 'an', 'and', 'or', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'at', 'as', 'is', 'are', 'be', 'it', 'its', 'this', 'that', 'you', 'your', 'will', 'all'])

/** Lower-case words of a text, without the commonest function words. */
function wordsOf(text: string): Set<string> {
  const out = new Set<string>()
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}_]+(?:[.+#'’-][\p{L}\p{N}_]+)*[+#]*/gu)) if (!STOP.has(m[0])) out.add(m[0])
  return out
}

const isCode = (s: Statement) => s.kind === 'code'

/**
 * Pairs statements with equal ids. Within each aligned section pair, the
 * most equal-id pairs that keep their order (keptInOrder over every
 * candidate, the copies nearest their old place preferred), so that a
 * statement written twice pairs with the copy that stands where the
 * statements around it do; then the copies left in the section pair, in
 * order; then what is left anywhere, in document order (moves).
 */
export function exactPairs(o: Side, n: Side, align: SectionAlignment): Pair[] {
  const pairs: Pair[] = []
  const usedO = new Set<number>()
  const usedN = new Set<number>()
  const take = (a: number, b: number) => {
    usedO.add(a)
    usedN.add(b)
    pairs.push({ o: a, n: b, score: 1, exact: true })
  }
  o.sections.forEach((_, so) => {
    const sn = align.o2n[so]!
    if (sn === -1) return
    const olds = o.direct[so]!
    const news = n.direct[sn]!
    const candidates = orderedCandidates(o, n, olds, news)
    for (const i of keptInOrder(candidates)) take(olds[candidates[i]!.a]!, news[candidates[i]!.b]!)
    zipById(o, n, olds.filter((a) => !usedO.has(a)), news.filter((b) => !usedN.has(b)), take)
  })
  const rest = (side: Side, used: Set<number>) => side.statements.map((s) => s.index).filter((i) => !used.has(i))
  zipById(o, n, rest(o, usedO), rest(n, usedN), take)
  return pairs
}

/**
 * The equal-id pairs of two sections' statements, by slot: each copy of an
 * id with the copies of it in NEW near its own rank among them (every copy,
 * unless the id has so many that trying each pairing would be quadratic).
 * Weights favour more pairs, then less displacement.
 */
function orderedCandidates(o: Side, n: Side, olds: number[], news: number[]): OrderedPair[] {
  const slotsOf = new Map<string, number[]>()
  news.forEach((b, slot) => {
    const id = n.statements[b]!.statement.id
    const list = slotsOf.get(id)
    if (list) list.push(slot)
    else slotsOf.set(id, [slot])
  })
  const copies = new Map<string, number>()
  for (const a of olds) copies.set(o.statements[a]!.statement.id, (copies.get(o.statements[a]!.statement.id) ?? 0) + 1)
  const seen = new Map<string, number>()
  const span = olds.length + news.length + 1
  const out: OrderedPair[] = []
  olds.forEach((a, slot) => {
    const id = o.statements[a]!.statement.id
    const slots = slotsOf.get(id)
    if (!slots) return
    const k = seen.get(id) ?? 0
    seen.set(id, k + 1)
    const reach = Math.floor(EXACT_CANDIDATES / (2 * copies.get(id)!))
    for (const b of slots.slice(Math.max(0, k - reach), k + reach + 1)) out.push({ a: slot, b, key: id, weight: span * span - Math.abs(slot - b) })
  })
  return out
}

/** Pairs the copies of each id in order, first with first. */
function zipById(o: Side, n: Side, olds: number[], news: number[], take: (a: number, b: number) => void): void {
  const byId = new Map<string, { list: number[]; next: number }>()
  for (const b of news) {
    const id = n.statements[b]!.statement.id
    const entry = byId.get(id)
    if (entry) entry.list.push(b)
    else byId.set(id, { list: [b], next: 0 })
  }
  for (const a of olds) {
    const entry = byId.get(o.statements[a]!.statement.id)
    if (entry && entry.next < entry.list.length) take(a, entry.list[entry.next++]!)
  }
}

interface Profile {
  words: Set<string>
  /** Stems (src/similarity), each once. */
  terms: readonly string[]
  /** The statement's index in the scorer. */
  slot: number
}

/** Scores statement pairs by similarity; built once per alignment over both sides' unpaired statements. */
export class Similarity {
  private readonly oldProfiles = new Map<number, Profile>()
  private readonly newProfiles = new Map<number, Profile>()
  private readonly scorer: PairScorer

  constructor(
    private readonly o: Side,
    private readonly n: Side,
    olds: number[],
    news: number[],
  ) {
    const texts = [...olds.map((a) => o.statements[a]!.statement.text), ...news.map((b) => n.statements[b]!.statement.text)]
    this.scorer = pairScorer(texts)
    const profile = (text: string, slot: number): Profile => ({ words: wordsOf(text), terms: this.scorer.stems(slot), slot })
    olds.forEach((a, i) => this.oldProfiles.set(a, profile(texts[i]!, i)))
    news.forEach((b, i) => this.newProfiles.set(b, profile(texts[olds.length + i]!, olds.length + i)))
  }

  oldProfile(a: number): Profile {
    return this.oldProfiles.get(a)!
  }

  newProfile(b: number): Profile {
    return this.newProfiles.get(b)!
  }

  /**
   * How alike two statements are (0..1): the learned score or the share of
   * words in common, whichever is higher; across sections (`across`) the
   * learned score alone, since words in common ("Analyze network performance
   * and latency" / "Analyze network requirements for scalability, security,
   * and performance") are evidence of one statement only where its place
   * says so too. Code compares by its words; 0 when one is code and the
   * other is not. A list's lead-in is a title of sorts over its items:
   * against a statement that heads no list it is 0 unless the two have the
   * same words (an item an author put a list under, `Memory management` ->
   * `Memory management:`), since sharing a topic word with one of the
   * items ("Game architecture:" / "Clean, modular game code with
   * component-based architecture") does not make it that item.
   */
  score(a: number, b: number, across = false): number {
    const x = this.o.statements[a]!.statement
    const y = this.n.statements[b]!.statement
    if (isCode(x) !== isCode(y)) return 0
    const pa = this.oldProfile(a)
    const pb = this.newProfile(b)
    if (isCode(x)) return dice(pa.words, pb.words)
    if (this.o.lead[a] !== this.n.lead[b] && dice(pa.words, pb.words) < 1) return 0
    const learned = this.scorer.score(pa.slot, pb.slot)
    return across ? learned : Math.max(dice(pa.words, pb.words), learned)
  }
}

/** Pairs the statements left over by similarity, within a bounded set of candidates. */
export function similarPairs(o: Side, n: Side, align: SectionAlignment, olds: number[], news: number[], sim: Similarity): Pair[] {
  if (olds.length === 0 || news.length === 0) return []
  // Blocking: statements that share a word or term that is not common.
  const index = new Map<string, { o: number[]; n: number[] }>()
  const add = (token: string, side: 'o' | 'n', i: number) => {
    let entry = index.get(token)
    if (!entry) index.set(token, (entry = { o: [], n: [] }))
    entry[side].push(i)
  }
  for (const a of olds) {
    const p = sim.oldProfile(a)
    for (const w of p.words) add('w:' + w, 'o', a)
    for (const t of p.terms) add('t:' + t, 'o', a)
  }
  for (const b of news) {
    const p = sim.newProfile(b)
    for (const w of p.words) add('w:' + w, 'n', b)
    for (const t of p.terms) add('t:' + t, 'n', b)
  }
  const seen = new Set<string>()
  const candidates: Array<{ o: number; n: number; score: number }> = []
  const consider = (a: number, b: number) => {
    const k = `${a},${b}`
    if (seen.has(k)) return
    seen.add(k)
    const same = align.o2n[o.sectionOf[a]!] === n.sectionOf[b]
    const score = sim.score(a, b, !same)
    if (score >= (same ? SAME_SECTION_SCORE : OTHER_SECTION_SCORE)) candidates.push({ o: a, n: b, score })
  }
  const tokens = [...index.keys()].sort()
  for (const token of tokens) {
    const entry = index.get(token)!
    if (entry.o.length === 0 || entry.n.length === 0 || entry.o.length + entry.n.length > COMMON) continue
    for (const a of entry.o) for (const b of entry.n) consider(a, b)
  }
  // Small aligned sections: every pair in them.
  const bySection = new Map<number, { o: number[]; n: number[] }>()
  for (const a of olds) {
    const target = align.o2n[o.sectionOf[a]!]!
    if (target === -1) continue
    let entry = bySection.get(target)
    if (!entry) bySection.set(target, (entry = { o: [], n: [] }))
    entry.o.push(a)
  }
  for (const b of news) bySection.get(n.sectionOf[b]!)?.n.push(b)
  for (const entry of bySection.values()) {
    if (entry.o.length > SECTION_CAP || entry.n.length > SECTION_CAP) continue
    for (const a of entry.o) for (const b of entry.n) consider(a, b)
  }
  const pairs: Pair[] = []
  const usedO = new Set<number>()
  const usedN = new Set<number>()
  greedy(candidates, (a, b, score) => {
    if (usedO.has(a) || usedN.has(b)) return false
    usedO.add(a)
    usedN.add(b)
    pairs.push({ o: a, n: b, score, exact: false })
    return true
  })
  return pairs
}
