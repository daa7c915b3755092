// The merged frontmatter, by consensus. One dialect (`to`); every field
// written when at least half the inputs carry it, with the value most carry
// (ties: the deciding input's; a model counted by its family, ballots.ts);
// the description closest to all the others (of those equally close, the
// more complete), with the routing trigger most inputs carry; fields of another dialect
// dropped with a warning; tools under an explicit policy that never widens
// them silently (tools.ts, one mechanism for every dialect). Every
// disagreement is reported with the place of each value, and every decision
// is recorded for the provenance. Dialect facts come from the dialect
// registry (src/dialects).
import type { Agent, AgentMeta, Diagnostic, Dialect, MetaField, ToolGrant } from '../model.js'
import { convertAgent } from '../convert/index.js'
import { note, warning } from '../errors.js'
import { dialect, dialects } from '../dialects/index.js'
import { mergeToolGrants } from './tools.js'
import { detectDialect } from '../normalize/meta.js'
import { mostCentral, tieBroken } from './decide.js'
import { byCompleteText, moreCompleteText } from './complete.js'
import { asWritten, countingOf, sameValue as same } from './ballots.js'
import { byCodeUnits } from '../order.js'

export type ToolsPolicy = 'union' | 'intersection' | 'first' | 'all'

/** How one frontmatter field of the merged agent was decided. */
export interface FieldDecision {
  key: string
  /** The value written, or null when the field is not written. */
  value: unknown
  /** `path:line` of the value kept (`path` alone for a name taken from a file name). */
  from: string | null
  /** The rule that decided: see docs/merge.md. */
  rule: 'majority' | 'central' | 'minority' | 'union' | 'intersection' | 'first' | 'all' | 'not-in-dialect' | 'no-spelling'
  /** The other values the inputs had, with their places. */
  others: Array<{ value: unknown; from: string }>
  note?: string
}

export interface MetaMerge {
  meta: AgentMeta
  /** The name most inputs carry (ties: the deciding input's), written or not: a dialect without a `name` field still titles its agent by it. */
  name: unknown
  decisions: FieldDecision[]
  /** Disagreements and risky decisions, one diagnostic each. */
  conflicts: Diagnostic[]
}


const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null')
const place = (agent: Agent, line: number | undefined): string => (line ? `${agent.path}:${line}` : agent.path)
/**
 * A list in a warning, cut after three: a merge of hundreds of files would
 * otherwise write every one of them on each line. The provenance keeps all.
 */
export function someOf(items: readonly string[], max = 3): string {
  return items.length <= max + 1 ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}

/** Whether a field belongs to another dialect only, so writing it would misstate the output's dialect. */
function foreign(key: string, value: unknown, to: Dialect): boolean {
  if (dialect(to).fields.includes(key)) return false
  if (dialects().some((d) => d.id !== to && d.fields.includes(key))) return true
  const implied = detectDialect([{ key, value, line: 0 }], 'agent.md')
  return implied !== detectDialect([], 'agent.md') && implied !== to
}

function fieldOf(agent: Agent, key: string): MetaField | undefined {
  return agent.meta.fields.find((f) => f.key === key)
}

/**
 * Merges the frontmatter of agents. An agent in another dialect is first
 * converted to `to` (src/convert: fields renamed, models and tools
 * respelled, a warning for each field the target cannot say); then the
 * fields are decided one by one.
 */
