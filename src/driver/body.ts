// The three-way merge of an agent's body at the level of statements.
//
// Each side (O the base, A ours, B theirs) is a tree of sections whose leaves
// are statements. The merge works on units: a unit is one statement, section
// or thematic break as it exists on up to three sides.
//
// 1-2. Sections and statements are aligned O<->A and O<->B by the alignment
//    engine that `diff` uses (src/align), so "the same section" and "the same
//    statement, reworded" mean here what they mean there: a statement by id
//    (its normalized text, so re-wrapping, re-marking and re-numbering change
//    nothing), then by similarity; a section by title key, by the statements
//    it holds, or by title words, anywhere in the tree. Sections both
//    branches added under one parent with one key are one unit; statements
//    both added with the same text are one; in a file both branches added
//    (no base), A and B are aligned with each other the same way. Thematic
//    breaks align by their place among their section's breaks.
// 3. Each unit is decided on its own: its text (from the side that changed
//    it), whether it stays (a deletion on one side applies when the other
//    side left it as it was), and the section it sits in (a move on one side
//    applies). Both sides changing one statement differently, or one
//    rewording or moving to another section what the other deleted, is a
//    conflict of that statement only; a code block both changed is merged by
//    its lines (code.ts), a conflict only where both changed the same lines;
//    a section one side deleted and the other renamed is a conflict of the
//    whole section. A section a side dissolved into its parent (a bold label
//    whose list it quoted) takes the other side's additions there. A statement's place in a quote or a numbered list comes
//    from the side that changed it, and an added item takes the place of the
//    list it joined.
// 4. Each section's children are ordered by a three-way merge of orders: the
//    order of the side that re-ordered the shared units (ours when both did),
//    then each side's additions after their predecessor on that side.
import { alignBodies, type Alignment } from '../align/index.js'
import { writtenTitle } from '../render/markdown.js'
import type { Block, Rule, Section, Statement } from '../model.js'
import { mergeCodeLines } from './code.js'
import { insertAfterPredecessors } from './order.js'

type SideName = 'o' | 'a' | 'b'
const SIDES: SideName[] = ['o', 'a', 'b']

/** A section of one side, with its parent and its blocks. */
interface SecNode {
  section: Section
  parent: SecNode | undefined
  /** Unit id, once aligned. */
  unit: number
  children: SecNode[]
}

interface Slot {
  block: Statement | Section | Rule
  /** Unit id of the section that holds it on this side. */
  parent: number
  node?: SecNode
}

interface Unit {
  id: number
  type: 'statement' | 'section' | 'rule'
  o?: Slot
  a?: Slot
  b?: Slot
}

/**
 * A statement both sides changed differently, or one changed or moved what
 * the other deleted; lines of a code block both changed differently (`lines`:
 * the markers go inside the block); a section title both changed differently;
 * or a whole section one side deleted and the other renamed (`section`: the
 * markers go around the section as the renaming side has it, from `token`,
 * its title, to `end`).
 */
export interface BodyConflict {
  kind: 'statement' | 'title' | 'section' | 'lines'
  ours?: Statement | Section
  theirs?: Statement | Section
  /** The base's version: absent when both sides added it. */
  base?: Statement | Section
  token: string
  /** For `section`: the placeholder that closes the section's markers. */
  end?: string
  /** For a statement one side "deleted": the title that side turned it into (an item made the head of a nested list), when it did. */
  became?: Section
  /** For a statement one side deleted: the other side moved it, as it was, to another section. */
  moved?: boolean
  /** For `title` and `section`: the placeholder title is written bare (its markup and separator not around it), so each side's title goes in as written. */
  bare?: boolean
  /** For `lines`: the lines of a code block both sides changed differently, ours and theirs (the block holds the placeholder's line in their place). */
  lines?: { ours: string[]; theirs: string[] }
  line: number
}

interface BodyMerge {
  root: Section
  conflicts: BodyConflict[]
  /** Decisions worth telling (both sides re-ordered one list, both moved one statement). */
  notes: string[]
}

