// The N-way merge: several variants of one agent in, one canonical agent
// out, with every statement traceable to all the `path:line` it stands for.
// See docs/merge.md for the rules; body.ts does the body (its sections
// aligned by src/align), meta.ts the frontmatter, provenance.ts the notes.
import type { DedupResult } from '../dedup/index.js'
import { groupingOf, groupStatements, statementsOfAgents } from '../dedup/index.js'
import { AgentError, note, quoted, warning } from '../errors.js'
import type { Agent, Diagnostic, Dialect, Section, Statement } from '../model.js'
import { sectionsOf } from '../walk.js'
import { mergeBodies, type MergedSection } from './body.js'
import { centralInput, inputNamed, tieBroken, type Central } from './decide.js'
import { chooseOpening, onlySaid, openingsOf } from './identity.js'
import { sameFile } from './copies.js'
import { strangers } from './strangers.js'
import { forbidsGranted, type ConflictKind } from './conflicts.js'
import { supersededPairs } from './superseded.js'
import { versionClashes } from './versions.js'
import { mergeMeta, type FieldDecision, type ToolsPolicy } from './meta.js'
import { renderAgent } from '../render/markdown.js'
import { buildProvenance, provenanceComment, type Provenance } from './provenance.js'
import type { Recorded } from './stages.js'
import type { Fold } from './fold.js'
import { bySource } from '../order.js'

export type { FieldDecision, ToolsPolicy } from './meta.js'
export type { Fold, MergedSection } from './body.js'
export type { Recorded } from './stages.js'
export { bestWording } from './wording.js'
export { nearRepeats } from './repeats.js'
export { provenanceJson, provenanceComment, type Provenance, type SectionProvenance, type StatementProvenance, type RecordedProvenance } from './provenance.js'

/**
 * The similarity a merge folds at: stricter than `dedup`'s listing, since a
 * wrong fold drops an instruction from the output while a missed one leaves
 * a visible repeat. Chosen leave one family out by scripts/eval-merge.mjs
 * (docs/merge.md has the figures and the rule).
 */
export const FOLD_THRESHOLD = 0.7
/**
 * What the merge adds to that bar where one statement's head names a
 * part the other lacks ("Implement health checks" is not
 * "Implement database health checks and monitoring"): whoever wrote the
 * shorter one did not ask for the rest. Chosen with the threshold, the same
 * way; `dedup` lists such pairs (its default adds nothing).
 */
const FOLD_EXTRA = 0.2
/** The grouping options the merge folds with: a `dedupAgents(agents, FOLD_OPTIONS)` result is taken as its grouping. */
export const FOLD_OPTIONS: Readonly<{ threshold: number; extra: number }> = Object.freeze({ threshold: FOLD_THRESHOLD, extra: FOLD_EXTRA })

export interface MergeOptions {
  /** The output dialect; default that of the deciding input. */
  to?: Dialect
  /** Path of the input that decides fields and conflicts; default the base, else the central input. */
  prefer?: string
  /** Path of the input whose structure and wording win, or `auto` for the central input. */
  base?: string
  /** How tools combine; default `union` (of the explicit lists). */
  tools?: ToolsPolicy
  /** Duplicate threshold passed to the similarity module; default FOLD_THRESHOLD. */
  threshold?: number
  /** Extra-part bar passed to the similarity module; default FOLD_OPTIONS.extra. */
  extra?: number
  /** Write only the statements carried by at least this many inputs. */
  minSupport?: number
  /** `keep`: write every side of a conflict; default `decide`. */
  conflicts?: 'decide' | 'keep'
  /** The output's path, recorded in the merged agent model. */
  path?: string
  /**
   * The duplicate grouping of the same agents, as `dedupAgents(agents, {
   * threshold, extra })` returned it (FOLD_OPTIONS by default): merge then
   * does not group again. A result for other agents or another bar is
   * ignored (merge groups itself).
   */
  dedup?: DedupResult
  /**
   * With minSupport: `dedupAgents(agents)` (dedup's own bar) of the same
   * agents, by which support is counted; merge groups itself otherwise.
   */
  support?: DedupResult
}

