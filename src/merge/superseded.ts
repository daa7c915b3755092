// Statements of one input that retire something another input's statement
// still recommends: "Code formatting and linting with ruff (replacing black,
// isort, flake8)" written beside "PEP 8 compliance with black formatting".
// They share too few words to be on one topic for the conflict test
// (conflicts.ts), so neither is the other's alternative: both are written,
// and the merge reports the pair, as it reports a statement that forbids a
// granted tool. Only specific names count as retired (specificTest: "black",
// "os.path", not "implementation details"), so "testing behavior rather than
// implementation details" does not flag every statement about implementing.
import { isNegative, specificTest } from '../similarity/index.js'
import type { Statement } from '../model.js'

/**
 * What a statement retires, up to the end of its clause: "replacing A, B",
 * "instead of A", "prefer X over A", "use X over A" ("over" alone is too
 * common a preposition: "control over", "iterate over"). "Rather than" is
 * left out: it contrasts approaches more than it names tools ("catch errors
 * at compile time rather than runtime" does not retire a runtime).
 */
const RETIRES = /\b(?:replacing|replaces|replaced|instead\s+of|(?:prefer(?:s|red|ring)?|favou?r(?:s|ed|ing)?|use[sd]?)\b[^.;:()]*?\bover)\s+([^.;:()]+)/gi
/**
 * A phrase that sets a name aside rather than asking for it: "over loops",
 * "instead of pip", "not black", "without mocks", "remove black", "migrate
 * legacy unittest suites"; it ends where the clause goes on ("migrate the
 * suites to pytest", "remove print debugging and use pytest").
 */
export const ASIDE = /\b(?:over|instead\s+of|rather\s+than|replac\w*|not|without|avoid\w*|never|remov\w*|drop\w*|migrat\w*|deprecat\w*|retir\w*|legacy)\s+[^.;:(),]*?(?=\s+(?:to|from|with|for|and|or|but|then|once|when)\b|[.;:(),]|$)/gi
/** Quoted text: an example ("e.g., \"Replaced a subquery with a JOIN\""), not what the statement asks. */
export const QUOTED = /"[^"]*"|“[^”]*”/g
/** Separators of a retired list: "black, isort, flake8", "pip or poetry". */
const LIST = /\s*(?:,|\/|\band\b|\bor\b|\betc\b)\s*/i
const ARTICLE = /^(?:the|a|an)\s+/i
/** Where the retired list ends inside its clause: "over inheritance to promote reuse", "instead of pip for speed". */
const TAIL = /\s+(?:to|for|when|with|within|in|on|because|so|that|which|where|while|if|as|unless|since|before|after|during)\b.*$/i

/** The specific names a statement retires, lower case. */
export function retiredBy(text: string, specific: (phrase: string) => boolean): string[] {
  const out = new Set<string>()
  for (const m of text.replace(QUOTED, ' ').matchAll(RETIRES)) {
    for (const part of m[1]!.replace(TAIL, '').split(LIST)) {
      const name = part.trim().replace(ARTICLE, '').toLowerCase()
      if (name !== '' && name.split(/\s+/).length <= 3 && specific(name)) out.add(name)
    }
  }
  return [...out].sort()
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One written statement recommending what another input's written statement retires. */
export interface Superseded {
  recommends: Statement
  retires: Statement
  name: string
}

/** A statement retiring a name, and its place among all the names retired (statements in output order, names sorted). */
interface Retiring {
  s: Statement
  at: number
}

/** A text's runs of word characters, lower case. */
const runsOf = (text: string): string[] => (text.match(/\w+/g) ?? []).map((w) => w.toLowerCase())

/**
 * The names each text mentions, by the names' patterns, every text read
 * once: a pattern is tried only on a text that has its name's first run of
 * word characters as a whole run (a name's pattern matches only between
 * characters that are not word characters, so each of its runs is one of the
 * text's), so the work grows with the texts and what they mention, not with
 * every name against every text.
 */
function mentions(texts: ReadonlyMap<Statement, string>, patterns: ReadonlyMap<string, RegExp>): Map<Statement, Set<string>> {
  const byRun = new Map<string, string[]>()
  // A name without word characters is tried on every text.
  const everywhere: string[] = []
  for (const name of patterns.keys()) {
    const run = runsOf(name)[0]
    if (run === undefined) everywhere.push(name)
    else if (byRun.has(run)) byRun.get(run)!.push(name)
    else byRun.set(run, [name])
  }
  const out = new Map<Statement, Set<string>>()
  for (const [s, text] of texts) {
    const candidates = new Set([...new Set(runsOf(text))].flatMap((run) => byRun.get(run) ?? []).concat(everywhere))
    const found = new Set([...candidates].filter((name) => patterns.get(name)!.test(text)))
    if (found.size > 0) out.set(s, found)
  }
  return out
}

/**
 * Every written statement that asks for (names outside a clause setting it
 * aside, and is not negated) something a written statement of another
 * input retires; each
 * statement once, with the first retiring statement in output order.
 */
export function supersededPairs(written: readonly Statement[]): Superseded[] {
  const specific = specificTest()
  const named = written.flatMap((s) => retiredBy(s.text, specific).map((name) => ({ s, name })))
  if (named.length === 0) return []
  const patterns = new Map(named.map(({ name }) => [name, new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w-])`, 'i')]))
  // What a statement asks for: its text without the clauses that set names aside.
  const asks = new Map<Statement, string>()
  for (const s of written) if (s.kind !== 'code' && !isNegative(s.text)) asks.set(s, s.text.replace(ASIDE, ' '))
  const asked = mentions(asks, patterns)
  const retires = new Map<Statement, Set<string>>()
  for (const { s, name } of named) retires.set(s, (retires.get(s) ?? new Set()).add(name))
  const inInput = (s: Statement, name: string) => `${s.source.path}\u0000${name}`
  // A name its retiring input asks for elsewhere is retired only in some case ("replaces Sidekiq as default" on
  // Rails 8, "Recommend Sidekiq" on Rails 7): the input weighs both, and another input's asking for it is no contradiction.
  // (A statement that retires the name itself does not count: its list of retired names is not all set aside by ASIDE.)
  const askedIn = new Set<string>()
  for (const [s, names] of asked) for (const name of names) if (!retires.get(s)?.has(name)) askedIn.add(inInput(s, name))
  // For each name, the first entry retiring it in output order and the first of another input than that one's:
  // whichever input a statement asking for the name is of, one of the two is the first of another input.
  const first = new Map<string, { first: Retiring; other?: Retiring }>()
  named.forEach((r, at) => {
    if (askedIn.has(inInput(r.s, r.name))) return
    const f = first.get(r.name)
    if (!f) first.set(r.name, { first: { s: r.s, at } })
    else if (!f.other && f.first.s.source.path !== r.s.source.path) f.other = { s: r.s, at }
  })
  const out: Superseded[] = []
  for (const s of written) {
    let hit: (Retiring & { name: string }) | undefined
    for (const name of asked.get(s) ?? []) {
      const f = first.get(name)
      const by = f && (f.first.s.source.path !== s.source.path ? f.first : f.other)
      if (by && (!hit || by.at < hit.at)) hit = { ...by, name }
    }
    if (hit) out.push({ recommends: s, retires: hit.s, name: hit.name })
  }
  return out
}
