// Every number that decides what aligns with what, in one place, so that
// `diff`, the merge driver and the merge mean the same thing by "the same
// section", and `diff` and the driver by "the same statement, reworded".
// Similarity scores are 0..1: the higher of the learned similarity's score
// (src/similarity, the grouping's score without its vetoes) and the Dice
// share of plain words, or across sections the learned score alone.
// docs/diff.md has how the statement scores were chosen.

/**
 * Least similarity for a statement left unpaired to be the reworded form of
 * one in the aligned section: half alike is where rewordings in the fixtures
 * stop and different instructions on one topic start.
 */
export const SAME_SECTION_SCORE = 0.5

/**
 * Least similarity across sections (a statement moved and maybe reworded):
 * stricter than in place, since a section holds many statements on its own
 * topic and a loose match elsewhere is more often another instruction; for
 * the same reason it is the learned score alone there, not words in common.
 */
export const OTHER_SECTION_SCORE = 0.6

/**
 * Least similarity for the one unpaired statement on each side of a gap
 * between two statements that kept their place: its position already says it
 * is the same statement, so only a faint likeness is asked for.
 */
export const GAP_SCORE = 0.3

/**
 * A word in more statements than this (both sides together) is no evidence
 * for a pair: candidate pairs come from words that are rare enough to
 * discriminate, which keeps pairing near linear.
 */
export const COMMON = 48

/**
 * Aligned sections with more unpaired statements than this on a side are not
 * compared all against all (quadratic); their pairs come from shared words.
 */
export const SECTION_CAP = 32

/**
 * How many pairings of one statement's copies (in one aligned section pair)
 * are tried for the ones that keep their order: each OLD copy is tried with
 * the NEW copies within a band around its own rank, the band as wide as this
 * allows, so a statement written a great many times stays near linear.
 */
export const EXACT_CANDIDATES = 4096

/** Sibling lists larger than this product are not compared title against title (quadratic). */
export const TITLE_PAIRS_CAP = 10_000

/**
 * Passes over the sections left unaligned anywhere in the tree (sections that
 * changed parent); each pass can free the children of what the last aligned.
 */
export const CROSS_TREE_ROUNDS = 4

/**
 * Least score (score.ts: title and content evidence, t + c - t*c) for two
 * sections to be the same section, in a 2-way alignment and in a merge:
 * equal keys reach it alone, so does sharing half of what they hold (the
 * majority of it), or titles that share topic words and some content.
 */
export const SECTION_SCORE = 0.5

/**
 * Least title score for two sections that hold no statement in common to be
 * one section of a merge: sections are aligned by what they say, and a title
 * word they share ("Core Quality Philosophy" / "Quality Engineering
 * Strategy", "🟣 Reliability" / "Quality & Reliability") is a tie-breaker,
 * not evidence of one topic; near-equal titles ("Testing" / "Testing
 * Methodology") still join. `diff` pairs the two versions of one file and
 * keeps SECTION_SCORE alone.
 */
export const TITLE_ONLY_SCORE = 0.7

/**
 * Two clusters of sections join only when every (sampled) pair across them
 * reaches this share of SECTION_SCORE and their mean reaches it: a cluster
 * does not grow by chaining sections that are alike only pairwise.
 */
export const LINK_RATIO = 0.8

/** Members sampled per cluster (evenly spread in rank order) when two large clusters are checked. */
export const CLUSTER_SAMPLE = 8

/**
 * Neighbours each section is scored against in one posting list (sections
 * sharing a title word or a content id): bounds the candidate pairs of a
 * merge of many files, which stays linear in the number of sections.
 */
export const POSTING_WINDOW = 32

/**
 * Title words (stemmed content terms) that name no topic by themselves
 * ("Development Principles", "Core Expertise"): they weigh
 * GENERIC_WORD_WEIGHT, so two titles that share only such words do not
 * align on their titles.
 */
export const GENERIC_TITLE_WORDS: ReadonlySet<string> = new Set([
  'dev', 'develop', 'core', 'key', 'main', 'gener', 'principl', 'approach', 'process', 'expertis', 'expert',
  'masteri', 'master', 'capabl', 'fundament', 'overview', 'guid', 'guidelin', 'practic', 'best', 'standard',
  'methodolog', 'method', 'techniqu', 'strategi', 'pattern', 'skill', 'area', 'focu', 'respons', 'technic',
  'profici', 'knowledg', 'stanc', 'prefer', 'philosophi',
])

/** The weight of a generic title word against a topic word's 1. */
export const GENERIC_WORD_WEIGHT = 0.2