export interface MergeSummary {
  inputs: number
  statementsIn: number
  statementsOut: number
  /** Statements written once for several (folded into another). */
  duplicatesFolded: number
  sectionsIn: number
  sectionsOut: number
  /** Output sections that stand for sections of two or more inputs. */
  sectionsMerged: number
  /** Field disagreements, risky decisions and statement conflicts (see `conflicts`); a note is not one. */
  conflicts: number
  /** Input statements recorded but not written (conflict alternatives, openings not chosen, below min-support). */
  recorded: number
}

export interface MergeResult {
  /** The merged agent; `renderAgent` writes it as canonical Markdown. */
  agent: Agent
  /** The root and every output section in document order, with the input sections and statements behind them. */
  sections: MergedSection[]
  fields: FieldDecision[]
  provenance: Provenance
  /** One warning per field disagreement, risky tools decision or statement conflict; notes (an opening not chosen that says what nothing written says, an old tool name left out) among them, not counted as conflicts. */
  conflicts: Diagnostic[]
  /** Warnings about the inputs themselves, not conflicts of the merge: an input that shares nothing with the others (strangers.ts). */
  warnings: Diagnostic[]
  /** Input statements not written, and why. */
  recorded: Recorded[]
  /** The input that decided (fields, conflicts, default dialect). */
  decider: string
  summary: MergeSummary
}

/** A single input: its own model, every statement standing for itself. */
function identity(agent: Agent): MergedSection[] {
  const out: MergedSection[] = []
  const visit = (section: Section, members: Section[]): MergedSection => {
    const m: MergedSection = { section, members, folds: [], children: [] }
    out.push(m)
    for (const b of section.body) {
      if (b.type === 'statement') m.folds.push({ statement: b, members: [b] })
      else if (b.type === 'section') m.children.push(visit(b, [b]))
    }
    return m
  }
  visit(agent.root, [])
  return out
}

/** One identity: every input's opening role statements decided together (the base's, else the most complete). */
function decideOpening(agents: readonly Agent[], base: number): { openings: Set<Statement>; opening?: Fold; recorded: Recorded[] } {
  const all = agents.map(openingsOf)
  const openings = new Set(all.flat())
  const chosen = (base >= 0 ? chooseOpening(all[base]!) : undefined) ?? chooseOpening([...openings])
  if (!chosen) return { openings, recorded: [] }
  const recorded: Recorded[] = [...openings].filter((s) => s !== chosen).map((s) => ({ statement: s, reason: 'opening-not-chosen' as const, standsFor: chosen }))
  return { openings, opening: { statement: chosen, members: [chosen] }, recorded }
}

/**
 * The openings not chosen, each with the specifics only it carries (what no
 * written statement or title says), and one note on stderr for each that
 * carries some: recorded alone, the author's specifics left the output
 * unseen (a reader found wshobson's ai-engineer purpose paragraph the only
 * place "multimodal" was said).
 */
function openingSpecifics(recorded: readonly Recorded[], sections: readonly MergedSection[]): { recorded: Recorded[]; notes: Diagnostic[] } {
  const written = sections.flatMap((m) => [m.section.title, ...m.folds.map((f) => f.statement.text)])
  const only = onlySaid(recorded.map((r) => r.statement), written)
  const out = recorded.map((r): Recorded => (only.get(r.statement)!.length > 0 ? { ...r, carries: only.get(r.statement)! } : r))
  const notes = out
    .filter((r) => r.carries && r.standsFor)
    .sort((x, y) => bySource(x.statement, y.statement))
    .map((r) => note('opening-not-chosen', `opening not chosen (the merged agent opens with ${r.standsFor!.source.path}:${r.standsFor!.source.line}); only it says: ${r.carries!.join(', ')}`, r.statement.source.path, r.statement.source.line))
  return { recorded: out, notes }
}

