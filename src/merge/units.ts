// Stage 1 of the body merge: the inputs read as units and items. A unit is
// a section below a file's root (and below a title wrapper), or a block: a
// lead-in paragraph ending with ":" and the list right after it, kept
// together so that the lead-in is aligned with other lead-ins, never folded
// into an item, and never written without its list. An item is a statement
// with its place and its role (prose, list item, or procedure step: an item
// of a numbered list under a lead-in or title that speaks of a process). Opening role statements are taken out beforehand
// (identity.ts decides them).
import { isOutputContract } from './conflicts.js'
import type { Agent, Block, Section, Statement } from '../model.js'
import { headsList, isListEntry, keyWords, NUMBERING, titleWrapper, type SectionUnit, type TitleTerms } from '../align/index.js'
import { notTopic, onlyAnd, sectionKey } from '../normalize/key.js'
import { STOPWORDS } from '../similarity/index.js'
import { bySource } from '../order.js'

/** A section or block of one input: what the alignment engine clusters, and what the merge keeps of it. */
export interface Unit extends SectionUnit {
  section: Section
  /** Position in the parent's body, (index + 0.5) / length. */
  pos: number
  /** Duplicate groups of every statement under the section (filled in when the items are grouped). */
  content: Set<number>
  /** Its cluster of aligned units, once aligned. */
  cluster: number
  /** For a block (a lead-in paragraph and its list): the lead-in. */
  lead?: Statement
}

/**
 * Shapes that never align with each other: a block; a list item whose title
 * runs on into a lead ("**API**: Create services:"), which a heading cannot
 * write; a phase (a numbered heading or a list item with a title, numbered
 * or bulleted, under a title that speaks of a process: "### 3. Quality Assurance" under
 * "## Development Workflow", "2. **Testing**" under "### Standard Operating
 * Procedure"), which aligns
 * only with another input's phase (one whose title runs on into a lead only
 * with such a phase), so that a procedure keeps its steps and
 * a step never leaves for a topic section that shares its title words; any
 * other list item with a title (it holds its nested list, and aligns only
 * with another input's such item); a bold lead-in with its list (never
 * promoted to a heading by joining one); a numbered heading outside a process
 * (one of a numbered run); an output contract, block or heading; any other
 * section. `parent` is the title
 * the section sits under.
 */
/** The shape of a phase of a procedure. */
export const PHASE = 3
/** The shape of a phase written as a list item whose title runs on into a lead ("1. **API Development**: Create services including:"). */
export const PHASE_LEAD = 6

/** The shape of a numbered heading outside a process: one of a numbered run, which aligns only with such headings. */
const NUMBERED_HEADING = 7

/**
 * The shape of an output contract, a lead-in block ("Provide:") or a
 * heading ("## Output") alike: two authors' lists of what the agent hands
 * back are one section whichever form each gave it (the heading's title,
 * with the block's lead-in and list under it), where as a block and a
 * heading they stayed apart and a contract folded into the block left the
 * heading its closing remark alone.
 */
const CONTRACT = 8

/**
 * The title every output contract at the top of its input answers to in the
 * alignment: "Provide:", "## Output", "## Expected Output" and "Deliverables
 * organized by type:" name one thing, the list of what the agent hands back,
 * and two such lists that share few items (each author names his own
 * deliverables) had titles too unlike to join and were written side by side.
 * Only at the top: a contract inside a topic section is that topic's.
 */
const CONTRACT_KEY = sectionKey('Output')

/** Whether a unit's shape is a phase's. */
export const isPhase = (shape: number): boolean => shape === PHASE || shape === PHASE_LEAD

/** Whether a unit is one of a run its numbers or its process title make a sequence of: a phase, or a numbered heading. */
export const isOfRun = (shape: number): boolean => isPhase(shape) || shape === NUMBERED_HEADING

/** A list item, checkbox or not (not a paragraph, a row or a code block). */
export const isListItem = (st: Statement): boolean => st.kind === 'item' || st.kind === 'task'

