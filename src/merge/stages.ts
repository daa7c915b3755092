// What is written of the folds: the consensus core (`--min-support K`: only
// folds that K inputs carry, a block's lead-in when any of its items is) and
// conflicts (two folds of one merged section, from different inputs, that
// conflict: the deciding input's is written, the other recorded as its
// alternative, or both written with `--conflicts keep`). Whatever is not
// written is recorded, so that nothing is lost.
import type { Statement } from '../model.js'
import { byCodeUnits, bySource } from '../order.js'
import { conflictMark, FORMAT_TITLE, type ConflictKind, type Conflicts } from './conflicts.js'
import { holdersOf, type Settled } from './fold.js'
import { statementsByInput, type Item, type Role, type Unit } from './units.js'
import { withDefinitions } from './definitions.js'
import { htmlElements, isHtmlFragment } from './html.js'
import { linkedInputs } from './lists.js'

/** An input statement not written, and why. */
export interface Recorded {
  statement: Statement
  reason: 'conflict' | 'below-min-support' | 'opening-not-chosen' | 'lead-without-list'
  /** The output statement it is an alternative to (conflicts, openings), or null. */
  standsFor: Statement | null
  /** For conflicts: what differs. */
  conflict?: ConflictKind
  /** For an opening not chosen: the specifics only it carries, as its author wrote them (absent when the output says them all). */
  carries?: string[]
}

/** Whether a fold placed here holds statements of one role only (a block's lead-ins, a procedure's steps). */
export const holdsOnly = (s: Settled, items: readonly Item[], role: Role): boolean => s.here.length > 0 && s.here.every((i) => items[i]!.role === role)

/** The inputs a fold's members come from. */
const agentsOf = (s: Settled, owner: ReadonlyMap<Statement, number>): Set<number> => new Set(s.fold.members.map((m) => owner.get(m)!))

/** The merged sections as the consensus core reads them. */
export interface SupportTree {
  /** A merged section's parent (-1 at the top). */
  parentOf: (where: number) => number
  /** The merged sections that are phases of a procedure (numbered headings or titled items under a process title). */
  phases: readonly number[]
  /** The merged sections that are one of a run: the phases, and numbered headings outside a process ("### 2. Design Execution"). */
  runs: readonly number[]
  /** The merged section an input statement (by its item index) stands in. */
  home: (item: number) => number
  /** Whether an input statement (by its item index) stands in the list a lead-in (by its item index) opens, or in a section under one of its items. */
  inList: (item: number, lead: number) => boolean
}

/**
 * Each carrier statement counted once for each input it carries: among the
 * folds a statement carries, one that shares an input with a fold it already
 * carries (in source order of the written statements), or with the fold it
 * is a member of, is not carried by it. An author who says one point five
 * times in his own words gets one of them carried, not five; each other
 * author's wording of the point is carried still. Without this, one
 * statement of another input lifted every repeat over the bar.
 */
function carryOnce(settled: readonly Settled[], candidates: ReadonlyMap<Settled, readonly Statement[]>, owner: ReadonlyMap<Statement, number>): Map<Settled, Statement[]> {
  const order = settled.filter((s) => candidates.get(s)!.length > 0).sort((x, y) => bySource(x.fold.statement, y.fold.statement))
  // A statement already counts for the inputs of the fold it is a member of.
  const taken = new Map<Statement, Set<number>>()
  for (const s of settled) {
    const inputs = agentsOf(s, owner)
    for (const m of s.fold.members) taken.set(m, new Set(inputs))
  }
  const out = new Map<Settled, Statement[]>()
  for (const s of order) {
    const inputs = agentsOf(s, owner)
    const kept: Statement[] = []
    for (const t of candidates.get(s)!) {
      const seen = taken.get(t) ?? new Set<number>()
      if ([...inputs].some((a) => seen.has(a))) continue
      for (const a of inputs) seen.add(a)
      taken.set(t, seen)
      kept.push(t)
    }
    out.set(s, kept.sort(bySource))
  }
  return out
}

/**
 * The consensus core. The base (`--base`) is held to the same bar: it
 * decides the wording and places of what is written, not what a core holds.
 * A procedure is kept only when every one of its steps is carried, and a
 * run of phases or numbered headings only when every one keeps something. A lead-in
 * stays while an item of its own list does, or, whose items are sections of
 * their own ("1. **API**: ..." with its list), anything under them.
 */
