// The N-way merge: several variants of one agent in, one canonical agent
// out, with every statement traceable to all the `path:line` it stands for.
// See docs/merge.md for the rules; body.ts and align.ts do the body,
// meta.ts the frontmatter, provenance.ts the notes.
import { resolve } from 'node:path'
import type { DedupResult } from '../dedup/index.js'
import { AgentError } from '../errors.js'
import type { Agent, Diagnostic, Dialect, Section } from '../model.js'
import { statementsOf, sectionsOf } from '../walk.js'
import { mergeBodies, type MergedSection } from './body.js'
import { mergeMeta, type FieldDecision, type ToolsPolicy } from './meta.js'
import { renderAgent } from '../render/markdown.js'
import { buildProvenance, provenanceComment, type Provenance } from './provenance.js'

export type { FieldDecision, ToolsPolicy } from './meta.js'
export type { Fold, MergedSection } from './body.js'
export { provenanceJson, provenanceComment, type Provenance, type SectionProvenance, type StatementProvenance } from './provenance.js'

export interface MergeOptions {
  /** The output dialect; default that of the first agent. */
  to?: Dialect
  /** Path of the agent whose name, description and other fields win; default the first. */
  prefer?: string
  /** How tools combine; default `union`. */
  tools?: ToolsPolicy
  /** Duplicate threshold passed to the similarity module. */
  threshold?: number
  /** The output's path, recorded in the merged agent model. */
  path?: string
  /**
   * The duplicate grouping of the same agents, as `dedupAgents(agents, {
   * threshold })` returned it: merge then does not group again. A result
   * for other agents or another threshold is ignored (merge groups itself).
   */
  dedup?: DedupResult
}

export interface MergeSummary {
  inputs: number
  statementsIn: number
  statementsOut: number
  /** statementsIn - statementsOut: statements written once for several. */
  duplicatesFolded: number
  sectionsIn: number
  sectionsOut: number
  /** Output sections that stand for sections of two or more inputs. */
  sectionsMerged: number
  /** Field disagreements and risky decisions (see `conflicts`). */
  conflicts: number
}

export interface MergeResult {
  /** The merged agent; `renderAgent` writes it as canonical Markdown. */
  agent: Agent
  /** The root and every output section in document order, with the input sections and statements behind them. */
  sections: MergedSection[]
  fields: FieldDecision[]
  provenance: Provenance
  /** One warning per field disagreement or risky tools decision. */
  conflicts: Diagnostic[]
  summary: MergeSummary
}

/** Finds the agent `prefer` names: by path as given, else by resolved path. */
function preferredAgent(agents: readonly Agent[], prefer: string | undefined): Agent {
  if (prefer === undefined) return agents[0]!
  const found = agents.find((a) => a.path === prefer) ?? agents.find((a) => a.path !== '-' && resolve(a.path) === resolve(prefer))
  if (!found) throw new AgentError('prefer-not-input', `--prefer names a file that is not an input of the merge`, prefer)
  return found
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

/** Merges agents into one; see docs/merge.md. Throws AgentError only for bad options. */
export function mergeAgents(agents: readonly Agent[], options: MergeOptions = {}): MergeResult {
  if (agents.length === 0) throw new AgentError('no-input', 'nothing to merge', options.path ?? '-')
  const preferred = preferredAgent(agents, options.prefer)
  const to = options.to ?? agents[0]!.meta.dialect
  const meta = mergeMeta(agents, preferred, to, options.tools ?? 'union')
  const path = options.path ?? 'merged.md'
  let root: Section
  let sections: MergedSection[]
  let sectionStats: { sectionsIn: number; sectionsOut: number; sectionsMerged: number }
  if (agents.length === 1) {
    // Merging one file gives its normalized form: nothing is folded inside a file.
    root = agents[0]!.root
    sections = identity(agents[0]!)
    const n = sectionsOf(root).length - 1
    sectionStats = { sectionsIn: n, sectionsOut: n, sectionsMerged: 0 }
  } else {
    const body = mergeBodies(agents, { ...(options.threshold === undefined ? {} : { threshold: options.threshold }), ...(options.dedup ? { dedup: options.dedup } : {}) })
    root = { ...body.root, source: { path, line: 1 } }
    sections = body.sections
    sections[0]!.section = root
    sectionStats = body.stats
  }
  const agent: Agent = { path, meta: meta.meta, root, eol: '\n', bom: false, warnings: [] }
  const statementsIn = agents.reduce((n, a) => n + statementsOf(a.root).length, 0)
  const statementsOut = sections.reduce((n, s) => n + s.folds.length, 0)
  const summary: MergeSummary = {
    inputs: agents.length,
    statementsIn,
    statementsOut,
    duplicatesFolded: statementsIn - statementsOut,
    ...sectionStats,
    conflicts: meta.conflicts.length,
  }
  const provenance = buildProvenance(agents, sections, meta.decisions, to)
  return { agent, sections, fields: meta.decisions, provenance, conflicts: meta.conflicts, summary }
}

/** The summary line printed on stderr. */
export function summaryLine(s: MergeSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  return `merged ${plural(s.inputs, 'file')}: ${plural(s.statementsIn, 'statement')} in, ${s.statementsOut} out, ${plural(s.duplicatesFolded, 'duplicate')} folded; ${plural(s.sectionsIn, 'section')} in, ${s.sectionsOut} out, ${s.sectionsMerged} merged; ${plural(s.conflicts, 'conflict')}`
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
