// The pull-request comment: a heading, the one-line summary, a table of
// counts per agent, then one collapsible <details> block per section with
// changes. Everything inside the blocks is built as mdast and written by
// remark, so statement text is escaped and its markup (bold, code, links)
// is put back around the words of a word diff, with <del>/<ins> marking
// what changed.
import type { Code, Html, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast'
import { stringifyMarkdown } from '../../markdown/index.js'
import type { Statement } from '../../model.js'
import type { AgentDiff, DiffReport, FieldChange, SectionChange, StatementChange } from '../model.js'
import { toReport } from '../report.js'
import { leadPlace, runParts, spaceOnly, tokensOf, type Token, type TokenRun } from '../words.js'
import { terminalLine } from '../../errors.js'
import { markdownRefs } from '../../write/sink.js'
import { codeLines, isCodeChange } from './code.js'
import { at, bySection, fieldText, movedInFrom, sectionTitle, summaryLine, unreadNote, type Unread } from './common.js'

export interface MarkdownOptions {
  /** List the changes of form too. */
  formatting?: boolean
  /** The heading the comment opens with. */
  title?: string
  /**
   * The most bytes to write (0 or none: no limit). A comment that fits is
   * written whole; else the heading and summary are kept, then the rows of
   * the table of counts that fit, then every block of changes that fits, in
   * order, beside a last line that says how many were left out and how
   * to see them. It holds for any limit of `MARKDOWN_MIN_BYTES` or more.
   */
  maxBytes?: number
  /** Inputs of the run that could not be read: counted in the summary and named under it (the first few, as many as the limit leaves room for). */
  unread?: readonly Unread[]
}

/** How many unread inputs the comment names; the rest are counted. */
const UNREAD_LISTED = 5

// Text from agent files mentions no one and links no issue (`@`/`#` neutralized);
// a code span (paths, places) stays on one line, so it cannot break a table or a list.
const text = (value: string): PhrasingContent => ({ type: 'text', value: markdownRefs(value) })
const html = (value: string): Html => ({ type: 'html', value })
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value: terminalLine(value) })
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] })

function wrapMarks(marks: string[], value: string): PhrasingContent {
  let node: PhrasingContent = text(value)
  for (let i = marks.length - 1; i >= 0; i--) {
    const mark = marks[i]!
    if (mark === 'code') node = code(value)
    else if (mark === 'strong' || mark === 'emphasis' || mark === 'delete') node = { type: mark, children: [node] } as PhrasingContent
    else if (mark.startsWith('link:')) node = { type: 'link', url: mark.slice(5), children: [node] }
  }
  return node
}

/** Inline content of tokens: runs of equal markup become one node, spaces stay outside the markup. */
function tokensPhrasing(tokens: readonly Token[], leading: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let i = 0
  while (i < tokens.length) {
    const key = tokens[i]!.marks.join('\u0000')
    let j = i + 1
    while (j < tokens.length && tokens[j]!.marks.join('\u0000') === key) j++
    const group = tokens.slice(i, j)
    if (group[0]!.space && (i > 0 || leading)) out.push(text(' '))
    let value = ''
    group.forEach((t, k) => {
      value += (k > 0 && t.space ? ' ' : '') + t.text
    })
    out.push(group[0]!.marks.length === 0 ? text(value) : wrapMarks(group[0]!.marks, value))
    i = j
  }
  return out
}

