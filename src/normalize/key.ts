// Section keys: a section title reduced to the words that name its topic, so
// that `Security & Compliance`, `🔒 Security` and `Security Best Practices`
// can be aligned by later stages. Case, punctuation, emoji, numbering and
// `&`/`and` are dropped and words are stemmed; order is kept.
import { stemmer } from 'stemmer'

const STOP = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'your', 'our', 'my', 'you', 'i', 'we', 'what', 'how'])

export function sectionKey(title: string): string {
  const words = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter((w) => w !== '' && !STOP.has(w) && !/^\d+$/.test(w))
  return words.map((w) => stemmer(w)).join(' ')
}
