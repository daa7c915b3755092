// Persona openings: "You are a senior backend engineer, ..." / "I am an
// expert ...". Across variants of one agent these restate the same role in
// different words and with different lists of strengths, so they are compared
// on the role they name (the noun phrase after "You are") and only with each
// other. What follows the role is ignored: a simplification, documented in
// docs/similarity.md.

import { PERSONA_FILLERS } from './fillers.js'

// An article is required: "You are responsible for ..." is not a persona.
const OPENING = /^\s*(?:you\s+are|you're|i\s+am|i'm|act\s+as)\s+(?:an?|the)\s+/i
// The role ends at the first clause boundary or relative/prepositional tail.
const ROLE_END =
  /[,.;:!?()—–]|\s(?:who|that|which|with|specializ\w*|specialis\w*|focus\w*|responsible|tasked|whose|in|at|for|on|of|from|by|to|and\s+(?:you|your|i|my))\s/i

/** The role a persona statement names, or undefined if it is not one. */
export function personaRole(text: string): string | undefined {
  const m = OPENING.exec(text)
  if (!m) return undefined
  const rest = text.slice(m[0].length)
  const end = ROLE_END.exec(rest + ' ')
  const role = (end ? rest.slice(0, end.index) : rest).trim()
  const words = role.split(/\s+/).filter((w) => w && !PERSONA_FILLERS.has(w.toLowerCase()))
  // A persona names a role in a few words; "You are ready to ..." does not.
  if (words.length === 0 || words.length > 6) return undefined
  return words.join(' ')
}