export function applySupport(settled: Settled[], items: readonly Item[], k: number, recorded: Recorded[], tree: SupportTree, carriers: (s: Statement) => readonly Statement[], opening?: Statement): Settled[] {
  const owner = new Map(items.map((it) => [it.statement, it.agent]))
  const isLead = (s: Settled) => holdsOnly(s, items, 'lead')
  // Each fold with the statements of inputs it lacks that carry it in other words.
  const candidates = new Map(settled.map((s) => {
    if (isLead(s)) return [s, []]
    const own = agentsOf(s, owner)
    return [s, [...new Set(s.fold.members.flatMap(carriers))].filter((t) => !own.has(owner.get(t)!))]
  }))
  const by = carryOnce(settled, candidates, owner)
  const carried = settled.map((s): Settled => {
    const list = by.get(s)
    return list === undefined || list.length === 0 ? s : { ...s, fold: { ...s.fold, carriedBy: list } }
  })
  const support = (s: Settled) => new Set([...agentsOf(s, owner), ...(s.fold.carriedBy ?? []).map((t) => owner.get(t)!)])
  const isStep = (s: Settled) => holdsOnly(s, items, 'step')
  const enough = (s: Settled) => support(s).size >= k
  // A procedure is written whole or not at all: cut to its carried steps it would say another thing
  // ("When invoked: 1. Configure CI/CD pipelines"). Its steps are recorded as below the bar with it.
  const cut = new Set<Settled>()
  for (const steps of byPlace(carried.filter(isStep)).values()) for (const p of proceduresOf(steps, owner)) if (!p.steps.every(enough)) for (const s of p.steps) cut.add(s)
  const index = new Map(items.map((it, i) => [it.statement, i]))
  const role = (m: Statement) => items[index.get(m)!]!.role
  const stepsCut = carried.flatMap((s) => (cut.has(s) ? cutApart(s, (m) => role(m) === 'step', cut, index, tree.home, owner, carriers) : [s]))
  // A run of phases or numbered headings is written whole or not at all, as a procedure is; what another author said elsewhere is freed from its cut.
  const runOf = runOfTree(tree)
  const runsCut = cutRuns(stepsCut.filter((s) => !isLead(s) && (isStep(s) ? !cut.has(s) : enough(s))), tree)
  const all = stepsCut.flatMap((s) => (runsCut.has(runOf(s.where)) ? cutApart(s, (m) => runsCut.has(runOf(tree.home(index.get(m)!))), cut, index, tree.home, owner, carriers) : [s]))
  const chosen = all.filter((s) => !cut.has(s) && (isLead(s) || enough(s)))
  const kept = withTableHeads(withDefinitions(wholeElements(chosen, all, items), all, opening ? [opening] : []), all, items)
  const out = withLists(kept, items, tree)
  const written = new Set(out)
  for (const s of all) if (!written.has(s)) for (const m of s.fold.members) recorded.push({ statement: m, reason: 'below-min-support', standsFor: null })
  return out
}

/**
 * The folds less the lead-ins over no list: a lead-in is kept while a
 * statement its author put in its list (an item, or anything under an item
 * that is a section) is placed there. Read on each lead-in's own list, not
 * on the merged section it stands in: a block joined to another author's
 * heading of its title shares the heading's section, whose subsections
 * would otherwise keep the lead-in over nothing.
 */
export function withLists(settled: readonly Settled[], items: readonly Item[], tree: SupportTree): Settled[] {
  const isLead = (s: Settled) => holdsOnly(s, items, 'lead')
  const index = new Map(items.map((it, i) => [it.statement, i]))
  const placed = settled.filter((s) => !isLead(s)).flatMap((s) => s.here)
  const listed = (s: Settled) => s.fold.members.some((m) => placed.some((i) => tree.inList(i, index.get(m)!)))
  return settled.filter((s) => !isLead(s) || listed(s))
}