class Merger {
  units: Unit[] = []
  roots: Record<SideName, SecNode>
  conflicts: BodyConflict[] = []
  notes: string[] = []
  /** The engine's alignment of the base with each side. */
  private readonly alignments: Record<'a' | 'b', Alignment>

  constructor(
    private sides: Record<SideName, Section>,
    private token: (n: number) => string,
  ) {
    this.roots = { o: this.tree(sides.o, undefined), a: this.tree(sides.a, undefined), b: this.tree(sides.b, undefined) }
    this.alignments = { a: alignBodies(sides.o, sides.a), b: alignBodies(sides.o, sides.b) }
  }

  private tree(section: Section, parent: SecNode | undefined): SecNode {
    const node: SecNode = { section, parent, unit: -1, children: [] }
    for (const block of section.body) if (block.type === 'section') node.children.push(this.tree(block, node))
    return node
  }

  private newUnit(type: Unit['type']): Unit {
    const unit: Unit = { id: this.units.length, type }
    this.units.push(unit)
    return unit
  }

  /** Step 1: section units. */
  alignSections(): void {
    const root = this.newUnit('section')
    for (const s of SIDES) {
      this.roots[s].unit = root.id
      root[s] = { block: this.roots[s].section, parent: -1, node: this.roots[s] }
    }
    const visitO = (node: SecNode) => {
      for (const child of node.children) {
        const unit = this.newUnit('section')
        child.unit = unit.id
        unit.o = { block: child.section, parent: node.unit, node: child }
        visitO(child)
      }
    }
    visitO(this.roots.o)
    for (const side of ['a', 'b'] as const) this.alignSide(side)
    // Sections both sides added, under one parent with one key, are one unit.
    const added = (side: 'a' | 'b') => this.units.filter((u) => u.type === 'section' && !u.o && u[side] && !u[side === 'a' ? 'b' : 'a'])
    for (const ub of added('b')) {
      const bs = ub.b!
      const twin = added('a').find((ua) => ua.a!.parent === bs.parent && (ua.a!.block as Section).key === (bs.block as Section).key && !ua.b)
      if (twin) {
        twin.b = bs
        bs.node!.unit = twin.id
        this.units[ub.id] = { id: ub.id, type: 'section' }
        // Re-point B's children of the dropped unit.
        for (const u of this.units) if (u.b && u.b.parent === ub.id) u.b.parent = twin.id
      }
    }
  }

  /** A side's sections in document order: the order of the engine's section indices. */
  private sectionNodes(side: SideName): SecNode[] {
    const out: SecNode[] = []
    const visit = (node: SecNode) => {
      out.push(node)
      node.children.forEach(visit)
    }
    visit(this.roots[side])
    return out
  }

  /** A side's sections join the units of the base sections the engine aligned them with; the rest are new units. */
  private alignSide(side: 'a' | 'b'): void {
    const { n2o } = this.alignments[side].sections
    const base = this.sectionNodes('o')
    this.sectionNodes(side).forEach((node, b) => {
      if (!node.parent) return
      const a = n2o[b]!
      const unit = a === -1 ? this.newUnit('section') : this.units[base[a]!.unit]!
      node.unit = unit.id
      unit[side] = { block: node.section, parent: node.parent.unit, node }
    })
  }

  /** Statements and rules of a side, with the unit of the section that holds each. */
  private leaves(side: SideName): Array<{ block: Statement | Rule; parent: number; rule: number }> {
    const out: Array<{ block: Statement | Rule; parent: number; rule: number }> = []
    const visit = (node: SecNode) => {
      let rules = 0
      let child = 0
      for (const block of node.section.body) {
        if (block.type === 'statement') out.push({ block, parent: node.unit, rule: -1 })
        else if (block.type === 'rule') out.push({ block, parent: node.unit, rule: rules++ })
        else visit(node.children[child++]!)
      }
    }
    visit(this.roots[side])
    return out
  }

