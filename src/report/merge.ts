// The merge report: the merged agent as a reviewer reads it. Every output
// statement carries the badges of the inputs it came from; the statements it
// stands for (its folded duplicates, with their wording and `path:line`) open
// under it in a <details>; the frontmatter decisions, the conflicts, what was
// recorded and not written, and the possible repeats (nearRepeats) come
// first. Inputs are lettered in path order (the order of the inline
// provenance notes), so the report does not depend on the order of the files
// on the command line, as the merge does not.
import type { Diagnostic, Section, Statement } from '../model.js'
import type { FieldDecision, Fold, MergedSection, MergeResult } from '../merge/index.js'
import { nearRepeats, summaryLine } from '../merge/index.js'
import { attr, esc, letters, plural, statsList } from './html.js'
import { nodeHtml, statementHtml } from './markdown.js'
import { page, sourceCss } from './page.js'
import { byCodeUnits, bySource } from '../order.js'

export interface MergeReportOptions {
  /** The page title; default `Merge report: NAME`. */
  title?: string
  /** A time or any note to print under the title (nothing by default, so that equal inputs give equal bytes). */
  generated?: string
}


/** For each path, its shortest run of trailing segments that no other path ends with. */
export function shortNames(paths: readonly string[]): string[] {
  const parts = paths.map((p) => p.split(/[\\/]/))
  return parts.map((segs, i) => {
    for (let n = 1; n < segs.length; n++) {
      const tail = segs.slice(-n).join('/')
      if (parts.every((other, j) => j === i || other.slice(-n).join('/') !== tail)) return tail
    }
    return paths[i]!
  })
}

/** The inputs of a report, lettered: path order, every path once. */
export class Inputs {
  readonly paths: string[]
  private readonly index: Map<string, number>
  constructor(paths: Iterable<string>) {
    this.paths = [...new Set(paths)].sort(byCodeUnits)
    this.index = new Map(this.paths.map((p, i) => [p, i]))
    this.shortNames = shortNames(this.paths)
  }
  private readonly shortNames: string[]
  indexOf(path: string): number | undefined {
    return this.index.get(path)
  }
  /** The input a `path:line` (or a bare path) names, and its line. */
  place(place: string): { input?: number; path: string; line?: number } {
    const whole = this.index.get(place)
    if (whole !== undefined) return { input: whole, path: place }
    const i = place.lastIndexOf(':')
    if (i > 0 && /^\d+$/.test(place.slice(i + 1))) {
      const path = place.slice(0, i)
      return { input: this.index.get(path), path, line: Number(place.slice(i + 1)) }
    }
    return { path: place }
  }
  badge(input: number | undefined): string {
    if (input === undefined) return ''
    return `<span class="badge s${input}"${attr('title', this.paths[input])}>${letters(input)}</span>`
  }
  /** The badges of several inputs, read out as "from A, C". */
  badges(sources: readonly number[]): string {
    return `<span class="badges"><span class="vh">from </span>${sources.map((i) => this.badge(i)).join('')}</span>`
  }
  /** A badge and `path:line` in full, for lists of places. */
  placeHtml(place: string): string {
    const p = this.place(place)
    return `${this.badge(p.input)} <code class="place">${esc(place)}</code>`
  }
  /** A badge and a short `file:line` (the shortest path suffix that tells the inputs apart), the full place as its title. */
  shortHtml(place: string): string {
    const p = this.place(place)
    if (p.input === undefined) return `<code class="place">${esc(place)}</code>`
    const short = this.shortNames[p.input]! + (p.line !== undefined ? `:${p.line}` : '')
    return `${this.badge(p.input)} <code class="place"${attr('title', place)}>${esc(short)}</code>`
  }
}

function valueHtml(value: unknown): string {
  if (value === null || value === undefined) return '<span class="empty">not written</span>'
  if (typeof value === 'string') return esc(value)
  if (typeof value === 'number' || typeof value === 'boolean') return `<code>${esc(String(value))}</code>`
  return `<code>${esc(JSON.stringify(value))}</code>`
}

