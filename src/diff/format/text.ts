// The terminal format: per agent, the frontmatter changes, the statement
// changes under their section, the section changes, optionally the changes
// of form, then one summary line. Word diffs are shown like
// `git diff --word-diff`: `[-old-]{+new+}`, or red and green with color.
import type { Statement } from '../../model.js'
import type { AgentDiff, DiffReport, StatementChange, WordRun } from '../model.js'
import { toReport } from '../report.js'
import { leadPlace, shownParts, shownText, spaceOnly } from '../words.js'
import { paint, type Paint } from './color.js'
import { terminalLine } from '../../errors.js'
import { codeLines, isCodeChange } from './code.js'
import { at, bySection, countsText, fieldText, movedInFrom, sectionTitle, summaryLine, unreadNote, type Unread } from './common.js'

export interface TextOptions {
  color?: boolean
  /** List the changes of form too. */
  formatting?: boolean
  /** Name every file, those with nothing changed in meaning too (git's external driver: git shows one file at a time). */
  everyFile?: boolean
  /** Inputs of the run that could not be read: counted in the summary (their errors go to stderr). */
  unread?: readonly Unread[]
}

function words(runs: WordRun[] | null | undefined, p: Paint, fallback: { old: string; new: string }): string {
  // Without color, mark the runs the way `git diff --word-diff=plain` does.
  const marked = p.red('x') === 'x'
  if (!runs) return `${p.red(marked ? `[-${fallback.old}-]` : fallback.old)} ${p.green(marked ? `{+${fallback.new}+}` : fallback.new)}`
  return runs
    .map((r, i) => {
      const { lead, body, trail } = shownParts(r)
      const mark = (shown: string) => (r.op === 'removed' ? p.red(marked ? `[-${shown}-]` : shown) : p.green(marked ? `{+${shown}+}` : shown))
      if (r.op === 'equal') return lead + body + trail
      // A change of whitespace alone is marked (`{+ +}`): nothing else would show it, and a colored space is no more seen than a plain one.
      if (spaceOnly(runs, i)) return r.op === 'removed' ? p.red(`[-${r.text}-]`) : p.green(`{+${r.text}+}`)
      // Whitespace beside changed words: NEW's spacing is shown as it is, OLD's left out.
      if (body === '') return r.op === 'added' ? r.text : ''
      // A replacement reads `[-old-]{+new+}`: the added words take the removed ones' place.
      const place = leadPlace(runs, i)
      return (place === 'outside' ? lead : '') + mark((place === 'inside' ? lead : '') + body) + trail
    })
    .join('')
}

/** `from`: whether a statement moved from another section names that section (not when its group said it once). */
function statementLines(c: StatementChange, p: Paint, from = true): string[] {
  switch (c.change) {
    case 'added':
      return [`  ${p.green('+')} ${p.green(shownText(c.new.statement))}  ${p.dim(at(c.new.statement.source))}`]
    case 'removed':
      return [`  ${p.red('-')} ${p.red(shownText(c.old.statement))}  ${p.dim(at(c.old.statement.source))}`]
    case 'reworded': {
      const how = c.words === null ? 'replaced' : 'reworded'
      const places = p.dim(`${how}, ${at(c.old.statement.source)} -> ${at(c.new.statement.source)}`)
      if (isCodeChange(c.old.statement, c.new.statement)) return codeChange(p.yellow('~'), c.old.statement, c.new.statement, places, p)
      return [`  ${p.yellow('~')} ${words(c.words, p, { old: shownText(c.old.statement), new: shownText(c.new.statement) })}  ${places}`]
    }
    case 'moved': {
      const moved = c.move === 'section' ? (from ? `moved from ${sectionTitle(c.old.section)}` : 'moved') : 'moved within the section'
      const how = c.words !== undefined ? `${moved}, reworded` : moved
      const places = p.dim(`${how}, ${at(c.old.statement.source)} -> ${at(c.new.statement.source)}`)
      if (c.words !== undefined && isCodeChange(c.old.statement, c.new.statement)) return codeChange(p.cyan('>'), c.old.statement, c.new.statement, places, p)
      const text = c.words !== undefined ? words(c.words, p, { old: shownText(c.old.statement), new: shownText(c.new.statement) }) : shownText(c.new.statement)
      return [`  ${p.cyan('>')} ${text}  ${places}`]
    }
  }
}

