// The diff report: OLD and NEW side by side, section by section, every
// statement on its row: unchanged ones as context (a checkbox hides them,
// without script), added and removed ones on their side only, reworded ones
// with their removed and added words marked (<del>/<ins>, from the diff's
// own word diff), moved ones with where they came from. Frontmatter changes
// and the section changes come first; a report over several files has one
// article per file.
import type { AgentDiff, DiffReport, FieldChange, SectionChange, StatementChange, StatementRef, WordRun } from '../diff/index.js'
import { countsText, notesText, sectionTitle, shownParts, summaryLine, toolsText, toReport, unreadNote, type Unread } from '../diff/index.js'
import type { Statement } from '../model.js'
import { attr, esc, plural, statsList } from './html.js'
import { statementHtml } from './markdown.js'
import { page } from './page.js'

export interface DiffReportOptions {
  /** The page title; default `Diff report` and the file. */
  title?: string
  /** A time or any note to print under the title (nothing by default). */
  generated?: string
  /** List the changes of form too. */
  formatting?: boolean
  /** Inputs of the run that could not be read: counted in the summary and listed under it. */
  unread?: readonly Unread[]
}

type Kind = 'unchanged' | 'added' | 'removed' | 'reworded' | 'moved'

interface Row {
  kind: Kind
  old?: StatementRef
  new?: StatementRef
  change?: StatementChange
  /** Reading order: NEW's index, or for a removed statement the NEW index it follows plus a half. */
  key: number
  sub: number
  section: string[]
}

const pathKey = (path: readonly string[]): string => path.join('\u0000')
const placeKey = (s: { path: string; line: number }): string => `${s.path}:${s.line}`

/**
 * NEW's path of each OLD section (by OLD's path): its own by a section
 * change (renamed, moved), else that of the first of its statements that
 * stayed with it (unchanged, reworded, or moved within its section). The one
 * map the rows and the moved-out counts read.
 */
function newSections(d: AgentDiff): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const pair = (o: StatementRef, n: StatementRef) => {
    if (!out.has(pathKey(o.section))) out.set(pathKey(o.section), n.section)
  }
  for (const u of d.unchanged) pair(u.old, u.new)
  for (const c of d.statements) if (c.change === 'reworded' || (c.change === 'moved' && c.move !== 'section')) pair(c.old, c.new)
  for (const s of d.sections) if (s.change === 'renamed' || s.change === 'moved') out.set(pathKey(s.old.path), s.new.path)
  return out
}

/** Every statement of both sides on one row each, in NEW's reading order, removed ones where they stood (under NEW's path of their section). */
function diffRows(d: AgentDiff, sections: Map<string, string[]>): Row[] {
  const rows: Row[] = []
  const newIndexAt = new Map<string, number>()
  for (const u of d.unchanged) {
    rows.push({ kind: 'unchanged', old: u.old, new: u.new, key: u.new.index, sub: 0, section: u.new.section })
    newIndexAt.set(placeKey(u.new.statement.source), u.new.index)
  }
  for (const c of d.statements) {
    if (c.change === 'removed') continue
    rows.push({ kind: c.change, ...(c.change === 'added' ? {} : { old: c.old }), new: c.new, change: c, key: c.new.index, sub: 0, section: c.new.section })
    newIndexAt.set(placeKey(c.new.statement.source), c.new.index)
  }
  for (const c of d.statements) {
    if (c.change !== 'removed') continue
    const before = c.near ? newIndexAt.get(placeKey(c.near)) : undefined
    const section = sections.get(pathKey(c.old.section)) ?? c.old.section
    rows.push({ kind: 'removed', old: c.old, change: c, key: before === undefined ? -0.5 : before + 0.5, sub: c.old.index, section })
  }
  return rows.sort((a, b) => a.key - b.key || a.sub - b.sub)
}

/** How many statements moved from each section (by NEW's path of it, or OLD's when it has none) to another. */
function movedOutOf(d: AgentDiff, sections: Map<string, string[]>): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of d.statements) {
    if (c.change !== 'moved' || c.move !== 'section') continue
    const k = pathKey(sections.get(pathKey(c.old.section)) ?? c.old.section)
    out.set(k, (out.get(k) ?? 0) + 1)
  }
  return out
}

