// Section keys: a section title reduced to the words that name its topic, so
// that `Security & Compliance`, `🔒 Security` and `Security Best Practices`
// can be aligned by later stages. Case, accents, punctuation, emoji,
// numbering and `&`/`and` are dropped and words are stemmed; order is kept.
// The same reading, keeping other words, gives a title word for word.
import { stemmer } from 'stemmer'

const STOP = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'your', 'our', 'my', 'you', 'i', 'we', 'what', 'how'])

/** The words a section key leaves out: function words, and bare numbers (a section's number is its place, not its topic). */
export const notTopic = (word: string): boolean => STOP.has(word) || /^\d+$/.test(word)

/** "and" alone: `&` and "and" join the same words whichever an author writes. */
export const onlyAnd = (word: string): boolean => word === 'and'

/**
 * A title's words, lower case, accents and punctuation aside, stemmed, in
 * order, without those `drop` names (read before stemming, as written): by
 * default the title's topic (`notTopic`); with `onlyAnd`, its words as
 * written ("For Query Optimization" is not "Query optimization").
 */
export function sectionKey(title: string, drop: (word: string) => boolean = notTopic): string {
  const words = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter((w) => w !== '' && !drop(w))
  return words.map((w) => stemmer(w)).join(' ')
}
