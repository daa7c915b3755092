// Three versions of an agent in, the merged agent's text out: frontmatter
// field by field (fields.ts) into the sides' YAML text merged by lines
// (frontmatter-text.ts), body statement by statement (body.ts), written
// by the canonical renderer. A conflict is written with git's markers around
// the smallest unit that conflicts: one frontmatter field, one statement
// (a list item stays inside its list), lines of a code block, one section
// title; a section one side deleted and the other renamed is one conflict
// from its title to its end.
import { randomBytes } from 'node:crypto'
import type { Agent, Section, Statement } from '../model.js'
import { readMeta } from '../normalize/meta.js'
import { stringifyMarkdown } from '../markdown/index.js'
import { fieldTexts, renderFields, replaceFieldTexts } from '../render/frontmatter.js'
import { renderAgent, statementMarkdown, writtenTitle } from '../render/markdown.js'
import { mergeBodies3, type BodyConflict } from './body.js'
import { mergeFields, type FieldConflict } from './fields.js'
import { frontmatterText, type CommentClash } from './frontmatter-text.js'
import { statementsOf } from '../walk.js'

export interface Merge3Options {
  /** Labels after the markers (git's default: the branch names are not known to a driver). */
  ours?: string
  theirs?: string
  /** Marker length (git's %L; default 7). */
  markerSize?: number
}

export interface Merge3Result {
  text: string
  /** Number of conflicts written with markers. */
  conflicts: number
  /** Where each conflict is, by the line of our side (or theirs when ours has none). */
  places: Array<{ line: number; what: string }>
  /** Decisions worth telling that are not conflicts. */
  notes: string[]
}

/**
 * A placeholder prefix no side contains: a random nonce per merge, drawn
 * again in the (unlikely) case that the text already holds it, so that a
 * statement that happens to read like a placeholder is never replaced.
 */
function freshPrefix(kind: string, sides: readonly string[]): string {
  for (;;) {
    const prefix = `AGENTMERGE${kind}${randomBytes(8).toString('hex').toUpperCase()}N`
    if (!sides.some((t) => t.includes(prefix))) return prefix
  }
}

/** Merges O (base), A (ours) and B (theirs); `texts`, the sides' text when known, keep placeholders apart from content. */
export function merge3(o: Agent, a: Agent, b: Agent, options: Merge3Options = {}, texts: readonly string[] = []): Merge3Result {
  const size = options.markerSize ?? 7
  const open = '<'.repeat(size) + (options.ours ? ` ${options.ours}` : ' ours')
  const mid = '='.repeat(size)
  const close = '>'.repeat(size) + (options.theirs ? ` ${options.theirs}` : ' theirs')
  const dialect = a.meta.present ? a.meta.dialect : b.meta.dialect

  const sides = [...texts, ...[o, a, b].flatMap((x) => statementsOf(x.root).map((st) => st.text)), JSON.stringify([o.meta.fields, a.meta.fields, b.meta.fields])]
  const bodyPrefix = freshPrefix('CONFLICT', sides)
  const fieldPrefix = freshPrefix('FIELD', sides)
  const fields = mergeFields(o.meta.fields, a.meta.fields, b.meta.fields, (n) => `${fieldPrefix}${n}X`)
  const body = mergeBodies3(o.root, a.root, b.root, (n) => `${bodyPrefix}${n}X`)
  const meta = readMeta(fields.fields, a.path, a.meta.present || b.meta.present, a.meta.line || b.meta.line || 1)
  meta.dialect = dialect
  // Fields are written into the sides' merged YAML text (as normalize writes a file).
  const source = frontmatterText(o, a, b)
  // A conflicting field's lines (with the comments before its key, which each side then writes as its file has them) become its placeholder's line.
  const placed = source.yaml === undefined || fields.conflicts.length === 0 ? source.yaml : replaceFieldTexts(source.yaml, new Map(fields.conflicts.map((c) => [c.key, `${c.key}: ${c.token}\n`])))
  if (placed !== undefined) meta.yaml = placed
  const merged: Agent = { ...a, meta, root: body.root }
  // Theirs' comments in lines ours changed too: marked only when ours' text is the one written.
  const comments = placeCommentClashes(renderAgent(merged), meta.yaml === undefined ? [] : source.clashes, open, mid, close)
  let text = placeFieldConflicts(comments.text, fields.conflicts, fieldPrefix, dialect, [a.meta.yaml, b.meta.yaml], open, mid, close)
  // A comment the lines' merge left out may be written after all, in their side of a field conflict.
  const headLines = text.slice(0, text.indexOf('\n---\n') + 1).split('\n').map((l) => l.trimEnd())
  // A comment is written when a line is that comment, or ends with it after a space (a value's own comment).
  const written = (c: string) => headLines.some((l) => l.trim() === c || l.endsWith(` ${c}`) || l.endsWith(`\t${c}`))
  const unkept = comments.unkept.map((lost) => lost.filter((c) => !written(c))).filter((lost) => lost.length > 0)
  text = placeBodyConflicts(text, body.conflicts, bodyPrefix, open, mid, close)
  const places = [
    ...comments.places,
    ...fields.conflicts.map((c) => ({ line: c.line, what: `frontmatter field '${c.key}' set differently on both sides` })),
    ...body.conflicts.map((c) => ({ line: c.line, what: conflictWhat(c) })),
  ]
  const quoted = (lost: string[]) => lost.map((c) => `'${c}'`).join(', ')
  const notes = unkept.map((lost) => `their frontmatter comment${lost.length === 1 ? '' : 's'} ${quoted(lost)} not kept: both sides changed the lines around ${lost.length === 1 ? 'it' : 'them'}`)
  return { text, conflicts: places.length, places, notes: [...notes, ...body.notes] }
}

