// Whether a phrase names something specific (a tool, a library, a
// technique: "black", "os.path", "inheritance") rather than something every
// agent talks about ("implementation details", "components"): one of its
// stems is rare in the corpus's statements. The merge's supersession report
// (src/merge/superseded.ts) and its openings not chosen (src/merge/identity.ts,
// at a stricter share) read it; without learned data nothing is specific, so
// those reports stay silent rather than guess.
import { loadLearned } from './learned.js'
import { StemMemo, stemsOf } from './tokens.js'

/** A stem in fewer than this share of the corpus's statements names something specific. */
const SPECIFIC_SHARE = 0.005

/** The test for one run: whether some stem of a phrase is in fewer than `share` of the learned corpus's statements. */
export function specificTest(share = SPECIFIC_SHARE): (phrase: string) => boolean {
  const learned = loadLearned()
  if (!learned) return () => false
  const limit = share * learned.header.statements
  const memo = new StemMemo()
  return (phrase) => stemsOf(phrase, memo).some((stem) => (learned.df.get(stem) ?? 0) < limit)
}
