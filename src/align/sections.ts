// Aligns the sections of OLD and NEW. Top-down: the roots align (or, asked
// for titles, when one side's root holds only a title wrapper, an H1 over
// the whole file, and the other's does not, that wrapper aligns with the
// other's root: a title added or dropped over the same body); under two
// aligned sections, children pair by title key (in order), then by the
// engine's one measure of the same section (score.ts: the statements below
// them and their titles, t + c - t*c), best first. Sections left over pair
// across the tree, by key and then by that score among sections that share
// a statement: a section that changed parent. After statement pairing,
// `byPairs` aligns the sections that the paired statements tie together (a
// section renamed and reworded), the paired share standing for content.
import { combine, greedy, keyWords, SectionScorer, TitleTerms } from './score.js'
import { titleWrapper, type Side } from './side.js'
import { CROSS_TREE_ROUNDS, SECTION_SCORE, TITLE_PAIRS_CAP } from './thresholds.js'

export interface SectionAlignment {
  /** OLD section index -> NEW section index, or -1. */
  o2n: number[]
  n2o: number[]
}

/** Aligns sections in passes; `byPairs` adds the sections that paired statements link, after statement pairing. */
class Aligner implements SectionAlignment {
  readonly o2n: number[]
  readonly n2o: number[]
  private readonly queue: Array<[number, number]> = []
  /** Scores OLD's sections (0 ..) against NEW's (offset by OLD's count). */
  private readonly scorer: SectionScorer
  private readonly offset: number

  constructor(
    private readonly o: Side,
    private readonly n: Side,
    titles: boolean,
  ) {
    this.scorer = scorerOf(o, n)
    this.offset = o.sections.length
    this.o2n = new Array<number>(o.sections.length).fill(-1)
    this.n2o = new Array<number>(n.sections.length).fill(-1)
    const [topO, topN] = titles ? this.tops() : [0, 0]
    this.link(topO, topN)
    this.drain()
    // Sections that changed parent: pair what is left across the whole tree.
    for (let round = 0; round < CROSS_TREE_ROUNDS; round++) {
      const restO = this.restO()
      const restN = this.restN()
      if (restO.length === 0 || restN.length === 0) break
      if (!this.pairLists(restO, restN, false)) break
      this.drain()
    }
  }

  /**
   * The sections the two bodies start at: the roots, unless exactly one
   * side's root holds only a title wrapper that is more like the other's
   * whole body than like any one of the other's top-level sections (a title
   * put over the file, not a file cut down to the section it kept). The
   * wrapped side's root then aligns with nothing; it holds nothing else.
   */
  private tops(): [number, number] {
    const wrapped = (side: Side) => (titleWrapper(side.sections[0]!.section) ? 1 : -1)
    const wo = wrapped(this.o)
    const wn = wrapped(this.n)
    if ((wo === -1) === (wn === -1)) return [0, 0]
    // Scored as OLD's section against NEW's, whichever side the wrapper is on.
    const score = (a: number, b: number) => this.scorer.score(a, this.offset + b)
    const whole = wo !== -1 ? score(wo, 0) : score(0, wn)
    if (whole < SECTION_SCORE) return [0, 0]
    const tops = wo !== -1 ? this.n.children[0]!.map((b) => score(wo, b)) : this.o.children[0]!.map((a) => score(a, wn))
    return tops.some((t) => t >= whole) ? [0, 0] : [Math.max(wo, 0), Math.max(wn, 0)]
  }

  private restO(): number[] {
    return this.o.sections.map((s) => s.index).filter((a) => a > 0 && this.o2n[a] === -1)
  }

  private restN(): number[] {
    return this.n.sections.map((s) => s.index).filter((b) => b > 0 && this.n2o[b] === -1)
  }

  private link(a: number, b: number): boolean {
    if (this.o2n[a] !== -1 || this.n2o[b] !== -1) return false
    this.o2n[a] = b
    this.n2o[b] = a
    this.queue.push([a, b])
    return true
  }