export function mergeMeta(inputs: readonly Agent[], preferredInput: Agent, to: Dialect, policy: ToolsPolicy, named = false): MetaMerge {
  const conflicts: Diagnostic[] = []
  const converted = new Map<Agent, Diagnostic[]>()
  const agents = inputs.map((a) => {
    if (a.meta.dialect === to || !a.meta.present) return a
    const c = convertAgent(a, to)
    converted.set(a, c.warnings.filter((w) => w.code !== 'convert-missing'))
    return c.agent
  })
  // Each input's conversion warnings, inputs in path order: not the order of the files.
  for (const a of [...converted.keys()].sort((x, y) => byCodeUnits(x.path, y.path))) conflicts.push(...converted.get(a)!)
  const preferred = agents[inputs.indexOf(preferredInput)]!
  // The deciding input first, the others by path: nothing depends on the order of the inputs.
  const ordered = [preferred, ...agents.filter((a) => a !== preferred).sort((a, b) => byCodeUnits(a.path, b.path))]
  const out: Decided = { decisions: [], fields: [], conflicts, to, inputs: agents.length }
  const nameFromFile = (a: Agent) => inputs[agents.indexOf(a)]!.meta.nameFromFile
  const decidedName = decideName(ordered, nameFromFile, out)
  const keys: string[] = []
  // Tool fields (`tools`, Claude Code's `disallowedTools`) and rule fields
  // (OpenCode's `permission`) are decided together, never by consensus.
  const toolKeys = [...dialect(to).tools.fields, ...(dialect(to).tools.ruleFields ?? [])]
  for (const a of ordered) for (const f of a.meta.fields) if (f.key !== 'name' && !toolKeys.includes(f.key) && !keys.includes(f.key)) keys.push(f.key)
  for (const key of keys) decideField(key, ordered, out, named)

  const tools = mergeToolGrants(agents, inputs, preferred, to, policy, conflicts)
  out.decisions.push(...tools.decisions)
  out.fields.push(...tools.fields)

  const fields = out.fields
  const present = agents.some((a) => a.meta.present) || fields.length > 0
  const name = fields.find((f) => f.key === 'name')?.value
  const meta: AgentMeta = { dialect: to, name: typeof name === 'string' ? name : preferred.meta.name, nameFromFile: !dialect(to).name || (name === undefined && preferred.meta.nameFromFile), fields, present, line: present ? 1 : 0 }
  // The preferred file's YAML: a field written with its value is written as that file had it.
  if (preferredInput.meta.yaml !== undefined) meta.yaml = preferredInput.meta.yaml
  const description = fields.find((f) => f.key === 'description')?.value
  if (typeof description === 'string') meta.description = description
  const model = fields.find((f) => f.key === 'model')?.value
  if (typeof model === 'string') meta.model = model
  if (tools.grants) {
    meta.tools = tools.grants
    meta.toolsForm = tools.form
  }
  return { meta, name: decidedName, decisions: out.decisions, conflicts }
}

/** What the field decisions add up to, as they are made. */
interface Decided {
  decisions: FieldDecision[]
  fields: MetaField[]
  conflicts: Diagnostic[]
  to: Dialect
  inputs: number
}

/** A warning for a field whose inputs disagreed, listing the values not written with their places; `written`: some input wrote the value kept. */
function report(out: Decided, key: string, kept: unknown, from: string | null, others: FieldDecision['others'], anchor: Agent, line: number | undefined, why: string, written: boolean): void {
  if (others.length === 0) return
  const also = someOf(others.map((o) => `${show(o.value)} (${o.from})`))
  // A value no input wrote (a model family's alias) is written for its votes, not kept from them.
  const whence = from ? (written ? ` from ${from}` : ` for ${from}`) : ''
  out.conflicts.push(warning('field-conflict', `${key}: ${written ? 'kept' : 'wrote'} ${show(kept)}${whence} (${why}); also ${also}`, anchor.path, line))
}

/** name: the value most inputs carry (ties: the deciding input's); OpenCode has none. */
function decideName(ordered: readonly Agent[], nameFromFile: (a: Agent) => boolean, out: Decided): unknown {
  const namePlace = (a: Agent) => (nameFromFile(a) ? a.path : place(a, fieldOf(a, 'name')?.line))
  const all = ordered.map((a) => ({ agent: a, value: a.meta.name as unknown, from: namePlace(a) }))
  // A name read off a file's path is no vote against a name an input writes (a body-only input named `body.md`).
  const written = all.filter((v) => !nameFromFile(v.agent))
  const votes = written.length > 0 ? written : all
  const winner = majority(votes)
  const holder = winner.agent
  const nameField = fieldOf(holder, 'name')
  const others = all.filter((v) => !same(v.value, winner.value)).map(({ value, from }) => ({ value, from }))
  if (!dialect(out.to).name) {
    const title = dialect(out.to).title
    out.decisions.push({ key: 'name', value: null, from: winner.from, rule: 'not-in-dialect', others, note: `${title} names an agent by its file name` })
    if (nameField) out.conflicts.push(warning('field-dropped', `name: not written, ${title} names an agent by its file name (was ${show(winner.value)})`, holder.path, nameField.line))
    return winner.value
  }
  out.fields.push({ key: 'name', value: winner.value, line: nameField?.line ?? 0 })
  const why = majorityRule(votes, winner, ordered[0]!)
  out.decisions.push({ key: 'name', value: winner.value, from: winner.from, rule: 'majority', others, ...(why === MOST ? {} : { note: why }) })
  report(out, 'name', winner.value, winner.from, others, holder, nameField?.line, why, true)
  return winner.value
}

