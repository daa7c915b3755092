// What a dialect is: everything agentmerge knows about one agent tool's
// frontmatter, behind one interface, so that no other module needs to know
// which tools exist. A dialect is plain data plus a few small functions; the
// engines (normalize, convert, merge, lint) ask the registry for it by id.
// The functions are handed what they need of the other dialects (the tool
// names of the registry) rather than looking it up, so that no dialect
// module depends on the list of dialects.
/** How a `tools` value is written: `Read, Write`, a YAML list, or a map of booleans. */
export type ToolsForm = 'string' | 'list' | 'map'

/** One grant in canonical form, read from any dialect's tool names. */
export type Grant =
  /**
   * `near`: the name is read as the nearest tool of other dialects (Copilot's `search/codebase` as grep), a grant of its own.
   * `ask` (with `enabled` false): the tool is used after asking (OpenCode's `edit: ask`); a dialect that cannot ask
   * reads it as not granted, and its writer says so.
   */
  | { kind: 'tool'; id: string; args: string; enabled: boolean; written: string; near?: boolean; ask?: boolean }
  | { kind: 'mcp'; server: string; tool: string; enabled: boolean; written: string }
  | { kind: 'unknown'; enabled: boolean; written: string }

export interface ToolNote {
  written: string
  message: string
  /**
   * The value is not one the field takes (a tools map value other than true
   * or false, a list entry that is not a name, an OpenCode permission other
   * than allow, ask or deny): read toward less, and a mistake `lint` reports.
   */
  invalid?: boolean
  /** The name is read as the nearest tool other dialects have (Copilot's `search/codebase` as grep): exact in its own dialect. */
  near?: boolean
}

/**
 * What a file's tool fields say: the grants they name, and what they say of
 * every tool they do not name.
 */
export interface ReadTools {
  grants: Grant[]
  /**
   * A tool the grants do not name: `deny` for an allowlist (Claude Code's and
   * Copilot's `tools`, OpenCode's `"*": false` or `"*": deny`), `allow` when a
   * rule says so; undefined when the fields do not say (the dialect's default:
   * every tool).
   */
  rest?: 'allow' | 'deny'
  /**
   * What the fields say that no grant carries (an `ask`, a rule for some
   * uses, a rule that is not about tools, a value the field does not take),
   * and names read as the nearest tool; `written` is the field.
   */
  notes: ToolNote[]
}

/** How to write grants: sub-agent names to carry over, and whether the grants are an allowlist. */
export interface WriteToolsOptions {
  agents?: string[]
  /**
   * True when a tool no grant enables is denied: the denials of whole tools
   * are then implied (a denial of some uses is not).
   */
  allowlist?: boolean
  /**
   * Write a tool the dialect no longer has (`replaced`) by its old name, not
   * as its replacement: a merge leaves an old name out itself where the
   * replacement is granted, and otherwise must not grant more than it read.
   */
  keepOld?: boolean
}

/** A dialect's tool fields, written from grants. */
export interface WrittenTools {
  /** The `tools` value, or undefined to leave it out (every tool granted). */
  tools?: unknown
  /** Other tool fields of the dialect (Claude Code's `disallowedTools`, Copilot's `agents`, OpenCode's `permission` for bash rules), in the order to write them. */
  more?: Array<[string, unknown]>
  /** Why the sub-agent names could not be written, when there were some. */
  agentsDropped?: string
  notes: ToolNote[]
}

/** A model in canonical form. */
export type ModelRef =
  /** Use the invoking agent's model (Claude Code's `inherit`; an omitted field elsewhere). */
  | { kind: 'inherit' }
  /** A Claude Code alias that follows the newest model of a family. */
  | { kind: 'alias'; family: 'sonnet' | 'opus' | 'haiku' }
  /** A concrete model: `anthropic` + `claude-sonnet-4-5`, `openai` + `gpt-5`; `written` as the file wrote it, for messages. */
  | { kind: 'model'; provider: string; id: string; written?: string }
  /** A name this table cannot read; it is kept as written. */
  | { kind: 'unknown'; written: string }

export interface SpelledModel {
  /** The value to write, or undefined to leave the field out. */
  value?: string
  /** Set when the spelling is not exact: pinned an alias, or has no spelling. */
  note?: string
  /** True when nothing could be written. */
  dropped?: boolean
}

/**
 * A dialect-neutral fact that some frontmatter field states, for the fields
 * that mean the same thing under different names in different tools.
 */
export type Fact =
  | { kind: 'turns'; value: unknown }
  | { kind: 'color'; value: unknown }
  | { kind: 'mcp'; key: string; servers: Record<string, unknown>; named: string[] }
  | { kind: 'permission-mode'; value: unknown }
  /** Who may start the agent: `user` false hides it from people, `model` false from other agents. */
  | { kind: 'invocation'; user?: boolean; model?: boolean; hidden?: boolean }
  | { kind: 'disabled' }

/** What a target does with a fact: fields to set, a note, or why it cannot say it. */
export interface FactWrite {
  set?: Array<[string, unknown]>
  /** A change of spelling the user should know about (`convert-changed`). */
  note?: string
  /** Why the target cannot say the fact; the field is dropped with this reason. */
  drop?: string
  /** A whole message about what could not be said (`convert-dropped`), beside what was set. */
  warn?: string
}

/**
 * Every name of a tool the dialects of a registry know, lower-case, to its
 * canonical id (`toolNames` in tools.ts builds it; the registry holds it).
 */
export type ToolNames = ReadonlyMap<string, string>

