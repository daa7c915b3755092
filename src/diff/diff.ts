// The semantic diff of two agents: the alignment engine (src/align) says
// which section and statement is which; this turns its pairs into the
// changes a reader sees, in NEW's reading order with each removed statement
// where it stood, and adds the field changes and the changes of form.
import { alignBodies, flatten, type StatementPair } from '../align/index.js'
import type { Agent } from '../model.js'
import { squashSpace } from '../normalize/plain.js'
import { fieldChanges } from './fields.js'
import { blankLineChanges } from './blank-lines.js'
import { statementFormatting, titleFormatting } from './formatting.js'
import { changedStart } from './numbering.js'
import { hasChanges, type AgentDiff, type DiffCounts, type DiffOptions, type FormattingChange, type StatementChange, type StatementRef } from './model.js'
import { sectionChanges } from './sections.js'
import { diffStatements, type TokenRun } from './words.js'

export function emptyCounts(): DiffCounts {
  return { renamed: 0, added: 0, removed: 0, reworded: 0, moved: 0, sectionsAdded: 0, sectionsRemoved: 0, sectionsRenamed: 0, sectionsMoved: 0, fields: 0, unchanged: 0, formatting: 0 }
}

const round = (x: number) => Math.round(x * 1000) / 1000

/** A pair of the items that open a list at two different numbers: not the same statement, so an exact one is reworded. */
const restarted = (p: StatementPair): StatementPair => ({ ...p, same: false, class: p.class === 'exact' ? 'reworded' : p.class })

function tally(diff: Omit<AgentDiff, 'counts' | 'status'>): DiffCounts {
  const counts = emptyCounts()
  for (const c of diff.statements) counts[c.change]++
  for (const c of diff.sections) {
    if (c.change === 'added') counts.sectionsAdded++
    else if (c.change === 'removed') counts.sectionsRemoved++
    else if (c.change === 'renamed') counts.sectionsRenamed++
    else counts.sectionsMoved++
  }
  counts.fields = diff.fields.length
  counts.unchanged = diff.unchanged.length
  counts.formatting = diff.formatting.length
  return counts
}

/** The semantic diff of two versions of an agent. */
export function diffAgents(oldAgent: Agent, newAgent: Agent, options: DiffOptions = {}): AgentDiff {
  const { old: o, new: n, sections: align, pairs, removed, added } = alignBodies(oldAgent.root, newAgent.root, { titles: true })

  // Reading order of NEW; a removed statement is near the NEW counterpart of
  // the last statement before it in OLD that kept its place (where a moved
  // one went says nothing of where it stood), and is listed after every
  // statement removed before it in its section: removed statements read in
  // OLD's order, so that one list's items never show among another's. (Not
  // across sections: a section moved up in NEW would list its removed
  // statements after everything of the sections it passed.)
  const newPosOfOld = new Array<number>(o.statements.length).fill(-1)
  for (const p of pairs) if (p.class !== 'moved') newPosOfOld[p.o] = p.n
  const nearOf = new Array<number>(o.statements.length)
  const anchorOf = new Array<number>(o.statements.length)
  let last = -1
  let latest = -1
  let section: string | undefined
  for (let i = 0; i < o.statements.length; i++) {
    if (newPosOfOld[i]! >= 0) last = newPosOfOld[i]!
    const here = o.statements[i]!.section.join('\u0000')
    if (here !== section) latest = -1
    section = here
    latest = Math.max(latest, last)
    nearOf[i] = last
    anchorOf[i] = latest + 0.5
  }
  const keyed: Array<{ key: [number, number]; change: StatementChange }> = []
  const unchanged: AgentDiff['unchanged'] = []
  const formatting: FormattingChange[] = []
  const words = (p: StatementPair): TokenRun[] | null => diffStatements(o.statements[p.o]!.statement, n.statements[p.n]!.statement, options.maxEditLength)
  for (const paired of pairs) {
    const old: StatementRef = o.statements[paired.o]!
    const nu: StatementRef = n.statements[paired.n]!
    // A list that starts at another number is a change, not renumbering: the item that opens it is then not the same statement (./numbering.ts).
    const p = changedStart(old.statement, nu.statement) ? restarted(paired) : paired
    if (p.same) formatting.push(...statementFormatting(options.oldText, old.statement, options.newText, nu.statement))
    let change: StatementChange
    if (p.class === 'moved') {
      change = { change: 'moved', old, new: nu, move: p.move!, score: round(p.score) }
      if (!p.same) change.words = words(p)
    } else if (p.class === 'exact') {
      unchanged.push({ old, new: nu })
      continue
    } else change = { change: 'reworded', old, new: nu, score: round(p.score), words: words(p) }
    keyed.push({ key: [p.n, p.o], change })
  }
  for (const i of removed) {
    const before = nearOf[i]!
    const section = align.o2n[o.sectionOf[i]!]!
    const near = before >= 0 ? n.statements[before]!.statement.source : section >= 0 ? n.sections[section]!.section.source : { path: newAgent.path, line: 1 }
    keyed.push({ key: [anchorOf[i]!, i], change: { change: 'removed', old: o.statements[i]!, near } })
  }
  for (const i of added) keyed.push({ key: [i, -1], change: { change: 'added', new: n.statements[i]! } })
  keyed.sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1])
  unchanged.sort((x, y) => x.new.index - y.new.index)

  const sections = sectionChanges(o, n, align)
  for (const c of sections.changes) {
    if (c.change !== 'removed') continue
    let p = o.parentOf[c.old.index]!
    while (p > 0 && align.o2n[p] === -1) p = o.parentOf[p]!
    c.near = p >= 0 && align.o2n[p]! >= 0 ? n.sections[align.o2n[p]!]!.section.source : { path: newAgent.path, line: 1 }
  }
  // A pseudo-heading's list marker is in no statement's source: its section's pair says whether it changed.
  for (let a = 1; a < o.sections.length; a++) {
    const b = align.o2n[a]!
    if (b > 0) formatting.push(...titleFormatting(options.oldText, o.sections[a]!.section, options.newText, n.sections[b]!.section))
  }
  const fields = fieldChanges(oldAgent.meta, oldAgent.path, newAgent.meta, newAgent.path, options.maxEditLength)
  formatting.push(...sections.formatting, ...fields.formatting)
  if (oldAgent.eol !== newAgent.eol) formatting.push({ what: 'whitespace', detail: `line endings ${eolName(oldAgent.eol)} -> ${eolName(newAgent.eol)}` })
  if (oldAgent.bom !== newAgent.bom) formatting.push({ what: 'whitespace', detail: newAgent.bom ? 'byte order mark added' : 'byte order mark removed' })
  // Blank lines between blocks are in no statement's source: found from the lines, so that another change of form does not hide them.
  if (options.oldText !== undefined && options.newText !== undefined) formatting.push(...blankLineChanges(options.oldText, options.newText, oldAgent.path, newAgent.path, options.maxEditLength))
  formatting.sort((x, y) => (x.new?.line ?? 0) - (y.new?.line ?? 0) || (x.old?.line ?? 0) - (y.old?.line ?? 0) || (x.what < y.what ? -1 : x.what > y.what ? 1 : 0))
  const body = {
    oldPath: oldAgent.path,
    newPath: newAgent.path,
    name: newAgent.meta.name,
    fields: fields.changes,
    sections: sortSections(sections.changes, align.o2n),
    statements: keyed.map((k) => k.change),
    unchanged,
    formatting,
  }
  const counts = tally(body)
  if (formatting.length === 0 && options.oldText !== undefined && options.newText !== undefined && options.oldText !== options.newText && !hasChanges(counts)) {
    formatting.push(...sourceDifferences(oldAgent, newAgent))
    counts.formatting = formatting.length
  }
  return { ...body, status: hasChanges(counts) ? 'modified' : 'unchanged', counts }
}

