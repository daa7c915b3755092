// Aligns the sections of OLD and NEW and classifies the section changes.
// Top-down: the roots align; under two aligned sections, children pair by
// title key (in order) and then by content (the statements below them).
// Sections left over pair across the tree, by key and then by content: a
// section that changed parent. An aligned pair whose titles differ is
// renamed; one whose parent is not its old parent's counterpart, or that fell
// out of order among its aligned siblings, moved.
import type { FormattingChange, SectionChange } from './model.js'
import { keptInOrder, type OrderedPair } from './order.js'
import type { Side } from './side.js'

export interface SectionAlignment {
  /** OLD section index -> NEW section index, or -1. */
  o2n: number[]
  n2o: number[]
}

/** Dice coefficient of two sets: twice the shared members over both sizes (0 when one is empty). */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const x of small) if (large.has(x)) shared++
  return (2 * shared) / (a.size + b.size)
}

/** Minimum content score for two differently titled sections to be one renamed section. */
const RENAME_SCORE = 0.5

/** Greedy pairing by score, with a tie order that does not depend on which side is OLD. */
export function greedy(candidates: Array<{ o: number; n: number; score: number }>, take: (o: number, n: number, score: number) => boolean): void {
  candidates.sort((x, y) => y.score - x.score || x.o + x.n - (y.o + y.n) || Math.max(x.o, x.n) - Math.max(y.o, y.n) || x.o - y.o)
  for (const c of candidates) take(c.o, c.n, c.score)
}

/** Words of a section key, for titles that were reworded (`API Development` -> `API Development & Design`). */
const keyWords = (key: string): Set<string> => new Set(key.split(' ').filter((w) => w !== ''))

/** Aligns sections in passes; `byPairs` adds the sections that paired statements link, after statement pairing. */
export class Aligner implements SectionAlignment {
  readonly o2n: number[]
  readonly n2o: number[]
  private readonly queue: Array<[number, number]> = []

  constructor(
    private readonly o: Side,
    private readonly n: Side,
  ) {
    this.o2n = new Array<number>(o.sections.length).fill(-1)
    this.n2o = new Array<number>(n.sections.length).fill(-1)
    this.link(0, 0)
    this.drain()
    // Sections that changed parent: pair what is left across the whole tree.
    for (let round = 0; round < 4; round++) {
      const restO = this.restO()
      const restN = this.restN()
      if (restO.length === 0 || restN.length === 0) break
      if (!this.pairLists(restO, restN, false)) break
      this.drain()
    }
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

  /** Pairs two lists of sections: equal keys in order, then by content, then (siblings only) by title words. */
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
    let restO = olds.filter((a) => this.o2n[a] === -1)
    let restN = news.filter((b) => this.n2o[b] === -1)
    if (restO.length === 0 || restN.length === 0) return this.queue.length > before
    // Candidates share at least one statement: an index from id to sections.
    const holders = new Map<string, number[]>()
    for (const b of restN) {
      for (const id of n.subtree[b]!) {
        const list = holders.get(id)
        if (list) list.push(b)
        else holders.set(id, [b])
      }
    }
    const candidates: Array<{ o: number; n: number; score: number }> = []
    for (const a of restO) {
      const seen = new Set<number>()
      for (const id of o.subtree[a]!) {
        for (const b of holders.get(id) ?? []) {
          if (seen.has(b)) continue
          seen.add(b)
          // Share of statements the two have in common.
          const score = dice(o.subtree[a]!, n.subtree[b]!)
          if (score >= RENAME_SCORE) candidates.push({ o: a, n: b, score })
        }
      }
    }
    greedy(candidates, (a, b) => this.link(a, b))
    if (siblings) {
      restO = olds.filter((a) => this.o2n[a] === -1)
      restN = news.filter((b) => this.n2o[b] === -1)
      const titled: Array<{ o: number; n: number; score: number }> = []
      if (restO.length * restN.length <= 10_000) {
        for (const a of restO) {
          for (const b of restN) {
            const score = dice(keyWords(o.sections[a]!.section.key), keyWords(n.sections[b]!.section.key))
            if (score >= TITLE_SCORE) titled.push({ o: a, n: b, score })
          }
        }
      }
      greedy(titled, (a, b) => this.link(a, b))
    }
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
   * other (reworded ones included): at least half of them, by Dice.
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
      const score = (2 * count) / (this.o.direct[a]!.length + this.n.direct[b]!.length)
      if (score >= RENAME_SCORE) candidates.push({ o: a, n: b, score })
    }
    greedy(candidates, (a, b) => this.link(a, b))
    this.drain()
  }
}