/** What is wrong with a tool name in a dialect: the message lint reports, and whether the tool ignores the name. */
export interface ToolProblem {
  message: string
  ignored: boolean
  /** The dialect's own name of the tool the written name stands for elsewhere or in another case (`Read` for `read`), when it has one. */
  meant?: string
}

/** The tools half of a dialect. */
export interface DialectTools {
  /** The form a merge writes when no input says otherwise. */
  form: ToolsForm
  /** The frontmatter fields the dialect states tool grants in (`tools` first). */
  fields: readonly string[]
  /** The name of each canonical tool id in this dialect. */
  spell: Readonly<Record<string, string>>
  /**
   * Whether the dialect's names fold several tools into one (Copilot's
   * `search`): such names are not read as the spelling of a single tool.
   */
  folds?: boolean
  /** The field that names the sub-agents an agent may call (Copilot's `agents`), when the dialect has one. */
  agentsField?: string
  /** The tools a map-form allowlist has to turn off, in the order a map lists them (OpenCode's built-ins). */
  builtins?: readonly string[]
  /** The key of a tools map that stands for every tool (OpenCode's `*`): an allowlist map sets it false first. */
  wildcard?: string
  /**
   * Tools a reader of the map may take as one permission, the last entry
   * deciding (OpenCode 1.1.1 and later: `write`, `edit` and `patch` are its
   * `edit`): an allowlist does not turn one off when it grants all the others.
   */
  together?: readonly (readonly string[])[]
  /**
   * Fields besides `fields` that allow or deny tools by rules (OpenCode's
   * `permission`): handed to `read` with the tool fields, but not tool lists
   * (lint and the merge driver leave them alone); a merge decides them with
   * the tools, never by consensus.
   */
  ruleFields?: readonly string[]
  /**
   * Old tools the dialect no longer has, by canonical id, with the tool that
   * replaced each (Claude Code's `MultiEdit` -> `edit`): a merge that grants
   * the replacement leaves the old name out, since it grants nothing more.
   */
  replaced?: Readonly<Record<string, string>>
  /**
   * Old names the dialect still reads as a tool it now names otherwise
   * (Claude Code's `Task`, now `Agent`), with the current name: its writer
   * writes the current one, and a merge that does says so.
   */
  renamed?: Readonly<Record<string, string>>
  /**
   * The dialect has no way to deny a tool (Copilot: a list is an allowlist,
   * and no list grants every tool): fields that leave unnamed tools on but
   * deny one are written as the allowlist of what they name, toward less.
   */
  cannotDeny?: boolean
  /** The dialect's own tool names (Claude Code's old `Task` among them): a name written in another case is written back as listed. */
  names?: readonly string[]
  /** What a file's tool fields (and rule fields) state: the grants in the order written, and the rest. */
  read(values: Readonly<Record<string, unknown>>, names: ToolNames): ReadTools
  /** The dialect's tool fields for grants. */
  write(grants: Grant[], options: WriteToolsOptions): WrittenTools
  /** A `tools` value that grants nothing (an empty allowlist). */
  none(): unknown
  /**
   * Why a name written in this dialect's tool fields is not one of its tools,
   * or undefined when it is fine. `ignored`: the tool reads no tool by it, so
   * it grants (or denies) nothing there: `read` (`tools.read`) takes it as an
   * unknown name, lint reports it, and convert and the merge count no tool
   * for it. One answer for all of them.
   */
  problem(written: string, names: ToolNames): ToolProblem | undefined
}

/** How the dialect spells models. */
export interface DialectModels {
  /** Whether `model` may be a list of fallbacks. */
  list?: boolean
  /** Whether the dialect writes display names (`Claude Sonnet 4.5`), which are then read even without a space. */
  displayNames?: boolean
  spell(ref: ModelRef): SpelledModel
}

/** One agent tool's frontmatter conventions. */
export interface DialectSpec {
  /** The id used on the command line and in the model (`claude`). */
  id: string
  /** The tool's name in messages (`Claude Code`). */
  title: string
  /** Other names a user may write for it (`claude-code`). */
  aliases: readonly string[]
  /** Its documented fields in canonical key order. */
  fields: readonly string[]
  /** Fields it also reads, written after the ordered ones. */
  moreFields?: readonly string[]
  /** Fields the tool requires. */
  required: readonly string[]
  /** What the tool does with an agent that lacks one (`skips an agent without it`), when documented. */
  withoutRequired?: string
  /** Fields only this dialect has: a file with one is in this dialect. */
  ownFields: readonly string[]
  /** Whether a `tools` map of booleans marks a file as this dialect. */
  toolsMap?: boolean
  /** The folders the tool reads agents from, relative to a project or config root (`.claude/agents`). */
  folders: readonly string[]
  /** File name endings that mark a file as this dialect wherever it lies (`.agent.md`). */
  suffixes?: readonly string[]
  /** The file name an agent has in this dialect. */
  fileName(name: string): string
  /**
   * The `name` field to write for an agent called `name`: the value, and a
   * note when it had to change, with the tool's rule it broke (`why`, which
   * lint reports); undefined when the tool names an agent after its file and
   * has no `name` field.
   */
  name?(name: string): { value: string; note?: string; why?: string }
  /** Unknown fields: kept (the tool ignores them) or dropped, and why. */
  unknownFields: { keep: true } | { keep: false; why: string }
  tools: DialectTools
  models: DialectModels
  /** The facts a field of this dialect states, or undefined for a field with no such meaning. */
  readFact?(key: string, value: unknown): Fact[] | undefined
  /** How the dialect says a fact, or undefined to say nothing (it is already so). */
  writeFact(fact: Fact): FactWrite | undefined
}