/**
 * A field other than name and tools: written when at least half the inputs
 * carry it, with the value most of them carry (ties: the deciding input's);
 * description: the one closest to all the others (centralDescription), with
 * the routing triggers most carry. A field of another dialect is dropped with a warning.
 */
function decideField(key: string, ordered: readonly Agent[], out: Decided, named: boolean): void {
  const counting = countingOf(key, out.to)
  const votes = ordered.flatMap((a) => {
    const f = fieldOf(a, key)
    return f ? [{ agent: a, value: f.value, from: place(a, f.line), line: f.line, ballot: counting.ballot(f.value) }] : []
  })
  const central = key === 'description' ? centralDescription(votes, ordered[0]!, named) : undefined
  const won = central?.won ?? majority(votes)
  const others = votes.filter((v) => v !== won).map(({ value, from }) => ({ value, from }))
  if (foreign(key, won.value, out.to)) {
    out.decisions.push({ key, value: null, from: won.from, rule: 'not-in-dialect', others, note: `${key} is not a ${out.to} field` })
    out.conflicts.push(warning('field-dropped', `${key}: not written, not a ${out.to} field (was ${someOf(votes.map((o) => `${show(o.value)} at ${o.from}`))})`, won.agent.path, won.line))
    return
  }
  if (2 * votes.length < out.inputs) {
    out.decisions.push({ key, value: null, from: null, rule: 'minority', others: votes.map(({ value, from }) => ({ value, from })), note: `carried by ${votes.length} of ${out.inputs} inputs, fewer than half` })
    // Told, not counted among the conflicts: the inputs without the field outvote it (the half rule).
    const first = votes.slice().sort((x, y) => byCodeUnits(x.agent.path, y.agent.path))[0]!
    out.conflicts.push(note('field-minority', `${key}: not written, carried by ${votes.length} of ${out.inputs} inputs, fewer than half (was ${someOf(votes.map((o) => `${show(o.value)} at ${o.from}`))})`, first.agent.path, first.line))
    return
  }
  // The winning ballot's value as written: one of its votes', or what stands for them all (a model family's alias).
  const written = counting.written(votes.filter((v) => v.ballot === won.ballot).map((v) => v.value))
  // Kept from the first vote that wrote it; a value none wrote stands for its ballot's votes, each recorded as not written.
  const kept = votes.find((v) => same(v.value, written.value))
  const winner = kept ?? won
  const from = kept?.from ?? votes.filter((v) => v.ballot === won.ballot).map((v) => v.from).join(', ')
  const value = key === 'description' && typeof winner.value === 'string' ? withTriggers(winner.value, votes.map((v) => v.value), out.inputs) : written.value
  const differ = votes.filter((v) => v !== kept && !same(v.value, value)).map(({ value: v, from: f }) => ({ value: v, from: f }))
  out.fields.push({ key, value, line: winner.line })
  const rule = central?.why ?? majorityRule(votes, won, ordered[0]!)
  const why = written.note === undefined ? rule : `${rule}; ${written.note}`
  out.decisions.push({ key, value, from, rule: central ? 'central' : 'majority', others: differ, ...(why === MOST || why === CLOSEST ? {} : { note: why }) })
  report(out, key, value, from, differ, winner.agent, winner.line, why, kept !== undefined)
}

interface Vote {
  agent: Agent
  value: unknown
  from: string
  line?: number
  /** The value it counts as (ballots.ts); its value as written when unset. */
  ballot?: string
}

const ballotOf = (v: Vote): string => v.ballot ?? asWritten(v.value)

/** The ballot most votes carry, as its earliest vote; ties: the earliest vote (the deciding input first). */
function majority<V extends Vote>(votes: readonly V[]): V {
  const tally = new Map<string, { first: V; count: number }>()
  for (const v of votes) {
    const key = ballotOf(v)
    const t = tally.get(key)
    if (t) t.count++
    else tally.set(key, { first: v, count: 1 })
  }
  let best: { first: V; count: number } | undefined
  // Map order is first-appearance order, so a tie keeps the earliest.
  for (const t of tally.values()) if (!best || t.count > best.count) best = t
  return best!.first
}