function runsPhrasing(runs: TokenRun[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  runs.forEach((run, i) => {
    // A run's tokens carry the space its text has before each (none before the first word of a side).
    const inner = tokensPhrasing(run.tokens, true)
    if (run.op === 'equal') {
      out.push(...inner)
      return
    }
    const { body, trail } = runParts(run.text)
    const tag = run.op === 'removed' ? 'del' : 'ins'
    // A change of whitespace alone is marked: nothing else would show it.
    if (spaceOnly(runs, i)) {
      out.push(html(`<${tag}>`), text(run.text), html(`</${tag}>`))
      return
    }
    // Whitespace beside changed words: NEW's spacing is shown as it is, OLD's left out.
    if (body === '') {
      if (run.op === 'added') out.push(text(run.text))
      return
    }
    const place = leadPlace(runs, i)
    const spaced = place !== 'inside' && inner[0]?.type === 'text' && inner[0].value === ' '
    const lead = spaced ? [inner.shift()!] : []
    // The added words of a replacement follow the removed ones directly, after the space they share.
    if (place === 'none') lead.length = 0
    out.push(...lead, html(`<${tag}>`), ...inner, html(`</${tag}>`), ...(trail ? [text(trail)] : []))
  })
  return out
}

function statementBlock(s: Statement): RootContent {
  if (s.node.type === 'code') return { type: 'code', lang: s.node.lang ?? null, value: s.node.value } satisfies Code
  return { type: 'paragraph', children: tokensPhrasing(tokensOf(s), false) }
}

function codeDiff(a: Statement, b: Statement): Code {
  return { type: 'code', lang: 'diff', value: codeLines(a, b).join('\n') }
}

function place(old: Statement | undefined, nu: Statement | undefined): PhrasingContent[] {
  if (old && nu) return [code(at(old.source)), text(' → '), code(at(nu.source))]
  return [code(at((old ?? nu)!.source))]
}

function wordBlock(old: Statement, nu: Statement, words: TokenRun[] | null): RootContent {
  if (isCodeChange(old, nu)) return codeDiff(old, nu)
  if (words === null) {
    const a = tokensOf(old)
    const b = tokensOf(nu)
    return { type: 'paragraph', children: runsPhrasing([{ op: 'removed', text: '', tokens: a }, { op: 'added', text: '', tokens: b }]) }
  }
  return { type: 'paragraph', children: runsPhrasing(words) }
}

/** `from`: whether a statement moved from another section names that section (not when its block's summary said it once). */
function statementItem(c: StatementChange, from = true): ListItem {
  const head = (label: string, rest: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children: [strong(label), text(' '), ...rest] })
  let children: ListItem['children']
  switch (c.change) {
    case 'added':
      children = [head('added', place(undefined, c.new.statement)), statementBlock(c.new.statement) as ListItem['children'][number]]
      break
    case 'removed':
      children = [head('removed', place(c.old.statement, undefined)), statementBlock(c.old.statement) as ListItem['children'][number]]
      break
    case 'reworded':
      children = [head(c.words === null ? 'replaced' : 'reworded', place(c.old.statement, c.new.statement)), wordBlock(c.old.statement, c.new.statement, c.words as TokenRun[] | null) as ListItem['children'][number]]
      break
    case 'moved': {
      const origin = c.move === 'section' ? (from ? [text(` from ${sectionTitle(c.old.section)}`)] : []) : [text(' within the section')]
      const label = c.words !== undefined ? 'moved and reworded' : 'moved'
      const body = c.words !== undefined ? wordBlock(c.old.statement, c.new.statement, c.words as TokenRun[] | null) : statementBlock(c.new.statement)
      children = [head(label, [...place(c.old.statement, c.new.statement), ...origin]), body as ListItem['children'][number]]
      break
    }
  }
  return { type: 'listItem', spread: false, children }
}

function sectionItem(s: SectionChange): ListItem {
  let children: PhrasingContent[]
  if (s.change === 'added') children = [strong('section added'), text(' '), code(at(s.new.section.source))]
  else if (s.change === 'removed') children = [strong('section removed'), text(` ${sectionTitle(s.old.path)} `), code(at(s.old.section.source))]
  else if (s.change === 'renamed') children = [strong('section renamed'), text(' from '), html('<del>'), text(s.old.section.title), html('</del>'), text(' to '), html('<ins>'), text(s.new.section.title), html('</ins>'), text(' '), code(at(s.old.section.source)), text(' → '), code(at(s.new.section.source))]
  else {
    const how = s.move === 'parent' ? ` from ${sectionTitle(s.old.path.slice(0, -1))}` : ' among its siblings'
    children = [strong('section moved'), text(how + ' '), code(at(s.old.section.source)), text(' → '), code(at(s.new.section.source))]
  }
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] }
}