/**
 * A fold a cut takes out (a procedure's step, or what sits in a phase of a
 * run cut whole), less its members that stand elsewhere (`inCut` false: a
 * step's twin, another author's bullet in its very words; a statement
 * another author put outside the phases): those stand on their own support
 * where their authors put them, carried by what the cut took out too. The
 * part cut is added to `cut`.
 */
function cutApart(s: Settled, inCut: (m: Statement) => boolean, cut: Set<Settled>, index: ReadonlyMap<Statement, number>, home: (item: number) => number, owner: ReadonlyMap<Statement, number>, carriers: (s: Statement) => readonly Statement[]): Settled[] {
  const apart = s.fold.members.filter((m) => !inCut(m))
  if (apart.length === 0) {
    cut.add(s)
    return [s]
  }
  const taken = s.fold.members.filter((m) => inCut(m))
  if (taken.length === 0) return [s]
  const where = home(index.get(apart[0]!)!)
  const own = new Set(apart.map((m) => owner.get(m)!))
  const by = [...new Set(s.fold.members.flatMap(carriers))].filter((t) => !own.has(owner.get(t)!)).sort(bySource)
  const freed: Settled = { fold: { statement: apart[0]!, members: apart, ...(by.length > 0 ? { carriedBy: by } : {}) }, where, here: apart.map((m) => index.get(m)!).filter((i) => home(i) === where) }
  const rest: Settled = { ...s, fold: { ...s.fold, members: taken } }
  cut.add(rest)
  return [rest, freed]
}

/**
 * A table's head row is written with any row of its table that is (else a
 * data row, first of what is written, reads as the header), whatever its
 * own support. A table is an input's head row and the rows after it.
 */
function withTableHeads(kept: Settled[], carried: readonly Settled[], items: readonly Item[]): Settled[] {
  const holder = holdersOf(carried)
  const written = new Set(kept)
  const heads = new Set<Settled>()
  for (const list of statementsByInput(items).values()) {
    let head: Statement | undefined
    for (const st of list.slice().sort(bySource)) {
      const table = st.placement.table
      if (!table) head = undefined
      else if (table.head) head = st
      else if (head && written.has(holder.get(st)!) && !written.has(holder.get(head)!)) heads.add(holder.get(head)!)
    }
  }
  return heads.size === 0 ? kept : carried.filter((s) => written.has(s) || heads.has(s))
}

/**
 * HTML elements written around Markdown (`<details>`, its content, then
 * `</details>`, each a statement) are written whole: the opening and
 * closing pieces of one input's element when anything between them is
 * written, else neither, whatever their own support (two inputs' closing
 * tags carry each other; an opening tag without its content, or a closing
 * one without its opening, breaks what follows).
 */
function wholeElements(kept: Settled[], carried: readonly Settled[], items: readonly Item[]): Settled[] {
  const isPiece = (st: Statement) => st.kind === 'html' && isHtmlFragment(st.text)
  if (!carried.some((s) => isPiece(s.fold.statement))) return kept
  const holder = holdersOf(carried)
  const written = new Set(kept)
  const live = new Set<Settled>()
  const dead = new Set<Settled>()
  for (const list of statementsByInput(items).values()) {
    for (const el of htmlElements(list)) {
      const alive = el.inside.some((x) => !isPiece(x) && written.has(holder.get(x)!))
      for (const p of [el.opener, el.closer]) (alive ? live : dead).add(holder.get(p)!)
    }
  }
  // A piece both of a live and a dead element ("</div><div>") is written.
  return carried.filter((s) => live.has(s) || (written.has(s) && !dead.has(s)))
}

/** What `foldCarried` reads of the merge. */
export interface CarriedRules {
  /** Stays as its structure puts it (a lead-in, a step, what sits in a phase or a run of numbered headings, an output contract or a checklist): folded into nothing. */
  fixed: (s: Settled) => boolean
  /** Takes no fold either (a lead-in: an item folded in would vanish into a list's head). */
  closed: (s: Settled) => boolean
  /** A merged section that is a block (a lead-in and its list): nothing moves in or out beside another. */
  inBlock: (where: number) => boolean
  /** Two statements that may not be one (a conflict, different code). */
  apart: (a: Statement, b: Statement) => boolean
  /** Two statements that may be one point at all: an agent hand-off only with a hand-off, as in a fold (fold.ts). */
  kin: (a: Statement, b: Statement) => boolean
  /** Whether a point says more than a host's words (two content terms, or a name: TermMemo.saysBeyond, the fold stage's test): folded into a host whose words stay, it would be lost. */
  saysMore: (host: Statement, point: Statement) => boolean
  /** The wording of paraphrases folded into one: the most specific, the base's with `--base`. */
  wording: (statements: readonly Statement[]) => Statement
}

