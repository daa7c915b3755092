// An input that shares nothing with the others: none of its statements is
// grouped with another input's, and the words it writes most are words no
// other input writes. Such an input is another agent, or the same one in
// another language (a merge had mixed a French file into English ones,
// with two openings and nothing folded), and its merge is the files one
// after another; the user is told, since no later stage can tell.
//
// Sharing no statement alone is not enough: authors of one role often word
// every point apart. But authors writing of one thing in one language use
// the same common words (the language's small words, the role's topic), so
// an input whose commonest words are mostly missing from every other input
// is read as a stranger. Figures and the measure over the corpus: docs/merge.md.
import type { StatementGrouping } from '../dedup/index.js'
import { warning } from '../errors.js'
import type { Agent, Diagnostic, Statement } from '../model.js'
import { byCodeUnits } from '../order.js'

/** Fewer statements than this say too little to judge by. */
const MIN_STATEMENTS = 5
/** How many of an input's commonest words are looked for in the others. */
const COMMON_WORDS = 10

/** The words of a statement's prose, case-folded: code says nothing of the language an author writes in. */
const wordsOf = (s: Statement): string[] => (s.kind === 'code' ? [] : (s.text.toLowerCase().match(/\p{L}+/gu) ?? []))

/** An input's commonest words, most frequent first, ties by the word (so the choice does not depend on the text's order). */
function commonest(words: readonly string[]): string[] {
  const count = new Map<string, number>()
  for (const w of words) count.set(w, (count.get(w) ?? 0) + 1)
  return [...count].sort((x, y) => y[1] - x[1] || byCodeUnits(x[0], y[0])).slice(0, COMMON_WORDS).map(([w]) => w)
}

/**
 * One warning for each input that shares nothing with the others (see the
 * top of this file). `statements`, `owner` and `grouping` as the merge
 * groups them: statement i is of input owner[i], in group grouping.group[i].
 */
export function strangers(agents: readonly Agent[], statements: readonly Statement[], owner: readonly number[], grouping: StatementGrouping): Diagnostic[] {
  if (agents.length < 2) return []
  const inputsOfGroup = new Map<number, Set<number>>()
  grouping.group.forEach((g, i) => {
    const set = inputsOfGroup.get(g) ?? new Set<number>()
    set.add(owner[i]!)
    inputsOfGroup.set(g, set)
  })
  const counts = agents.map(() => ({ statements: 0, shared: 0 }))
  const words = agents.map((): string[] => [])
  statements.forEach((s, i) => {
    const c = counts[owner[i]!]!
    c.statements++
    if (inputsOfGroup.get(grouping.group[i]!)!.size > 1) c.shared++
    for (const w of wordsOf(s)) words[owner[i]!]!.push(w)
  })
  const vocabularies = words.map((ws) => new Set(ws))
  const out: Diagnostic[] = []
  agents.forEach((agent, a) => {
    const c = counts[a]!
    if (c.statements < MIN_STATEMENTS || c.shared > 0) return
    const common = commonest(words[a]!)
    const unshared = common.filter((w) => !vocabularies.some((v, b) => b !== a && v.has(w)))
    if (common.length === 0 || unshared.length * 2 <= common.length) return
    out.push(warning('unrelated-input', `shares no statement with the other inputs, and ${unshared.length} of its ${common.length} commonest words are in none of them (${unshared.join(', ')}): is it the same agent, in their language?`, agent.path))
  })
  out.sort((x, y) => byCodeUnits(x.path, y.path))
  // Every input a stranger to the others (two files, one English, one French): which is the odd one out is not
  // for the merge to say, so one warning names them all, at the first, rather than one blaming each.
  if (out.length === agents.length) {
    return [warning('unrelated-input', `none of the ${out.length} inputs shares a statement with another (${out.map((d) => d.path).join(', ')}), and most of each one's commonest words are in none of the others: are they one agent, in one language?`, out[0]!.path)]
  }
  return out
}