const shapeOf = (section: Section, parent: string, lead?: Statement): number => {
  const first = section.body[0]
  const contract = isOutputContract(section, lead, ['heading'])
  if (lead) return contract ? CONTRACT : BLOCK
  const runsOn = first?.type === 'statement' && first.kind === 'lead'
  // A list item with a title is a step under a process title whether its
  // list is numbered or not: another input may bullet the same step. One
  // whose title runs on into a lead is a phase all the same (senior's "Your
  // primary workflow:" is not elite's "Your primary responsibilities:").
  const step = (section.kind === 'heading' && NUMBERING.test(section.title)) || section.kind === 'item'
  if (step && PROCESS.test(parent)) return runsOn ? PHASE_LEAD : PHASE
  if (runsOn) return 2
  // A numbered heading is one of a numbered run ("### 2. Database Architecture" of five): joined with an unnumbered one, it
  // leaves its run, whose numbers then skip it.
  if (section.kind === 'heading' && NUMBERING.test(section.title)) return NUMBERED_HEADING
  if (contract) return CONTRACT
  // A list item with a title holds its nested list: written as a heading, its
  // list would leave the list it stands in; written as an item, a heading's
  // subsections would be flattened into it.
  return section.kind === 'item' ? 4 : section.kind === 'label' ? 5 : HEADING
}

/** The shape of a heading section that is none of the above. */
const HEADING = 0

/** The shape of a lead-in block that is not an output contract. */
const BLOCK = 1

/**
 * Whether a block stands right in a heading of its own title ("## Game Day
 * Planning" over "Game day planning:", as the merge writes a block joined
 * with a heading): it is that heading's list. It meets no heading, and
 * links on its title only to another heading's list (SectionUnit's
 * headingList), so that merged again with an input, the input's block
 * meets the heading, not the list inside it, and the heading is written
 * again (with the lead-ins and items the input brings written in that
 * list: body.ts, intoInnerBlocks); two merged files' lists are one list.
 */
const listOfItsHeading = (section: Section, above: Unit | undefined): boolean =>
  above !== undefined && above.section.kind === 'heading' && section.key !== '' && titleWordsOf(above.section.title) === titleWordsOf(section.title)

/**
 * A title word for word, case, accents, punctuation, "and" and stems aside:
 * a block meets a heading of these same words, not one the section key
 * alone makes equal by dropping a word ("### For Query Optimization", a
 * response format for such requests under "## Output Format", is not "Query
 * optimization:", a list of techniques).
 */
const titleWordsOf = (title: string): string => sectionKey(title, onlyAnd)

/** A title's words that name something, not function words nor bare numbers: what the two-word bar of `meetsOf` counts. */
const namingWords = (title: string): string[] => keyWords(sectionKey(title, (w) => notTopic(w) || STOPWORDS.has(w)))

/**
 * A lead-in block meets a heading section whose title is its own (the same
 * words, titleWordsOf), wherever the two stand alike,
 * written as the heading with the lead-in and its list inside: "Game day
 * planning:" and "## Game Day Planning" are one topic each author gave a
 * form, and apart they were written hundreds of lines from each other. Only
 * a title of two words or more beyond function words: one word,
 * "Overview", "Security", "When invoked:", names too little to stand for
 * the whole list alone.
 */
const meetsOf = (shape: number, title: string): number | undefined => (shape === BLOCK && namingWords(title).length >= 2 ? HEADING : undefined)

/**
 * Whether a unit stands at the top or in plain headings only, no phase, run,
 * item or label above it: only there may a block meet a heading. Joined
 * with a heading, a block is written where the heading stands: from inside
 * a step it would leave its procedure, and the step, its title alone, with
 * it. (Parents alike, placesAlike, does not see this: it reads titles and
 * content, not shapes, and a step "Analyze the system" is like "## Analyze
 * the System".)
 */
const amongHeadings = (units: readonly Unit[], parent: number): boolean => {
  for (let p = parent; p !== -1; p = units[p]!.parent) if (units[p]!.shape !== HEADING) return false
  return true
}

/**
 * What makes a numbered list a procedure rather than an enumeration: the
 * lead-in or title it sits under speaks of steps in sequence ("When
 * invoked:", "Workflow", "Process", "Phase 2").
 */
