// The one measure of "the same section", shared by the 2-way alignment
// (diff, the merge driver) and the N-way clustering (the merge): a title
// score and a content score combined as independent evidence, t + c - t*c.
// The title score is 1 for equal section keys, else a weighted overlap of
// the titles' content terms and key words; the content score is the Dice
// share of the content ids below the two sections (statement ids in a
// 2-way alignment, duplicate groups in a merge). The scorer lays its
// sections out flat once, since a merge of many files scores many pairs.
import { termsOf, WordMemo } from '../similarity/index.js'
import { GENERIC_TITLE_WORDS, GENERIC_WORD_WEIGHT } from './thresholds.js'

/** Dice coefficient of two sets: twice the shared members over both sizes (0 when one is empty). */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const x of small) if (large.has(x)) shared++
  return (2 * shared) / (a.size + b.size)
}

/** Greedy pairing by score, with a tie order that does not depend on which side is first. */
export function greedy(candidates: Array<{ o: number; n: number; score: number }>, take: (o: number, n: number, score: number) => boolean): void {
  candidates.sort((x, y) => y.score - x.score || x.o + x.n - (y.o + y.n) || Math.max(x.o, x.n) - Math.max(y.o, y.n) || x.o - y.o)
  for (const c of candidates) take(c.o, c.n, c.score)
}

/** The `1.` or `1)` that numbered a section in its own file: not a word of its title. */
export const NUMBERING = /^\s*\d+[.)]\s+/

/** Reads section titles into the words they are aligned on, each title once per run. */
export class TitleTerms {
  private readonly words = new WordMemo()
  private readonly titles = new Map<string, string[]>()

  /**
   * A title's content terms as the similarity module reads them (synonyms
   * joined, so `Optimization` is `perf`; fillers and bare numbers dropped),
   * or its key words when it has no content term; each once.
   */
  of(title: string, key: string): string[] {
    const plain = title.replace(NUMBERING, '')
    let content = this.titles.get(plain)
    if (!content) {
      content = termsOf(plain, this.words).filter((t) => !/^\d+$/.test(t))
      this.titles.set(plain, content)
    }
    return [...new Set(content.length > 0 ? content : keyWords(key))]
  }
}

/** The words of a section key, each once. */
export const keyWords = (key: string): string[] => [...new Set(key.split(' ').filter((w) => w !== ''))]

/** What the score reads of a section. */
export interface Scored {
  /** The section key (`normalize/key.ts`); '' equals nothing. */
  key: string
  /** Title words (`TitleTerms.of`), unique. */
  words: readonly string[]
  /** Key words (`keyWords`), unique. */
  keyWords: readonly string[]
  /** Content ids of every statement below the section. */
  content: Iterable<number>
}

const weight = (w: string): number => (GENERIC_TITLE_WORDS.has(w) ? GENERIC_WORD_WEIGHT : 1)

/**
 * Scores pairs of sections. Per section: its key as a number (-1 for an
 * empty key), its title words and key words as numbers with their weights
 * and totals, and its content ids in ascending order, each list a range of
 * one array.
 */
/** Title evidence t and content evidence c combined as independent signals: t + c - t*c. */
export const combine = (t: number, c: number): number => t + c - t * c

export class SectionScorer {
  private readonly key: Int32Array
  /** Section s's title words are ids[wordAt[2s] .. wordAt[2s+1]), its key words ids[wordAt[2s+1] .. wordAt[2s+2]). */
  private readonly wordAt: Int32Array
  private readonly ids: Int32Array
  private readonly weights: Float64Array
  /** Total weight of section s's title words (2s) and key words (2s+1), summed in list order. */
  private readonly totals: Float64Array
  private readonly contentAt: Int32Array
  private readonly contents: Int32Array

  constructor(sections: readonly Scored[]) {
    const numbers = new Map<string, number>()
    const numberOf = (text: string): number => {
      let id = numbers.get(text)
      if (id === undefined) numbers.set(text, (id = numbers.size))
      return id
    }
    const n = sections.length
    const lists = sections.map((s) => Int32Array.from(s.content).sort())
    this.key = new Int32Array(n)
    this.wordAt = new Int32Array(2 * n + 1)
    this.totals = new Float64Array(2 * n)
    this.contentAt = new Int32Array(n + 1)
    let words = 0
    let contents = 0
    sections.forEach((s, i) => {
      words += s.words.length + s.keyWords.length
      contents += lists[i]!.length
    })
    this.ids = new Int32Array(words)
    this.weights = new Float64Array(words)
    this.contents = new Int32Array(contents)
    let w = 0
    let c = 0
    sections.forEach((s, i) => {
      // Keys apart from words: a key and a word never share a number.
      this.key[i] = s.key === '' ? -1 : numberOf('\u0000' + s.key)
      w = this.putWords(s.words, 2 * i, w, numberOf)
      w = this.putWords(s.keyWords, 2 * i + 1, w, numberOf)
      this.contentAt[i] = c
      this.contents.set(lists[i]!, c)
      c += lists[i]!.length
    })
    this.wordAt[2 * n] = w
    this.contentAt[n] = c
  }

  /** Lays out one word list (slot 2s or 2s+1) from ids[w]; returns where the next starts. */
  private putWords(list: readonly string[], slot: number, w: number, numberOf: (text: string) => number): number {
    this.wordAt[slot] = w
    let total = 0
    for (const word of list) {
      this.ids[w] = numberOf(word)
      total += this.weights[w] = weight(word)
      w++
    }
    this.totals[slot] = total
    return w
  }

  /**
   * Weighted Jaccard of two word lists (slots 2s or 2s+1), scaled down when
   * they share less than one topic word.
   */
  private words(a: number, b: number): number {
    const a0 = this.wordAt[a]!
    const a1 = this.wordAt[a + 1]!
    const b0 = this.wordAt[b]!
    const b1 = this.wordAt[b + 1]!
    if (a0 === a1 || b0 === b1) return 0
    const ids = this.ids
    let shared = 0
    // Titles have a few words: a scan beats a set.
    for (let i = a0; i < a1; i++) {
      const w = ids[i]!
      for (let j = b0; j < b1; j++) {
        if (ids[j] === w) {
          shared += this.weights[i]!
          break
        }
      }
    }
    const union = this.totals[a]! + this.totals[b]! - shared
    return union === 0 ? 0 : (shared / union) * Math.min(1, shared)
  }

  /** Whether two sections have the same key (an empty key equals nothing). */
  sameKey(a: number, b: number): boolean {
    const key = this.key[a]!
    return key !== -1 && key === this.key[b]
  }

  /** Title score: 1 for equal keys, else the mean of the word score on title words and on key words. */
  title(a: number, b: number): number {
    if (this.sameKey(a, b)) return 1
    return (this.words(2 * a, 2 * b) + this.words(2 * a + 1, 2 * b + 1)) / 2
  }

  /** Dice share of the content ids below two sections. */
  content(a: number, b: number): number {
    const contents = this.contents
    let i = this.contentAt[a]!
    const i1 = this.contentAt[a + 1]!
    let j = this.contentAt[b]!
    const j1 = this.contentAt[b + 1]!
    const sizes = i1 - i + (j1 - j)
    if (i === i1 || j === j1) return 0
    let shared = 0
    while (i < i1 && j < j1) {
      const d = contents[i]! - contents[j]!
      if (d === 0) {
        shared++
        i++
        j++
      } else if (d < 0) i++
      else j++
    }
    return (2 * shared) / sizes
  }

  /** Title and content evidence combined (see combine). */
  score(a: number, b: number): number {
    return combine(this.title(a, b), this.content(a, b))
  }
}