/** Rows by the section they show under, sections in order of their first row. */
function groups(rows: Row[]): Array<{ path: string[]; rows: Row[] }> {
  const out = new Map<string, { path: string[]; rows: Row[] }>()
  for (const r of rows) {
    const k = pathKey(r.section)
    let g = out.get(k)
    if (!g) out.set(k, (g = { path: r.section, rows: [] }))
    g.rows.push(r)
  }
  return [...out.values()]
}

function runsHtml(runs: readonly WordRun[], side: 'old' | 'new'): string {
  const drop = side === 'old' ? 'added' : 'removed'
  const tag = side === 'old' ? 'del' : 'ins'
  return runs
    .filter((r) => r.op !== drop)
    .map((r) => {
      const { lead, body: words, trail } = shownParts(r, (w) => `<s>${w}</s>`, esc)
      if (r.op === 'equal') return lead + words + trail
      // A space one side has before an equal word: that side's spacing, nothing to mark.
      if (words === '') return r.text
      return `${lead}<${tag}>${words}</${tag}>${trail}`
    })
    .join('')
}

const isCode = (s: Statement): boolean => s.node.type === 'code'

function wordsCell(s: Statement, words: readonly WordRun[] | null | undefined, side: 'old' | 'new'): string {
  if (words === undefined) return statementHtml(s)
  if (isCode(s)) return `<p class="muted">code ${side === 'old' ? 'before' : 'after'}:</p>${statementHtml(s)}`
  const runs: readonly WordRun[] = words ?? [{ op: side === 'old' ? 'removed' : 'added', text: s.text }]
  return `<p class="words">${runsHtml(runs, side)}</p>`
}

function cell(ref: StatementRef | undefined, side: 'old' | 'new', words?: readonly WordRun[] | null): string {
  if (!ref) return `<td class="${side} none"><span class="empty">${side === 'old' ? 'not in old' : 'not in new'}</span></td>`
  const s = ref.statement
  return `<td class="${side}"><span class="place ln"${attr('title', placeKey(s.source))}>line ${s.source.line}</span>${wordsCell(s, words, side)}</td>`
}

const SYMBOL: Record<Kind, string> = { unchanged: '', added: '+', removed: '−', reworded: '~', moved: '↕' }

function rowHtml(r: Row): string {
  const c = r.change
  let label: string = r.kind
  let words: readonly WordRun[] | null | undefined
  if (c?.change === 'reworded') {
    label = c.words === null ? 'replaced' : 'reworded'
    words = c.words
  } else if (c?.change === 'moved') {
    const reworded = c.words !== undefined
    label = `moved${reworded ? ' and reworded' : ''} ${c.move === 'section' ? `from ${esc(sectionTitle(c.old.section))}` : 'within the section'}`
    words = c.words
  }
  const kind = `<td class="k"><span class="sym" aria-hidden="true">${SYMBOL[r.kind]}</span>${label}</td>`
  return `<tr class="${r.kind}">${kind}${cell(r.old, 'old', words)}${cell(r.new, 'new', words)}</tr>`
}

function sectionChangeText(s: SectionChange): string {
  const where = (a?: { path: string; line: number }, b?: { path: string; line: number }) => [a, b].filter((x) => x).map((x) => `<code class="place">${esc(placeKey(x!))}</code>`).join(' → ')
  switch (s.change) {
    case 'added':
      return `<strong>section added</strong> ${esc(sectionTitle(s.new.path))} ${where(undefined, s.new.section.source)}`
    case 'removed':
      return `<strong>section removed</strong> ${esc(sectionTitle(s.old.path))} ${where(s.old.section.source)}`
    case 'renamed':
      return `<strong>section renamed</strong> from <del>${esc(s.old.section.title)}</del> to <ins>${esc(s.new.section.title)}</ins> ${where(s.old.section.source, s.new.section.source)}`
    case 'moved':
      return `<strong>section moved</strong> ${esc(sectionTitle(s.new.path))} ${s.move === 'parent' ? `from ${esc(sectionTitle(s.old.path.slice(0, -1)))}` : 'among its siblings'} ${where(s.old.section.source, s.new.section.source)}`
  }
}

