// One side of an alignment, flattened once: every statement and section in
// document order with its position, its container and its ancestry, so that
// the alignment passes work on indices instead of walking trees again.
import type { Block, Section, Statement } from '../model.js'

/** One statement on one side, with where it sits. */
export interface StatementRef {
  statement: Statement
  /** Titles of the sections it sits in, outermost first (the root's empty title left out). */
  section: string[]
  /** Position in document order among the side's statements, 0-based. */
  index: number
}

/** One section on one side. */
export interface SectionRef {
  section: Section
  /** Titles of its enclosing sections and its own, outermost first. */
  path: string[]
  /** Position in document order among the side's sections (the root is 0). */
  index: number
}

export interface Side {
  statements: StatementRef[]
  sections: SectionRef[]
  /** Statement index -> index of the section that directly holds it. */
  sectionOf: number[]
  /** Position of a statement among its section's direct statements. */
  slot: number[]
  /** Statement index -> whether it heads a list (leadsIn): a title of sorts over the items under it. */
  lead: boolean[]
  /** Section index -> its parent's index (-1 for the root). */
  parentOf: number[]
  /** Section index -> its direct statements, in order. */
  direct: number[][]
  /** Section index -> its child sections, in order. */
  children: number[][]
  /** Section index -> ids of every statement below it. */
  subtree: Set<string>[]
}

/**
 * The title wrapper of an agent's body: the one heading section its root
 * holds, when that is an H1 and the root holds nothing else (`# Backend
 * Developer` over the whole file). A lone `## Release steps` is a section
 * like any other.
 */
export function titleWrapper(root: Section): Section | undefined {
  const only = root.body[0]
  return root.body.length === 1 && only?.type === 'section' && only.kind === 'heading' && only.depth === 1 ? only : undefined
}

/** An entry of a list: an item, a task, or a list item with a title that holds its nested list. */
export const isListEntry = (b: Block | undefined): boolean =>
  b !== undefined && ((b.type === 'statement' && (b.kind === 'item' || b.kind === 'task')) || (b.type === 'section' && b.kind === 'item'))

/**
 * A paragraph ending with ":" right before a list (`Game architecture:` over
 * its items): the lead-in of a list, which the merge keeps with its list as
 * one block.
 */
export function headsList(body: readonly Block[], i: number): boolean {
  const b = body[i]
  return b?.type === 'statement' && b.kind === 'paragraph' && /:\s*$/.test(b.text) && isListEntry(body[i + 1])
}

/**
 * Whether the statement at `i` of a body leads in a list: a list's lead-in
 * paragraph (headsList), or the lead of a list item with a title
 * (`**API**: Create services:`), which heads the item's nested list.
 */
export function leadsIn(body: readonly Block[], i: number): boolean {
  const b = body[i]
  return b?.type === 'statement' && (b.kind === 'lead' || headsList(body, i))
}

/** Flattens the section tree under `root` (an agent's root section). */
export function flatten(root: Section): Side {
  const side: Side = { statements: [], sections: [], sectionOf: [], slot: [], lead: [], parentOf: [], direct: [], children: [], subtree: [] }
  const visit = (section: Section, parent: number, path: string[]): number => {
    const index = side.sections.length
    const own = section.kind === 'root' ? path : [...path, section.title]
    side.sections.push({ section, path: own, index })
    side.parentOf.push(parent)
    side.direct.push([])
    side.children.push([])
    side.subtree.push(new Set())
    if (parent >= 0) side.children[parent]!.push(index)
    section.body.forEach((block, i) => {
      if (block.type === 'statement') {
        const s = side.statements.length
        side.statements.push({ statement: block, section: own, index: s })
        side.sectionOf.push(index)
        side.lead.push(leadsIn(section.body, i))
        side.slot.push(side.direct[index]!.length)
        side.direct[index]!.push(s)
        for (let p = index; p >= 0; p = side.parentOf[p]!) side.subtree[p]!.add(block.id)
      } else if (block.type === 'section') visit(block, index, own)
    })
    return index
  }
  visit(root, -1, [])
  return side
}
