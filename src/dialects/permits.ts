// What several agents' tool grants add up to, tool by tool, for a merge to a
// dialect that restricts tools to some uses (OpenCode's `permission` rules).
// Each agent's grants become permits: per tool (or MCP server), every use
// but some denied patterns, or only some allowed patterns but the denied ones
// inside them, or asked before use (OpenCode's `ask`). Permits combine
// by union or intersection, and two permits compare, so that every grant
// one has and the other lacks can be named. Where a combination cannot be
// decided exactly (two patterns that may overlap) the result errs toward
// less, and the comparison reports what was left out.
import { byCodeUnits } from '../order.js'
import type { Grant } from './types.js'

/**
 * What an agent may do with one tool: every use but `deny`, or only the uses
 * `allow` names but `deny` (Claude Code's `Bash(git *)` beside a denied
 * `Bash(git push *)`: a denial wins over an allow).
 */
export interface Permit {
  whole: boolean
  /** Patterns allowed when the tool is not granted whole. */
  allow: string[]
  /** Patterns denied: of the whole tool, of the uses `allow` names, or of the uses asked. */
  deny: string[]
  /**
   * Not granted whole, but used after asking (OpenCode's `ask`): between a
   * grant and a denial, so a union of an ask and a denial asks, and an
   * intersection of an ask and a grant asks.
   */
  ask?: boolean
}

/**
 * An agent's permits. `open`: a tool it does not name is granted whole (no
 * allowlist); otherwise it is not granted. Keys are canonical tool ids, or
 * `mcp__SERVER` for an MCP server (its tools are the patterns, `*` every one),
 * `?` and the written name of a tool no dialect knows, or a tool's id, `~`
 * and the name read as it only as a near match (`grep~search/codebase`), so
 * that a near name never stands in for the tool or for another near name.
 */
export interface Permits {
  open: boolean
  tools: Map<string, Permit>
}

const WHOLE: Permit = { whole: true, allow: [], deny: [] }
const NONE: Permit = { whole: false, allow: [], deny: [] }

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort(byCodeUnits)

/** The key prefix of a tool no dialect knows, kept by its written name. */
const UNKNOWN = '?'

/** Between a tool's id and the name read as that tool only as a near match (`grep~search/codebase`): a grant of its own. */
const NEAR = '~'

/** The key of a grant and the pattern it names ('' for every use). */
export function keyOf(g: Grant): { key: string; pattern: string } {
  if (g.kind === 'tool' && g.near) return { key: `${g.id}${NEAR}${g.written.trim()}`, pattern: g.args.replace(/^\(|\)$/g, '') }
  if (g.kind === 'tool') return { key: g.id, pattern: g.args.replace(/^\(|\)$/g, '') }
  if (g.kind === 'mcp') return { key: `mcp__${g.server}`, pattern: g.tool === '*' ? '' : g.tool }
  return { key: `${UNKNOWN}${g.written.trim()}`, pattern: '' }
}


/** The name as written of a key that names no tool the dialects know (`keyOf` of an unknown grant), else undefined. */
export function unknownName(key: string): string | undefined {
  return key.startsWith(UNKNOWN) ? key.slice(UNKNOWN.length) : undefined
}

/** The tool and the name of a key of a near match (`grep~search/codebase`), or undefined for any other key. */
export function nearKey(key: string): { id: string; written: string } | undefined {
  if (key.startsWith('mcp__') || key.startsWith(UNKNOWN)) return undefined
  const i = key.indexOf(NEAR)
  return i === -1 ? undefined : { id: key.slice(0, i), written: key.slice(i + 1) }
}