/** A changed code block: a line naming it, then the line diff of its lines (codeLines), indented under it. */
function codeChange(sign: string, a: Statement, b: Statement, places: string, p: Paint): string[] {
  const lang = (s: Statement) => (s.node.type === 'code' ? (s.node.lang ?? '') : '')
  const langs = lang(a) === lang(b) ? lang(a) : `${p.red(lang(a) || 'no language')} -> ${p.green(lang(b) || 'no language')}`
  const lines = codeLines(a, b).map((l) => `      ${l.startsWith('+') ? p.green(l) : l.startsWith('-') ? p.red(l) : l}`)
  return [`  ${sign} code block${langs ? ` (${langs})` : ''}  ${places}`, ...lines]
}

function agentText(d: AgentDiff, options: TextOptions, p: Paint, several: boolean): string[] {
  const out: string[] = []
  const title = d.status === 'added' ? `${d.newPath} (agent ${d.name} added)` : d.status === 'removed' ? `${d.oldPath} (agent ${d.name} removed)` : d.oldPath === d.newPath ? `${d.newPath}` : `${d.oldPath} -> ${d.newPath}`
  out.push(p.bold(`agentmerge diff ${title}`))
  if (d.counts.renamed) out.push(`  ${p.yellow('~')} file renamed: ${p.red(d.oldPath ?? '')} -> ${p.green(d.newPath ?? '')}`)
  if (d.fields.length > 0) {
    out.push(p.bold('frontmatter'))
    for (const f of d.fields) {
      const place = f.old && f.new ? `${at(f.old.at)} -> ${at(f.new.at)}` : at((f.new ?? f.old)!.at)
      const text = f.words ? `${f.key}: ${words(f.words, p, { old: '', new: '' })}` : fieldText(f)
      const sign = f.change === 'added' ? p.green('+') : f.change === 'removed' ? p.red('-') : p.yellow('~')
      out.push(`  ${sign} ${text}  ${p.dim(place)}`)
    }
  }
  if (d.status === 'added' || d.status === 'removed') {
    out.push(`  ${d.statements.length} statement${d.statements.length === 1 ? '' : 's'} ${d.status}`)
  } else {
    for (const group of bySection(d.statements)) {
      out.push(p.bold(`§ ${sectionTitle(group.path)}`))
      const movedIn = movedInFrom(group.changes)
      if (movedIn) out.push(`  ${p.dim(`${movedIn.count} moved here from ${sectionTitle(movedIn.path)}`)}`)
      for (const c of group.changes) out.push(...statementLines(c, p, !movedIn))
    }
    if (d.sections.length > 0) out.push(p.bold('sections'))
    for (const s of d.sections) {
      if (s.change === 'added') out.push(`  ${p.green('+')} section ${sectionTitle(s.new.path)}  ${p.dim(at(s.new.section.source))}`)
      else if (s.change === 'removed') out.push(`  ${p.red('-')} section ${sectionTitle(s.old.path)}  ${p.dim(at(s.old.section.source))}`)
      else if (s.change === 'renamed') out.push(`  ${p.yellow('~')} section renamed: ${p.red(s.old.section.title)} -> ${p.green(s.new.section.title)}  ${p.dim(`${at(s.old.section.source)} -> ${at(s.new.section.source)}`)}`)
      else {
        const how = s.move === 'parent' ? `moved from ${sectionTitle(s.old.path.slice(0, -1))} to ${sectionTitle(s.new.path.slice(0, -1))}` : 'moved among its siblings'
        out.push(`  ${p.cyan('>')} section ${sectionTitle(s.new.path)} ${how}  ${p.dim(`${at(s.old.section.source)} -> ${at(s.new.section.source)}`)}`)
      }
    }
  }
  if (options.formatting && d.formatting.length > 0) {
    out.push(p.bold('changes of form (not changes in meaning)'))
    for (const f of d.formatting) {
      const place = f.old && f.new ? `${at(f.old)} -> ${at(f.new)}` : at(f.new ?? f.old)
      out.push(`  ${p.dim('=')} ${f.what}: ${f.detail}${place ? '  ' + p.dim(place) : ''}`)
    }
  }
  if (several) {
    const counts = countsText(d.counts)
    out.push(p.dim(counts === '' ? 'nothing changed in meaning' : counts))
  }
  return out
}

/** The diff as terminal text, ending with a one-line summary. */
export function formatText(input: DiffReport | AgentDiff, options: TextOptions = {}): string {
  const report = toReport(input)
  const p = paint(options.color === true)
  const out: string[] = []
  for (const d of report.files) {
    if (d.status === 'unchanged' && !(options.formatting && d.formatting.length > 0) && !options.everyFile) continue
    out.push(...agentText(d, options, p, report.files.length > 1), '')
  }
  out.push(summaryLine(report.counts, options.formatting === true) + unreadNote(options.unread))
  // Each line escaped as a whole: a value (a name, a path, a statement) never breaks out of its line.
  return out.map((line) => terminalLine(line, { color: options.color === true })).join('\n') + '\n'
}