  /** Step 2: statement and rule units. */
  alignStatements(): void {
    const leaves = { o: this.leaves('o'), a: this.leaves('a'), b: this.leaves('b') }
    const oUnits = leaves.o.map((leaf) => {
      const unit = this.newUnit(leaf.block.type === 'rule' ? 'rule' : 'statement')
      unit.o = { block: leaf.block, parent: leaf.parent }
      return unit
    })
    // The engine numbers statements in document order, as the leaves list them (breaks aside).
    const statementLeaves = (side: SideName) => leaves[side].flatMap((leaf, i) => (leaf.block.type === 'statement' ? [i] : []))
    const oStatements = statementLeaves('o')
    for (const side of ['a', 'b'] as const) {
      const xStatements = statementLeaves(side)
      const matched = new Set<number>()
      for (const p of this.alignments[side].pairs) {
        const leaf = leaves[side][xStatements[p.n]!]!
        oUnits[oStatements[p.o]!]![side] = { block: leaf.block, parent: leaf.parent }
        matched.add(xStatements[p.n]!)
      }
      const rulesTaken = new Set<number>()
      const rest: number[] = []
      leaves[side].forEach((leaf, i) => {
        if (matched.has(i)) return
        if (leaf.block.type === 'rule') {
          const found = leaves.o.findIndex((l, j) => !rulesTaken.has(j) && l.block.type === 'rule' && l.parent === leaf.parent && l.rule === leaf.rule)
          if (found !== -1) {
            rulesTaken.add(found)
            oUnits[found]![side] = { block: leaf.block, parent: leaf.parent }
            return
          }
        }
        // What both sides added with the same text (or the same break) is one unit.
        const twin = side === 'b'
          ? this.units.find((u) => u.type !== 'section' && !u.o && u.a && !u.b && sameLeaf(u.a.block, leaf.block) && (leaf.block.type === 'statement' || u.a.parent === leaf.parent))
          : undefined
        if (twin) twin.b = { block: leaf.block, parent: leaf.parent }
        else rest.push(i)
      })
      if (side === 'b' && leaves.o.length === 0) this.pairAdded(leaves.b, rest)
      for (const i of rest) {
        const leaf = leaves[side][i]!
        const unit = this.newUnit(leaf.block.type === 'rule' ? 'rule' : 'statement')
        unit[side] = { block: leaf.block, parent: leaf.parent }
      }
    }
  }

  /**
   * A file both branches added (no base): a statement of B the engine pairs
   * with one of A is one statement written two ways, as git's add/add
   * conflict would show it. Removes what it pairs from `rest`.
   */
  private pairAdded(leavesB: Array<{ block: Statement | Rule; parent: number }>, rest: number[]): void {
    const unitOfA = new Map<Block, Unit>()
    for (const u of this.units) if (u.type === 'statement' && !u.o && u.a && !u.b) unitOfA.set(u.a.block, u)
    const alignment = alignBodies(this.sides.a, this.sides.b)
    const bStatements = leavesB.flatMap((leaf, i) => (leaf.block.type === 'statement' ? [i] : []))
    const open = new Set(rest)
    for (const p of alignment.pairs) {
      const i = bStatements[p.n]!
      const u = unitOfA.get(alignment.old.statements[p.o]!.statement)
      if (!u || u.b || !open.has(i)) continue
      u.b = { block: leavesB[i]!.block, parent: leavesB[i]!.parent }
      open.delete(i)
    }
    for (let k = rest.length - 1; k >= 0; k--) if (!open.has(rest[k]!)) rest.splice(k, 1)
  }

  /** Placeholders drawn so far (a section's conflict takes two). */
  private tokens = 0

  private nextToken(): string {
    return this.token(this.tokens++)
  }

  /**
   * Sections one side deleted and the other renamed, with the side that kept
   * them: a conflict of the whole section, never a silent deletion of the new
   * title. One inside another of the same side is part of that one's conflict.
   */
  private contestedSections(): Map<number, 'a' | 'b'> {
    const found = new Map<number, 'a' | 'b'>()
    for (const u of this.units) {
      if (u.type !== 'section' || !u.o || (u.a && u.b) || !(u.a || u.b)) continue
      const side = u.a ? 'a' : 'b'
      if ((u[side]!.block as Section).title !== (u.o.block as Section).title) found.set(u.id, side)
    }
    for (const [id, side] of [...found]) if (this.within(this.units[id]![side]!, side, found)) found.delete(id)
    return found
  }