/**
 * Paraphrases in a consensus core: a written point carried by a member of
 * another written point (two authors saying it in their own words, grouped
 * at dedup's bar) is folded into it, so that the core says each point once;
 * the members stay in the sidecar as folded. It folds into what the rules
 * fix (a step, what sits in a phase or a run of numbered headings, a
 * contract or a checklist), whose words stay, or else into the earlier of
 * the two in source order (the later when only the later must stay), the
 * more specific wording of the two written there; the last item under a
 * titled item's inline lead stays, so that the title keeps its list (a
 * block under a lead-in paragraph, emptied, is not written). A point the other
 * contradicts or names other code than (`apart`) is written right after it
 * instead, for the maintainer to choose, unless either stands in a block or
 * the other is fixed (moved out, an item leaves its lead-in; moved in, it
 * reads as the block's item or the procedure's step), where it stays. A
 * point folds only into its kin (`kin`: an agent hand-off into a hand-off,
 * as in a fold), and into a fixed host only when it says nothing beyond the
 * host's words (`saysMore`, the test of a fold's members: what it says
 * beyond them would be lost); else it stays as it is written. A statement
 * not written (below the bar, or cut with its procedure or run; in
 * `recorded`) that carries a written point folds into it by the same tests,
 * so that what counts for a written point is what the sidecar says it
 * stands for; its words stay out. What
 * the rules fix is never folded away; code, HTML, definitions and table rows
 * are written whole as they stand. Run on what the resolvers left written,
 * so that no point joins one a conflict then takes out.
 */
