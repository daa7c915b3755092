// Stage 3 of the body merge: each duplicate group cut into folds. A fold
// holds at most one statement of each input (repetition inside one file is
// its author's), only statements of one role (a lead-in only with lead-ins,
// a procedure step only with steps, an agent hand-off only with hand-offs), and no two statements that conflict
// (conflicts.ts). Each fold is written once, in its most specific wording,
// in the merged section where most of its members live (the base's member
// decides both when there is a base).
import type { Statement } from '../model.js'
import type { Conflicts } from './conflicts.js'
import type { Links } from './links.js'
import { tableShape, type Item, type Role } from './units.js'
import { isHtmlFragment } from './html.js'
import { isHandOff } from './handoffs.js'
import { bestWording, type TermMemo } from './wording.js'
import { byCodeUnits, bySource } from '../order.js'

/** One output statement and every input statement it stands for. */
export interface Fold {
  /** The statement written: the most specific wording of the members. */
  statement: Statement
  /** Every input statement it stands for, the written one included. */
  members: Statement[]
  /** With `--min-support`: statements of other inputs that say it in other words (dedup's bar), which count towards its support. */
  carriedBy?: Statement[]
}

/** A fold placed: the merged section it goes to (-1 for the root) and its members living there. */
export interface Settled {
  fold: Fold
  where: number
  here: number[]
  /** With `--conflicts keep`: the note written before this side of a conflict. */
  mark?: string
  /** The written statement this one is written right after: the one it is an alternative to (`--conflicts keep`), or the one its paraphrase carries (`--min-support`). */
  beside?: Statement
  /** Members folded in from elsewhere by a core (`--min-support`, foldCarried): paraphrases it carries, written or not, and not what stands here. */
  carried?: Statement[]
  /** Inputs' closings written after every section (closings.ts): what tree.ts and the sidecar read, decided once. */
  closing?: true
}

/** The settled fold each input statement is a member of. */
export function holdersOf(settled: readonly Settled[]): Map<Statement, Settled> {
  const out = new Map<Statement, Settled>()
  for (const s of settled) for (const m of s.fold.members) out.set(m, s)
  return out
}

/** How firmly a place holds its own (FoldContext.holdsOwn), the firmest first: a phase of a procedure, an output contract or a checklist, a numbered list. */
export const HOLD = { phase: 3, kept: 2, numbered: 1, none: 0 } as const

export interface FoldContext {
  items: readonly Item[]
  links: Links
  /** An item's merged section (cluster), -1 for the root. */
  home: (it: Item) => number
  /** The input whose wording and place win (`--base`), or -1. */
  base: number
  /** This merge's conflict test. */
  conflicts: Conflicts
  /** This merge's terms of each text. */
  terms: TermMemo
  /**
   * How firmly an input statement (by its item index) is held where it
   * stands (HOLD): in a phase of a procedure (its merged section is or sits
   * in one), in an output contract ("## Output", "Provide:") or a checklist
   * (its own section is one), as an item of a numbered list, or not. A fold
   * with such a member is written where it stands, in its words, the
   * firmest first.
   */
  holdsOwn: (item: number) => number
  /** What a piece of an HTML element folds by (html.ts pieceKeys); undefined for a piece of no element. */
  pieceKey?: (s: Statement) => string | undefined
}

interface Pending {
  members: number[]
  agents: Set<number>
  home: number
  /** Whether a member could conflict at all (negated, or naming a number, a format or code). */
  marked: boolean
}

/**
 * Roles that may share a fold: prose and list items may; lead-ins and steps only among themselves (and a step with its twin, below).
 * An agent hand-off only with hand-offs (handoffs.ts): "**With ar-vr-developer**: ..." is not the skill "VR/AR development".
 */
const family = (r: Role, text: string): string => (r === 'prose' || r === 'item' ? 'text' : r) + (isHandOff(text) ? ' hand-off' : '')

/** Every group's folds, settled; `byGroup` lists each group's items. */
export function foldGroups(byGroup: Iterable<number[]>, ctx: FoldContext): Settled[] {
  const out: Settled[] = []
  for (const list of byGroup) {
    if (list.length === 1) {
      out.push(single(list[0]!, ctx))
      continue
    }
    for (const f of partition(list, ctx)) out.push(...(f.members.length === 1 ? [single(f.members[0]!, ctx)] : ownWords(f.members, ctx)))
  }
  return out
}

/**
 * A fold written in a phase (or an output contract, a checklist, a numbered list) is written in its own
 * words, which may say less than a member from outside it: "Measure first"
 * (a phase's sub-item) for another author's best practice "Measure First -
 * Always profile before optimizing", or "SwiftUI integration" (a phase's)
 * for "SwiftUI Integration: @FetchRequest". Such a member stays where its
 * author put it, in its own words, rather than lose them to the fold; so
 * does one held less firmly than the fold's place (a checklist's check, for
 * a fold written in a phase). One held as firmly folds all the same: kept in
 * both places, a re-merge of the merge with an input added a statement.
 */