/**
 * Lines of the frontmatter both sides changed, where theirs hold a comment
 * the result lacks: markers around ours' lines as written (their values as
 * ours had them), theirs' below, as git shows such lines. When the written
 * frontmatter does not hold ours' lines as they were (a value in them was
 * merged), the comments are returned as not kept.
 */
function placeCommentClashes(text: string, clashes: CommentClash[], open: string, mid: string, close: string): { text: string; places: Array<{ line: number; what: string }>; unkept: string[][] } {
  const places: Array<{ line: number; what: string }> = []
  const unkept: string[][] = []
  const quoted = (lost: string[]) => lost.map((c) => `'${c}'`).join(', ')
  for (const clash of clashes) {
    const head = text.slice(0, text.indexOf('\n---\n') + 1)
    const lines = `\n${clash.ours.map((l) => `${l}\n`).join('')}`
    const at = head.indexOf(lines)
    if (clash.ours.length === 0 || at === -1 || head.indexOf(lines, at + 1) !== -1) {
      unkept.push(clash.lost)
      continue
    }
    const side = (x: string[]) => x.map((l) => `${l}\n`).join('')
    text = `${text.slice(0, at + 1)}${open}\n${side(clash.ours)}${mid}\n${side(clash.theirs)}${close}\n${text.slice(at + lines.length)}`
    places.push({ line: text.slice(0, at + 1).split('\n').length, what: `frontmatter lines changed differently on both sides (their comment${clash.lost.length === 1 ? '' : 's'} ${quoted(clash.lost)})` })
  }
  return { text, places, unkept }
}