/** Minimum share of title words for two sibling sections to be one renamed section. */
const TITLE_SCORE = 0.5

export function alignSections(o: Side, n: Side): Aligner {
  return new Aligner(o, n)
}

const fold = (title: string) => title.toLowerCase().replace(/[\s:.]+$/, '')

/** The section changes, and the changes of form in section titles. */
export function sectionChanges(o: Side, n: Side, align: SectionAlignment): { changes: SectionChange[]; formatting: FormattingChange[] } {
  const changes: SectionChange[] = []
  const formatting: FormattingChange[] = []
  // Sibling order: for each aligned parent pair, the aligned children pairs.
  const byParent = new Map<number, Array<{ a: number; b: number }>>()
  for (let a = 1; a < o.sections.length; a++) {
    const b = align.o2n[a]!
    if (b === -1) continue
    const pa = o.parentOf[a]!
    const pb = n.parentOf[b]!
    if (align.o2n[pa] !== pb) continue
    const list = byParent.get(pa)
    if (list) list.push({ a, b })
    else byParent.set(pa, [{ a, b }])
  }
  const outOfOrder = new Set<number>()
  for (const [pa, list] of byParent) {
    const pb = align.o2n[pa]!
    const pairs: OrderedPair[] = list.map(({ a, b }) => ({
      a: o.children[pa]!.indexOf(a),
      b: n.children[pb]!.indexOf(b),
      key: [o.sections[a]!.section.key, n.sections[b]!.section.key].sort().join('\u0000'),
    }))
    const kept = keptInOrder(pairs)
    list.forEach(({ a }, i) => {
      if (!kept.has(i)) outOfOrder.add(a)
    })
  }
  for (let a = 1; a < o.sections.length; a++) {
    const b = align.o2n[a]!
    if (b === -1) {
      changes.push({ change: 'removed', old: o.sections[a]! })
      continue
    }
    const os = o.sections[a]!
    const ns = n.sections[b]!
    if (fold(os.section.title) !== fold(ns.section.title)) changes.push({ change: 'renamed', old: os, new: ns })
    else if (os.section.title !== ns.section.title) {
      formatting.push({ what: 'heading', detail: `title "${os.section.title}" written "${ns.section.title}"`, old: os.section.source, new: ns.section.source })
    }
    const parentMoved = align.o2n[o.parentOf[a]!] !== n.parentOf[b]
    if (parentMoved) changes.push({ change: 'moved', old: os, new: ns, move: 'parent' })
    else if (outOfOrder.has(a)) changes.push({ change: 'moved', old: os, new: ns, move: 'position' })
    if (os.section.kind !== ns.section.kind) {
      formatting.push({ what: 'heading', detail: `${kindName(os.section.kind, os.section.depth)} -> ${kindName(ns.section.kind, ns.section.depth)}`, old: os.section.source, new: ns.section.source })
    } else if (os.section.kind === 'heading' && os.section.depth !== ns.section.depth && !parentMoved) {
      formatting.push({ what: 'heading', detail: `heading level ${os.section.depth} -> ${ns.section.depth}`, old: os.section.source, new: ns.section.source })
    }
  }
  for (let b = 1; b < n.sections.length; b++) if (align.n2o[b] === -1) changes.push({ change: 'added', new: n.sections[b]! })
  return { changes, formatting }
}

function kindName(kind: string, depth: number): string {
  if (kind === 'heading') return `${'#'.repeat(depth)} heading`
  if (kind === 'item') return 'bold list item'
  if (kind === 'label') return 'bold label'
  return kind
}
