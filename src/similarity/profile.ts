// What a statement is compared on: its class (only statements of one class
// can be duplicates), its content terms, the terms it names as specifics, and
// for code the exact normalized text. Two statements with equal profiles are
// interchangeable for every rule, which is what lets grouping collapse them.

import { impliedBy, isParticular } from './implications.js'
import { personaRole } from './persona.js'
import { analyzeWords, uniqueTerms, WordMemo } from './terms.js'

/**
 * text: prose of any kind (paragraphs, items, tasks, rows, leads, html)
 * heading: section titles, only ever matched with titles
 * exact: code blocks and definitions, duplicates only when identical
 */
export type SimClass = 'text' | 'heading' | 'exact'

export interface Profile {
  cls: SimClass
  /** A "You are a ..." opening, compared on its role only. */
  persona: boolean
  /** Unique content terms, sorted. */
  terms: string[]
  /**
   * The subset of terms written as examples or quantities, or naming a
   * particular tool or technique (implications.ts), sorted.
   */
  specifics: string[]
  /**
   * Content terms by coordinated clause ("A and B" → [[a], [b]]), each sorted,
   * examples and modifiers left out; used by the extra-requirement rule.
   */
  clauses: string[][]
  /** Terms written only in trailing modifiers ("... with rollback"), sorted. */
  modifiers: string[]
  /** Terms the statement's terms imply but it does not name (implications.ts), sorted. */
  implied: string[]
  /** For the exact class: the normalized text. */
  exact?: string
}

export function classOf(kind: string): SimClass {
  if (kind === 'code' || kind === 'definition') return 'exact'
  if (kind === 'heading') return 'heading'
  return 'text'
}

/**
 * Code is a duplicate only if it would produce the same file: line endings,
 * trailing spaces and surrounding blank lines do not change a file's meaning;
 * anything else, indentation included, does.
 */
export function normalizeCode(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
}

/** `memo`: words read in other statements (see WordMemo), if any. */
export function profileOf(text: string, kind: string, memo?: WordMemo): Profile {
  const cls = classOf(kind)
  if (cls === 'exact') {
    const exact = normalizeCode(text)
    return { cls, persona: false, terms: [], specifics: [], clauses: [], modifiers: [], implied: [], exact }
  }
  const role = cls === 'text' ? personaRole(text) : undefined
  const all = analyzeWords(role ?? text, memo)
  const words = uniqueTerms(all)
  const terms = words.map((w) => w.term).sort()
  const keepFillers = !all.some((w) => !w.filler)
  const byClause = new Map<number, Set<string>>()
  for (const w of all) {
    if (w.example || w.number || w.modifier || (w.filler && !keepFillers)) continue
    let set = byClause.get(w.clause)
    if (!set) byClause.set(w.clause, (set = new Set()))
    set.add(w.term)
  }
  const clauses = [...byClause.keys()]
    .sort((a, b) => a - b)
    .map((k) => [...byClause.get(k)!].sort())
  const specifics = words
    .filter((w) => w.example || w.number || isParticular(w.term))
    .map((w) => w.term)
    .sort()
  const modifiers = words
    .filter((w) => w.modifier)
    .map((w) => w.term)
    .sort()
  return { cls, persona: role !== undefined, terms, specifics, clauses, modifiers, implied: impliedBy(terms) }
}
