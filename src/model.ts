// The agent model: the plain typed data that every stage after parsing reads.
// An agent file becomes its frontmatter in canonical form (`meta`) and a tree
// of sections whose leaves are statements. Statements keep their mdast node so
// that rendering never has to parse again; everything else is plain JSON.
import type { PhrasingContent, RootContent } from 'mdast'

/** The id of the agent tool whose frontmatter conventions a file follows (a dialect in src/dialects). */
export type Dialect = string

/** A problem found in an input, reported as `path:line:col: message`. */
export interface Diagnostic {
  /** A `note` tells what was done where nothing is lost or disagrees; it counts as no conflict. */
  severity: 'error' | 'warning' | 'note'
  /** A stable machine-readable code, e.g. `invalid-utf8`, `mojibake`. */
  code: string
  message: string
  path: string
  /** 1-based; absent when the problem has no place in the file. */
  line?: number
  column?: number
}

/** Where a piece of text came from: the path as given and a 1-based line. */
export interface Source {
  path: string
  line: number
}

/** One tool an agent may use, in canonical spelling. */
export interface ToolGrant {
  /** Canonical lower-case id shared by every dialect (`read`, `webfetch`). */
  id: string
  /** The spelling the file used. */
  written: string
  /** False for an OpenCode `tool: false` entry: an explicit denial. */
  enabled: boolean
}

/** One frontmatter field as written, in file order. */
export interface MetaField {
  key: string
  /** The parsed YAML value (plain JSON data). */
  value: unknown
  line: number
}

/** The frontmatter in a form that is the same across dialects. */
export interface AgentMeta {
  dialect: Dialect
  /** The agent's name: the `name` field, or else the file's base name. */
  name: string
  /** True when `name` was taken from the file name (OpenCode has no field). */
  nameFromFile: boolean
  description?: string
  model?: string
  /**
   * The tools granted, sorted by id, or undefined when the file does not
   * restrict tools (every dialect then grants all of them).
   */
  tools?: ToolGrant[]
  /** How `tools` was written: `Read, Write`, a YAML list, or a map of booleans. */
  toolsForm?: 'string' | 'list' | 'map'
  /** Every field as written, in order; the ones above are read from these. */
  fields: MetaField[]
  /** Whether the file had a frontmatter block at all. */
  present: boolean
  /** Line of the opening fence, or 0 without frontmatter. */
  line: number
  /**
   * The frontmatter's YAML text as the file had it (between the fences), so
   * that writing the file edits its frontmatter instead of regenerating it.
   */
  yaml?: string
}

export type StatementKind =
  | 'paragraph'
  | 'item'
  | 'task'
  | 'code'
  | 'row'
  | 'html'
  | 'heading'
  | 'definition'
  | 'lead'

/** How a statement sat in its container, so rendering can rebuild it. */
export interface Placement {
  /** Blockquote nesting depth. */
  quote: number
  /** For items and tasks: whether their list was ordered. */
  ordered?: boolean
  /**
   * For items and tasks of a numbered list: the first of a list of its own,
   * although the entry before it is a numbered item too (two numbered lists
   * written one after the other; two inputs' procedures a merge writes one
   * after the other). Writers keep the lists apart, each numbered from its
   * start. Bullet lists one after the other are one list.
   */
  listStart?: boolean
  /**
   * For items and tasks of a numbered list: the number the reader sees on
   * the item (its list's start, mdast `list.start`, plus its place in the
   * list). Writers number a list from its first item's number when that
   * item is `first` (an item that stood further down its list opens one at 1).
   */
  number?: number
  /** For items and tasks of a numbered list: the first item of its list as read, or as the merge writes it (its `number` is the list's start). */
  first?: boolean
  /** For table rows: the table's column alignment and whether this row is its head. */
  table?: { align: Array<'left' | 'right' | 'center' | null>; head: boolean; columns: number }
}

/** A leaf of the agent: one instruction, fact, code block or table row. */
export interface Statement {
  type: 'statement'
  kind: StatementKind
  /** Plain text: markup removed, whitespace collapsed. */
  text: string
  /**
   * The identity text: `text` with what its markup says kept (struck-out
   * words between `~~`, each link's or image's target after its text), the
   * checked state, and code exactly.
   */
  norm: string
  /** A stable id: a hash of `norm`. */
  id: string
  /** For tasks: the checkbox state. */
  checked?: boolean
  source: Source
  placement: Placement
  /**
   * The mdast node the statement renders from: the list item for items and
   * tasks, the row for rows, a paragraph of the lead's inline content for leads.
   * Its `data.source` is the statement's text as written (normalize/source.ts),
   * which writers write; `statementMarkdown()` gives it.
   */
  node: RootContent
}

/** A break between blocks that carries no words (a thematic break). */
export interface Rule {
  type: 'rule'
  source: Source
}

export type SectionKind =
  /** The whole file, above its first heading. */
  | 'root'
  /** An ATX or setext heading. */
  | 'heading'
  /** A list item that opens with bold text and holds a nested list. */
  | 'item'
  /** A paragraph of bold text only, followed by a list. */
  | 'label'

export type Block = Statement | Section | Rule

/** A titled part of the agent; `body` keeps its statements and subsections in order. */
export interface Section {
  type: 'section'
  kind: SectionKind
  /** The title as written, as plain text (empty for the root). */
  title: string
  /** The title's inline mdast content, for rendering it with its markup. */
  titleNodes: PhrasingContent[]
  /** A normalized key for aligning sections across files. */
  key: string
  /** Heading depth for headings; for pseudo-headings the depth of the heading they sit under plus one. */
  depth: number
  /** For list-item pseudo-headings: whether their list was ordered. */
  ordered?: boolean
  /** For list-item pseudo-headings: the first of a list of its own (as `Placement.listStart`). */
  listStart?: boolean
  /** For list-item pseudo-headings of a numbered list: their number and whether they are its first item (as `Placement.number`, `Placement.first`). */
  number?: number
  first?: boolean
  /** For list-item pseudo-headings with a checkbox: its state. */
  checked?: boolean
  /** Blockquote nesting depth of a pseudo-heading inside a quote. */
  quote?: number
  /**
   * The title as written in its file, so that writers keep its bytes: `text`
   * is a heading's content or a pseudo-heading's title paragraph up to its
   * lead-in, `separator` what stood between the two, and `plain` the plain
   * text of the `titleNodes` it was read with (a stage that changes the
   * title nodes makes this stale, and the writer then writes the nodes).
   */
  written?: { text: string; separator: string; plain: string }
  source: Source
  body: Block[]
}

/** A parsed and normalized agent definition. */
export interface Agent {
  /** The path as given (`-` for stdin). */
  path: string
  meta: AgentMeta
  root: Section
  /** The line ending the file used, written back by `--write`. */
  eol: '\n' | '\r\n'
  /** Whether the file began with a byte order mark. */
  bom: boolean
  /**
   * The text after the frontmatter block as decoded (LF line ends), or the
   * whole text without one: what `convert` writes back unchanged. Absent for
   * an agent that no file holds (a merge).
   */
  body?: string
  /** Warnings found while reading (repairs, lenient fallbacks). */
  warnings: Diagnostic[]
}