function ownWords(indices: number[], ctx: FoldContext): Settled[] {
  const settled = settle(indices, ctx)
  // How firmly the place the fold is written in holds it; a member held as firmly elsewhere (a phase's sub-item, for a phase) folds all the same.
  const hold = Math.max(...settled.here.map((i) => ctx.holdsOwn(i)))
  if (hold === HOLD.none) return [settled]
  const here = new Set(settled.here)
  // Two content terms more say more than the fold's words; so does one name (a code name, an API, a product, a number: TermMemo.saysBeyond), which no plainer wording says for it.
  const richer = indices.filter((i) => !here.has(i) && ctx.holdsOwn(i) < hold && ctx.terms.saysBeyond(ctx.items[i]!.statement.text, settled.fold.statement.text))
  if (richer.length === 0) return [settled]
  const rest = indices.filter((i) => !richer.includes(i))
  return [...(rest.length === 1 ? [single(rest[0]!, ctx)] : ownWords(rest, ctx)), ...richer.map((i) => single(i, ctx))]
}

function single(i: number, ctx: FoldContext): Settled {
  const it = ctx.items[i]!
  return { fold: { statement: it.statement, members: [it.statement] }, where: ctx.home(it), here: [i] }
}

/**
 * A fold of several: its wording, and the merged section holding most of its
 * members (ties: the wording's own, then the lowest); a member in a phase of
 * a procedure holds it in that phase, in the procedure's own words, so that
 * a procedure keeps every step and sub-item its author gave it.
 */
export function settle(indices: number[], ctx: FoldContext): Settled {
  const { items, links } = ctx
  const members = indices.map((i) => items[i]!.statement)
  // A fold of steps and their twins in other roles is settled as its steps are: written as a step, in its procedure.
  const steps = indices.filter((i) => items[i]!.role === 'step')
  if (steps.length > 0 && steps.length < indices.length) {
    const settled = settle(steps, ctx)
    return { ...settled, fold: { ...settled.fold, members: members.sort(bySource) } }
  }
  const degree = links.degrees(new Set(indices.map((i) => links.textId[i]!)))
  const linked = new Map(members.map((m, k) => [m, degree.get(links.textId[indices[k]!]!)!]))
  const baseMember = indices.find((i) => items[i]!.agent === ctx.base)
  const wording = bestWording(members, linked, baseMember === undefined ? undefined : items[baseMember]!.statement, ctx.terms)
  const wordingHome = ctx.home(items[indices[members.indexOf(wording)]!]!)
  const counts = new Map<number, number>()
  // How firmly each place holds its own, the most of its members' holds.
  const holds = new Map<number, number>()
  for (const i of indices) {
    const w = ctx.home(items[i]!)
    counts.set(w, (counts.get(w) ?? 0) + 1)
    holds.set(w, Math.max(holds.get(w) ?? 0, ctx.holdsOwn(i)))
  }
  let where: number
  // The base's structure wins (`--base`): its member holds the fold where the base has it. Else a procedure keeps its own: a member in a phase, or else in an output contract or a checklist (a deliverable stays in the list of what is handed back, a check in the checklist), or else in a numbered list (an enumeration keeps its items and their numbers), holds the fold there (the firmest hold, then as below).
  const own = (w: number) => holds.get(w) ?? 0
  const phased = [...counts].filter(([w]) => own(w) > 0)
  // Most members first, then the wording's place, then the lowest.
  const before = (x: [number, number], y: [number, number]) => y[1] - x[1] || Number(y[0] === wordingHome) - Number(x[0] === wordingHome) || x[0] - y[0]
  if (baseMember !== undefined) where = ctx.home(items[baseMember]!)
  else if (phased.length > 0) where = phased.sort((x, y) => own(y[0]) - own(x[0]) || before(x, y))[0]![0]
  else {
    let best: [number, number] | undefined
    for (const entry of counts) if (best === undefined || before(entry, best) < 0) best = entry
    where = best![0]
  }
  const here = indices.filter((i) => ctx.home(items[i]!) === where)
  // In a phase (or a contract, a checklist, a numbered list) its own words are written (a checklist's checkbox does not land in a step's list); the base's wording wins still.
  const held = here.filter((i) => ctx.holdsOwn(i) > 0)
  const ownWording = held.length > 0 && baseMember === undefined && !held.some((i) => items[i]!.statement === wording) ? held.map((i) => items[i]!.statement).sort(bySource)[0] : undefined
  return { fold: { statement: ownWording ?? wording, members: members.sort(bySource) }, where, here }
}