/** The permits of an agent's grants; `open` when its fields leave unnamed tools granted. */
export function permitsOf(grants: readonly Grant[], open: boolean): Permits {
  const tools = new Map<string, Permit>()
  const get = (key: string) => tools.get(key) ?? (open ? { ...WHOLE, deny: [] } : { ...NONE, allow: [] })
  for (const g of grants) {
    const { key, pattern } = keyOf(g)
    const p = get(key)
    if (pattern === '' && g.enabled) p.whole = true
    tools.set(key, p)
  }
  // A denial of the whole tool wins over its grant, whatever the order, and over an ask.
  for (const g of grants) {
    const { key, pattern } = keyOf(g)
    if (pattern === '' && !g.enabled) tools.get(key)!.whole = false
  }
  const asked = (key: string) => grants.some((g) => g.kind === 'tool' && g.ask && keyOf(g).key === key)
  const denied = (key: string) => grants.some((g) => !g.enabled && !(g.kind === 'tool' && g.ask) && keyOf(g).key === key && keyOf(g).pattern === '')
  for (const [key, p] of tools) if (!p.whole && asked(key) && !denied(key)) p.ask = true
  for (const g of grants) {
    const { key, pattern } = keyOf(g)
    if (pattern === '') continue
    const p = tools.get(key)!
    if (g.enabled && !p.whole) p.allow = sorted([...p.allow, pattern])
    if (!g.enabled) p.deny = sorted([...p.deny, pattern])
  }
  // Beside some uses only, a denial matters where it may reach one of them (beside an ask, every use); an allowed use a denial covers is none.
  for (const p of tools.values()) {
    if (p.whole) continue
    p.allow = p.allow.filter((a) => !p.deny.some((d) => covers(d, a)))
    p.deny = p.deny.filter((d) => p.ask === true || p.allow.some((a) => mayOverlap(a, d)))
  }
  return { open, tools }
}

const permitOf = (p: Permits, key: string): Permit => p.tools.get(key) ?? (p.open ? WHOLE : NONE)

/**
 * Whether two patterns may match one use: their literal heads (before the
 * first wildcard) are one a prefix of the other. Erring toward yes keeps a
 * denial that might reach an allowed use, never the reverse.
 */
export function mayOverlap(a: string, b: string): boolean {
  const head = (s: string) => s.split(/[*?]/)[0]!
  return head(a).startsWith(head(b)) || head(b).startsWith(head(a))
}

/** Claude Code's older prefix form (`git diff:*`) as the form it stands for (`git diff *`), which OpenCode writes: one grant, two spellings. */
export const samePattern = (pattern: string): string => pattern.replace(/:\*$/, ' *')

/**
 * Whether every use `b` matches, `a` matches too: the same pattern, or `a` a
 * literal head and `*` (`git *` covers `git push *`). Erring toward no.
 */
export function covers(a: string, b: string): boolean {
  return a === b || a === '*' || (a.endsWith('*') && b.startsWith(a.slice(0, -1)))
}

/** Whether a permit grants every use a pattern matches: it allows the pattern whole and denies none of it. */
function grantsAll(p: Permit, d: string): boolean {
  return (p.whole || p.allow.some((a) => covers(a, d))) && p.deny.every((x) => !mayOverlap(x, d))
}

/** A permit with its ask only where it has one. */
const withAsk = (p: Permit, ask: boolean): Permit => (ask && !p.whole ? { ...p, ask: true } : p)

function unite(ps: readonly Permit[]): Permit {
  const whole = ps.some((p) => p.whole)
  const allowed = whole ? [] : sorted(ps.flatMap((p) => p.allow))
  // A denial stays unless some input grants every use it names: where that cannot be decided, the union errs toward less.
  const deny = sorted(ps.flatMap((p) => p.deny)).filter((d) => !ps.some((p) => grantsAll(p, d)) && (whole || allowed.some((a) => mayOverlap(a, d))))
  // An allowed use a kept denial covers is none (a denial wins), as in permitsOf.
  const allow = allowed.filter((a) => !deny.some((d) => covers(d, a)))
  return withAsk({ whole, allow, deny }, ps.some((p) => p.ask))
}

function intersect(ps: readonly Permit[]): Permit {
  const deny = sorted(ps.flatMap((p) => p.deny))
  if (ps.every((p) => p.whole)) return { whole: true, allow: [], deny }
  // Asked by some, granted whole by the rest: asked (no use is granted outright that some input asks before),
  // and every use some input denies stays denied, never asked.
  if (ps.every((p) => p.whole || p.ask)) return { whole: false, allow: [], deny, ask: true }
  const some = ps.filter((p) => !p.whole)
  // A pattern some limited input allows that every other one allows too (the same pattern, or one covering it);
  // every input's denials stay, whatever input allows the use.
  const allow = sorted(some.flatMap((p) => p.allow)).filter((a) => some.every((p) => p.allow.some((x) => covers(x, a))) && !deny.some((d) => covers(d, a)))
  return { whole: false, allow, deny: deny.filter((d) => allow.some((a) => mayOverlap(a, d))) }
}

