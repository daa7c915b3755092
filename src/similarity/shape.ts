// What the learned similarity reads off one statement: its class (only one
// class compares with itself), whether it is an opening role statement or a
// list lead-in, its polarity, and its weighted stems. Two statements with the
// same class and text have the same shape, which lets grouping collapse them.

import { conjunctsOf } from './conjuncts.js'
import { personaRole } from './persona.js'
import { isNegative } from './polarity.js'
import { StemMemo, tokensOf, wordsOf, type Token } from './tokens.js'
import type { Tuning } from './tuning.js'

/**
 * text: prose of any kind (paragraphs, items, tasks, rows, leads)
 * heading: section titles, only ever matched with titles
 * exact: code blocks, definitions and HTML, duplicates only when identical
 * (an HTML block's words are mostly its tags: "<details> <summary>Good" is
 * not "Summary")
 */
export type SimClass = 'text' | 'heading' | 'exact'

export function classOf(kind: string): SimClass {
  if (kind === 'code' || kind === 'definition' || kind === 'html') return 'exact'
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

export interface Shape {
  cls: SimClass
  /** An opening role statement: "You are a ...", "Role: ...". */
  persona: boolean
  /** A list lead-in: a paragraph or lead that ends with a colon. */
  lead: boolean
  negative: boolean
  /** Stems with role weights, sorted by stem. */
  tokens: Token[]
  /** The stems of each part of the head, when it has two or more (conjuncts.ts). */
  conjuncts: string[][]
  /** For code and definitions: the normalized text. */
  exact?: string
}

const ROLE_LABEL = /^\s*(?:role|identity|persona)\s*[:\-–—]\s*\S/i

/** The shape of a statement, read with the caller's stem memo and tuning. */
export function shapeOf(text: string, kind: string, memo: StemMemo, tuning: Tuning): Shape {
  const cls = classOf(kind)
  if (cls === 'exact') return { cls, persona: false, lead: false, negative: false, tokens: [], conjuncts: [], exact: normalizeCode(text) }
  const persona = cls === 'text' && (personaRole(text) !== undefined || ROLE_LABEL.test(text))
  const lead = cls === 'text' && (kind === 'lead' || /:\s*$/.test(text))
  // The text is split into words once, for its tokens and its polarity.
  const split = wordsOf(text)
  const tokens = tokensOf(text, memo, tuning, split)
  tokens.sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0))
  return { cls, persona, lead, negative: isNegative(text, split), tokens, conjuncts: conjunctsOf(split.folded, split.words, memo) }
}

/**
 * A string equal for two statements exactly when they compare alike: their
 * shapes are equal, the parts of their heads only counting when `parts`
 * (a grouping with the extra-part bar), so that a grouping without it
 * collapses statements of equal stems whatever their parts.
 */
export function shapeKey(s: Shape, parts: boolean): string {
  if (s.cls === 'exact') return 'x\u0000' + (s.exact ?? '')
  const flags = (s.persona ? 'p' : '') + (s.lead ? 'l' : '') + (s.negative ? 'n' : '')
  const key = [s.cls, flags, s.tokens.map((t) => `${t.stem}*${t.weight}`).join(' ')]
  if (parts) key.push(s.conjuncts.map((c) => c.join(' ')).join('|'))
  return key.join('\u0000')
}