export function foldCarried(out: Settled[], rules: CarriedRules, recorded: readonly Recorded[]): { settled: Settled[]; recorded: Recorded[] } {
  const holder = holdersOf(out)
  const whole = (s: Settled) => s.beside !== undefined || WHOLE_KINDS.has(s.fold.statement.kind)
  const loose = (s: Settled) => !rules.fixed(s) && !whole(s)
  const host = (h: Settled) => !rules.closed(h) && !whole(h)
  // Whether a host takes a point at all: its kin only, and a fixed host, whose words stay, only what says nothing beyond them.
  const takes = (h: Settled, point: Statement) => host(h) && rules.kin(h.fold.statement, point) && !(rules.fixed(h) && rules.saysMore(h.fold.statement, point))
  const into = new Map<Settled, Settled[]>()
  const words = new Map<Settled, Statement[]>()
  const gone = new Map<Settled, Settled>()
  const moved = new Map<Settled, Settled>()
  const bySettled = (x: Settled, y: Settled) => bySource(x.fold.statement, y.fold.statement)
  // What each titled item with an inline lead ("6. **Integration & DevOps**: You will enable seamless operations by:")
  // still holds besides it: its last item stays, or the title and lead would be written with nothing under them. A
  // block under a lead-in paragraph, or a bold lead-in, emptied, is not written (its lead-in recorded), so its last
  // item folds like any other: kept, two authors' last items had both been written, each carried by the other.
  const leads = new Set(out.filter((s) => rules.closed(s) && s.fold.statement.kind === 'lead').map((s) => s.where))
  const held = new Map<number, number>()
  for (const s of out) if (!rules.closed(s) && leads.has(s.where)) held.set(s.where, (held.get(s.where) ?? 0) + 1)
  // Stays where it is: a later point it carries folds into it, as into a fixed one.
  const stays = (h: Settled) => rules.fixed(h) || held.get(h.where) === 1
  const foldInto = (h: Settled, s: Settled, written: boolean) => {
    into.set(h, [...(into.get(h) ?? []), s])
    // Its wording may stand in for the host's where the host stands, as one of its kind (an item for an item: a paragraph in a list would break it);
    // not a statement the core does not write, whose words the cut or the bar kept out.
    if (written && !rules.fixed(h) && s.fold.statement.kind === h.fold.statement.kind) words.set(h, [...(words.get(h) ?? [h.fold.statement]), s.fold.statement])
  }
  for (const s of out.slice().sort(bySettled)) {
    if (!loose(s) || held.get(s.where) === 1) continue
    const hosts = [...new Set((s.fold.carriedBy ?? []).map((t) => holder.get(t)))].filter((h): h is Settled => h !== undefined && h !== s && host(h) && !gone.has(h) && !moved.has(h) && (stays(h) || bySettled(h, s) < 0) && takes(h, s.fold.statement))
    // A step's or a phase's words first: the procedure keeps them.
    const h = hosts.sort((x, y) => Number(rules.fixed(y)) - Number(rules.fixed(x)) || bySettled(x, y))[0]
    if (!h) continue
    if (rules.apart(h.fold.statement, s.fold.statement)) {
      if (!rules.fixed(h) && !rules.inBlock(s.where) && !rules.inBlock(h.where)) moved.set(s, { ...s, where: h.where, beside: h.fold.statement })
      continue
    }
    gone.set(s, h)
    // Its members now stand in the host: a later point they carry folds there too.
    for (const m of s.fold.members) holder.set(m, h)
    if (held.has(s.where)) held.set(s.where, held.get(s.where)! - 1)
    foldInto(h, s, true)
  }
  // A written point carried by a statement not written (below the bar, or cut with its procedure or run) is written
  // because that statement says it too: the statement folds into it as a written paraphrase would, into the point's
  // host when the point itself folded, rather than be recorded below the bar while it counts for what is written.
  const below = new Set(recorded.filter((r) => r.reason === 'below-min-support').map((r) => r.statement))
  const carriers = new Set<Statement>()
  for (const s of out.slice().sort(bySettled)) {
    if (moved.has(s)) continue
    const h = gone.get(s) ?? s
    for (const t of (s.fold.carriedBy ?? []).slice().sort(bySource)) {
      // One statement of an input in a point, as in a fold: an author's repeat of it is his, not folded in.
      const inputs = [h, ...(into.get(h) ?? [])].flatMap((x) => x.fold.members.map((m) => m.source.path))
      if (!below.has(t) || carriers.has(t) || inputs.includes(t.source.path) || !takes(h, t) || rules.apart(h.fold.statement, t)) continue
      carriers.add(t)
      foldInto(h, { fold: { statement: t, members: [t] }, where: h.where, here: [] }, false)
    }
  }
  // A carrier folded in is no longer recorded below the bar: the sidecar lists it as a member of the point it counts for.
  const kept = recorded.filter((r) => !(r.reason === 'below-min-support' && carriers.has(r.statement)))
  if (gone.size === 0 && moved.size === 0 && carriers.size === 0) return { settled: out, recorded: kept }
  const settled = out.filter((s) => !gone.has(s)).map((s) => {
    const folded = into.get(s)
    if (!folded) return moved.get(s) ?? s
    const all = [s, ...folded]
    const members = all.flatMap((x) => x.fold.members).sort(bySource)
    // Carried by statements of inputs it does not hold: an input a folded member came from says it already.
    const paths = new Set(members.map((m) => m.source.path))
    const by = [...new Set(all.flatMap((x) => x.fold.carriedBy ?? []))].filter((t) => !paths.has(t.source.path)).sort(bySource)
    const { carriedBy: _, ...fold } = s.fold
    const candidates = words.get(s)
    // What it took in stands in the sidecar as its members, but came from elsewhere: what stands here (a closing, closings.ts) is read without it.
    const carried = [...(s.carried ?? []), ...folded.flatMap((x) => x.fold.members)].sort(bySource)
    return { ...s, fold: { ...fold, statement: candidates ? rules.wording(candidates) : fold.statement, members, ...(by.length > 0 ? { carriedBy: by } : {}) }, ...(carried.length > 0 ? { carried } : {}) }
  })
  return { settled, recorded: kept }
}

/** Statements a core writes whole where they stand, never folded into a paraphrase. */
const WHOLE_KINDS: ReadonlySet<Statement['kind']> = new Set(['code', 'html', 'definition', 'row', 'heading'])

