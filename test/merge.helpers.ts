// Shared by the merge tests: the five fixtures read once, and what "every
// statement is accounted for" means in terms of provenance.
import { mergeAgents, parseAgent, readAgent, renderMerged, statementsOf, type Agent, type MergeResult } from '../src/index.js'
import { FIXTURE_FILES } from './helpers/cli.js'

/** Fixture paths as a user in the repository root types them (a tuple: one per fixture). */
export const FIXTURE_PATHS = FIXTURE_FILES.map((f) => `fixtures/backend-developer/${f}`) as [string, string, string, string, string]
export const GOLDEN = 'fixtures/merged/backend-developer.md'

let cached: Agent[] | undefined
/** The five fixtures, parsed once per test file (run with cwd = repository root). */
export function fixtureAgents(): Agent[] {
  cached ??= FIXTURE_PATHS.map((p) => readAgent(p))
  return cached
}

export const at = (s: { source: { path: string; line: number } }): string => `${s.source.path}:${s.source.line}`

/** Every input statement's path:line, with multiplicity. */
export function inputPlaces(agents: readonly Agent[]): string[] {
  return agents.flatMap((a) => statementsOf(a.root).map(at)).sort()
}

/**
 * Every path:line the provenance accounts for: each output statement's
 * sources, and each statement recorded but not written (a conflict
 * alternative, an opening not chosen, one below --min-support), once.
 */
export function provenancePlaces(result: MergeResult): string[] {
  const written = result.provenance.sections.flatMap((s) => s.statements.flatMap((st) => st.from))
  const seen = new Set(written)
  const recorded = [...new Set(result.provenance.recorded.map((r) => r.from))].filter((p) => !seen.has(p))
  return [...written, ...recorded].sort()
}

/** The body of a rendered agent: everything after the frontmatter. */
export function body(text: string): string {
  if (!text.startsWith('---\n')) return text
  const end = text.indexOf('\n---\n', 3)
  return end === -1 ? text : text.slice(end + 5)
}

/** All orderings of a list. */
export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()]
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]))
}

/** Who a small test agent is: its frontmatter's name and description, and its opening role statement. */
export interface Persona {
  name: string
  description: string
  opening: string
}

/** A small agent file read from text: its frontmatter, its opening, then `lines` (Markdown, one per line). */
export function agentDoc(path: string, lines: readonly string[], who: Persona = { name: 't', description: 'd', opening: 'You are t.' }): Agent {
  return parseAgent(['---', `name: ${who.name}`, `description: ${who.description}`, '---', '', who.opening, '', ...lines, ''].join('\n'), path)
}

/** The merged text (no provenance) of two agents in each order of the files: what the order-independence checks read. */
export function mergedBothWays(a: Agent, b: Agent): [string, string] {
  return [renderMerged(mergeAgents([a, b]), 'none'), renderMerged(mergeAgents([b, a]), 'none')]
}