function conflictWhat(c: BodyConflict): string {
  const title = (s: Statement | Section | undefined) => (s as Section).title
  if (c.kind === 'lines') return 'lines of a code block changed differently on both sides'
  if (c.kind === 'title') return `section title changed differently on both sides ('${title(c.ours)}' / '${title(c.theirs)}')`
  if (c.kind === 'section') {
    return c.ours
      ? `section '${title(c.base)}' renamed on our side ('${title(c.ours)}') and deleted on theirs`
      : `section '${title(c.base)}' renamed on their side ('${title(c.theirs)}') and deleted on ours`
  }
  const change = c.moved ? 'moved to another section' : 'changed'
  if (!c.ours) return c.became ? `statement we turned into the title '${c.became.title}' was changed on their side` : `statement we deleted was ${change} on their side`
  if (!c.theirs) return c.became ? `statement they turned into the title '${c.became.title}' was changed on our side` : `statement they deleted was ${change} on our side`
  return c.base ? 'statement changed differently on both sides' : 'statement added differently on both sides'
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// Both placements replace every placeholder line in one pass over the text
// (a pass per conflict would make the driver quadratic in conflicts).
function placeFieldConflicts(text: string, conflicts: FieldConflict[], prefix: string, dialect: Agent['meta']['dialect'], yaml: [string | undefined, string | undefined], open: string, mid: string, close: string): string {
  if (conflicts.length === 0) return text
  const byToken = new Map(conflicts.map((c) => [c.token, c]))
  // Each side's YAML parsed once, whatever the number of its fields in conflict.
  const [ours, theirs] = yaml.map((source) => (source === undefined ? undefined : fieldTexts(source)))
  return text.replace(new RegExp(`^[^\\n]*(${escapeRe(prefix)}\\d+X)[^\\n]*\\n`, 'gm'), (line, token: string) => {
    const c = byToken.get(token)
    if (!c) return line
    // Each side as its file has it (its comments kept), else written from its value.
    const side = (value: unknown, texts: ReturnType<typeof fieldTexts> | undefined) => (value === undefined ? '' : texts?.(c.key, value) ?? renderFields([{ key: c.key, value, line: c.line }], dialect))
    return `${open}\n${side(c.ours, ours)}${mid}\n${side(c.theirs, theirs)}${close}\n`
  })
}

/** The Markdown of a side of a conflict, its lines each prefixed as the placeholder's line was. */
function sideLines(statement: Statement | undefined, first: string, rest: string): string {
  if (!statement) return ''
  // A task keeps its checkbox: the marker before it is the placeholder's.
  const box = statement.kind === 'task' ? `[${statement.checked ? 'x' : ' '}] ` : ''
  const md = box + statementMarkdown(statement)
  return md.split('\n').map((line, i) => (i === 0 ? first : line === '' ? rest.trimEnd() : rest) + line).join('\n') + '\n'
}

function placeBodyConflicts(text: string, conflicts: BodyConflict[], prefix: string, open: string, mid: string, close: string): string {
  if (conflicts.length === 0) return text
  const byToken = new Map(conflicts.map((c) => [c.token, c]))
  const byEnd = new Map(conflicts.flatMap((c) => (c.end === undefined ? [] : [[c.end, c] as const])))
  // A section in conflict as a whole closes its markers right after its last line (the blank line before the placeholder goes).
  const re = new RegExp(`(?:^\\n)?^([^\\n]*?)(${escapeRe(prefix)}\\d+X)([^\\n]*)(\\n?)`, 'gm')
  return text.replace(re, (line: string, before: string, token: string, after: string) => {
    const blank = line.startsWith('\n') ? '\n' : ''
    const ending = byEnd.get(token)
    if (ending) return ending.ours ? `${mid}\n${close}\n` : `${close}\n`
    const c = byToken.get(token)
    return c ? blank + conflictLines(c, before, after, open, mid, close) : line
  })
}

/** The lines that replace a conflict's placeholder line (`before` and `after` are the rest of that line). */
function conflictLines(c: BodyConflict, before: string, after: string, open: string, mid: string, close: string): string {
  // A bare placeholder (its separator after it) takes each title as written, else in canonical markup; otherwise the renderer put the markup around it.
  const title = (s: Section) =>
    (c.bare ? writtenTitle(s)?.text : undefined) ?? stringifyMarkdown({ type: 'root', children: [{ type: 'paragraph', children: c.bare && s.kind !== 'heading' ? [{ type: 'strong', children: s.titleNodes }] : s.titleNodes }] }).trim()
  if (c.kind === 'section') {
    const heading = `${before}${title((c.ours ?? c.theirs) as Section)}${after}\n`
    return `${open}\n${c.ours ? heading : `${mid}\n${heading}`}`
  }
  if (c.kind === 'title') return `${open}\n${before}${title(c.ours as Section)}${after}\n${mid}\n${before}${title(c.theirs as Section)}${after}\n${close}\n`
  if (c.kind === 'lines') {
    // Lines inside a code block: each under the placeholder's prefix (the block's container indentation or quote markers).
    const side = (lines: string[]) => lines.map((l) => `${l === '' ? before.trimEnd() : before}${l}\n`).join('')
    return `${open}\n${side(c.lines!.ours)}${mid}\n${side(c.lines!.theirs)}${close}\n`
  }
  const like = (c.ours ?? c.theirs) as Statement
  if (like.node.type === 'tableRow') {
    const row = (s: Statement | undefined) => (s ? statementMarkdown(s) + '\n' : '')
    return `${open}\n${row(c.ours as Statement | undefined)}${mid}\n${row(c.theirs as Statement | undefined)}${close}\n`
  }
  // Continuation lines align under the first: list markers become spaces, quote markers stay.
  const rest = before.replace(/(?:[-*+]|\d+[.)])(\s+)$/, (all) => ' '.repeat(all.length))
  return `${open}\n${sideLines(c.ours as Statement | undefined, before, rest)}${mid}\n${sideLines(c.theirs as Statement | undefined, before, rest)}${close}\n`
}