// Near-repeats of a merge: statements it wrote separately that `dedup`'s
// bar would group. The merge folds only at its stricter bar (a wrong fold
// loses an instruction), so these are left side by side for the maintainer
// to trim; the report lists them. Computed on request, over the written
// statements only, so a merge without a report pays nothing for them.
// The written statements are shaped again here rather than taken from the
// merge's reading: those shapes live in the caller's ProfileMemo, which
// neither MergeResult (plain data) nor the public API carries, and reshaping
// only the written statements is a small part of a merge with a report
// (measured in docs/performance.md).
import { groupDuplicates } from '../similarity/index.js'
import type { Statement } from '../model.js'
import type { MergedSection } from './tree.js'

/** Groups of two or more written statements that say the same thing at `dedup`'s bar, each in output order, in order of their first. */
export function nearRepeats(result: { sections: readonly MergedSection[] }): Statement[][] {
  const written = result.sections.flatMap((m) => m.folds.map((f) => f.statement))
  const { groups } = groupDuplicates(written.map((s) => ({ text: s.text, kind: s.kind })))
  return groups.filter((g) => g.length > 1).map((g) => g.map((i) => written[i]!))
}
