// agentmerge's library API, exactly what the README's Library section lists:
// read agent definitions into the agent model, normalize, dedup, merge, diff,
// convert, lint and merge three-way, and the formatters and reports of each.
// Internals (similarity scoring, alignment, dialect tables) are not API.
export type * from './model.js'
export { AgentError, formatDiagnostic } from './errors.js'
export { parseAgent, readAgent, type ParseOptions } from './pipeline.js'
export { normalizeAgent } from './normalize.js'
export { renderAgent } from './render/markdown.js'
export { statementsOf, sectionsOf } from './walk.js'
export { writeFileAtomic } from './write/atomic.js'
export { VERSION } from './version.js'
export { loadAgents, type LoadOptions, type Loaded, type LoadResult } from './load/index.js'
export { dedupAgents, dedupJson, type DedupOptions, type DedupResult, type DedupGroup, type DedupReason } from './dedup/index.js'
export { FOLD_THRESHOLD, FOLD_OPTIONS, mergeAgents, nearRepeats, renderMerged, summaryLine, provenanceJson, type MergeOptions, type MergeResult, type MergeSummary, type ProvenanceMode, type Provenance, type SectionProvenance, type StatementProvenance, type FieldDecision, type ToolsPolicy, type Fold, type MergedSection } from './merge/index.js'
export { diffAgents, diffReport, formatText, formatMarkdown, formatJson, formatGithub, type AgentDiff, type DiffReport, type DiffOptions, type DiffCounts, type StatementChange, type SectionChange, type FieldChange, type FormattingChange, type WordRun, type StatementRef, type SectionRef, type TextOptions, type MarkdownOptions, type GithubOptions } from './diff/index.js'
export { convertAgent, type ConvertOptions } from './convert/index.js'
export { lintAgents, formatFinding, type Finding, type LintOptions, type LintRule } from './lint/index.js'
export { merge3, mergeDriver, type Merge3Options, type Merge3Result, type DriverOptions, type DriverOutcome } from './driver/index.js'
export { renderMergeReport, renderDiffReport, type MergeReportOptions, type DiffReportOptions } from './report/index.js'