export const PROCESS = /\b(?:workflows?|process(?:es)?|steps?|procedures?|phases?|stages?|methodolog\w*|when\s+invoked|how\s+to|lifecycle|pipeline|sequence|order\s+of|approach)\b/i

/** What a statement does where it stands; statements fold only with the same role. */
export type Role = 'prose' | 'item' | 'step' | 'lead'

export interface Item {
  statement: Statement
  agent: number
  /** Unit holding it directly, or -1 for the root. */
  unit: number
  /** Position in its unit's body, (index + 0.5) / length. */
  pos: number
  group: number
  role: Role
  /**
   * A statement ending in a colon, right before a heading subsection in its
   * source: headings are written after their section's body, so it goes last
   * there, next to what it introduces (order.ts). A list item with a title or
   * a bold lead-in is written in the body, in its author's order, so what
   * leads into one keeps its place before it.
   */
  leadsIn: boolean
  /** Opens its section: among the paragraphs its section starts with, with no colon at its end. */
  opens: boolean
  /** Closes its section: a paragraph among the plain paragraphs that end its own body (subsections may follow), after something that is not ("Return structured data ..." after a list). */
  closes: boolean
}

export interface Collected {
  units: Unit[]
  items: Item[]
  /** Each file's title wrapper (a single heading holding the whole agent). */
  wrappers: Section[]
}

/** The heading section a file's root holds alone, if it holds only one. */
export function soleHeading(agent: Agent): Section | undefined {
  const body = agent.root.body
  const only = body[0]
  return body.length === 1 && only?.type === 'section' && only.kind === 'heading' ? only : undefined
}

/**
 * A file whose root holds exactly one heading section, an H1: its title wraps
 * the whole agent (the alignment engine's `titleWrapper`, which `diff` reads
 * too). A lone `## Release steps` is a section like any other, not a title to
 * write as the merged agent's H1.
 */
export const wrapperOf = (agent: Agent): Section | undefined => titleWrapper(agent.root)

const isHeading = (b: { type: string; kind?: string } | undefined): boolean => b?.type === 'section' && b.kind === 'heading'

/** A paragraph not ending with ":" (skipped statements, decided elsewhere, pass too). */
const isPlainParagraph = (b: Block | { type: 'block' }, skip: ReadonlySet<Statement>): boolean =>
  b.type === 'statement' && (skip.has(b) || (b.kind === 'paragraph' && !/:\s*$/.test(b.text)))

/**
 * A body regrouped into blocks: each lead-in paragraph with its list becomes
 * a synthetic section (kind `label`, the lead-in as its title) whose body is
 * the lead-in followed by the list; everything else is as it was.
 */
function regroup(body: readonly Block[]): Array<Block | { type: 'block'; lead: Statement; section: Section }> {
  const out: Array<Block | { type: 'block'; lead: Statement; section: Section }> = []
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!
    if (!headsList(body, i) || b.type !== 'statement') {
      out.push(b)
      continue
    }
    let j = i + 1
    while (isListEntry(body[j])) j++
    const section: Section = { type: 'section', kind: 'label', title: b.text, titleNodes: [], key: sectionKey(b.text), depth: 0, source: b.source, body: body.slice(i, j) }
    out.push({ type: 'block', lead: b, section })
    i = j - 1
  }
  return out
}

/**
 * Every unit and item of the inputs; `skip` holds the statements decided
 * elsewhere (openings). The blocks of the `base` input (or -1) meet no
 * heading: its structure wins, and its block is not written under another
 * author's heading.
 */