/**
 * Why a majority's winner won: MOST, or a tie, broken by the deciding input
 * (first in `votes` when it has the field) when its value is among the
 * tied, else by the order of the inputs' paths; for its warning and the
 * decision's note in the sidecar.
 */
function majorityRule(votes: readonly Vote[], winner: Vote, decider: Agent): string {
  const count = (b: string) => votes.filter((x) => ballotOf(x) === b).length
  const own = count(ballotOf(winner))
  const tied = votes.some((v) => ballotOf(v) !== ballotOf(winner) && count(ballotOf(v)) === own)
  if (!tied) return MOST
  const deciding = votes.find((v) => v.agent === decider)
  const by = deciding === undefined ? 'path order (the deciding input has none)' : ballotOf(deciding) === ballotOf(winner) ? 'the deciding input' : 'path order (the deciding input gives none of them)'
  return `a tie at ${own} input${own === 1 ? '' : 's'} each, broken by ${by}`
}

const MOST = 'most inputs'

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z0-9][a-z0-9+#.-]*/g) ?? [])

const CLOSEST = 'closest to the others'

/**
 * The description closest to all the others (mostCentral over their words),
 * and why it won. Of descriptions equally central (two always are): the
 * deciding input's when an option named it (`--prefer`, `--base FILE`),
 * else the more complete (complete.ts), so that a tie never falls to a
 * file's name; the first by path only of identical texts.
 */
function centralDescription<V extends Vote>(votes: readonly V[], decider: Agent, named: boolean): { won: V; why: string } {
  const text = (v: V) => (typeof v.value === 'string' ? v.value : (JSON.stringify(v.value) ?? ''))
  const mine = (i: number) => named && votes[i]!.agent === decider
  const before = (a: number, b: number) => mine(a) || (!mine(b) && (byCompleteText(text(votes[a]!), text(votes[b]!)) || byCodeUnits(votes[a]!.agent.path, votes[b]!.agent.path)) < 0)
  const central = mostCentral(votes.map((v) => words(text(v))), before)
  const won = votes[central.index]!
  // Identical texts tied leave nothing chosen; equally complete ones fell to the text's order, which is said as such.
  const others = central.tied.map((i) => text(votes[i]!)).filter((t) => t !== text(won))
  if (central.tied.length < 2 || others.length === 0) return { won, why: CLOSEST }
  const how = mine(central.index) ? 'decider' : others.every((t) => moreCompleteText(text(won), t) < 0) ? 'complete' : 'text'
  return { won, why: tieBroken(central.tied.length, 'descriptions', how) }
}

/** A routing trigger: the sentence that tells the host when to call the agent. */
const TRIGGER = /[^.!?\n]*\buse\s+(?:this\s+agent\s+)?(?:proactively|immediately|when|after|for|whenever)\b[^.!?\n]*[.!?]?/i
const triggerKey = (sentence: string): string => sentence.toLowerCase().match(/\buse\s+(?:this\s+agent\s+)?(\w+)/)?.[1] ?? ''

/** The description with the routing trigger most inputs carry added when it has none of that kind. */
function withTriggers(description: string, values: readonly unknown[], inputs: number): string {
  const found = new Map<string, string[]>()
  for (const v of values) {
    if (typeof v !== 'string') continue
    const m = TRIGGER.exec(v)
    if (!m) continue
    const key = triggerKey(m[0])
    found.set(key, [...(found.get(key) ?? []), m[0].trim()])
  }
  const own = TRIGGER.exec(description)
  let out = description
  for (const [key, sentences] of [...found].sort((a, b) => byCodeUnits(a[0], b[0]))) {
    if (2 * sentences.length <= inputs || (own && triggerKey(own[0]) === key)) continue
    const sentence = sentences.slice().sort()[0]!
    out = `${out.trimEnd()}${/[.!?]$/.test(out.trimEnd()) ? '' : '.'} ${sentence}`
  }
  return out
}

/** The tool fields of a merged agent, their decisions, and its grants. */
export interface ToolsMerged {
  fields: MetaField[]
  decisions: FieldDecision[]
  grants?: ToolGrant[]
  form?: 'string' | 'list' | 'map'
}