/**
 * A group of several statements cut into folds: by role family first; then
 * twins (statements of one text in different inputs) seed folds, the
 * largest sets first, and each seed joins a fold that has none of its
 * inputs and none of its conflicts, in the same merged section if it can.
 */
function partition(list: number[], ctx: FoldContext): Pending[] {
  const { items, links } = ctx
  const sorted = list.slice().sort((x, y) => {
    const a = items[x]!
    const b = items[y]!
    return (links.textId[x] === links.textId[y] ? 0 : byCodeUnits(a.statement.text, b.statement.text)) || (links.normId[x] === links.normId[y] ? 0 : byCodeUnits(a.statement.norm, b.statement.norm)) || byCodeUnits(a.statement.kind, b.statement.kind) || ctx.home(a) - ctx.home(b) || byCodeUnits(a.statement.source.path, b.statement.source.path) || a.statement.source.line - b.statement.source.line
  })
  // A table row folds only with a row of a table of the same shape (columns and alignment): one table is written, and rows of another shape would break it apart.
  // A piece of an HTML element (its opening or closing tags) folds only with the same piece of another input's identical element: it belongs to its input's element.
  // Both only within one merged section: folded into another section, a row leaves the rest of its table there
  // (its next row read as a header) and a piece its element's content outside the element.
  const kind = (it: Item) => {
    if (it.statement.kind === 'html' && isHtmlFragment(it.statement.text)) return `html piece ${ctx.pieceKey?.(it.statement) ?? `${it.statement.source.path}:${it.statement.source.line}`} @${ctx.home(it)}`
    const table = it.statement.placement.table
    return table ? `${family(it.role, it.statement.text)} ${tableShape(table)} @${ctx.home(it)}` : family(it.role, it.statement.text)
  }
  // A step and an item or paragraph of the very same words are one point said twice (a procedure's steps
  // repeated as another author's bullets): twins, folded into the step, which keeps its procedure whole.
  const twinKind = (it: Item) => (it.role === 'step' && !it.statement.placement.table ? family('item', it.statement.text) : kind(it))
  const twins = new Map<string, number[]>()
  for (const i of sorted) {
    const key = `${twinKind(items[i]!)}\u0000${links.normId[i]}`
    const l = twins.get(key)
    if (l) l.push(i)
    else twins.set(key, [i])
  }
  const seeds: Array<Pending & { role: string }> = []
  for (const l of [...twins.values()].sort((a, b) => b.length - a.length)) {
    const mine: Array<Pending & { role: string }> = []
    for (const i of l) {
      const it = items[i]!
      const seed = mine.find((f) => !f.agents.has(it.agent))
      if (seed) {
        seed.members.push(i)
        seed.agents.add(it.agent)
        // Holding a step, the fold is a step's: it joins only steps.
        if (it.role === 'step') seed.role = kind(it)
      } else mine.push({ members: [i], agents: new Set([it.agent]), home: ctx.home(it), role: kind(it), marked: ctx.conflicts.marked(it.statement) })
    }
    seeds.push(...mine)
  }
  const folds: Array<Pending & { role: string }> = []
  // A conflict needs a marked statement on one side at least.
  const clash = (f: Pending, seed: Pending) => (f.marked || seed.marked) && clashes(f.members, seed.members, ctx)
  for (const seed of seeds) {
    const open = folds.filter((f) => f.role === seed.role && [...seed.agents].every((a) => !f.agents.has(a)) && !clash(f, seed))
    const target = open.find((f) => f.home === seed.home) ?? open[0]
    if (target) {
      target.members.push(...seed.members)
      for (const a of seed.agents) target.agents.add(a)
      target.marked ||= seed.marked
    } else folds.push(seed)
  }
  return folds
}

/**
 * Whether a statement of one list conflicts with one of the other. A
 * conflict needs a marked statement on one side (negated, or naming a
 * number, a format, code or a link target), so only those are compared,
 * each distinct identity text once.
 */
function clashes(xs: readonly number[], ys: readonly number[], ctx: FoldContext): boolean {
  const text = (i: number) => ctx.items[i]!.statement
  const distinct = (list: readonly number[]) => [...new Map(list.map((i) => [text(i).norm, text(i)])).values()]
  const a = distinct(xs)
  const b = distinct(ys)
  const marked = (s: Statement) => ctx.conflicts.marked(s)
  for (const x of a) {
    const mx = marked(x)
    for (const y of b) if ((mx || marked(y)) && (ctx.conflicts.between(x, y) || ctx.conflicts.distinct(x, y))) return true
  }
  return false
}
