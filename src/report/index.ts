// The HTML reports: a merge and a diff as one self-contained page each.
export { renderMergeReport, type MergeReportOptions } from './merge.js'
export { renderDiffReport, type DiffReportOptions } from './diff.js'