/** The phase a merged section is or sits in (-1 for none), for a tree. */
export const phaseOfTree = (tree: SupportTree): ((where: number) => number) => within(tree.phases, tree.parentOf)

/** The section of a run (a phase, a numbered heading) a merged section is or sits in (-1 for none), for a tree. */
export const runOfTree = (tree: SupportTree): ((where: number) => number) => within(tree.runs, tree.parentOf)

/** The one of `sections` a merged section is or sits in (-1 for none). */
function within(sections: readonly number[], parentOf: (where: number) => number): (where: number) => number {
  const among = new Set(sections)
  return (w) => {
    for (let x = w; x !== -1; x = parentOf(x)) if (among.has(x)) return x
    return -1
  }
}

/**
 * The sections cut of runs: the phases of one procedure, or the numbered
 * headings, under one parent are kept together, so when some keep a
 * statement and others keep none, all of them go (cut to what it carries,
 * "### 2. Implementation Phase" without its first, a procedure says another
 * thing, and "### 2." and "### 3." without "### 1." read as a run lacking
 * its start; a number is its author's words, not to be rewritten).
 */
function cutRuns(kept: readonly Settled[], tree: SupportTree): Set<number> {
  const runOf = runOfTree(tree)
  const live = new Set(kept.map((s) => runOf(s.where)))
  const byParent = new Map<number, number[]>()
  for (const p of tree.runs) {
    const run = byParent.get(tree.parentOf(p))
    if (run) run.push(p)
    else byParent.set(tree.parentOf(p), [p])
  }
  const cut = new Set<number>()
  for (const run of byParent.values()) if (run.some((p) => live.has(p)) && !run.every((p) => live.has(p))) for (const p of run) cut.add(p)
  return cut
}

export function resolveConflicts(settled: Settled[], items: readonly Item[], decider: number, mode: 'decide' | 'keep', recorded: Recorded[], conflicts: Conflicts): Settled[] {
  const owner = new Map(items.map((it) => [it.statement, it.agent]))
  const byWhere = byPlace(settled)
  const lost = new Set<Settled>()
  const agents = new Map(settled.map((s) => [s, agentsOf(s, owner)]))
  // A fold already decided (another input's response format, kept with --conflicts keep) is not decided again.
  const decided = new Set(recorded.filter((r) => r.reason === 'conflict').map((r) => r.statement))
  const open = (s: Settled) => !s.fold.members.some((m) => decided.has(m))
  // The deciding input's fold wins; then the one more inputs carry; then text order.
  const rank = (s: Settled) => ({ decides: agents.get(s)!.has(decider) ? 1 : 0, support: agents.get(s)!.size, text: s.fold.statement.text })
  for (const list of byWhere.values()) {
    if (!list.some((s) => conflicts.marked(s.fold.statement))) continue
    const ranks = new Map(list.map((s) => [s, rank(s)]))
    const ordered = list.slice().sort((x, y) => {
      const a = ranks.get(x)!
      const b = ranks.get(y)!
      return b.decides - a.decides || b.support - a.support || byCodeUnits(a.text, b.text)
    })
    // An alternative (not written, or written marked) is one to its winner only: never a winner itself, never marked twice.
    const alternatives = new Set<Settled>()
    for (const [winner, other] of candidatePairs(ordered, conflicts)) {
      if (alternatives.has(winner) || alternatives.has(other) || !open(winner) || !open(other) || [...agents.get(other)!].some((a) => agents.get(winner)!.has(a))) continue
      const conflict = conflicts.between(winner.fold.statement, other.fold.statement)
      if (!conflict) continue
      alternatives.add(other)
      if (mode === 'decide') lost.add(other)
      else {
        other.mark = conflictMark(winner.fold.statement, conflict)
        other.beside = winner.fold.statement
      }
      for (const m of other.fold.members) recorded.push({ statement: m, reason: 'conflict', standsFor: winner.fold.statement, conflict })
    }
  }
  return settled.filter((s) => !lost.has(s))
}

/**
 * The pairs of one section's folds (in rank order, the earlier first) that
 * could conflict: one of them negated or naming a number or format, and
 * sharing half their terms, found by prefix filtering (two term sets with
 * Jaccard >= 1/2 share a term among the rarest of each), so that a section
 * of thousands of folds is not compared pair by pair.
 */