export function collect(agents: readonly Agent[], skip: ReadonlySet<Statement>, titles: TitleTerms, base = -1): Collected {
  const units: Unit[] = []
  const items: Item[] = []
  const wrappers: Section[] = []
  const addUnit = (agent: number, section: Section, parent: number, pos: number, lead?: Statement): number => {
    const id = units.length
    // A list's lead-in ("When building backend features:") stands in the section it opens: the titled items
    // under it are phases when that section's title speaks of a process ("## Implementation Process").
    const above = parent === -1 ? undefined : units[parent]!
    const under = above === undefined ? '' : above.lead && above.parent !== -1 ? `${units[above.parent]!.section.title} ${above.section.title}` : above.section.title
    const shape = shapeOf(section, under, lead)
    const headingList = lead !== undefined && listOfItsHeading(section, above)
    const key = shape === CONTRACT && parent === -1 ? CONTRACT_KEY : section.key
    const words = key === section.key ? titles.of(section.title, section.key) : keyWords(key)
    const meets = agent === base || headingList || !amongHeadings(units, parent) ? undefined : meetsOf(shape, section.title)
    units.push({ input: agent, parent, key, words, keyWords: keyWords(key), content: new Set(), shape, rank: 0, section, pos, cluster: -1, ...(lead ? { lead, keyOnly: true } : {}), ...(meets === undefined ? {} : { meets }), ...(headingList ? { headingList } : {}), ...(shape === BLOCK || shape === HEADING ? { titleWords: titleWordsOf(section.title) } : {}) })
    return id
  }
  const visit = (body: readonly Block[], agent: number, unit: number, inBlock: boolean) => {
    const blocks = inBlock ? [...body] : regroup(body)
    const process = unit !== -1 && PROCESS.test(units[unit]!.section.title)
    const n = blocks.length
    // The last thing of the unit's own body, a statement or a block (only subsections may follow it).
    let last = -1
    blocks.forEach((b, i) => {
      if ((b.type === 'statement' && !skip.has(b)) || b.type === 'block') last = i
    })
    // Where the plain paragraphs that end the unit's own body begin: after a list, each of them closes it
    // ("Always include disclaimer: ..." then "Focus on ...": another input's items come before both, not between).
    let tail = last + 1
    while (tail > 0 && isPlainParagraph(blocks[tail - 1]!, skip)) tail--
    let prose = true
    blocks.forEach((block, i) => {
      const pos = (i + 0.5) / n
      if (block.type === 'statement') {
        if (skip.has(block)) return
        const colon = /:\s*$/.test(block.text)
        prose &&= block.kind === 'paragraph' && !colon
        // A block's lead-in, or the inline lead of a list item with a title ("**API**: Create services:").
        const lead = (inBlock && i === 0) || block.kind === 'lead'
        const role: Role = lead ? 'lead' : block.kind === 'item' || block.kind === 'task' ? (block.placement.ordered && process ? 'step' : 'item') : 'prose'
        const closes = block.kind === 'paragraph' && !prose && !colon && i >= tail
        items.push({ statement: block, agent, unit, pos, group: -1, role, leadsIn: colon && isHeading(blocks[i + 1]), opens: prose && !lead, closes })
      } else if (block.type === 'block') {
        prose = false
        visit(block.section.body, agent, addUnit(agent, block.section, unit, pos, block.lead), true)
      } else if (block.type === 'section') {
        prose = false
        visit(block.body, agent, addUnit(agent, block, unit, pos), false)
      }
    })
  }
  agents.forEach((agent, a) => {
    const wrapper = wrapperOf(agent)
    if (wrapper) wrappers.push(wrapper)
    visit(wrapper ? wrapper.body : agent.root.body, a, -1, false)
  })
  return { units, items, wrappers }
}

/** Each input's statements (by input number), in the order the items list them. */
export function statementsByInput(items: readonly Item[]): Map<number, Statement[]> {
  const out = new Map<number, Statement[]>()
  for (const it of items) {
    const list = out.get(it.agent)
    if (list) list.push(it.statement)
    else out.set(it.agent, [it.statement])
  }
  return out
}

/** A table's shape (its columns and their alignment): rows fold only within one. */
export const tableShape = (table: NonNullable<Statement['placement']['table']>): string => `${table.columns}|${table.align.join()}`

/**
 * The table each row statement stands in, by input: its shape and its head
 * row's text (the rows after a head row, up to the next head row or the
 * first statement that is no row, are that head's table).
 */
export function tablesOfRows(items: readonly Item[]): Map<Statement, string> {
  const out = new Map<Statement, string>()
  for (const list of statementsByInput(items).values()) {
    let head: Statement | undefined
    for (const st of list.slice().sort(bySource)) {
      const table = st.placement.table
      if (!table) head = undefined
      else {
        if (table.head) head = st
        out.set(st, `${tableShape(table)}|${head?.norm ?? ''}`)
      }
    }
  }
  return out
}