  /** Pairs two lists of sections: equal keys in order, then by score among those sharing a statement (and, siblings only, any two). */
  private pairLists(olds: number[], news: number[], siblings: boolean): boolean {
    const { o, n } = this
    const before = this.queue.length
    const byKey = new Map<string, number[]>()
    for (const a of olds) {
      const k = o.sections[a]!.section.key
      const list = byKey.get(k)
      if (list) list.push(a)
      else byKey.set(k, [a])
    }
    for (const b of news) {
      const list = byKey.get(n.sections[b]!.section.key)
      while (list && list.length > 0) if (this.link(list.shift()!, b)) break
    }
    const restO = olds.filter((a) => this.o2n[a] === -1)
    const restN = news.filter((b) => this.n2o[b] === -1)
    if (restO.length === 0 || restN.length === 0) return this.queue.length > before
    // Candidates share at least one statement (an index from id to
    // sections); siblings may also be alike by their titles alone.
    const holders = new Map<string, number[]>()
    for (const b of restN) {
      for (const id of n.subtree[b]!) {
        const list = holders.get(id)
        if (list) list.push(b)
        else holders.set(id, [b])
      }
    }
    const candidates: Array<{ o: number; n: number; score: number }> = []
    const seen = new Set<number>()
    const consider = (a: number, b: number) => {
      const k = a * n.sections.length + b
      if (seen.has(k)) return
      seen.add(k)
      const score = this.scorer.score(a, this.offset + b)
      if (score >= SECTION_SCORE) candidates.push({ o: a, n: b, score })
    }
    for (const a of restO) for (const id of o.subtree[a]!) for (const b of holders.get(id) ?? []) consider(a, b)
    if (siblings && restO.length * restN.length <= TITLE_PAIRS_CAP) for (const a of restO) for (const b of restN) consider(a, b)
    greedy(candidates, (a, b) => this.link(a, b))
    return this.queue.length > before
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const [a, b] = this.queue.shift()!
      this.pairLists(
        this.o.children[a]!.filter((x) => this.o2n[x] === -1),
        this.n.children[b]!.filter((y) => this.n2o[y] === -1),
        true,
      )
    }
  }

  /**
   * Aligns sections still unaligned whose statements were paired with each
   * other (reworded ones included): the share of their statements paired
   * stands for the content score, combined with the titles as in score.ts.
   */
  byPairs(pairs: ReadonlyArray<{ o: number; n: number }>): void {
    const links = new Map<string, { a: number; b: number; count: number }>()
    for (const p of pairs) {
      const a = this.o.sectionOf[p.o]!
      const b = this.n.sectionOf[p.n]!
      if (this.o2n[a] !== -1 || this.n2o[b] !== -1) continue
      const k = `${a},${b}`
      const entry = links.get(k)
      if (entry) entry.count++
      else links.set(k, { a, b, count: 1 })
    }
    const candidates: Array<{ o: number; n: number; score: number }> = []
    for (const { a, b, count } of links.values()) {
      const c = (2 * count) / (this.o.direct[a]!.length + this.n.direct[b]!.length)
      const score = combine(this.scorer.title(a, this.offset + b), c)
      if (score >= SECTION_SCORE) candidates.push({ o: a, n: b, score })
    }
    greedy(candidates, (a, b) => this.link(a, b))
    this.drain()
  }
}

/** `titles`: a title wrapper on one side only may align with the other side's root (see `tops`). */
export function alignSections(o: Side, n: Side, titles = false): Aligner {
  return new Aligner(o, n, titles)
}

/** One scorer over both sides' sections: OLD's first, then NEW's; statement ids numbered in common. */
function scorerOf(o: Side, n: Side): SectionScorer {
  const titles = new TitleTerms()
  const ids = new Map<string, number>()
  const number = (id: string): number => {
    let k = ids.get(id)
    if (k === undefined) ids.set(id, (k = ids.size))
    return k
  }
  const scored = (side: Side) =>
    side.sections.map(({ section }, i) => ({ key: section.key, words: titles.of(section.title, section.key), keyWords: keyWords(section.key), content: [...side.subtree[i]!].map(number) }))
  return new SectionScorer([...scored(o), ...scored(n)])
}
