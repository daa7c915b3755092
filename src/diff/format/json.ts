// The JSON format: a stable, documented schema (docs/diff.schema.json,
// explained in docs/diff.md). Places are `path:line` on both sides; a side
// that does not exist is null. `version` changes only when a field changes
// meaning.
import type { AgentDiff, DiffCounts, DiffReport, SectionRef, StatementChange, StatementRef, WordRun } from '../model.js'
import { toReport } from '../report.js'
import { hasChanges } from '../model.js'
import { at, summaryLine } from './common.js'

export const DIFF_JSON_VERSION = 1

const statementJson = (r: StatementRef) => ({ at: at(r.statement.source), kind: r.statement.kind, id: r.statement.id, text: r.statement.text, section: r.section })
const sectionJson = (r: SectionRef) => ({ at: at(r.section.source), title: r.section.title, path: r.path })
const runs = (w: WordRun[] | null | undefined) => (w ? w.map((r) => ({ op: r.op, text: r.text, ...(r.struck ? { struck: true } : {}) })) : null)

function changeJson(c: StatementChange) {
  const old = c.change === 'added' ? null : statementJson(c.old)
  const nu = c.change === 'removed' ? null : statementJson(c.new)
  if (c.change === 'reworded') return { change: c.change, old, new: nu, score: c.score, replaced: c.words === null, words: runs(c.words) }
  if (c.change === 'moved') return { change: c.change, old, new: nu, move: c.move, score: c.score, reworded: c.words !== undefined, words: runs(c.words) }
  return { change: c.change, old, new: nu }
}

const countsJson = (c: DiffCounts) => ({
  renamed: c.renamed,
  added: c.added,
  removed: c.removed,
  reworded: c.reworded,
  moved: c.moved,
  sectionsAdded: c.sectionsAdded,
  sectionsRemoved: c.sectionsRemoved,
  sectionsRenamed: c.sectionsRenamed,
  sectionsMoved: c.sectionsMoved,
  fields: c.fields,
  unchanged: c.unchanged,
  formatting: c.formatting,
})

function agentDiffJson(d: AgentDiff) {
  return {
    old: d.oldPath,
    new: d.newPath,
    name: d.name,
    status: d.status,
    renamed: d.counts.renamed > 0,
    counts: countsJson(d.counts),
    fields: d.fields.map((f) => ({
      key: f.key,
      change: f.change,
      old: f.old ? { value: f.old.value ?? null, at: at(f.old.at) } : null,
      new: f.new ? { value: f.new.value ?? null, at: at(f.new.at) } : null,
      tools: f.tools ?? null,
      words: runs(f.words),
    })),
    sections: d.sections.map((s) => {
      const old = s.change === 'added' ? null : sectionJson(s.old)
      const nu = s.change === 'removed' ? null : sectionJson(s.new)
      return s.change === 'moved' ? { change: s.change, old, new: nu, move: s.move } : { change: s.change, old, new: nu }
    }),
    statements: d.statements.map(changeJson),
    formatting: d.formatting.map((f) => ({ what: f.what, detail: f.detail, old: f.old ? at(f.old) : null, new: f.new ? at(f.new) : null })),
  }
}

export function diffJson(input: DiffReport | AgentDiff) {
  const report = toReport(input)
  return {
    version: DIFF_JSON_VERSION,
    changed: hasChanges(report.counts),
    summary: summaryLine(report.counts, true),
    counts: { files: report.counts.files, changedFiles: report.counts.changedFiles, ...countsJson(report.counts) },
    files: report.files.map(agentDiffJson),
  }
}

/** The diff as JSON text (two-space indented, with a final newline). */
export function formatJson(input: DiffReport | AgentDiff): string {
  const report = toReport(input)
  return JSON.stringify(diffJson(report), null, 2) + '\n'
}
