// Words that carry no requirement of their own in agent definitions.
//
// Three kinds, all dropped before comparison:
// - STOPWORDS: English function words.
// - Framing verbs and nouns: "Implement X", "X strategies", "X systems",
//   "Design X", "Set up X" all ask for X. A list item names a capability; the
//   verb in front of it (or the generic noun after it) only dresses it up, and
//   the variants of one agent disagree mostly on exactly that dressing.
// - Praise: "proper", "robust", "comprehensive", "clear"... every agent
//   wants its work to be those, so they never separate two instructions.
//   ("efficient" is not praise here: synonyms.ts maps it to performance.)
//
// Framing words are matched by stem (so "implementing", "implementation" go
// too) unless the stem is shared with a content word: "consistent" is praise
// but "consistency" is a requirement (data consistency), "performing" frames
// but "performance" is a topic. Those are listed by surface form only.
// When a statement consists of nothing but fillers ("Best practices"), the
// fillers are kept so that it still has terms (see terms.ts).

import { stemmer } from 'stemmer'

export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or nor but of in on at to for from by with via per as into onto upon about
  is are was were be been being am will shall should must can could would may might
  do does did done doing has have had having
  i me my mine we us our ours you your yours he him his she her it its they them their theirs
  this that these those there here who whom whose which what when where while why how
  if then than so such also just only very too etc eg ie e.g i.e vs versus
  all any each every some both either neither other others another same own
  more most less least much many few several various
  up out down off over again further once before after during through throughout between
  within across along among against around
  always often usually typically generally whenever wherever whether
  i'm i'll i've you're you'll you've it's that's let's
  able want wants based`
    .split(/\s+/)
    .filter(Boolean),
)

/** Words that negate; they are kept, as the single term `not`. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'without',
  "don't", 'dont', "doesn't", 'doesnt', "didn't", "won't", 'wont', 'cannot', "can't", 'cant',
  "shouldn't", 'shouldnt', "mustn't", 'mustnt', "isn't", "aren't", 'nor',
])

/**
 * Framing verbs and generic nouns, matched by stem. Each line is one idea.
 */
const FRAMING_BY_STEM: readonly string[] = [
  // Verbs that introduce a capability without adding to it.
  'implement', 'design', 'build', 'built', 'create', 'creation', 'use', 'using', 'utilize', 'leverage',
  'write', 'wrote', 'written', 'add', 'apply', 'setup', 'set', 'define', 'definition',
  'manage', 'management', 'handle', 'handling', 'ensure', 'provide', 'support', 'follow', 'following',
  'make', 'enable', 'establish', 'consider', 'consideration',
  'employ', 'adopt', 'include', 'focus', 'help', 'allow', 'plan', 'planning', 'work', 'working', 'do',
  'deliver', 'produce', 'generate', 'conduct', 'incorporate', 'utilise', 'put', 'place',
  'get', 'keep', 'take', 'give', 'mind',
  // Generic nouns naming a kind of thing rather than a thing:
  // "caching strategies" = "caching", "backup procedures" = "backups".
  'strategy', 'approach', 'system', 'mechanism', 'technique', 'solution',
  'practice', 'principle', 'pattern', 'procedure', 'methodology', 'capability', 'functionality',
  'architecture', 'framework', 'tool', 'tooling', 'layer', 'level', 'measure', 'guideline',
  'aspect', 'area', 'way', 'thing', 'concept', 'option', 'guarantee', 'policy',
]
// Considered and kept as content: "method" (HTTP methods), "process"
// (asynchronous processing), "task" (task queues), "feature" (feature flags),
// "key" (API keys), "maintain" (its stem is "maintainability"), "perform"
// (its stem is "performance"), "integration test" (a synonym entry).

/** Praise and framing matched only as written (their stems collide with content words). */
const FILLER_WORDS: readonly string[] = [
  // Praise.
  'proper', 'properly', 'comprehensive', 'comprehensively', 'robust', 'robustly',
  'clear', 'clearly', 'appropriate', 'appropriately', 'effective', 'effectively', 'good', 'great', 'best',
  'modern', 'consistent', 'consistently', 'strong', 'strongly', 'thorough', 'thoroughly', 'careful', 'carefully',
  'well', 'solid', 'necessary', 'relevant', 'correct', 'correctly', 'accurate', 'accurately', 'optimal', 'optimally',
  'seamless', 'seamlessly', 'elegant', 'powerful', 'sophisticated', 'advanced', 'excellent', 'high-quality',
  'enterprise-grade', 'world-class', 'cutting-edge', 'state-of-the-art', 'best-in-class', 'battle-tested',
  'overall', 'fully', 'complete', 'completely', 'entire', 'whole', 'core', 'main', 'primary',
  'critical', 'important', 'essential', 'suitable', 'adequate', 'sound', 'strategically', 'gracefully',
  'easily', 'smoothly', 'beneficial', 'successfully', 'truly', 'really', 'specific',
  'particular', 'certain', 'right', 'useful', 'existing', 'current',
  // Framing verbs whose stem is shared with a content word: "integrity",
  // "performance".
  'performing', 'performed', 'integrate', 'integrates', 'integrated', 'integrating', 'integration', 'integrations',
  // Persona and expertise framing: "deep expertise in X" is a claim about X.
  'expertise', 'mastery', 'proficiency', 'proficient', 'deep', 'specializing', 'specialising', 'specialize',
  'specialise', 'specialized', 'specialised', 'skilled',
]

function stemSet(words: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>()
  for (const w of words) out.add(stemmer(w))
  return out
}

const FRAMING_STEMS = stemSet(FRAMING_BY_STEM)
const FILLER_SURFACE: ReadonlySet<string> = new Set(FILLER_WORDS)

/** True when a word (lower case, as written) or its stem carries no requirement. */
export function isFiller(word: string, stem: string): boolean {
  return FILLER_SURFACE.has(word) || FRAMING_STEMS.has(stem)
}

/** Words that open a persona statement ("You are a senior ..."). */
export const PERSONA_FILLERS: ReadonlySet<string> = new Set(
  `senior junior lead principal staff expert elite specialist specialised specialized seasoned experienced
  skilled highly professional world-class veteran master seasoned talented top distinguished
  knowledgeable accomplished passionate dedicated exceptional`
    .split(/\s+/)
    .filter(Boolean),
)