  /** Whether a side's block sits, on that side, inside one of `sections` kept by that side. */
  private within(slot: Slot, side: 'a' | 'b', sections: Map<number, 'a' | 'b'>): boolean {
    for (let p = slot.parent; p > 0; p = this.units[p]![side]?.parent ?? -1) if (sections.get(p) === side) return true
    return false
  }

  /** Step 3: per unit, what the result holds and where; `ends`, the closing placeholder of each section in conflict as a whole. */
  decide(): { text: Map<number, Statement | Section | Rule>; parent: Map<number, number>; kept: Set<number>; ends: Map<number, string>; dissolved: Map<number, number> } {
    const text = new Map<number, Statement | Section | Rule>()
    const parent = new Map<number, number>()
    const kept = new Set<number>([0])
    const contested = this.contestedSections()
    const dissolved = this.dissolvedSections(contested)
    const home = (unit: number) => dissolved.get(unit) ?? unit
    const ends = new Map<number, string>()
    const key = (block: Statement | Section | Rule | undefined): string | undefined => {
      if (!block) return undefined
      if (block.type === 'statement') return block.id
      if (block.type === 'section') return `${block.kind}\u0000${block.depth}\u0000${block.title}`
      return 'rule'
    }
    const placeOf = (u: Unit): number => {
      const [o, a, b] = [u.o?.parent, u.a?.parent, u.b?.parent].map((p) => (p === undefined ? p : home(p)))
      if (a !== undefined && b !== undefined) {
        if (o === undefined || a === o) return b
        if (b !== o && b !== a) this.notes.push(`both sides moved ${describe(u)}; kept ours`)
        return a
      }
      return (a ?? b ?? o)!
    }
    for (const u of this.units) {
      if (u.id === 0 || (!u.o && !u.a && !u.b)) continue
      const [ko, ka, kb] = [key(u.o?.block), key(u.a?.block), key(u.b?.block)]
      if (u.type === 'section') {
        const side = contested.get(u.id)
        if (side) ends.set(u.id, this.sectionConflict(u, side, text))
        else text.set(u.id, this.title(u, ka, kb, ko))
        parent.set(u.id, placeOf(u))
        // Kept when both sides have it, one added it, or it is part of a section in conflict; otherwise only for what it holds.
        const survivor = u.a ? 'a' : 'b'
        if ((u.a && u.b) || !u.o || side || (u[survivor] && this.within(u[survivor]!, survivor, contested))) kept.add(u.id)
        continue
      }
      if (!u.o) {
        const both = u.a && u.b && ka !== kb
        text.set(u.id, both ? this.conflict(u.a!.block as Statement, u.b!.block as Statement, undefined) : (u.a ?? u.b)!.block)
        parent.set(u.id, placeOf(u))
        kept.add(u.id)
        continue
      }
      if (u.a && u.b) {
        let chosen: Statement | Section | Rule
        if (ka === kb) chosen = u.a.block
        else if (ka === ko) chosen = u.b.block
        else if (kb === ko) chosen = u.a.block
        else chosen = this.mergeCode(u) ?? this.conflict(u.a.block as Statement, u.b.block as Statement, u.o.block as Statement)
        text.set(u.id, chosen)
        parent.set(u.id, placeOf(u))
        kept.add(u.id)
        continue
      }
      // Deleted on one side or both: a deletion applies to what the other side
      // left as it was, in its words and its section (a move is a change), and
      // inside a section in conflict as a whole the kept side's version is
      // that conflict's side.
      const other = u.a ?? u.b
      if (!other) continue
      const whole = this.within(other, u.a ? 'a' : 'b', contested)
      const moved = home(other.parent) !== home(u.o.parent)
      if (!whole && !moved && key(other.block) === ko) continue
      const ours = u.a ? (u.a.block as Statement) : undefined
      const theirs = u.b ? (u.b.block as Statement) : undefined
      text.set(u.id, whole ? other.block : this.conflict(ours, theirs, u.o.block as Statement, this.becameTitle(u, u.a ? 'b' : 'a'), moved && key(other.block) === ko))
      parent.set(u.id, home(other.parent))
      kept.add(u.id)
    }
    this.mergePlacements(text)
    // A section stays while it holds anything that stays.
    for (const id of [...kept]) {
      let p = parent.get(id)
      while (p !== undefined && p !== -1 && !kept.has(p)) {
        kept.add(p)
        p = parent.get(p)
      }
    }
    return { text, parent, kept, ends, dissolved }
  }