function valueHtml(value: unknown): string {
  if (value === null || value === undefined) return '<span class="empty">none</span>'
  if (typeof value === 'string') return esc(value)
  return `<code>${esc(JSON.stringify(value))}</code>`
}

function fieldRow(f: FieldChange): string {
  const side = (which: 'old' | 'new') => {
    const v = f[which]
    if (!v) return `<td class="${which} none"><span class="empty">${which === 'old' ? 'not in old' : 'not in new'}</span></td>`
    const body = f.words && f.old && f.new && typeof v.value === 'string' ? runsHtml(f.words, which) : valueHtml(v.value)
    return `<td class="${which}"><span class="place ln"${attr('title', placeKey(v.at))}>line ${v.at.line}</span>${body}</td>`
  }
  const what = f.tools ? `${esc(f.change)}: ${esc(toolsText(f.tools, f.toolNames) + notesText(f))}` : esc(f.change)
  return `<tr class="${f.change === 'changed' ? 'reworded' : f.change}"><th scope="row" class="k"><code>${esc(f.key)}</code><br><span class="muted">${what}</span></th>${side('old')}${side('new')}</tr>`
}

function sideHead(d: AgentDiff): string {
  return `<thead><tr><th scope="col">Change</th><th scope="col"${attr('title', d.oldPath ?? undefined)}>Old</th><th scope="col"${attr('title', d.newPath ?? undefined)}>New</th></tr></thead>`
}

const COLS = '<colgroup><col class="k"><col><col></colgroup>'

function fileHtml(d: AgentDiff, n: number, options: DiffReportOptions): string {
  const id = `file-${n}`
  const label = d.oldPath && d.newPath && d.oldPath !== d.newPath ? `${d.oldPath} → ${d.newPath}` : (d.newPath ?? d.oldPath ?? d.name)
  const counts = countsText(d.counts)
  const parts: string[] = [
    `<article class="file${n > 1 ? ' newpage' : ''}"${attr('id', id)}${attr('aria-labelledby', `${id}-h`)}>`,
    `<h2${attr('id', `${id}-h`)}><code>${esc(label)}</code> <span class="tag">${esc(d.status)}</span></h2>`,
    `<dl class="sides"><div><dt>Old</dt><dd>${d.oldPath ? `<code>${esc(d.oldPath)}</code>` : '<span class="empty">none (added)</span>'}</dd></div><div><dt>New</dt><dd>${d.newPath ? `<code>${esc(d.newPath)}</code>` : '<span class="empty">none (removed)</span>'}</dd></div></dl>`,
    `<p>${counts === '' ? 'Nothing changed in meaning.' : esc(counts) + '.'} ${plural(d.counts.unchanged, 'statement')} unchanged.</p>`,
  ]
  if (d.counts.renamed) parts.push(`<p class="renamed"><strong>File renamed</strong> from <code>${esc(d.oldPath ?? '')}</code> to <code>${esc(d.newPath ?? '')}</code>.</p>`)
  if (d.fields.length > 0) {
    parts.push(`<h3${attr('id', `${id}-fields`)}>Frontmatter</h3>`)
    parts.push(`<table class="sbs fields"><caption class="vh">Frontmatter fields changed</caption>${COLS}${sideHead(d).replace('>Change<', '>Field<')}<tbody>${d.fields.map(fieldRow).join('')}</tbody></table>`)
  }
  if (d.sections.length > 0) {
    parts.push(`<h3${attr('id', `${id}-sections`)}>Sections</h3>`, `<ul class="diags">${d.sections.map((s) => `<li>${sectionChangeText(s)}</li>`).join('')}</ul>`)
  }
  const sections = newSections(d)
  const rows = diffRows(d, sections)
  const movedOut = movedOutOf(d, sections)
  if (rows.length > 0) {
    parts.push(`<h3${attr('id', `${id}-body`)}>Statements side by side</h3>`)
    let k = 0
    for (const g of groups(rows)) {
      const gid = `${id}-s${++k}`
      const changed = g.rows.filter((r) => r.kind !== 'unchanged').length
      // A statement that moved to another section is a change of this one too, though its row is in the other.
      const out = movedOut.get(pathKey(g.path)) ?? 0
      const note = [changed > 0 && plural(changed, 'change'), out > 0 && `${plural(out, 'statement')} moved out`].filter(Boolean).join(', ') || 'no changes'
      parts.push(`<section class="group"${attr('aria-labelledby', gid)}><h4${attr('id', gid)}>${esc(sectionTitle(g.path))} <span class="muted">(${note})</span></h4>`)
      parts.push(`<table class="sbs"><caption class="vh">${esc(sectionTitle(g.path))}: old and new side by side</caption>${COLS}${sideHead(d)}<tbody>${g.rows.map(rowHtml).join('')}</tbody></table></section>`)
    }
  }
  if (options.formatting && d.formatting.length > 0) {
    const items = d.formatting.map((f) => `<li><strong>${esc(f.what)}</strong>: ${esc(f.detail)}${f.old || f.new ? ` <code class="place">${esc([f.old, f.new].filter((x) => x).map((x) => placeKey(x!)).join(' → '))}</code>` : ''}</li>`)
    parts.push(`<details><summary>${plural(d.formatting.length, 'change')} of form (not changes in meaning)</summary><ul class="diags">${items.join('')}</ul></details>`)
  }
  parts.push('</article>')
  return parts.join('\n')
}

