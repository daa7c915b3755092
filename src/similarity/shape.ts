// What the learned similarity reads off one statement: its class (only one
// class compares with itself), whether it is an opening role statement or a
// list lead-in, its polarity, and its weighted stems. Two statements with the
// same class and text have the same shape, which lets grouping collapse them.

import { conjunctsOf } from './conjuncts.js'
import { isFiller } from './fillers.js'
import { impliedBy } from './implications.js'
import { personaRole } from './persona.js'
import { isNegative } from './polarity.js'
import { classOf, normalizeCode, profileOf, type Profile, type SimClass } from './profile.js'
import { termsOf } from './terms.js'
import { isContentWord, StemMemo, tokensOf, wordsOf, type Token, type Word } from './tokens.js'
import type { Tuning } from './tuning.js'

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
  /** The rule-based engine's profile, when its vetoes are switched on (ablation only). */
  legacy?: Profile
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
  let tokens = tuning.legacyTerms ? legacyTokens(text) : tokensOf(text, memo, tuning, split)
  if (tuning.fillers && !tuning.legacyTerms) tokens = dropFillers(split.words, tokens, memo)
  if (tuning.implications) {
    const have = new Set(tokens.map((t) => t.stem))
    for (const t of impliedBy([...have].sort())) if (!have.has(t)) tokens.push({ stem: t, weight: 0.5 })
  }
  tokens.sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0))
  const shape: Shape = { cls, persona, lead, negative: isNegative(text, split.words), tokens, conjuncts: conjunctsOf(split.folded, split.words, memo) }
  if (tuning.vetoes) shape.legacy = profileOf(text, kind)
  return shape
}

/** The rule-based engine's terms (synonyms, fillers, its own stemming), all at weight 1: for the ablation only. */
function legacyTokens(text: string): Token[] {
  return termsOf(text).map((stem) => ({ stem, weight: 1 }))
}

/** Tokens without the framing and praise words of fillers.ts (kept when nothing else is left). */
function dropFillers(words: readonly Word[], tokens: Token[], memo: StemMemo): Token[] {
  const filler = new Set<string>()
  const content = new Set<string>()
  for (const { word } of words) {
    if (!isContentWord(word)) continue
    const stem = memo.stem(word)
    if (isFiller(word, stem)) filler.add(stem)
    else content.add(stem)
  }
  const kept = tokens.filter((t) => content.has(t.stem) || !filler.has(t.stem))
  return kept.length > 0 ? kept : tokens
}

/** A string equal for two statements exactly when their shapes are equal. */
export function shapeKey(s: Shape): string {
  if (s.cls === 'exact') return 'x\u0000' + (s.exact ?? '')
  const flags = (s.persona ? 'p' : '') + (s.lead ? 'l' : '') + (s.negative ? 'n' : '')
  return [s.cls, flags, s.tokens.map((t) => `${t.stem}*${t.weight}`).join(' '), s.conjuncts.map((c) => c.join(' ')).join('|')].join('\u0000')
}