  /** A section's title: the side that changed it; both changed differently is a conflict. */
  private title(u: Unit, ka: string | undefined, kb: string | undefined, ko: string | undefined): Section {
    const chosen = (u.a?.block ?? u.b?.block ?? u.o!.block) as Section
    if (!u.a || !u.b || ka === kb) return chosen
    if (ka === ko) return u.b.block as Section
    if (kb === ko || (u.a.block as Section).title === (u.b.block as Section).title) return chosen
    const placeholder = titlePlaceholder(u.a.block as Section, this.nextToken())
    this.conflicts.push({ kind: 'title', ours: u.a.block as Section, theirs: u.b.block as Section, base: u.o?.block as Section | undefined, token: placeholder.title, line: u.a.block.source.line, bare: placeholder.written !== undefined })
    return placeholder
  }

  /** A section deleted on one side and renamed on the other: its title becomes the opening placeholder; returns the closing one. */
  private sectionConflict(u: Unit, side: 'a' | 'b', text: Map<number, Statement | Section | Rule>): string {
    const kept = u[side]!.block as Section
    const [placeholder, end] = [titlePlaceholder(kept, this.nextToken()), this.nextToken()]
    const [ours, theirs] = side === 'a' ? [kept, undefined] : [undefined, kept]
    this.conflicts.push({ kind: 'section', ours, theirs, base: u.o!.block as Section, token: placeholder.title, end, line: kept.source.line, bare: placeholder.written !== undefined })
    text.set(u.id, placeholder)
    return end
  }

  private conflict(ours: Statement | undefined, theirs: Statement | undefined, base: Statement | undefined, became?: Section, moved = false): Statement {
    const t = this.nextToken()
    const like = (ours ?? theirs)!
    this.conflicts.push({ kind: 'statement', ours, theirs, base, token: t, line: like.source.line, ...(became ? { became } : {}), ...(moved ? { moved } : {}) })
    return placeholder(like, t)
  }

  /** A code block both sides changed: merged by its lines, lines both changed differently a conflict each, inside the block. */
  private mergeCode(u: Unit): Statement | undefined {
    const merged = mergeCodeLines(u.o!.block as Statement, u.a!.block as Statement, u.b!.block as Statement, () => this.nextToken())
    if (!merged) return undefined
    for (const c of merged.clashes) this.conflicts.push({ kind: 'lines', lines: { ours: c.ours, theirs: c.theirs }, base: u.o!.block as Statement, token: c.token, line: c.line })
    return merged.statement
  }

  /**
   * Sections a side dissolved into their parent, with that parent: the side
   * removed the title, wrote its words as a paragraph there and moved the
   * section's statements there (a bold label whose list it quoted). The
   * result holds no such section: the other side's additions to it join the
   * moved statements in the parent, and its statements count as not moved.
   */
  private dissolvedSections(contested: Map<number, 'a' | 'b'>): Map<number, number> {
    const into = new Map<number, number>()
    let seen: ReturnType<Merger['placedStatements']> | undefined
    for (const u of this.units) {
      if (u.type !== 'section' || !u.o || !(u.a || u.b) || (u.a && u.b) || contested.has(u.id)) continue
      const [keeps, gone] = u.a ? (['a', 'b'] as const) : (['b', 'a'] as const)
      if (u[keeps]!.node!.children.length > 0 || u.o.node!.children.length > 0) continue
      seen ??= this.placedStatements()
      const up = u.o.parent
      const label = seen.paragraphs[gone].has(`${up}\u0000${words((u.o.block as Section).title)}`)
      const movedOut = seen.moves[gone].has(`${u.id}\u0000${up}`)
      if (label && movedOut) into.set(u.id, up)
    }
    return into
  }