function countsTable(report: DiffReport): string {
  const head = ['Agent', 'Status', 'Added', 'Removed', 'Reworded', 'Moved', 'Sections', 'Fields', 'Unchanged'].map((h) => `<th scope="col">${h}</th>`).join('')
  const rows = report.files.map((d, i) => {
    const c = d.counts
    const values = [c.added, c.removed, c.reworded, c.moved, c.sectionsAdded + c.sectionsRemoved + c.sectionsRenamed + c.sectionsMoved, c.fields, c.unchanged]
    return `<tr><th scope="row"><a href="#file-${i + 1}"><code>${esc(d.newPath ?? d.oldPath ?? d.name)}</code></a></th><td>${esc(d.status)}</td>${values.map((v) => `<td class="num">${v}</td>`).join('')}</tr>`
  })
  return `<table class="data counts"><caption class="vh">Changes per agent</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** A diff (one agent's or a report over several) as one self-contained HTML page (see docs/report.md). */
export function renderDiffReport(input: AgentDiff | DiffReport, options: DiffReportOptions = {}): string {
  const report = toReport(input)
  const only = report.files.length === 1 ? report.files[0]! : undefined
  const title = options.title ?? (only ? `Diff report: ${only.newPath ?? only.oldPath ?? only.name}` : 'Diff report')
  const c = report.counts
  const header = [
    `<h1>${esc(title)}</h1>`,
    options.generated !== undefined ? `<p class="muted">${esc(options.generated)}</p>` : '',
    `<p class="lede summary-line">${esc(summaryLine(c, options.formatting === true) + unreadNote(options.unread))}</p>`,
    options.unread && options.unread.length > 0 ? `<p>Not compared, could not be read:</p><ul class="unread">${options.unread.map((u) => `<li><code>${esc(u.place)}</code>: ${esc(u.message)}</li>`).join('')}</ul>` : '',
    statsList([
      ['Files', c.files, 'files'],
      ['Changed files', c.changedFiles, 'changed-files'],
      ['Added', c.added, 'added'],
      ['Removed', c.removed, 'removed'],
      ['Reworded', c.reworded, 'reworded'],
      ['Moved', c.moved, 'moved'],
      ['Section changes', c.sectionsAdded + c.sectionsRemoved + c.sectionsRenamed + c.sectionsMoved, 'sections'],
      ['Fields changed', c.fields, 'fields'],
    ]),
    `<p class="key">Key: <del>removed words</del>, <ins>added words</ins>; rows marked + added, − removed, ~ reworded, ↕ moved.</p>`,
    `<p class="controls"><input type="checkbox" id="hide-unchanged"> <label for="hide-unchanged">Hide unchanged statements</label></p>`,
  ].join('\n')
  const main: string[] = []
  if (report.files.length === 0) main.push('<p>No agent files to compare.</p>')
  if (report.files.length > 1) main.push(`<section aria-labelledby="files-h"><h2 id="files-h">Files</h2>${countsTable(report)}</section>`)
  report.files.forEach((d, i) => main.push(fileHtml(d, i + 1, options)))
  return page({ title, header, main: main.join('\n'), skipTo: report.files.length > 0 ? 'file-1' : 'main' })
}
