// What every diff format shares: places as `path:line`, the one-line
// summary, the section a change is shown under, and what a field change says.
import type { Source } from '../../model.js'
import { grantParts, wholeTool } from '../grant-text.js'
import { hasChanges, type DiffCounts, type FieldChange, type StatementChange } from '../model.js'
import { valueText } from '../value-text.js'

export const at = (s: Source | undefined): string => (s ? `${s.path}:${s.line}` : '')

export const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`

/** Counts per kind of change, e.g. `1 reworded, 2 moved, 1 section renamed`. */
export function countsText(counts: DiffCounts): string {
  const parts: string[] = []
  if (counts.renamed) parts.push(`${plural(counts.renamed, 'file')} renamed`)
  if (counts.added) parts.push(`${counts.added} added`)
  if (counts.removed) parts.push(`${counts.removed} removed`)
  if (counts.reworded) parts.push(`${counts.reworded} reworded`)
  if (counts.moved) parts.push(`${counts.moved} moved`)
  if (counts.sectionsAdded) parts.push(`${plural(counts.sectionsAdded, 'section')} added`)
  if (counts.sectionsRemoved) parts.push(`${plural(counts.sectionsRemoved, 'section')} removed`)
  if (counts.sectionsRenamed) parts.push(`${plural(counts.sectionsRenamed, 'section')} renamed`)
  if (counts.sectionsMoved) parts.push(`${plural(counts.sectionsMoved, 'section')} moved`)
  if (counts.fields) parts.push(`${plural(counts.fields, 'field')} changed`)
  return parts.join(', ')
}

/** An input of the run that could not be read, and why: the formats say so, lest a partial diff read as the whole one. */
export interface Unread {
  /** `path:line`, or the path alone. */
  place: string
  message: string
}

/** What the summary line adds when inputs could not be read ("; 1 input could not be read"), else ''. */
export function unreadNote(unread: readonly Unread[] | undefined): string {
  const n = unread?.length ?? 0
  return n === 0 ? '' : `; ${n} ${n === 1 ? 'input' : 'inputs'} could not be read`
}

/** The one-line summary of a diff. */
export function summaryLine(counts: DiffCounts & { files?: number; changedFiles?: number }, formattingListed = false): string {
  const form = counts.formatting > 0 ? ` (${plural(counts.formatting, 'change')} of form only${formattingListed ? '' : '; --formatting lists them'})` : ''
  if (!hasChanges(counts)) return `nothing changed in meaning${form}`
  const files = counts.files !== undefined && counts.files > 1 ? ` in ${plural(counts.changedFiles ?? 0, 'file')} of ${counts.files}` : ''
  return `${countsText(counts)}${files}${form}`
}

/** The section path a statement change is shown under: NEW's, or OLD's for a removed statement. */
function sectionOfChange(c: StatementChange): string[] {
  return c.change === 'removed' ? c.old.section : c.new.section
}

/**
 * A section's path as the formats show it. The root is what stands outside
 * every section: the lines above the first heading, or a whole file that has
 * none, which is not its top.
 */
export const sectionTitle = (path: string[]): string => (path.length === 0 ? '(no section)' : path.join(' › '))

/**
 * The one section every statement of a group that moved from another section
 * came from, when there are several of them (an author who put another's
 * list under headings moves it whole): said once for the group, it need not
 * be said on each line. Undefined when they came from two sections or
 * fewer than two moved.
 */
export function movedInFrom(changes: readonly StatementChange[]): { path: string[]; count: number } | undefined {
  const origins = changes.flatMap((c) => (c.change === 'moved' && c.move === 'section' ? [c.old.section] : []))
  const key = (path: string[]) => path.join('\u0000')
  if (origins.length < 2 || origins.some((p) => key(p) !== key(origins[0]!))) return undefined
  return { path: origins[0]!, count: origins.length }
}

/** Groups statement changes by the section they are shown under, in order of first appearance. */
export function bySection(changes: StatementChange[]): Array<{ path: string[]; changes: StatementChange[] }> {
  const groups = new Map<string, { path: string[]; changes: StatementChange[] }>()
  for (const c of changes) {
    const path = sectionOfChange(c)
    const key = path.join('\u0000')
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { path, changes: [] }))
    group.changes.push(c)
  }
  return [...groups.values()]
}

/** What a field change says, without its places: `tools: +read -bash`, `model: sonnet -> opus`. */
export function fieldText(f: FieldChange): string {
  return fieldWhat(f) + notesText(f)
}

/** A field change's notes as the text formats append them: ` (MultiEdit is Edit's old name; …)`, or ''. */
export const notesText = (f: FieldChange): string => (f.notes && f.notes.length > 0 ? ` (${f.notes.join('; ')})` : '')

function fieldWhat(f: FieldChange): string {
  // Without a tools field an agent may use every tool: a field that takes
  // that away restricts it to what it grants, one that gives it back lifts the restriction.
  if (f.tools && f.tools.removed.includes('*') && !f.tools.added.includes('*')) {
    // The old side's denials went with its "every tool": said, or the old side reads as having granted them.
    const denied = f.tools.removed.filter((t) => t.startsWith('!'))
    const names = f.toolNames && { old: f.toolNames.new, new: f.toolNames.old }
    return `${f.key} ${f.change}: restricted to ${valueText(f.new?.value)} (was: every tool${denied.length > 0 ? ` but ${toolsText({ added: denied, removed: [] }, names)}` : ''})`
  }
  if (f.tools && f.tools.added.includes('*') && !f.tools.removed.includes('*')) return `${f.key} ${f.change}: restriction lifted, every tool allowed${f.tools.added.length > 1 ? ` but ${toolsText({ added: f.tools.added.filter((t) => t !== '*'), removed: [] }, f.toolNames)}` : ''}`
  if (f.tools) return `${f.key} ${f.change}: ${toolsText(f.tools, f.toolNames)}`
  if (f.change === 'added') return `${f.key} added: ${valueText(f.new?.value)}`
  if (f.change === 'removed') return `${f.key} removed (was ${valueText(f.old?.value)})`
  return `${f.key}: ${valueText(f.old?.value)} -> ${valueText(f.new?.value)}`
}

export const truncate = (s: string, max = 200): string => (s.length > max ? s.slice(0, max - 1) + '…' : s)

/**
 * Tool grants gained and lost, tool by tool, as fields.ts spells them:
 * `+read, -bash`, `bash denied` / `bash no longer denied` for a denial beside
 * tools left on, `*` for every tool the field does not name, and a tool
 * granted whole on one side and for some uses on the other as one change
 * (`bash narrowed to bash(git *)`, `bash widened from bash(git *)`). With
 * `names` (a field change's `toolNames`) each tool is shown as the side it
 * comes from names it (`+Grep, -Bash`): gained ones as NEW does, lost ones as
 * OLD does; the canonical ids only match the two sides.
 */
export function toolsText(tools: { added: string[]; removed: string[] }, names?: { old: Readonly<Record<string, string>>; new: Readonly<Record<string, string>> }): string {
  const shown = (t: string, side: 'old' | 'new') => {
    const { mark, tool, rest } = grantParts(t)
    return mark + (names && Object.hasOwn(names[side], tool) ? names[side][tool]! : tool) + rest
  }
  const name = (t: string, side: 'old' | 'new') => (t === '*' ? '* (every tool not named)' : shown(t, side))
  // Some uses of a tool, or some tools of an MCP server (`mcp__magic__refiner` of `mcp__magic`).
  const usesOf = (t: string, list: string[]) => list.filter((x) => x.startsWith(`${t}(`) || (t.startsWith('mcp__') && x.startsWith(`${t}__`)))
  const narrowed = tools.removed.filter((t) => wholeTool(t) && usesOf(t, tools.added).length > 0)
  const widened = tools.added.filter((t) => wholeTool(t) && usesOf(t, tools.removed).length > 0)
  const told = new Set([...narrowed.flatMap((t) => usesOf(t, tools.added)), ...widened.flatMap((t) => usesOf(t, tools.removed))])
  const parts: string[] = []
  for (const t of tools.added) {
    if (told.has(t)) continue
    if (widened.includes(t)) parts.push(`${shown(t, 'new')} widened from ${usesOf(t, tools.removed).map((u) => shown(u, 'old')).join(', ')}`)
    else parts.push(t.startsWith('!') ? `${shown(t, 'new').slice(1)} denied` : `+${name(t, 'new')}`)
  }
  for (const t of tools.removed) {
    if (told.has(t)) continue
    if (narrowed.includes(t)) parts.push(`${shown(t, 'old')} narrowed to ${usesOf(t, tools.added).map((u) => shown(u, 'new')).join(', ')}`)
    else parts.push(t.startsWith('!') ? `${shown(t, 'old').slice(1)} no longer denied` : `-${name(t, 'old')}`)
  }
  // Commas between changes: most read as several words ("edit no longer denied"). Said once: a name standing for
  // several tools is shown, for each of them that changed, with all of those (`-search (glob, list)`).
  return [...new Set(parts)].join(', ')
}