/** The stderr lines of the recorded conflicts: one per statement, or one per section for another input's response format. */
function conflictWarnings(recorded: readonly Recorded[], mode: 'decide' | 'keep'): Diagnostic[] {
  const out: Diagnostic[] = []
  const sections = new Map<string, { section: NonNullable<ConflictKind['section']>; kept: Statement; detail: string; count: number }>()
  for (const r of recorded) {
    if (r.reason !== 'conflict') continue
    const kept = r.standsFor!
    const section = r.conflict!.section
    if (!section) {
      const outcome = mode === 'keep' ? 'written too, marked' : `not written, kept ${quoted(kept.text)}`
      out.push(warning('statement-conflict', `conflicts with ${kept.source.path}:${kept.source.line} (${r.conflict!.kind}: ${r.conflict!.detail}): ${quoted(r.statement.text)} ${outcome}`, r.statement.source.path, r.statement.source.line))
      continue
    }
    const key = `${section.source.path}:${section.source.line}`
    const entry = sections.get(key)
    if (entry) entry.count++
    else sections.set(key, { section, kept, detail: r.conflict!.detail, count: 1 })
  }
  for (const { section, kept, detail, count } of sections.values()) {
    const statements = count === 1 ? 'statement' : `${count} statements`
    const outcome = mode === 'keep' ? `its ${statements} written too, marked` : `its ${statements} not written (recorded in the provenance)`
    out.push(warning('statement-conflict', `section ${JSON.stringify(section.title)} conflicts with ${kept.source.path}:${kept.source.line} (${detail}): ${outcome}`, section.source.path, section.source.line))
  }
  return out
}

/** Body statements that forbid a tool the merged frontmatter grants, one warning each. */
function againstTools(sections: readonly MergedSection[], meta: Agent['meta']): Diagnostic[] {
  if (!meta.tools) return []
  const granted = new Set(meta.tools.filter((t) => t.enabled).map((t) => t.id))
  const out: Diagnostic[] = []
  for (const m of sections) {
    for (const f of m.folds) {
      const tool = forbidsGranted(f.statement.text, granted)
      if (tool) out.push(warning('contradicts-tools', `forbids ${tool}, which the merged tools grant: ${quoted(f.statement.text)}`, f.statement.source.path, f.statement.source.line))
    }
  }
  return out
}

/** Written statements that recommend what another input's written statement retires ("ruff (replacing black)"), one warning each. */
function againstRetired(sections: readonly MergedSection[]): Diagnostic[] {
  return supersededPairs(sections.flatMap((m) => m.folds.map((f) => f.statement))).map(({ recommends, retires, name }) =>
    warning('contradicts-statement', `recommends ${JSON.stringify(name)}, which ${retires.source.path}:${retires.source.line} retires (${quoted(retires.text)}): ${quoted(recommends.text)}`, recommends.source.path, recommends.source.line),
  )
}

/**
 * Names the written statements give in versions that disagree across
 * inputs ("OpenAPI 3.0" / "OpenAPI 3.1"), one warning each, at the first
 * statement of each version but the one most inputs give.
 */
function againstVersions(sections: readonly MergedSection[]): Diagnostic[] {
  return versionClashes(sections.flatMap((m) => m.folds)).flatMap(({ name, versions }) => {
    const [most, ...others] = versions
    const first = most!.statements[0]!
    const inputs = (n: number) => `${n} input${n === 1 ? '' : 's'}`
    return others.map(({ version, statements, inputs: n }) => {
      const s = statements[0]!
      return warning('contradicts-statement', `gives ${name} ${version} (${inputs(n)}), where ${first.source.path}:${first.source.line} gives ${name} ${most!.version} (${inputs(most!.inputs)}); both written: ${quoted(s.text)}`, s.source.path, s.source.line)
    })
  })
}

/**
 * The name the merged agent's title must name, when some input writes a
 * `name` field: the one the frontmatter decision chose, written or not (a
 * dialect without the field names the agent by its file); undefined when no
 * input writes one, since a name read off a file's path says nothing about
 * its title.
 */
function titleName(decided: unknown, agents: readonly Agent[]): string | undefined {
  const written = (a: Agent) => a.meta.fields.some((f) => f.key === 'name' && typeof f.value === 'string')
  return agents.some(written) && typeof decided === 'string' ? decided : undefined
}

