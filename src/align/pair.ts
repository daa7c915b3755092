// Pairs the statements of OLD and NEW. First the same statement (equal ids,
// a hash of the normalized text), preferring the counterpart in the aligned
// section; then the statements left over by similarity: the learned
// similarity of src/similarity (the one the grouping uses, without its
// vetoes: an edit may negate a statement and is still that statement,
// reworded) or the share of words the two have in common, whichever is
// higher. Candidates are only pairs that share a word or stem that is not
// common (or that sit in the same aligned, not too large, section), so the
// work stays near linear.
import { pairScorer, type PairScorer } from '../similarity/index.js'
import type { Statement } from '../model.js'
import { dice, greedy } from './score.js'
import type { SectionAlignment } from './sections.js'
import type { Side } from './side.js'
import { COMMON, OTHER_SECTION_SCORE, SAME_SECTION_SCORE, SECTION_CAP } from './thresholds.js'

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

/** Pairs statements with equal ids: in aligned sections first, then in document order. */
export function exactPairs(o: Side, n: Side, align: SectionAlignment): Pair[] {
  const oldById = new Map<string, number[]>()
  o.statements.forEach((s, i) => {
    const list = oldById.get(s.statement.id)
    if (list) list.push(i)
    else oldById.set(s.statement.id, [i])
  })
  const newById = new Map<string, number[]>()
  n.statements.forEach((s, i) => {
    const list = newById.get(s.statement.id)
    if (list) list.push(i)
    else newById.set(s.statement.id, [i])
  })
  const pairs: Pair[] = []
  for (const [id, olds] of oldById) {
    const news = newById.get(id)
    if (!news) continue
    const usedO = new Set<number>()
    const usedN = new Set<number>()
    if (olds.length > 1 || news.length > 1) {
      // Zip the occurrences within each aligned section pair.
      const bucket = new Map<number, number[]>()
      for (const b of news) {
        const list = bucket.get(n.sectionOf[b]!)
        if (list) list.push(b)
        else bucket.set(n.sectionOf[b]!, [b])
      }
      for (const a of olds) {
        const target = align.o2n[o.sectionOf[a]!]!
        const list = target === -1 ? undefined : bucket.get(target)
        const b = list?.shift()
        if (b === undefined) continue
        usedO.add(a)
        usedN.add(b)
        pairs.push({ o: a, n: b, score: 1, exact: true })
      }
    }
    const restO = olds.filter((a) => !usedO.has(a))
    const restN = news.filter((b) => !usedN.has(b))
    for (let i = 0; i < Math.min(restO.length, restN.length); i++) pairs.push({ o: restO[i]!, n: restN[i]!, score: 1, exact: true })
  }
  return pairs
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

  /** How alike two statements are (0..1): the learned score or the share of words in common, whichever is higher; 0 when one is code and the other is not. */
  score(a: number, b: number): number {
    const x = this.o.statements[a]!.statement
    const y = this.n.statements[b]!.statement
    if (isCode(x) !== isCode(y)) return 0
    const pa = this.oldProfile(a)
    const pb = this.newProfile(b)
    const surface = dice(pa.words, pb.words)
    if (isCode(x)) return surface
    return Math.max(surface, this.scorer.score(pa.slot, pb.slot))
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
    const score = sim.score(a, b)
    const same = align.o2n[o.sectionOf[a]!] === n.sectionOf[b]
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