function candidatePairs(ordered: readonly Settled[], conflicts: Conflicts): Array<[Settled, Settled]> {
  const terms = ordered.map((s) => [...conflicts.topicTerms(s.fold.statement.text)])
  const df = new Map<string, number>()
  for (const list of terms) for (const t of list) df.set(t, (df.get(t) ?? 0) + 1)
  const byRarity = (a: string, b: string) => df.get(a)! - df.get(b)! || byCodeUnits(a, b)
  const index = new Map<string, number[]>()
  const prefixes = terms.map((list, i) => {
    const prefix = list.sort(byRarity).slice(0, list.length - Math.ceil(list.length / 2) + 1)
    for (const t of prefix) {
      const list = index.get(t)
      if (list) list.push(i)
      else index.set(t, [i])
    }
    return prefix
  })
  // Each pair once, as lo * n + hi of its ranks; walked in rank order.
  const n = ordered.length
  const keys = new Set<number>()
  ordered.forEach((s, i) => {
    if (!conflicts.marked(s.fold.statement)) return
    for (const t of prefixes[i]!) for (const j of index.get(t)!) if (j !== i) keys.add(Math.min(i, j) * n + Math.max(i, j))
  })
  return [...keys].sort((x, y) => x - y).map((k) => [ordered[Math.floor(k / n)]!, ordered[k % n]!])
}

/**
 * Response formats: a section whose title prescribes the form of the answer
 * (FORMAT_TITLE) is a contract, and two inputs' contracts tell the model to
 * answer two ways, whether the alignment joined their sections or not. The
 * deciding input's contract is written (else the one of the input whose
 * format section comes first by content); of every other input, the folds
 * under its format sections that the chosen input does not carry are
 * recorded as alternatives, one conflict per section; with `--conflicts
 * keep` they are written, the first of each section marked.
 */
export function resolveFormats(settled: Settled[], items: readonly Item[], units: readonly Unit[], decider: number, mode: 'decide' | 'keep', recorded: Recorded[]): Settled[] {
  // The format section each unit is under, if any (a block is read with its section).
  const formatOf = new Int32Array(units.length).fill(-1)
  units.forEach((u, i) => {
    for (let v = i; v !== -1 && formatOf[i] === -1; v = units[v]!.parent) if (!units[v]!.lead && FORMAT_TITLE.test(units[v]!.section.title)) formatOf[i] = v
  })
  const formats = units.map((_, i) => i).filter((i) => formatOf[i] === i)
  const inputs = new Set(formats.map((i) => units[i]!.input))
  if (inputs.size < 2) return settled
  const chosen = inputs.has(decider) ? decider : units[formats.sort((x, y) => units[x]!.rank - units[y]!.rank)[0]!]!.input
  const contract = (it: Item) => (it.unit === -1 ? -1 : formatOf[it.unit]!)
  const byStatement = new Map(items.map((it) => [it.statement, it]))
  // The output statement of the chosen contract's first statement, which the others are recorded against.
  const first = settled
    .flatMap((s) => s.here.map((i) => ({ s, it: items[i]! })))
    .filter(({ it }) => it.agent === chosen && contract(it) !== -1)
    .sort((a, b) => bySource(a.it.statement, b.it.statement))[0]
  if (!first) return settled
  const kept = first.s.fold.statement
  const chosenTitle = units[contract(first.it)]!.section.title
  const conflictOf = (at: number): ConflictKind => {
    const section = units[at]!.section
    // Two contracts under one title differ in what they say: name the kept one's first statement then.
    const other = section.title === chosenTitle ? kept.text : chosenTitle
    return { kind: 'specific', detail: `response format: ${JSON.stringify(section.title)} / ${JSON.stringify(other)}`, section: { title: section.title, source: section.source } }
  }
  const lost = new Set<Settled>()
  const marked = new Set<number>()
  for (const s of settled.slice().sort((a, b) => bySource(a.fold.statement, b.fold.statement))) {
    const members = s.fold.members.map((m) => byStatement.get(m)!)
    if (members.some((it) => it.agent === chosen) || !members.every((it) => contract(it) !== -1)) continue
    if (mode === 'decide') lost.add(s)
    else if (!marked.has(contract(members[0]!))) {
      marked.add(contract(members[0]!))
      const c = conflictOf(contract(members[0]!))
      s.mark = conflictMark(kept, c)
    }
    for (const it of members) recorded.push({ statement: it.statement, reason: 'conflict', standsFor: kept, conflict: conflictOf(contract(it)) })
  }
  return settled.filter((s) => !lost.has(s))
}

