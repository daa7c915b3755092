// Provenance: where every output statement, section and field came from.
// The same record is written as JSON (the sidecar, `OUT.provenance.json`)
// or as one compact HTML comment at the end of the merged file (inline).
// Sources are sorted by path and line, and the inline comment numbers the
// inputs in path order, so the notes do not depend on the order of the files
// on the command line; the sidecar's `inputs` are sorted by path too.
import type { Agent, Dialect, Statement } from '../model.js'
import { sectionsOf } from '../walk.js'
import { sourceText } from '../normalize/source.js'
import { squashSpace } from '../normalize/plain.js'
import { at } from '../dedup/index.js'
import type { MergedSection } from './body.js'
import type { FieldDecision } from './meta.js'
import type { Recorded } from './stages.js'
import { byCodeUnits, bySource } from '../order.js'

export interface StatementProvenance {
  /** The output statement's id (hash of its normalized text, as `normalize --json` shows it). */
  id: string
  kind: Statement['kind']
  text: string
  /** Where the wording written comes from. */
  wording: string
  /** Every input statement it stands for (`path:line`), the wording's included. */
  from: string[]
  /** With `--min-support`: statements of other inputs (`path:line`) that say it in other words, counted towards its support; written apart. */
  carriedBy?: string[]
}

export interface SectionProvenance {
  /** The title written ('' for the part above the first section). */
  title: string
  depth: number
  /** The input sections aligned into this one. */
  from: string[]
  /** Their other titles, as written. */
  titles: string[]
  /** The section's statements, in output order. */
  statements: StatementProvenance[]
}

export interface Provenance {
  version: 1
  /** The inputs, as given. */
  inputs: string[]
  dialect: Dialect
  fields: FieldDecision[]
  /** The input that decided fields and conflicts (`--prefer`, the base, or the central input). */
  decider: string
  /** Output sections in document order; the first is the top of the file. */
  sections: SectionProvenance[]
  /** Input statements not written, by path and line, and why. */
  recorded: RecordedProvenance[]
  /**
   * Input section titles (headings, titled list items, bold lead-ins) that
   * head no output section: every statement under them was folded into
   * statements written elsewhere or recorded, and with them went the title;
   * by path and line. Absent when there is none. The inputs' H1 titles are
   * not listed: they stand in the root's `from`, written or not.
   */
  titlesNotWritten?: Array<{ from: string; title: string }>
}

/** An input statement recorded but not written. */
export interface RecordedProvenance {
  from: string
  text: string
  /** The statement as its author wrote it (its Markdown: links, emphasis, footnote references), when that differs from `text`: what a maintainer pastes back. */
  written?: string
  reason: Recorded['reason']
  /** The written statement it is an alternative to (`path:line`), when there is one. */
  standsFor?: string
  /** For conflicts: polarity or specific, and what differs. */
  conflict?: string
  /** For an opening not chosen: its content words that no written statement or title says, as its author wrote them, in its order; absent when there are none. */
  carries?: string[]
}

type Placed = { source: { path: string; line: number } }
/** `path:line` of each, by path and line (sorted before they become strings, which would have to be split again). */
const places = (xs: readonly Placed[]): string[] => (xs.length === 1 ? [at(xs[0]!)] : xs.slice().sort(bySource).map(at))

/** A statement's Markdown as written, when it says more than its plain text. */
function writtenOf(st: Statement): { written?: string } {
  const source = sourceText(st.node)
  return source !== undefined && source !== st.text ? { written: source } : {}
}

export function buildProvenance(agents: readonly Agent[], sections: readonly MergedSection[], fields: FieldDecision[], dialect: Dialect, recorded: readonly Recorded[], decider: string): Provenance {
  const notes = recorded.slice().sort((a, b) => bySource(a.statement, b.statement) || byCodeUnits(a.reason, b.reason)).map((r): RecordedProvenance => ({
    from: at(r.statement),
    text: r.statement.text,
    ...writtenOf(r.statement),
    reason: r.reason,
    ...(r.standsFor ? { standsFor: at(r.standsFor) } : {}),
    ...(r.conflict ? { conflict: `${r.conflict.kind}: ${r.conflict.detail}` } : {}),
    ...(r.carries ? { carries: r.carries } : {}),
  }))
  const headed = new Set(sections.flatMap((m) => m.members))
  const untitled = agents
    .flatMap((a) => sectionsOf(a.root).filter((s) => s.kind !== 'root' && !headed.has(s)))
    .sort(bySource)
    .map((s) => ({ from: at(s), title: s.title }))
  return {
    version: 1,
    inputs: agents.map((a) => a.path).sort(byCodeUnits),
    dialect,
    fields,
    decider,
    recorded: notes,
    ...(untitled.length > 0 ? { titlesNotWritten: untitled } : {}),
    sections: sections.map((m, i) => {
      const top = i === 0
      const wrapper = top ? m.section.body[0] : undefined
      const titled = top && wrapper?.type === 'section' && m.members.length > 0 ? wrapper : m.section
      const title = titled.title
      return {
        title,
        depth: titled.depth,
        from: places(m.members),
        titles: [...new Set(m.members.map((s) => s.title))].filter((t) => t !== title).sort(byCodeUnits),
        statements: m.folds.map((f) => ({
          id: f.statement.id,
          kind: f.statement.kind,
          text: f.statement.text,
          wording: at(f.statement),
          from: places(f.members),
          ...(f.carriedBy ? { carriedBy: places(f.carriedBy) } : {}),
        })),
      }
    }),
  }
}