  /**
   * Where each side put statements, indexed once for dissolvedSections:
   * the paragraphs it added (by parent and words), and the base statements
   * it holds (by their base parent and their parent on that side).
   */
  private placedStatements(): Record<'paragraphs' | 'moves', Record<'a' | 'b', Set<string>>> {
    const paragraphs = { a: new Set<string>(), b: new Set<string>() }
    const moves = { a: new Set<string>(), b: new Set<string>() }
    for (const x of this.units) {
      if (x.type !== 'statement') continue
      for (const side of ['a', 'b'] as const) {
        const slot = x[side]
        if (!slot) continue
        const s = slot.block as Statement
        if (!x.o && s.kind === 'paragraph') paragraphs[side].add(`${slot.parent}\u0000${words(s.text)}`)
        if (x.o) moves[side].add(`${x.o.parent}\u0000${slot.parent}`)
      }
    }
    return { paragraphs, moves }
  }

  /** Sections each side added, by parent and title words: what a statement may have become. */
  private addedTitles: Record<'a' | 'b', Map<string, Section>> | undefined

  /** The section `side` added in the base statement's place whose title has the statement's words, if any. */
  private becameTitle(u: Unit, side: 'a' | 'b'): Section | undefined {
    if (!this.addedTitles) {
      this.addedTitles = { a: new Map(), b: new Map() }
      for (const x of this.units) {
        for (const s of ['a', 'b'] as const) if (x.type === 'section' && !x.o && x[s]) this.addedTitles[s].set(`${x[s]!.parent}\u0000${words((x[s]!.block as Section).title)}`, x[s]!.block as Section)
      }
    }
    return this.addedTitles[side].get(`${u.o!.parent}\u0000${words((u.o!.block as Statement).text)}`)
  }

  /**
   * A statement's place in quotes and lists (numbered or not) is merged like
   * its text, from the side that changed it (ours when both did); an item one
   * side added takes the merged place of the list it joined on that side, so
   * that the other side numbering or quoting that list carries over to it
   * instead of splitting the list.
   */
  private mergePlacements(text: Map<number, Statement | Section | Rule>): void {
    // A statement a side moved to another section sits in that side's list there (one re-ordered in its list keeps the merged place).
    const moved = (side: 'a' | 'b') => new Set(this.alignments[side].pairs.flatMap((p) => (p.move === 'section' ? [this.alignments[side].new.statements[p.n]!.statement as Block] : [])))
    const [movedA, movedB] = [moved('a'), moved('b')]
    for (const u of this.units) {
      const chosen = text.get(u.id)
      if (chosen?.type !== 'statement') continue
      const [o, a, b] = [u.o?.block, u.a?.block, u.b?.block] as Array<Statement | undefined>
      const changed = (x: Statement, y: Statement, moved: Set<Block>) => moved.has(x) || form(x) !== form(o!) ? x : y
      const from = o && a && b ? changed(a, changed(b, a, movedB), movedA) : !o ? this.listJoined(u, text) : undefined
      if (from && isItem(from) === isItem(chosen) && form(from) !== form(chosen)) {
        text.set(u.id, { ...chosen, placement: { ...chosen.placement, quote: from.placement.quote, ...(isItem(chosen) ? { ordered: from.placement.ordered } : {}) } })
      }
    }
  }

  /** For an item one side added: the merged version of its nearest neighbour in the same list on that side, if any. */
  private listJoined(u: Unit, text: Map<number, Statement | Section | Rule>): Statement | undefined {
    const side: SideName = u.a ? 'a' : 'b'
    const slot = u[side]!
    const added = slot.block as Statement
    const body = this.units[slot.parent]?.[side]?.node?.section.body
    const at = this.positionOf(added, side)
    if (!isItem(added) || !body || at === -1) return undefined
    // Nearest first: the items before it (already placed, as units follow each side's order), then those after it that the base had.
    const neighbours: Array<{ block: Block; before: boolean }> = []
    for (let j = at; j > 0 && sameList(body[j - 1]!, body[j]!); j--) neighbours.push({ block: body[j - 1]!, before: true })
    for (let j = at; j + 1 < body.length && sameList(body[j]!, body[j + 1]!); j++) neighbours.push({ block: body[j + 1]!, before: false })
    for (const { block, before } of neighbours) {
      const id = this.unitOf(block, side)
      const merged = id === undefined ? undefined : text.get(id)
      if (merged?.type === 'statement' && isItem(merged) && (before || this.units[id!]!.o)) return merged
    }
    return undefined
  }

