// The alignment engine, the one answer to "which section and which statement
// of OLD is which of NEW" that `diff` and the merge driver share, and to
// "which sections of N inputs are the same section" that the merge asks.
// Plain data in (two section trees; or N inputs' sections as units), plain
// data out (section pairs by index, statement pairs classed exact, reworded
// or moved, and the statements added and removed; or clusters of units).
// Both measure "the same section" with score.ts; the numbers that decide
// are in thresholds.ts.
export { alignBodies, type AlignOptions, type Alignment, type StatementPair } from './align.js'
export { flatten, headsList, isListEntry, titleWrapper, type SectionRef, type Side, type StatementRef } from './side.js'
export { keptInOrder, type OrderedPair } from './order.js'
export type { SectionAlignment } from './sections.js'
export { clusterSections, type SectionCluster, type SectionUnit } from './cluster.js'
export { keyWords, NUMBERING, TitleTerms } from './score.js'