/** The sidecar file's text: JSON with one line per field decision and per statement. */
export function provenanceJson(p: Provenance): string {
  const j = (v: unknown) => JSON.stringify(v)
  const lines = ['{', `  "version": ${p.version},`, `  "inputs": ${j(p.inputs)},`, `  "dialect": ${j(p.dialect)},`, '  "fields": [']
  p.fields.forEach((f, i) => lines.push(`    ${j(f)}${i < p.fields.length - 1 ? ',' : ''}`))
  lines.push('  ],', '  "sections": [')
  p.sections.forEach((s, i) => {
    const { statements, ...head } = s
    lines.push(`    ${j(head).slice(0, -1)}, "statements": [`)
    statements.forEach((st, k) => lines.push(`      ${j(st)}${k < statements.length - 1 ? ',' : ''}`))
    lines.push(`    ]}${i < p.sections.length - 1 ? ',' : ''}`)
  })
  lines.push('  ],', `  "decider": ${j(p.decider)},`, '  "recorded": [')
  p.recorded.forEach((r, i) => lines.push(`    ${j(r)}${i < p.recorded.length - 1 ? ',' : ''}`))
  if (p.titlesNotWritten) {
    lines.push('  ],', '  "titlesNotWritten": [')
    p.titlesNotWritten.forEach((t, i) => lines.push(`    ${j(t)}${i < p.titlesNotWritten!.length - 1 ? ',' : ''}`))
  }
  lines.push('  ]', '}')
  return lines.join('\n') + '\n'
}

const safe = (s: string): string => s.replace(/--+>?/g, (m) => m.replace(/-/g, '\u2010'))

/**
 * The inline notes: one HTML comment, at the end of the file, that the
 * parser skips when the file is read again. Inputs are numbered in path
 * order; `2:14` is line 14 of input [2]. One line per section: its title,
 * the input sections behind it, then its statements' sources in output
 * order, one `|`-separated entry per statement; last, the input statements
 * not written (recorded: a conflict's other side, an opening not chosen, one
 * below `--min-support`), each with its reason and what stands for it.
 */
export function provenanceComment(p: Provenance): string {
  const paths = [...new Set(p.inputs)].sort(byCodeUnits)
  const number = new Map(paths.map((path, i) => [path, i + 1]))
  const ref = (place: string) => {
    const i = place.lastIndexOf(':')
    const path = i === -1 ? place : place.slice(0, i)
    const n = number.get(path)
    if (n === undefined) return place
    return i === -1 ? `${n}` : `${n}:${place.slice(i + 1)}`
  }
  const lines = ['[n] numbers the inputs; n:line is a line of input n.']
  lines.push('Each section: its title (input sections) then the sources of its statements in order, one entry per statement between |.')
  for (const path of paths) lines.push(`[${number.get(path)}] ${path}`)
  const fields = p.fields.map((f) => {
    // A value the decision was taken from is not also one of the others (a union takes from every input).
    const taken = new Set(f.from ? f.from.split(', ') : [])
    const rest = f.others.filter((o) => !taken.has(o.from))
    const others = rest.length > 0 ? ` (also ${rest.map((o) => ref(o.from)).join(' ')})` : ''
    const value = f.value === null ? 'not written' : f.from ? f.from.split(', ').map(ref).join(' ') : ''
    return squashSpace(`${f.key} ${f.rule} ${value}${others}`)
  })
  lines.push(`frontmatter (${p.dialect}): ${fields.join('; ')}`)
  for (const s of p.sections) {
    const head = s.title === '' && s.from.length === 0 ? '(top)' : `${'#'.repeat(Math.max(1, s.depth))} ${s.title}`
    const from = s.from.length > 0 ? ` (${s.from.map(ref).join(' ')})` : ''
    const body = s.statements.map((st) => st.from.map(ref).join(' ')).join(' | ')
    lines.push(`${head}${from}: ${body}`)
  }
  // What is not written is still accounted for: its place, why, and what stands for it.
  if (p.recorded.length > 0) lines.push(`not written: ${p.recorded.map((r) => `${ref(r.from)} ${r.reason}${r.standsFor ? ` for ${ref(r.standsFor)}` : ''}`).join(' | ')}`)
  if (p.titlesNotWritten) lines.push(`titles not written: ${p.titlesNotWritten.map((t) => ref(t.from)).join(' | ')}`)
  return '<!-- agentmerge-provenance v1\n' + safe(lines.join('\n')) + '\n-->'
}