  private positions: Record<SideName, Map<Block, number>> | undefined

  /** A block's index in its section's body on a side (indexed once: a section can hold many additions). */
  private positionOf(block: Block, side: SideName): number {
    if (!this.positions) {
      this.positions = { o: new Map(), a: new Map(), b: new Map() }
      for (const s of SIDES) for (const node of this.sectionNodes(s)) node.section.body.forEach((x, i) => this.positions![s].set(x, i))
    }
    return this.positions[side].get(block) ?? -1
  }

  /** Step 4: the order of a section's children; a dissolved section's blocks stand in its place. */
  order(section: number, children: Set<number>, dissolved: Map<number, number>): number[] {
    const seq = (side: SideName): number[] => {
      const slot = this.units[section]![side]
      const out: number[] = []
      // Units of this side's blocks, in order.
      const visit = (body: Block[]) => {
        for (const block of body) {
          const id = this.unitOf(block, side)
          if (id !== undefined && children.has(id)) out.push(id)
          else if (id !== undefined && dissolved.has(id) && block.type === 'section') visit(block.body)
        }
      }
      if (slot?.node) visit(slot.node.section.body)
      return out
    }
    const [o, a, b] = [seq('o'), seq('a'), seq('b')]
    const inA = new Set(a)
    const inB = new Set(b)
    const inO = new Set(o)
    const shared = a.filter((x) => inB.has(x))
    const restrict = (s: number[]) => s.filter((x) => inA.has(x) && inB.has(x) && inO.has(x))
    const [ro, ra, rb] = [restrict(o), restrict(a), restrict(b)]
    const same = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => v === y[i])
    let result: number[]
    if (same(ra, ro)) result = b.filter((x) => inA.has(x))
    else {
      if (!same(rb, ro)) this.notes.push(`both sides re-ordered ${describeSection(this.units[section]!)}; kept our order`)
      result = shared
    }
    // Each side's additions after their predecessor on that side. Theirs go
    // after ours at the same place, while ours there are of their kind (a row
    // after our rows, not after the list that follows them).
    insertAfterPredecessors(result, a)
    insertAfterPredecessors(result, b, (there, added) => inA.has(there) && !inB.has(there) && this.shape(there) === this.shape(added))
    for (const x of o) if (children.has(x) && !result.includes(x)) result.push(x)
    for (const x of children) if (!result.includes(x)) result.push(x)
    return result
  }

  /** What kind of block a unit renders as, for keeping additions with their own kind. */
  private shape(id: number): string {
    const u = this.units[id]!
    const block = (u.a ?? u.b ?? u.o)?.block
    if (!block || block.type !== 'statement') return block?.type ?? 'none'
    if (block.kind === 'item' || block.kind === 'task') return `item:${block.placement.quote}:${block.placement.ordered === true}`
    if (block.kind === 'row') return `row:${block.placement.quote}`
    return 'block'
  }

  private index: Record<SideName, Map<Block, number>> | undefined

  private unitOf(block: Block, side: SideName): number | undefined {
    if (!this.index) {
      this.index = { o: new Map(), a: new Map(), b: new Map() }
      for (const u of this.units) for (const s of SIDES) if (u[s]) this.index[s].set(u[s]!.block, u.id)
    }
    return this.index[side].get(block)
  }

  build(): Section {
    const { text, parent, kept, ends, dissolved } = this.decide()
    const childrenOf = new Map<number, Set<number>>()
    for (const id of kept) {
      const p = parent.get(id)
      if (p === undefined || p === -1) continue
      if (!childrenOf.has(p)) childrenOf.set(p, new Set())
      childrenOf.get(p)!.add(id)
    }
    const make = (id: number): Section => {
      const base = id === 0 ? this.roots.a.section : (text.get(id) as Section)
      const body: Block[] = []
      for (const child of this.order(id, childrenOf.get(id) ?? new Set(), dissolved)) {
        const c = this.units[child]!
        if (c.type === 'section') body.push(make(child))
        else body.push(text.get(child) as Statement | Rule)
      }
      const end = ends.get(id)
      if (end !== undefined) body.push(endMark(base, end, body))
      return { ...base, body }
    }
    return make(0)
  }
}