/**
 * What differs in two sources whose model compares equal and no other change
 * of form explains: the frontmatter's text (a YAML comment, its layout), the
 * body's white space, or else something else in the body's source.
 */
function sourceDifferences(a: Agent, b: Agent): FormattingChange[] {
  const out: FormattingChange[] = []
  if ((a.meta.yaml ?? '') !== (b.meta.yaml ?? '')) {
    out.push({ what: 'frontmatter-style', detail: 'frontmatter source: comments or layout', old: { path: a.path, line: a.meta.line }, new: { path: b.path, line: b.meta.line } })
  }
  if (a.body !== undefined && b.body !== undefined && a.body !== b.body) {
    out.push(squashSpace(a.body) === squashSpace(b.body) ? { what: 'whitespace', detail: 'blank lines or trailing spaces' } : { what: 'markup', detail: 'other source differences in the body' })
  }
  if (out.length === 0) out.push({ what: 'whitespace', detail: 'other source differences' })
  return out
}

function sortSections(changes: ReturnType<typeof sectionChanges>['changes'], o2n: number[]) {
  const anchor = (a: number): number => {
    for (let i = a; i >= 0; i--) if (o2n[i]! >= 0) return o2n[i]! + 0.5
    return -0.5
  }
  const keyOf = (c: (typeof changes)[number]): [number, number] => (c.change === 'removed' ? [anchor(c.old.index), c.old.index] : [c.new.index, c.change === 'added' ? -1 : c.change === 'renamed' ? 0 : 1])
  return changes
    .map((c) => ({ c, k: keyOf(c) }))
    .sort((x, y) => x.k[0] - y.k[0] || x.k[1] - y.k[1])
    .map((x) => x.c)
}

function eolName(eol: string): string {
  return eol === '\r\n' ? 'CRLF' : 'LF'
}

/** The diff of an agent that exists only in NEW (`added`) or only in OLD (`removed`). */
export function diffWhole(agent: Agent, status: 'added' | 'removed'): AgentDiff {
  const side = flatten(agent.root)
  const statements: StatementChange[] = side.statements.map((s) => (status === 'added' ? { change: 'added', new: s } : { change: 'removed', old: s }))
  const fields = agent.meta.fields.map((f) => {
    const at = { value: f.value, at: { path: agent.path, line: f.line } }
    return status === 'added' ? { key: f.key, change: 'added' as const, new: at } : { key: f.key, change: 'removed' as const, old: at }
  })
  const body = { oldPath: status === 'removed' ? agent.path : null, newPath: status === 'added' ? agent.path : null, name: agent.meta.name, fields, sections: [], statements, unchanged: [], formatting: [] }
  return { ...body, status, counts: tally(body) }
}