/** Throws AgentError for options that cannot merge `inputs` agents; a caller may check before it groups. */
export function checkMergeOptions(inputs: number, options: Pick<MergeOptions, 'minSupport' | 'extra'>): void {
  if (options.minSupport !== undefined && !(Number.isInteger(options.minSupport) && options.minSupport >= 1)) throw new AgentError('bad-option', `--min-support must be a whole number of inputs, 1 or more, not ${options.minSupport}`, 'agentmerge')
  if (options.minSupport !== undefined && options.minSupport > inputs) throw new AgentError('bad-option', `--min-support ${options.minSupport} asks for more inputs than the ${inputs} given: no statement could be written`, 'agentmerge')
  if (options.extra !== undefined && !(Number.isFinite(options.extra) && options.extra >= 0)) throw new AgentError('bad-option', `the extra-part bar must be a number, 0 or more, not ${options.extra}`, 'agentmerge')
}

/** Merges agents into one; see docs/merge.md. Throws AgentError only for bad options. */
export function mergeAgents(agents: readonly Agent[], options: MergeOptions = {}): MergeResult {
  if (agents.length === 0) throw new AgentError('no-input', 'nothing to merge', options.path ?? '-')
  checkMergeOptions(agents.length, options)
  const { statements, owner } = statementsOfAgents(agents)
  const similarity = { threshold: options.threshold ?? FOLD_THRESHOLD, extra: options.extra ?? FOLD_EXTRA }
  const grouping = agents.length > 1 ? groupingOf(options.dedup, statements, similarity) ?? groupStatements(statements, similarity) : undefined
  const central = grouping ? centralInput(agents, grouping, statements, owner) : { index: 0, tied: [0], equal: false }
  const base = options.base === undefined ? -1 : options.base === 'auto' ? central.index : inputNamed(agents, options.base, '--base')
  const decider = options.prefer !== undefined ? inputNamed(agents, options.prefer, '--prefer') : base !== -1 ? base : central.index
  const to = options.to ?? agents[decider]!.meta.dialect
  const meta = mergeMeta(agents, agents[decider]!, to, options.tools ?? 'union', options.prefer !== undefined || (options.base !== undefined && options.base !== 'auto'))
  const titled = titleName(meta.name, agents)
  const path = options.path ?? 'merged.md'
  let root: Section
  let sections: MergedSection[]
  let recorded: Recorded[] = []
  let sectionStats: { sectionsIn: number; sectionsOut: number; sectionsMerged: number }
  let opened = false
  let openingNotes: Diagnostic[] = []
  let notes: Diagnostic[] = []
  if (!grouping) {
    // Merging one file gives its normalized form: nothing is folded inside a file.
    root = agents[0]!.root
    sections = identity(agents[0]!)
    const n = sectionsOf(root).length - 1
    sectionStats = { sectionsIn: n, sectionsOut: n, sectionsMerged: 0 }
  } else {
    const id = decideOpening(agents, base)
    opened = id.opening !== undefined
    // Support is counted at dedup's bar: an input carries a statement when it says it in words `dedup` lists as the same.
    // A wrong judgement here writes one statement more, never drops one, so the fold bar's caution is not needed.
    const support = options.minSupport !== undefined && options.minSupport > 1 ? groupingOf(options.support, statements) ?? groupStatements(statements) : undefined
    const body = mergeBodies(agents, {
      grouping,
      ...(support ? { support } : {}),
      statements,
      base,
      decider,
      named: options.prefer !== undefined || base !== -1,
      openings: id.openings,
      ...(titled !== undefined ? { name: titled } : {}),
      ...(id.opening ? { opening: id.opening } : {}),
      ...(options.minSupport !== undefined ? { minSupport: options.minSupport } : {}),
      ...(options.conflicts ? { conflicts: options.conflicts } : {}),
    })
    root = { ...body.root, source: { path, line: 1 } }
    sections = body.sections
    sections[0]!.section = root
    const specifics = openingSpecifics(id.recorded, sections)
    openingNotes = specifics.notes
    recorded = [...specifics.recorded, ...body.recorded]
    sectionStats = body.stats
    notes = body.notes
  }
  const agent: Agent = { path, meta: meta.meta, root, eol: '\n', bom: false, warnings: [] }
  const statementsIn = statements.length
  const statementsOut = sections.reduce((n, s) => n + s.folds.length, 0)
  const conflicts = [...centralTie(central, agents, options), ...openingNotes, ...meta.conflicts, ...conflictWarnings(recorded, options.conflicts ?? 'decide'), ...againstTools(sections, meta.meta), ...(grouping ? [...againstRetired(sections), ...againstVersions(sections)] : []), ...emptyCore(options.minSupport, statementsOut - (opened ? 1 : 0), agents[decider]!.path), ...notes]
  const folded = sections.reduce((n, s) => n + s.folds.reduce((k, f) => k + f.members.length - 1, 0), 0)
  // A conflict's side kept with `--conflicts keep` is written: warned about, not recorded as not written.
  const written = new Set(sections.flatMap((s) => s.folds.flatMap((f) => f.members)))
  const unwritten = recorded.filter((r) => !written.has(r.statement))
  const summary: MergeSummary = { inputs: agents.length, statementsIn, statementsOut, duplicatesFolded: folded, ...sectionStats, conflicts: conflicts.filter((d) => d.severity !== 'note').length, recorded: new Set(unwritten.map((r) => r.statement)).size }
  const provenance = buildProvenance(agents, sections, meta.decisions, to, unwritten, agents[decider]!.path)
  const warnings = grouping ? strangers(agents, statements, owner, grouping) : []
  return { agent, sections, fields: meta.decisions, provenance, conflicts, warnings, recorded: unwritten, decider: agents[decider]!.path, summary }
}