/** A text's words, for telling a statement made into a title by its words alone. */
const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()

const isItem = (s: Statement) => s.kind === 'item' || s.kind === 'task'

/** Where a statement sits: its quote depth, and for an item whether its list is numbered. */
const form = (s: Statement) => `${s.placement.quote}:${isItem(s) && s.placement.ordered === true}`

/** Whether `y`, right after `x` in a section's body, is an item of the same list. */
function sameList(x: Block, y: Block): boolean {
  return x.type === 'statement' && y.type === 'statement' && isItem(x) && isItem(y) && form(x) === form(y) && y.placement.listStart !== true
}

function sameLeaf(x: Statement | Rule | Section, y: Statement | Rule): boolean {
  if (x.type === 'rule' || y.type === 'rule') return x.type === y.type
  return x.type === 'statement' && x.id === y.id
}

function describe(u: Unit): string {
  const block = (u.a ?? u.b ?? u.o)!.block
  if (block.type === 'statement') return `"${block.text.length > 40 ? block.text.slice(0, 37) + '...' : block.text}" (line ${block.source.line})`
  if (block.type === 'section') return `section "${block.title}"`
  return 'a thematic break'
}

function describeSection(u: Unit): string {
  const block = (u.a ?? u.b ?? u.o)!.block as Section
  return block.kind === 'root' ? 'the top of the file' : `section "${block.title}" (line ${block.source.line})`
}

/** A statement of the same shape as `like` whose only text is `token`, replaced by conflict markers after rendering. */
function placeholder(like: Statement, token: string): Statement {
  const paragraph = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: token }] }
  let node: Statement['node']
  if (like.node.type === 'listItem') node = { type: 'listItem', spread: false, checked: null, children: [paragraph] }
  else if (like.node.type === 'tableRow') node = { type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: token }] }] } as unknown as Statement['node']
  else node = paragraph
  return { ...like, text: token, norm: token, id: token, node }
}

/**
 * A section like `like` whose title is `token`. A title kept as written
 * stays so: the placeholder is written bare, with `like`'s separator (a
 * pseudo-heading's colon), and each side's title goes in its place as
 * written (merge3.ts).
 */
function titlePlaceholder(like: Section, token: string): Section {
  const placeholder: Section = { ...like, title: token, titleNodes: [{ type: 'text', value: token }] }
  if (writtenTitle(like)) placeholder.written = { text: token, separator: like.written!.separator, plain: token }
  else delete placeholder.written
  return placeholder
}

/**
 * What closes a section in conflict as a whole, after its `body`: its line
 * becomes the closing markers. A paragraph; in an item's section whose body
 * ends in a list, the last item of that list (a paragraph in the item would
 * make it loose, a blank line after its title).
 */
function endMark(section: Section, token: string, body: Block[]): Statement {
  const node = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: token }] }
  const mark: Statement = { type: 'statement', kind: 'paragraph', text: token, norm: token, id: token, source: section.source, placement: { quote: 0 }, node }
  const last = body[body.length - 1]
  const list = last?.type === 'statement' && isItem(last) ? last.placement : last?.type === 'section' && last.kind === 'item' ? { quote: last.quote ?? 0, ordered: last.ordered === true } : undefined
  if (section.kind !== 'item' || !list) return mark
  return placeholder({ ...mark, kind: 'item', node: { type: 'listItem', children: [] }, placement: { quote: list.quote, ordered: list.ordered === true } }, token)
}

/** Merges three versions of an agent body; `token(n)` names the n-th conflict's placeholder. */
export function mergeBodies3(o: Section, a: Section, b: Section, token: (n: number) => string): BodyMerge {
  const m = new Merger({ o, a, b }, token)
  m.alignSections()
  m.alignStatements()
  const root = m.build()
  return { root, conflicts: m.conflicts, notes: [...new Set(m.notes)] }
}
