// The result of a semantic diff: what changed in meaning between two versions
// of an agent, statement by statement, section by section and field by field,
// plus the changes of form that are not changes. Every statement of OLD is
// unchanged, reworded, moved or removed, and every statement of NEW is
// unchanged, reworded, moved or added: the lists below account for each once.
import type { SectionRef, StatementRef } from '../align/index.js'
import type { Source } from '../model.js'

export type { SectionRef, StatementRef } from '../align/index.js'

/** A run of a word-level diff: text common to both, or only in OLD, or only in NEW. */
export interface WordRun {
  op: 'equal' | 'removed' | 'added'
  text: string
  /** Its words are struck out (`~~`): a withdrawn instruction, which the formats show as such. */
  struck?: true
}

/**
 * A change to a statement. `moved` is the same statement (or a reworded one:
 * `words` is then set) in another section or at another position among its
 * section's statements.
 */
export type StatementChange =
  | { change: 'added'; new: StatementRef }
  | {
      change: 'removed'
      old: StatementRef
      /** Where in NEW it stood: after this place (the last statement before it that kept its place, or its section's title). */
      near?: Source
    }
  | {
      change: 'reworded'
      old: StatementRef
      new: StatementRef
      /** How alike the two are (0..1). */
      score: number
      /** The word-level diff of the texts, or null when it was too costly (then shown as replaced). */
      words: WordRun[] | null
    }
  | {
      change: 'moved'
      old: StatementRef
      new: StatementRef
      /** Whether it left its section (`section`) or only changed position within it (`position`). */
      move: 'section' | 'position'
      score: number
      /** Set when the moved statement was also reworded. */
      words?: WordRun[] | null
    }

export type SectionChange =
  | { change: 'added'; new: SectionRef }
  | { change: 'removed'; old: SectionRef; near?: Source }
  | { change: 'renamed'; old: SectionRef; new: SectionRef }
  | { change: 'moved'; old: SectionRef; new: SectionRef; move: 'parent' | 'position' }

interface FieldSide {
  value: unknown
  at: Source
}

/** A frontmatter field whose meaning changed. */
export interface FieldChange {
  key: string
  change: 'added' | 'removed' | 'changed'
  old?: FieldSide
  new?: FieldSide
  /** A removed field: where in NEW it stood, after this field (the one before it that NEW still has) or the opening fence. */
  near?: Source
  /** For `tools`: canonical ids granted (or denied, as `!id`) on one side only. */
  tools?: { added: string[]; removed: string[] }
  /** For `tools`: each side's name for each tool of `tools`, as its file writes it (`Bash`), which the formats show; `tools` is for matching. */
  toolNames?: { old: Record<string, string>; new: Record<string, string> }
  /** For `tools`: what a reviewer needs to read the change right (`MultiEdit is Edit's old name; current Claude Code has no MultiEdit`); the formats other than JSON show it. */
  notes?: string[]
  /** For text values: the word-level diff. */
  words?: WordRun[] | null
}

/** A change of form only: not a change in meaning, listed by `--formatting`. */
export interface FormattingChange {
  /** `marker`, `numbering`, `wrapping`, `markup`, `heading`, `frontmatter-order`, `frontmatter-style`, `tools-form`, `name-form`, `default-form`, `whitespace`. */
  what: string
  detail: string
  old?: Source
  new?: Source
}

export interface DiffCounts {
  /** The agent's file was renamed (0 or 1 for one agent; files renamed in a report): a change a reviewer must see. */
  renamed: number
  added: number
  removed: number
  reworded: number
  moved: number
  sectionsAdded: number
  sectionsRemoved: number
  sectionsRenamed: number
  sectionsMoved: number
  fields: number
  /** Statements that stayed as they were (not a change). */
  unchanged: number
  /** Changes of form (not changes). */
  formatting: number
}

/** The semantic diff of two versions of one agent. */
export interface AgentDiff {
  /** Path of OLD and NEW as given; null for an agent added or removed as a whole. */
  oldPath: string | null
  newPath: string | null
  /** The agent's name (NEW's, or OLD's when it was removed). */
  name: string
  /** `renamed`: the file was renamed and nothing else changed in meaning (`counts.renamed` says whether a modified one was renamed too). */
  status: 'modified' | 'unchanged' | 'added' | 'removed' | 'renamed'
  fields: FieldChange[]
  sections: SectionChange[]
  /** In reading order of NEW, removed statements where they stood. */
  statements: StatementChange[]
  /** Statements that did not change, as pairs. */
  unchanged: Array<{ old: StatementRef; new: StatementRef }>
  formatting: FormattingChange[]
  counts: DiffCounts
}

/** The diff of several agents (two directories, or the files of a git range). */
export interface DiffReport {
  files: AgentDiff[]
  counts: DiffCounts & { files: number; changedFiles: number }
}

export interface DiffOptions {
  /** OLD's decoded text, to find changes of form (bullet markers, wrapping). */
  oldText?: string
  newText?: string
  /** Largest word-level edit script worked out for a pair before it is shown as replaced (default 400). */
  maxEditLength?: number
}

/** Whether a diff found any change in meaning. */
export function hasChanges(counts: DiffCounts): boolean {
  return counts.renamed + counts.added + counts.removed + counts.reworded + counts.moved + counts.sectionsAdded + counts.sectionsRemoved + counts.sectionsRenamed + counts.sectionsMoved + counts.fields > 0
}