/**
 * A core that holds nothing beyond its opening, which a summary's "1 out"
 * leaves the user to work out: no point is carried by K inputs, or the points
 * that are stand in a procedure or a run of phases kept whole or not at all.
 */
function emptyCore(minSupport: number | undefined, beyondOpening: number, path: string): Diagnostic[] {
  if (minSupport === undefined || minSupport < 2 || beyondOpening > 0) return []
  return [note('empty-core', `--min-support ${minSupport}: the merged agent holds its opening at most: no other statement is carried by ${minSupport} inputs, or one that is stands in a procedure or a run of numbered headings not carried whole (each is recorded as below --min-support)`, path)]
}

/**
 * A note when the central input, as the deciding input or the `--base auto`
 * base, was one of several equally central (always so of two inputs): what
 * chose it, since its structure, wording and ties are the output's.
 */
function centralTie(central: Central & { equal: boolean }, agents: readonly Agent[], options: MergeOptions): Diagnostic[] {
  const roles = [...(options.prefer === undefined && (options.base === undefined || options.base === 'auto') ? ['deciding input'] : []), ...(options.base === 'auto' ? ['base (--base auto)'] : [])]
  // Copies of one whole file tied leave nothing chosen: merge(a, a) says what merge(a) says.
  if (central.tied.length < 2 || roles.length === 0 || central.tied.every((i) => sameFile(agents[i]!, agents[central.index]!))) return []
  return [note('central-tie', `${roles.join(' and ')}: ${tieBroken(central.tied.length, 'inputs', central.equal ? 'path' : 'complete')}`, agents[central.index]!.path)]
}

/** The summary line printed on stderr. */
export function summaryLine(s: MergeSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const recorded = s.recorded > 0 ? `, ${s.recorded} recorded, not written` : ''
  return `merged ${plural(s.inputs, 'file')}: ${plural(s.statementsIn, 'statement')} in, ${s.statementsOut} out, ${plural(s.duplicatesFolded, 'duplicate')} folded${recorded}; ${plural(s.sectionsIn, 'section')} in, ${s.sectionsOut} out, ${s.sectionsMerged} merged; ${plural(s.conflicts, 'conflict')}`
}

export type ProvenanceMode = 'inline' | 'sidecar' | 'none'

/**
 * The merged file's text: canonical Markdown, with the inline notes at the
 * end when `provenance` is `inline`.
 */
export function renderMerged(result: MergeResult, provenance: ProvenanceMode = 'none'): string {
  const text = renderAgent(result.agent)
  if (provenance !== 'inline') return text
  return (text === '' ? '' : text + '\n') + provenanceComment(result.provenance) + '\n'
}