const RULES: Record<FieldDecision['rule'], string> = {
  majority: 'the value most inputs carry',
  central: 'the description closest to the others',
  minority: 'carried by fewer than half the inputs',
  union: 'union of the explicit tool lists',
  intersection: 'intersection of the inputs',
  first: 'the deciding input',
  all: 'every tool (--tools all)',
  'not-in-dialect': 'not in the output dialect',
  'no-spelling': 'no spelling in the output dialect',
}

function fieldsHtml(fields: readonly FieldDecision[], inputs: Inputs): string {
  if (fields.length === 0) return '<p class="muted">No input has frontmatter fields.</p>'
  const rows = fields.map((f) => {
    const from = f.from === null ? '<span class="empty">none</span>' : f.from.split(', ').map((p) => inputs.shortHtml(p)).join('<br>')
    const others = f.others.length === 0 ? '<span class="empty">all agree</span>' : `<ul class="diags">${f.others.map((o) => `<li>${valueHtml(o.value)} <span class="muted">from</span> ${inputs.shortHtml(o.from)}</li>`).join('')}</ul>`
    const rule = `${esc(RULES[f.rule] ?? f.rule)}${f.note ? `<br><span class="muted">${esc(f.note)}</span>` : ''}${f.others.length > 0 ? ' <span class="tag warn">differs</span>' : ''}`
    return `<tr${f.others.length > 0 ? ' class="conflict"' : ''}><th scope="row" class="nowrap"><code>${esc(f.key)}</code></th><td>${valueHtml(f.value)}</td><td class="nowrap">${from}</td><td>${rule}</td><td>${others}</td></tr>`
  })
  return `<table class="data fields"><caption class="vh">Frontmatter fields of the merged agent</caption><thead><tr><th scope="col">Field</th><th scope="col">Value written</th><th scope="col">Taken from</th><th scope="col">Rule</th><th scope="col">Other values (not written)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function diagnosticsHtml(conflicts: readonly Diagnostic[], inputs: Inputs, none: string, kind = 'conflicts'): string {
  if (conflicts.length === 0) return `<p class="muted">${none}</p>`
  const items = conflicts.map((d) => {
    const place = d.line ? `${d.path}:${d.line}` : d.path
    return `<li><span class="tag${d.severity === 'warning' ? ' warn' : ''}">${esc(d.severity)}</span> ${inputs.shortHtml(place)} ${esc(d.message)} <span class="muted">(${esc(d.code)})</span></li>`
  })
  return `<ul class="diags ${kind}">${items.join('')}</ul>`
}

/** Per input: statements read, wordings written from it, and the rest (folded into another input's wording). */
function legendHtml(result: MergeResult, inputs: Inputs): string {
  const read = new Array<number>(inputs.paths.length).fill(0)
  const worded = new Array<number>(inputs.paths.length).fill(0)
  for (const m of result.sections) {
    for (const f of m.folds) {
      for (const s of f.members) {
        const i = inputs.indexOf(s.source.path)
        if (i !== undefined) read[i]!++
      }
      const w = inputs.indexOf(f.statement.source.path)
      if (w !== undefined) worded[w]!++
    }
  }
  const rows = inputs.paths.map((path, i) => {
    const only = `<input type="checkbox" class="only" id="only-${i}"> <label for="only-${i}">show only<span class="vh"> the statements of ${letters(i)}</span></label>`
    return `<tr class="input"><td>${inputs.badge(i)}</td><th scope="row"><code>${esc(path)}</code></th><td class="num">${read[i]}</td><td class="num">${worded[i]}</td><td class="num">${read[i]! - worded[i]!}</td><td class="only-label">${only}</td></tr>`
  })
  const head = ['Badge', 'Input file', 'Statements read', 'Wording written', 'Folded into another wording', 'Filter'].map((h) => `<th scope="col">${h}</th>`).join('')
  return `<table class="data inputs"><caption class="vh">The inputs of the merge</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

interface Ctx {
  inputs: Inputs
  next: number
  /** The sections rendered, for the contents: heading level, id, title (as HTML, plain text: links cannot nest). */
  toc: Array<{ level: number; id: string; title: string }>
}

/** The contents: nested lists of links to the sections, by heading level. */
function tocHtml(toc: Ctx['toc']): string {
  if (toc.length < 2) return ''
  let out = ''
  const open: number[] = []
  for (const t of toc) {
    while (open.length > 0 && open[open.length - 1]! > t.level) {
      out += '</li></ul>'
      open.pop()
    }
    if (open.length > 0 && open[open.length - 1] === t.level) out += '</li>'
    else {
      out += '<ul>'
      open.push(t.level)
    }
    out += `<li><a href="#${t.id}">${t.title}</a>`
  }
  out += '</li></ul>'.repeat(open.length)
  return `<details class="toc"><summary>Contents: ${plural(toc.length, 'section')}</summary><nav aria-label="Sections of the merged agent">${out}</nav></details>`
}

function sourcesOf(members: readonly Statement[], inputs: Inputs): number[] {
  const set = new Set<number>()
  for (const s of members) {
    const i = inputs.indexOf(s.source.path)
    if (i !== undefined) set.add(i)
  }
  return [...set].sort((a, b) => a - b)
}

const placeOf = (s: { source: { path: string; line: number } }): string => `${s.source.path}:${s.source.line}`

function foldHtml(fold: Fold, ctx: Ctx): string {
  const { inputs } = ctx
  const id = `st-${++ctx.next}`
  const written = fold.statement
  const sources = sourcesOf(fold.members, inputs)
  const classes = ['st', ...sources.map((i) => `f${i}`)]
  if (fold.members.length > 1) classes.push('multi')
  const badges = inputs.badges(sources)
  let meta: string
  if (fold.members.length <= 1) {
    meta = inputs.shortHtml(placeOf(written))
  } else {
    const wordings = new Set(fold.members.map((m) => m.norm)).size
    const isWritten = (m: Statement) => m === written || (m.source.path === written.source.path && m.source.line === written.source.line && m.norm === written.norm)
    const members = fold.members.map((m) => {
      const same = m.norm === written.norm
      const tag = isWritten(m) ? ' <span class="tag">wording written</span>' : same ? ' <span class="muted">same wording</span>' : ''
      const wording = !isWritten(m) && !same ? `<div class="wording">${statementHtml(m)}</div>` : ''
      return `<li class="member">${inputs.placeHtml(placeOf(m))}${tag}${wording}</li>`
    })
    const summary = `<span class="count">${fold.members.length}</span> statements folded here${wordings > 1 ? `, ${plural(wordings, 'wording')}` : ''}<span class="vh">: where they came from</span>`
    meta = `${badges} <span class="muted">wording from <code class="place">${esc(placeOf(written))}</code></span><details class="prov"><summary>${summary}</summary><ol class="members">${members.join('')}</ol></details>`
  }
  // `--min-support`: the statements of other inputs that say it in other words, counted towards its support.
  if (fold.carriedBy && fold.carriedBy.length > 0) meta += ` <span class="muted">also said, in other words, at</span> ${fold.carriedBy.map((m) => inputs.placeHtml(placeOf(m))).join(', ')}`
  return `<li${attr('class', classes.join(' '))}${attr('id', id)}${attr('data-members', fold.members.length)}><div class="body">${statementHtml(written)}</div><div class="meta">${meta}</div></li>`
}

function titleHtml(section: Section): string {
  const inner = section.titleNodes.map((n) => nodeHtml(n)).join('')
  return inner === '' ? esc(section.title) : inner
}

function sectionMeta(members: readonly Section[], title: string, ctx: Ctx): string {
  if (members.length === 0) return ''
  const { inputs } = ctx
  const sources = [...new Set(members.map((s) => inputs.indexOf(s.source.path)).filter((i): i is number => i !== undefined))].sort((a, b) => a - b)
  const badges = inputs.badges(sources)
  if (members.length === 1) return `<p class="sec-meta">${inputs.shortHtml(placeOf(members[0]!))}</p>`
  const sorted = members.slice().sort(bySource)
  const items = sorted.map((s) => `<li>${inputs.placeHtml(placeOf(s))} ${s.title === title ? '<span class="muted">same title</span>' : esc(s.title)}</li>`)
  return `<div class="sec-meta">${badges} <details><summary>${plural(members.length, 'section')} merged here<span class="vh">: their titles and places</span></summary><ul class="sec-members">${items.join('')}</ul></details></div>`
}

function foldsHtml(folds: readonly Fold[], ctx: Ctx): string {
  return folds.length === 0 ? '' : `<ul class="sts">${folds.map((f) => foldHtml(f, ctx)).join('')}</ul>`
}

/** A merged section and its subsections; headings go one level per nesting (h3 for the outermost), never skipping one. */
function mergedSectionHtml(m: MergedSection, ctx: Ctx, level: number): string {
  const id = `sec-${++ctx.next}`
  const title = titleHtml(m.section)
  ctx.toc.push({ level, id, title: esc(m.section.title) })
  const head = `<h${level}${attr('id', id)}>${title}</h${level}>${sectionMeta(m.members, m.section.title, ctx)}`
  const kids = m.children.map((c) => mergedSectionHtml(c, ctx, Math.min(6, level + 1))).join('')
  return `<section class="sec"${attr('aria-labelledby', id)}>${head}${foldsHtml(m.folds, ctx)}${kids}</section>`
}

function agentHtml(result: MergeResult, ctx: Ctx): string {
  const top = result.sections[0]
  if (!top) return ''
  const first = result.agent.root.body[0]
  // Several inputs opening with one heading that wraps the file: that title heads the merged agent.
  if (top.members.length > 0 && first?.type === 'section' && first.kind === 'heading') {
    const id = `sec-${++ctx.next}`
    const title = titleHtml(first)
    ctx.toc.push({ level: 3, id, title: esc(first.title) })
    const head = `<h3${attr('id', id)}>${title}</h3>${sectionMeta(top.members, first.title, ctx)}`
    const kids = top.children.map((c) => mergedSectionHtml(c, ctx, 4)).join('')
    return `<section class="sec"${attr('aria-labelledby', id)}>${head}${foldsHtml(top.folds, ctx)}${kids}</section>`
  }
  return foldsHtml(top.folds, ctx) + top.children.map((c) => mergedSectionHtml(c, ctx, 3)).join('')
}

function statsHtml(s: MergeResult['summary']): string {
  return statsList([
    ['Inputs', s.inputs, 'inputs'],
    ['Statements in', s.statementsIn, 'statements-in'],
    ['Statements out', s.statementsOut, 'statements-out'],
    ['Duplicates folded', s.duplicatesFolded, 'folded'],
    ['Sections in', s.sectionsIn, 'sections-in'],
    ['Sections out', s.sectionsOut, 'sections-out'],
    ['Sections merged', s.sectionsMerged, 'sections-merged'],
    ['Conflicts', s.conflicts, 'conflicts'],
  ])
}

/** How the report names each reason a statement is recorded and not written. */
const REASONS: Record<MergeResult['recorded'][number]['reason'], string> = {
  conflict: 'conflict alternative',
  'opening-not-chosen': 'opening not chosen',
  'below-min-support': 'carried by fewer than --min-support inputs, ready to add',
  'lead-without-list': 'lead-in whose list went elsewhere',
}

/** The input statements recorded but not written, each with its place, why, and what was written instead. */
function recordedHtml(result: MergeResult, inputs: Inputs): string {
  const notes = result.provenance.recorded
  if (notes.length === 0) return '<p class="muted">Every input statement is written or folded into one that is.</p>'
  const items = notes.map((r) => {
    const instead = r.standsFor ? ` <span class="muted">instead:</span> ${inputs.shortHtml(r.standsFor)}` : ''
    const what = r.conflict ? ` (${esc(r.conflict)})` : ''
    const only = r.carries ? ` <span class="muted">only it says:</span> <span class="carries">${esc(r.carries.join(', '))}</span>` : ''
    return `<li class="recorded">${inputs.shortHtml(r.from)} <span class="why">${esc(REASONS[r.reason])}${what}</span>${instead}${only}<blockquote>${esc(r.text)}</blockquote></li>`
  })
  return `<ul class="diags recorded-list">${items.join('')}</ul>`
}

/** Statements the merge wrote apart that dedup's bar groups, one list per group: candidates for trimming by hand. */
function repeatsHtml(result: MergeResult, inputs: Inputs): string {
  const groups = nearRepeats(result)
  if (groups.length === 0) return '<p class="muted">No possible repeats.</p>'
  const items = groups.map((g) => `<li class="repeat"><ul>${g.map((st) => `<li>${inputs.shortHtml(placeOf(st))}<blockquote>${esc(st.text)}</blockquote></li>`).join('')}</ul></li>`)
  return `<ol class="diags repeats">${items.join('')}</ol>`
}

/** The merge as one self-contained HTML page (see docs/report.md). */
export function renderMergeReport(result: MergeResult, options: MergeReportOptions = {}): string {
  const paths: string[] = [...result.provenance.inputs]
  for (const m of result.sections) for (const f of m.folds) for (const s of f.members) paths.push(s.source.path)
  for (const r of result.recorded) paths.push(r.statement.source.path)
  const inputs = new Inputs(paths)
  const ctx: Ctx = { inputs, next: 0, toc: [] }
  const agent = agentHtml(result, ctx)
  const name = result.agent.meta.name
  const title = options.title ?? `Merge report: ${name}`
  const s = result.summary
  const header = [
    `<h1>${esc(title)}</h1>`,
    options.generated !== undefined ? `<p class="muted">${esc(options.generated)}</p>` : '',
    `<p class="lede">${esc(summaryLine(s))}.</p>`,
    statsHtml(s),
  ].join('\n')
  const main = [
    `<section class="legend" aria-labelledby="inputs-h"><h2 id="inputs-h">Inputs</h2>`,
    `<p>Each input has a color and a letter; a statement's badges name the inputs it was found in. Check "show only" to see the statements of some inputs alone.</p>`,
    legendHtml(result, inputs),
    // An input that shares nothing with the others is said beside the inputs, not counted as a conflict of the merge.
    ...(result.warnings.length > 0 ? [diagnosticsHtml(result.warnings, inputs, '', 'warnings')] : []),
    `</section>`,
    `<section aria-labelledby="fields-h"><h2 id="fields-h">Frontmatter</h2>`,
    `<p>The merged agent's fields (dialect <code>${esc(result.provenance.dialect)}</code>), where each came from, and the values the other inputs had.</p>`,
    fieldsHtml(result.fields, inputs),
    `<h3 id="conflicts-h">Conflicts</h3>`,
    // Notes (an old tool name left out beside its replacement) are not conflicts, and the counts leave them out too.
    diagnosticsHtml(result.conflicts.filter((d) => d.severity !== 'note'), inputs, 'No conflicts.'),
    ...(result.conflicts.some((d) => d.severity === 'note') ? [`<h3 id="notes-h">Notes</h3>`, diagnosticsHtml(result.conflicts.filter((d) => d.severity === 'note'), inputs, '', 'notes')] : []),
    `<h3 id="recorded-h">Recorded, not written</h3>`,
    recordedHtml(result, inputs),
    `<h3 id="repeats-h">Possible repeats</h3>`,
    `<p>Statements written apart that <code>agentmerge dedup</code> groups: the merge folds only at its stricter bar, since a wrong fold loses an instruction. Where a group says one thing, keep one of its statements.</p>`,
    repeatsHtml(result, inputs),
    `</section>`,
    `<section class="newpage agent" id="agent" aria-labelledby="agent-h"><h2 id="agent-h">Merged agent: <span class="statement-count">${s.statementsOut}</span> statements</h2>`,
    `<p>Each statement is written once, in its most complete wording. Under a statement that stands for several, "statements folded here" lists every input statement behind it with its <code>path:line</code>, and the other wordings.</p>`,
    tocHtml(ctx.toc),
    agent,
    `</section>`,
  ].join('\n')
  return page({ title, css: sourceCss(inputs.paths.length), header, main, skipTo: 'agent' })
}