const same = (a: Permit, b: Permit): boolean => a.whole === b.whole && !a.ask === !b.ask && a.allow.join('\n') === b.allow.join('\n') && a.deny.join('\n') === b.deny.join('\n')

/** The permits of several agents combined: `open` when the result leaves unnamed tools granted. */
export function combinePermits(inputs: readonly Permits[], how: 'union' | 'intersection'): Permits {
  const open = how === 'union' ? inputs.some((p) => p.open) : inputs.every((p) => p.open)
  const tools = new Map<string, Permit>()
  for (const key of sorted(inputs.flatMap((p) => [...p.tools.keys()]))) {
    const permit = (how === 'union' ? unite : intersect)(inputs.map((p) => permitOf(p, key)))
    if (!same(permit, open ? WHOLE : NONE)) tools.set(key, permit)
  }
  return { open, tools }
}

/** Whether two permits grant the same: the same default, and each tool alike. */
export function samePermits(a: Permits, b: Permits): boolean {
  return a.open === b.open && sorted([...a.tools.keys(), ...b.tools.keys()]).every((key) => same(permitOf(a, key), permitOf(b, key)))
}

/** One grant `a` has that `b` lacks: the tool (`pattern` undefined) or one pattern of it; `ask`: the tool after asking. */
export interface Missing {
  key: string
  pattern?: string
  ask?: boolean
}

/**
 * What `a` grants that `b` does not: a tool `a` grants whole and `b` not
 * whole, a use `b` denies and `a` does not, a pattern `a` allows that `b`
 * does not grant (or might deny). A tool both leave to their default is
 * compared only when one is open and the other is not, by the caller.
 */
export function missing(a: Permits, b: Permits): Missing[] {
  const out: Missing[] = []
  for (const key of sorted([...a.tools.keys(), ...b.tools.keys()])) {
    const pa = permitOf(a, key)
    const pb = permitOf(b, key)
    // A use `b` denies that `a` grants: named by the denial where `a` grants all of it, else by what `a` allows.
    const deniedIn = (p: string) => pb.deny.filter((d) => mayOverlap(p, d) && !pa.deny.some((x) => covers(x, d)))
    if (pa.whole) {
      if (!pb.whole) out.push({ key })
      else for (const d of deniedIn('*')) out.push({ key, pattern: d })
      continue
    }
    // Asked in `a`: lost where `b` neither grants nor asks the tool, and each use `b` denies beside its grant or ask.
    if (pa.ask && !pb.whole && !pb.ask) out.push({ key, ask: true })
    else if (pa.ask) for (const d of deniedIn('*')) out.push({ key, pattern: d, ask: true })
    for (const p of pa.allow) {
      if (!pb.whole && !pb.allow.some((x) => covers(x, p))) out.push({ key, pattern: p })
      else for (const d of deniedIn(p)) out.push({ key, pattern: covers(p, d) ? d : p })
    }
  }
  return out
}

/** Grants for permits, in key order: whole tools, allowed patterns, then denied patterns. */
export function grantsOf(permits: Permits): Grant[] {
  const out: Grant[] = []
  const grant = (key: string, pattern: string, enabled: boolean): Grant => {
    if (key.startsWith('mcp__')) return { kind: 'mcp', server: key.slice(5), tool: pattern === '' ? '*' : pattern, enabled, written: key }
    if (key.startsWith(UNKNOWN)) return { kind: 'unknown', enabled, written: key.slice(UNKNOWN.length) }
    const near = nearKey(key)
    if (near) return { kind: 'tool', id: near.id, args: pattern === '' ? '' : `(${pattern})`, enabled, written: near.written, near: true }
    return { kind: 'tool', id: key, args: pattern === '' ? '' : `(${pattern})`, enabled, written: key }
  }
  const entries = [...permits.tools]
  for (const [key, p] of entries) {
    const asked = grant(key, '', false)
    if (p.whole) out.push(grant(key, '', true))
    else if (p.ask && asked.kind === 'tool') out.push({ ...asked, ask: true })
    else if (permits.open) out.push(asked)
    for (const a of p.allow) out.push(grant(key, a, true))
  }
  for (const [key, p] of entries) for (const d of p.deny) out.push(grant(key, d, false))
  return out
}
