// Agent hand-offs. A statement that names another agent ("**With
// ar-vr-developer**: Create immersive VR/AR gaming experiences", "Coordinate
// with qa-expert on test plans", "hand off to backend-developer") says how
// this agent works with that one: a different point from a skill worded
// alike ("VR/AR development"), so the two never fold. Agents are named by
// kebab-case role names, so a hyphenated lower-case word ending in a role
// noun is read as one; a word opening with a bound prefix ("non-expert",
// "re-architect") or a bare number ("1-expert") is not a name.
const ROLE_NOUNS = [
  'developer', 'engineer', 'expert', 'specialist', 'architect', 'pro', 'analyst', 'manager', 'strategist', 'researcher', 'orchestrator', 'optimizer',
  'designer', 'reviewer', 'auditor', 'tester', 'writer', 'admin', 'administrator', 'coordinator', 'debugger', 'automator', 'consultant', 'advisor',
  'detective', 'modernizer',
]
const AGENT_NAME = new RegExp(`(?<![\\p{L}\\p{N}.-])(?!(?:non|multi|sub|re|co|pre|post|anti|semi|inter|intra|\\d+)-)[a-z0-9]+(?:[.-][a-z0-9]+)*-(?:${ROLE_NOUNS.join('|')})(?![\\p{L}\\p{N}-])`, 'u')

/** Whether a statement names another agent by its kebab-case name: a hand-off. */
export function isHandOff(text: string): boolean {
  return AGENT_NAME.test(text)
}