/**
 * Procedures: numbered steps that inputs give in one merged place and that
 * share no step are two procedures for one occasion ("When invoked:" then
 * two authors' lists), and the model can follow only one. Inputs linked by a
 * step they share are one procedure, merged step by step; of several, the
 * one of the input the user asked to decide (`--prefer`, `--base`, `--base
 * auto` too: `named`, else -1) is
 * written, else the one more inputs carry, then the most complete (most
 * steps), then the first by source, and each other is recorded whole as its
 * alternative, one conflict per procedure; with `--conflicts keep` they are
 * written, the first step of each marked. The central input does not decide
 * here unasked, as it does not choose the opening: merging the merge with an input
 * would then write that input's procedure, and a longer one would add steps.
 */
export function resolveProcedures(settled: Settled[], items: readonly Item[], units: readonly Unit[], named: number, mode: 'decide' | 'keep', recorded: Recorded[]): Settled[] {
  const owner = new Map(items.map((it) => [it.statement, it.agent]))
  const lost = new Set<Settled>()
  for (const steps of byPlace(settled.filter((s) => holdsOnly(s, items, 'step'))).values()) {
    const procedures = proceduresOf(steps, owner)
    if (procedures.length < 2) continue
    procedures.sort((x, y) => Number(y.inputs.has(named)) - Number(x.inputs.has(named)) || y.inputs.size - x.inputs.size || y.steps.length - x.steps.length || bySource(x.steps[0]!.fold.statement, y.steps[0]!.fold.statement))
    const [kept, ...others] = procedures
    const first = kept!.steps[0]!.fold.statement
    const last = kept!.steps[kept!.steps.length - 1]!.fold.statement
    for (const p of others) {
      const unit = units[items[p.steps[0]!.here[0]!]!.unit]!
      const head = unit.lead ? { title: unit.lead.text, source: unit.lead.source } : { title: unit.section.title, source: unit.section.source }
      const conflict: ConflictKind = { kind: 'specific', detail: `another procedure: ${p.steps.length} steps, none of them among the ${kept!.steps.length} written`, section: { title: head.title, source: { path: head.source.path, line: head.source.line } } }
      if (mode === 'decide') for (const s of p.steps) lost.add(s)
      else {
        // Kept, it is written whole after the written one, marked once.
        p.steps[0]!.mark = conflictMark(first, conflict)
        for (const s of p.steps) s.beside = last
      }
      for (const s of p.steps) for (const m of s.fold.members) recorded.push({ statement: m, reason: 'conflict', standsFor: first, conflict })
    }
  }
  return settled.filter((s) => !lost.has(s))
}

/** Folds by the merged section they are placed in. */
function byPlace(settled: readonly Settled[]): Map<number, Settled[]> {
  const out = new Map<number, Settled[]>()
  for (const s of settled) {
    const list = out.get(s.where)
    if (list) list.push(s)
    else out.set(s.where, [s])
  }
  return out
}

/** The procedures among one place's steps: the inputs linked by a step they share, each with its steps in source order. */
function proceduresOf(steps: readonly Settled[], owner: ReadonlyMap<Statement, number>): { inputs: Set<number>; steps: Settled[] }[] {
  const find = linkedInputs(steps.map((s) => [...agentsOf(s, owner)]))
  const byRoot = new Map<number, { inputs: Set<number>; steps: Settled[] }>()
  for (const s of steps) {
    const agents = agentsOf(s, owner)
    const r = find([...agents][0]!)
    const p = byRoot.get(r) ?? { inputs: new Set<number>(), steps: [] }
    for (const a of agents) p.inputs.add(a)
    p.steps.push(s)
    byRoot.set(r, p)
  }
  return [...byRoot.values()].map((p) => ({ inputs: p.inputs, steps: p.steps.sort((x, y) => bySource(x.fold.statement, y.fold.statement)) }))
}