function fieldItem(f: FieldChange): ListItem {
  const where = f.old && f.new ? [code(at(f.old.at)), text(' → '), code(at(f.new.at))] : [code(at((f.new ?? f.old)!.at))]
  const children: ListItem['children'] = []
  if (f.words && f.old && f.new && typeof f.old.value === 'string' && typeof f.new.value === 'string') {
    children.push({ type: 'paragraph', children: [strong(f.key), text(' changed '), ...where] })
    children.push({ type: 'paragraph', children: runsPhrasing(f.words as TokenRun[]) })
  } else children.push({ type: 'paragraph', children: [text(fieldText(f) + ' '), ...where] })
  return { type: 'listItem', spread: false, children }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function details(summary: string, items: ListItem[]): string {
  const list: List = { type: 'list', ordered: false, spread: false, children: items }
  return `<details>\n<summary>${escapeHtml(markdownRefs(terminalLine(summary)))}</summary>\n\n${stringifyMarkdown({ type: 'root', children: [list] })}\n</details>\n`
}

function countText(n: number, what: string): string {
  return `${n} ${what}`
}

/** A block's counts; the one section its statements moved from, when movedInFrom finds it, said there once. */
function blockSummary(changes: StatementChange[], sections: SectionChange[]): string {
  const kinds = new Map<string, number>()
  for (const c of changes) kinds.set(c.change, (kinds.get(c.change) ?? 0) + 1)
  for (const s of sections) kinds.set(`section ${s.change}`, (kinds.get(`section ${s.change}`) ?? 0) + 1)
  const movedIn = movedInFrom(changes)
  const origin = (n: number) => (!movedIn ? '' : movedIn.count === n ? ` from ${sectionTitle(movedIn.path)}` : ` (${movedIn.count} from ${sectionTitle(movedIn.path)})`)
  return [...kinds].map(([k, n]) => countText(n, k) + (k === 'moved' ? origin(n) : '')).join(', ')
}

function agentBlocks(d: AgentDiff, options: MarkdownOptions): string[] {
  const out: string[] = []
  const label = d.newPath ?? d.oldPath ?? d.name
  if (d.fields.length > 0) out.push(details(`${label} › frontmatter: ${d.fields.length} field${d.fields.length === 1 ? '' : 's'} changed`, d.fields.map(fieldItem)))
  if (d.counts.renamed) out.push(details(`${label}: file renamed`, [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [strong('file renamed'), text(' from '), code(d.oldPath ?? ''), text(' to '), code(d.newPath ?? '')] }] }]))
  if (d.status === 'added' || d.status === 'removed') {
    const items = d.statements.map((c) => statementItem(c))
    if (items.length > 0) out.push(details(`${label}: agent ${d.status} (${items.length} statement${items.length === 1 ? '' : 's'})`, items))
    return out
  }
  // One block per section: its statement changes, and the changes to the section itself.
  const blocks = new Map<string, { path: string[]; statements: StatementChange[]; sections: SectionChange[] }>()
  const block = (path: string[]) => {
    const key = path.join('\u0000')
    let b = blocks.get(key)
    if (!b) blocks.set(key, (b = { path, statements: [], sections: [] }))
    return b
  }
  const sectionPath = (s: SectionChange) => (s.change === 'removed' ? s.old.path : s.new.path)
  const pending = [...d.sections]
  for (const group of bySection(d.statements)) {
    for (let i = 0; i < pending.length; ) {
      const s = pending[i]!
      const p = sectionPath(s)
      if (p.join('\u0000') === group.path.join('\u0000')) {
        block(p).sections.push(s)
        pending.splice(i, 1)
      } else i++
    }
    block(group.path).statements.push(...group.changes)
  }
  for (const s of pending) block(sectionPath(s)).sections.push(s)
  for (const b of blocks.values()) {
    const from = movedInFrom(b.statements) === undefined
    const items = [...b.sections.map(sectionItem), ...b.statements.map((c) => statementItem(c, from))]
    out.push(details(`${label} › ${sectionTitle(b.path)}: ${blockSummary(b.statements, b.sections)}`, items))
  }
  if (options.formatting && d.formatting.length > 0) {
    const items: ListItem[] = d.formatting.map((f) => {
      const where = f.old && f.new ? [text(' '), code(at(f.old)), text(' → '), code(at(f.new))] : f.old || f.new ? [text(' '), code(at(f.new ?? f.old))] : []
      return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [strong(f.what), text(`: ${f.detail}`), ...where] }] }
    })
    out.push(details(`${label}: ${d.formatting.length} change${d.formatting.length === 1 ? '' : 's'} of form (not changes in meaning)`, items))
  }
  return out
}

function cell(children: PhrasingContent[]): TableCell {
  return { type: 'tableCell', children }
}

