// GitHub Actions workflow commands: one `::notice` annotation per change,
// on the NEW file's line (a removed statement or field on the line it stood after),
// so that a pull request shows them in its "Files changed" view. Syntax as
// GitHub documents it: `::notice file={name},line={line},title={title}::{message}`;
// data escapes `%`, CR and LF (`%25`, `%0D`, `%0A`), properties also `:`
// and `,` (`%3A`, `%2C`), as the actions/toolkit does.
import type { Source } from '../../model.js'
import type { AgentDiff, DiffReport, StatementChange } from '../model.js'
import { toReport } from '../report.js'
import { shownText, spellShown } from '../words.js'
import { fieldText, plural, sectionTitle, summaryLine, truncate } from './common.js'

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

export interface Annotation {
  level: 'notice' | 'warning' | 'error'
  file?: string
  line?: number
  /** The column of an error (with `line`). */
  col?: number
  title: string
  message: string
}

export function workflowCommand(a: Annotation): string {
  const props: string[] = []
  if (a.file !== undefined) props.push(`file=${escapeProperty(a.file)}`)
  if (a.line !== undefined && a.file !== undefined) props.push(`line=${a.line}`)
  if (a.col !== undefined && a.line !== undefined && a.file !== undefined) props.push(`col=${a.col}`)
  props.push(`title=${escapeProperty(a.title)}`)
  return `::${a.level} ${props.join(',')}::${escapeData(a.message)}`
}

const quote = (s: string) => `"${truncate(s, 160)}"`

/** The place of an annotation on NEW's file: its line when there is one. */
const on = (file: string, s: Source | undefined) => ({ file, ...(s ? { line: s.line } : {}) })

function statementAnnotation(c: StatementChange, file: string): Annotation {
  switch (c.change) {
    case 'added':
      return { level: 'notice', ...on(file, c.new.statement.source), title: 'agentmerge: statement added', message: quote(shownText(c.new.statement)) }
    case 'removed':
      return { level: 'notice', ...on(file, c.near), title: 'agentmerge: statement removed', message: `removed from ${sectionTitle(c.old.section)}: ${quote(shownText(c.old.statement))} (was ${c.old.statement.source.path}:${c.old.statement.source.line})` }
    case 'reworded':
      return { level: 'notice', ...on(file, c.new.statement.source), title: `agentmerge: statement ${c.words === null ? 'replaced' : 'reworded'}`, message: wasNow(c) }
    case 'moved': {
      const from = c.move === 'section' ? `moved from ${sectionTitle(c.old.section)}` : 'moved within its section'
      const was = c.words !== undefined ? `, reworded: ${wasNow(c)}` : ''
      return { level: 'notice', ...on(file, c.new.statement.source), title: 'agentmerge: statement moved', message: `${from} (was ${c.old.statement.source.path}:${c.old.statement.source.line})${was}` }
    }
  }
}

/**
 * What a reworded statement was and is, struck-out words between `~~`: the
 * annotation sits on NEW's line, but a reviewer reads the message, and a
 * struck-out instruction reads the same as the live one without its marks.
 */
function wasNow(c: Extract<StatementChange, { change: 'reworded' | 'moved' }>): string {
  const old = c.words ? spellShown(c.words, 'old') : shownText(c.old.statement)
  const nu = c.words ? spellShown(c.words, 'new') : shownText(c.new.statement)
  return `was ${quote(old)}, now ${quote(nu)}`
}

export function annotations(d: AgentDiff): Annotation[] {
  const out: Annotation[] = []
  if (d.newPath === null) {
    out.push({ level: 'notice', title: 'agentmerge: agent removed', message: `${d.oldPath}: agent ${d.name} removed (${plural(d.statements.length, 'statement')})` })
    return out
  }
  const file = d.newPath
  if (d.status === 'added') {
    out.push({ level: 'notice', file, line: 1, title: 'agentmerge: agent added', message: `agent ${d.name} added (${plural(d.statements.length, 'statement')})` })
    return out
  }
  if (d.counts.renamed) out.push({ level: 'notice', file, line: 1, title: 'agentmerge: file renamed', message: `renamed from ${d.oldPath}` })
  // A removed field is annotated on NEW's frontmatter, where it stood, as a removed statement is.
  for (const f of d.fields) out.push({ level: 'notice', ...on(file, f.new?.at ?? f.near), title: `agentmerge: frontmatter ${f.key} ${f.change}`, message: fieldText(f) })
  for (const s of d.sections) {
    if (s.change === 'added') out.push({ level: 'notice', file, line: s.new.section.source.line, title: 'agentmerge: section added', message: sectionTitle(s.new.path) })
    else if (s.change === 'removed') out.push({ level: 'notice', file, line: s.near?.line ?? 1, title: 'agentmerge: section removed', message: `${sectionTitle(s.old.path)} (was ${s.old.section.source.path}:${s.old.section.source.line})` })
    else if (s.change === 'renamed') out.push({ level: 'notice', file, line: s.new.section.source.line, title: 'agentmerge: section renamed', message: `renamed from ${quote(s.old.section.title)}` })
    else out.push({ level: 'notice', file, line: s.new.section.source.line, title: 'agentmerge: section moved', message: s.move === 'parent' ? `moved from ${sectionTitle(s.old.path.slice(0, -1))}` : 'moved among its sibling sections' })
  }
  for (const c of d.statements) out.push(statementAnnotation(c, file))
  return out
}

export interface GithubOptions {
  /** Annotate the changes of form too. */
  formatting?: boolean
}

/** A change of form, on the NEW file's line: not a change in meaning, so only when asked for. */
function formattingAnnotations(d: AgentDiff): Annotation[] {
  if (d.newPath === null) return []
  const file = d.newPath
  return d.formatting.map((f) => ({ level: 'notice', file, ...(f.new ? { line: f.new.line } : {}), title: `agentmerge: change of form (${f.what})`, message: f.detail }))
}

/** The diff as workflow commands, then the summary line as plain log text. */
export function formatGithub(input: DiffReport | AgentDiff, options: GithubOptions = {}): string {
  const report = toReport(input)
  const formatting = options.formatting === true
  const lines: string[] = []
  for (const d of report.files) for (const a of [...annotations(d), ...(formatting ? formattingAnnotations(d) : [])]) lines.push(workflowCommand(a))
  lines.push(`agentmerge diff: ${summaryLine(report.counts, formatting)}`)
  return lines.join('\n') + '\n'
}
