// One identity: the opening role statements of an agent ("You are a senior
// backend engineer ...", "Role: ...", the paragraph under a "Purpose" or
// "Core Identity" heading). Every input restates its role in its own words;
// a merge that wrote each of them would open with several competing
// identities, so they are found here, decided together (one written, the
// most complete), and scored apart from folds by the evaluation. What an
// opening not chosen says that nothing written says is told, since its
// author's specifics would otherwise leave the output unseen.
import type { Agent, Block, Section, Statement } from '../model.js'
import { analyzeWords, PERSONA_FILLERS, specificTest, WordMemo, writtenTerms } from '../similarity/index.js'
import { soleHeading } from './units.js'
import { bySource } from '../order.js'
import { byCompleteText } from './complete.js'

/** "You are ...", "I am ...", "Act as ..." and "Role:"/"Purpose:"-style labels. */
const ROLE_OPENING = /^\s*(?:you\s+are|you're|i\s+am|i'm|act\s+as|as\s+an?\s)\b/i
/** The nouns that name what a role statement states ("Role:", "Your role is ..."). */
const IDENTITY_NOUNS = ['role', 'purpose', 'identity', 'mission', 'persona']
const ROLE_LABEL = new RegExp(`^\\s*(?:${IDENTITY_NOUNS.join('|')})\\s*:`, 'i')
/**
 * Headings whose first paragraph states who the agent is. A word that says
 * whose ("Core Identity", "Expert Purpose", "Your Role") may qualify the
 * noun, and no other: "### IAM Role" or "### User Persona" is a topic.
 */
const IDENTITY_TITLE = /^\W*(?:\d+[.)]?\W*)?(?:(?:core|expert|agent|primary|your|my)\s+)?(?:identity|purpose|role|persona|what\s+i\s+do|who\s+i\s+am|about(?:\s+me)?|overview|mission)\W*$/i

/** Whether a paragraph reads as a role statement. */
export function isRoleStatement(s: Statement): boolean {
  if (s.kind !== 'paragraph') return false
  if (ROLE_LABEL.test(s.text)) return true
  if (!ROLE_OPENING.test(s.text)) return false
  // "You are responsible for ..." and "You are ready to ..." state a duty, not a role.
  return !/^\s*(?:you\s+are|you're|i\s+am|i'm)\s+(?:responsible|ready|tasked|expected|required|to|not|never|always|allowed)\b/i.test(s.text)
}

/**
 * The opening role statements of an agent: role statements among the
 * paragraphs that open the file (above its first list or subsection, or
 * under a single title heading), and the first paragraph of a section
 * titled as an identity ("Purpose", "Core Identity", "What I Do").
 */
export function openingsOf(agent: Agent): Statement[] {
  const out: Statement[] = []
  const leading = (body: readonly Block[]) => {
    for (const b of body) {
      if (b.type !== 'statement' || b.kind !== 'paragraph') break
      if (isRoleStatement(b)) out.push(b)
    }
  }
  leading((soleHeading(agent) ?? agent.root).body)
  const visit = (section: Section) => {
    for (const b of section.body) {
      if (b.type !== 'section') continue
      if (b.kind === 'heading' && IDENTITY_TITLE.test(b.title)) {
        const first = b.body[0]
        if (first?.type === 'statement' && first.kind === 'paragraph' && !out.includes(first) && !/:$/.test(first.text)) out.push(first)
      }
      visit(b)
    }
  }
  visit(agent.root)
  return out
}

/**
 * The opening written for several inputs: a role statement if any is one;
 * among them the most complete (complete.ts: by distinct content terms,
 * then the longest, then text), then by place (so that the choice does not
 * depend on the order of the inputs).
 */
export function chooseOpening(openings: readonly Statement[]): Statement | undefined {
  // A role statement reads as one wherever it is written (the paragraph under
  // "Purpose" does not, once it opens the merged file): those come first.
  const roles = openings.filter(isRoleStatement)
  let best: Statement | undefined
  for (const s of roles.length > 0 ? roles : openings) if (!best || (byCompleteText(s.text, best.text) || bySource(s, best)) < 0) best = s
  return best
}

/**
 * The terms of the words that frame a role statement: those that name it
 * ("Role:", "Your role is") and those that praise a persona ("Expert",
 * "Masters", "seasoned"), fillers of a role statement as the similarity
 * reads one. Every opening has them; they are no author's specifics.
 */
const FRAMING_TERMS: ReadonlySet<string> = new Set([...IDENTITY_NOUNS, ...PERSONA_FILLERS].flatMap((w) => analyzeWords(w).map((t) => t.term)))

/**
 * The share of the learned corpus's statements under which a word of an
 * opening is one of its author's specifics. The words openings repeat from
 * template ("spans", "emphasis", "crafts", "teams") are in more statements
 * than that; a named technology ("pytorch", "tokio") or a rare subject
 * ("multimodal") is in fewer. Read off the words the corpus's openings not
 * chosen carried.
 */
const CARRIED_SHARE = 0.0004

/**
 * For each opening not chosen, the specifics only it carries: its content
 * terms (fillers and FRAMING_TERMS left out) that no written text of the
 * merged agent (its statements, the chosen opening among them, and its
 * section titles) has among its terms and that are rare in the learned
 * corpus (specificTest at CARRIED_SHARE) or hold a digit, each as the
 * opening's author wrote it, in the order written. A term counts as said
 * wherever it is written, as a filler too: "scalable" before a noun still
 * says the word. A figure ("3.11+") is always specific: the corpus counts
 * its digits apart, which says nothing of the version it names.
 */
export function onlySaid(notChosen: readonly Statement[], written: readonly string[]): Map<Statement, string[]> {
  const memo = new WordMemo()
  const said = new Set(written.flatMap((text) => analyzeWords(text, memo).map((t) => t.term)))
  // Read only when some word is left to judge: a cached grouping has not loaded the learned data.
  let specific: ((phrase: string) => boolean) | undefined
  const out = new Map<Statement, string[]>()
  for (const s of notChosen) {
    const carried = writtenTerms(s.text, memo).filter((t) => !said.has(t.term) && !FRAMING_TERMS.has(t.term))
    // A token holding two terms ("cutting-edge") is written once.
    const words = carried.filter((t) => /\d/.test(t.written) || (specific ??= specificTest(CARRIED_SHARE))(t.written)).map((t) => t.written)
    out.set(s, [...new Set(words)])
  }
  return out
}