/** The table of counts, with the first `count` agents. */
function countsTable(report: DiffReport, count: number): Table {
  const header = ['agent', 'status', 'added', 'removed', 'reworded', 'moved', 'sections', 'fields', 'form']
  const rows: TableRow[] = [{ type: 'tableRow', children: header.map((h) => cell([text(h)])) }]
  for (const d of report.files.slice(0, count)) {
    const c = d.counts
    const sections = c.sectionsAdded + c.sectionsRemoved + c.sectionsRenamed + c.sectionsMoved
    const values = [c.added, c.removed, c.reworded, c.moved, sections, c.fields, c.formatting].map(String)
    rows.push({ type: 'tableRow', children: [cell([code(d.newPath ?? d.oldPath ?? d.name)]), cell([text(d.counts.renamed && d.status !== 'renamed' ? `${d.status}, renamed` : d.status)]), ...values.map((v) => cell([text(v)]))] })
  }
  return { type: 'table', align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'], children: rows }
}

/**
 * The smallest `maxBytes` that always holds: the heading, the summary line
 * (bounded: counts and fixed words) and the note on what was left out, with
 * room to spare. Below it only the table and the blocks are dropped.
 */
export const MARKDOWN_MIN_BYTES = 1024

/** The last line, on the table's rows and the blocks left out (none when nothing was). */
function leftOutNote(rowsLeft: number, files: number, blocksLeft: number, blocks: number, limit: number): string {
  const left = [rowsLeft > 0 && `${rowsLeft} of ${files} agents left out of the table`, blocksLeft > 0 && `${blocksLeft} of ${blocks} blocks of changes left out`].filter(Boolean)
  if (left.length === 0) return ''
  return `_${left.join('; ')} to keep this under ${limit} bytes; run \`agentmerge diff\` locally to see every change (or \`--format markdown --max-bytes 0\` for all of them here)._\n`
}

/** The inputs that could not be read, the first `count` named (each `path:line` and its error, cut short), the rest counted. */
function unreadList(unread: readonly Unread[], count = UNREAD_LISTED): RootContent[] {
  if (unread.length === 0) return []
  const shown = unread.slice(0, count)
  const more = unread.length - shown.length
  const cut = (m: string, n: number) => (m.length > n ? `${m.slice(0, n - 3)}...` : m)
  return [
    { type: 'paragraph', children: [text('Not compared, could not be read:')] },
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: [
        ...shown.map((u) => ({ type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children: [{ type: 'inlineCode' as const, value: cut(u.place, 120) }, text(`: ${cut(u.message, 160)}`)] }] })),
        ...(more > 0 ? [{ type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children: [text(`and ${more} more`)] }] }] : []),
      ],
    },
  ]
}

/** The diff as a GitHub-flavored Markdown pull-request comment. */
export function formatMarkdown(input: DiffReport | AgentDiff, options: MarkdownOptions = {}): string {
  const report = toReport(input)
  const unread = options.unread ?? []
  const topWith = (named: number) =>
    stringifyMarkdown({
      type: 'root',
      children: [
        { type: 'heading', depth: 3, children: [text(options.title ?? 'agentmerge diff')] },
        { type: 'paragraph', children: [strong(summaryLine(report.counts, options.formatting === true) + unreadNote(unread))] },
        ...unreadList(unread, named),
      ],
    })
  const table = (rows: number) => stringifyMarkdown({ type: 'root', children: [countsTable(report, rows)] })
  const files = report.files.length
  const blocks = report.files.flatMap((d) => agentBlocks(d, options))
  const limit = options.maxBytes ?? 0
  const whole = [topWith(Math.min(UNREAD_LISTED, unread.length)), ...(files > 0 ? [table(files)] : []), ...blocks].join('\n')
  if (limit <= 0 || Buffer.byteLength(whole) <= limit) return whole
  // Room for the note as long as it can be (everything left out: its counts at their widest), and no more:
  // what is kept beside it always fits, and a block is not kept out for room the note never takes.
  const noteRoom = Buffer.byteLength(leftOutNote(files, files, blocks.length, blocks.length, limit)) + 1
  // The unread inputs are named while they fit the limit (the summary counts them all).
  let named = Math.min(UNREAD_LISTED, unread.length)
  while (named > 0 && Buffer.byteLength(topWith(named)) + noteRoom > limit) named--
  const top = topWith(named)
  // The table's rows, then the blocks, each while it fits beside the note.
  let size = Buffer.byteLength(top) + noteRoom
  const fits = (part: string) => size + Buffer.byteLength(part) + 1 <= limit
  // A table's size grows with its rows (cells are padded to the widest): the most rows that fit.
  let rows = files
  let lo = 0
  while (lo < rows) {
    const mid = Math.ceil((lo + rows) / 2)
    if (fits(table(mid))) lo = mid
    else rows = mid - 1
  }
  const parts = [top]
  if (rows > 0) {
    parts.push(table(rows))
    size += Buffer.byteLength(parts[1]!) + 1
  }
  // Every block that fits, in order: one large block does not keep the smaller ones after it out.
  let kept = 0
  for (const block of blocks) {
    if (!fits(block)) continue
    size += Buffer.byteLength(block) + 1
    parts.push(block)
    kept++
  }
  const note = leftOutNote(files - rows, files, blocks.length - kept, blocks.length, limit)
  if (note) parts.push(note)
  return parts.join('\n')
}
