// The HTML reports as text: every input statement accounted for, the same
// bytes for the same inputs, nothing from an agent file able to become
// markup, nothing loaded from anywhere, readable colors, and the CLI options
// that write them.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { diffAgents, mergeAgents, nearRepeats, parseAgent, renderDiffReport, renderMergeReport, statementsOf, summaryLine, type Agent } from '../src/index.js'
import { contrast, PALETTE, swatch, textOn } from '../src/report/palette.js'
import { esc, letters, safeHref } from '../src/report/html.js'
import { shortNames } from '../src/report/merge.js'
import { cli } from './helpers/cli.js'
import { at, fixtureAgents, FIXTURE_PATHS } from './merge.helpers.js'
import { fixture, tempDir, write } from './diff-helpers.js'
import { editedOpencode } from './report.helpers.js'

const count = (html: string, re: RegExp): number => (html.match(re) ?? []).length

/** The elements the report writes; anything else in the page came from an agent file. */
const TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'a', 'header', 'main', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'dl', 'dt', 'dd', 'section', 'article', 'nav', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'span', 'ul', 'ol', 'li', 'details', 'summary', 'input', 'label', 'br', 'strong', 'em', 's', 'pre', 'blockquote', 'hr', 'sup', 'del', 'ins', 'script'])

/** Markup problems: unknown tags, event handler attributes, scripts other than ours, links that run code, loads. */
function markupProblems(html: string): string[] {
  const problems: string[] = []
  for (const m of html.matchAll(/<\/?([a-zA-Z!][\w-]*)([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase()
    if (!TAGS.has(tag)) problems.push(`tag <${tag}>`)
    if (/\son[a-z]+\s*=/i.test(m[2]!)) problems.push(`handler in <${tag}${m[2]}>`)
    if (/\b(?:src|srcset|action|formaction|background|poster)\s*=/i.test(m[2]!)) problems.push(`load in <${tag}${m[2]}>`)
    if (/href\s*=\s*"(?!https?:|mailto:|#)/i.test(m[2]!)) problems.push(`link in <${tag}${m[2]}>`)
  }
  if (count(html, /<script/gi) !== 1) problems.push(`${count(html, /<script/gi)} scripts`)
  if (/@import|url\(/i.test(html.slice(html.indexOf('<style>'), html.indexOf('</style>')))) problems.push('stylesheet loads something')
  return problems
}

const sha = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

function cspAllows(html: string): void {
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'")
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!
  expect(csp).toContain(`style-src ${sha(style)}`)
  expect(csp).toContain(`script-src ${sha(script)}`)
  expect(csp).toMatch(/default-src 'none'/)
}

const HOSTILE = `---
name: "evil\\"><script>alert('name')</script>"
description: <img src=x onerror=alert('description')>
tools: Read, <svg onload=alert(1)>
---

# Title <b onmouseover=alert('title')>bold</b>

<script>alert('block')</script>

Never run <img src=x onerror=alert('inline')> or [click](javascript:alert('link')) or ![pic](http://example.com/x.png).

- An item with <iframe src="http://example.com"></iframe> and \`<script>\` in code
- A second item with a [good link](https://example.com/?a=1&b=2) and &lt;entity&gt;

\`\`\`html
<script>alert('code')</script>
\`\`\`

| a <img src=y onerror=alert(2)> | b |
| --- | --- |
| <style>body{display:none}</style> | \`x\` |
`

describe('merge report', () => {
  const agents = fixtureAgents()
  const result = mergeAgents(agents)
  const html = renderMergeReport(result)

  it('shows every output statement once, and under them every input statement', async () => {
    expect(count(html, /<li class="st[ "]/g)).toBe(result.summary.statementsOut)
    const members = [...html.matchAll(/data-members="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0)
    // Each input statement is behind an output statement or recorded, not written (openings not chosen, conflicts).
    expect(members + count(html, /<li class="recorded">/g)).toBe(result.summary.statementsIn)
    // Folded statements are listed under their output statement; a statement alone shows its own place.
    const single = count(html, /data-members="1"/g)
    expect(count(html, /<li class="member">/g) + single + result.summary.recorded).toBe(result.summary.statementsIn)
    expect(count(html, /<li class="member">/g) - (result.summary.statementsOut - single)).toBe(result.summary.duplicatesFolded)
    // Every input statement's path:line is in the page.
    for (const a of agents) for (const s of statementsOf(a.root)) expect(html).toContain(at(s))
    expect(html).toContain(`<span class="statement-count">${result.summary.statementsOut}</span>`)
    // The contents link every output section.
    const toc = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'))
    expect(count(toc, /<a href="#sec-\d+">/g)).toBe(result.summary.sectionsOut)
  })

  it('has the summary, a legend of the inputs, the frontmatter decisions and the conflicts', async () => {
    expect(html).toContain(esc(summaryLine(result.summary)))
    const legend = html.slice(html.indexOf('<table class="data inputs">'), html.indexOf('</table>', html.indexOf('<table class="data inputs">')))
    expect(count(legend, /<tr class="input">/g)).toBe(5)
    FIXTURE_PATHS.slice().sort().forEach((p, i) => expect(legend).toContain(`<span class="badge s${i}" title="${p}">${letters(i)}</span>`))
    for (const f of result.fields) expect(html).toContain(`<code>${f.key}</code>`)
    expect(count(html, /<ul class="diags conflicts">/g)).toBe(1)
    expect(count(html.slice(html.indexOf('<ul class="diags conflicts">')), /<li>/g)).toBeGreaterThanOrEqual(result.conflicts.length)
  })

  it('lists the possible repeats: each group of statements written apart that dedup groups, with their places', async () => {
    const groups = nearRepeats(result)
    const list = html.slice(html.indexOf('<ol class="diags repeats">'), html.indexOf('</ol>', html.indexOf('<ol class="diags repeats">')))
    expect(count(list, /<li class="repeat">/g)).toBe(groups.length)
    for (const g of groups) for (const st of g) expect(list).toContain(esc(st.text))
    expect(list).toContain('Database migrations and schema management')
  })

  it('gives the same bytes for the same inputs, with no time or random id in them', async () => {
    const again = renderMergeReport(mergeAgents(FIXTURE_PATHS.map((p) => parseAgent(readFileSync(p), p))))
    expect(again).toBe(html)
    expect(html).not.toMatch(/20\d\d-\d\d-\d\d/)
    expect(renderMergeReport(result, { generated: 'generated 2025-01-01' })).toContain('generated 2025-01-01')
  })

  it('lists notes (an old tool name left out) apart from the conflicts it counts', () => {
    // Only a.md grants MultiEdit: the merge decides to leave it out (had both granted it, it would stay).
    const file = (path: string, tools: string) => parseAgent(['---', 'name: py', 'description: Python.', `tools: ${tools}`, '---', '', 'You are a Python engineer.', ''].join('\n'), path)
    const result = mergeAgents([file('a.md', 'Read, MultiEdit, Edit'), file('b.md', 'Read, Edit')])
    expect(result.summary.conflicts).toBe(0)
    const html = renderMergeReport(result)
    const conflicts = html.slice(html.indexOf('id="conflicts-h"'), html.indexOf('id="notes-h"'))
    expect(conflicts).toContain('No conflicts.')
    expect(conflicts).not.toContain('MultiEdit')
    expect(html.slice(html.indexOf('id="notes-h"'), html.indexOf('id="recorded-h"'))).toContain('MultiEdit (now Edit)')
  })

  it('names, under a statement of a --min-support merge, where other inputs say it in other words', () => {
    const file = (path: string, items: string[]) => parseAgent(['---', 'name: py', 'description: Python.', '---', '', 'You are a Python engineer.', '', '## Testing', '', ...items.map((i) => `- ${i}`), ''].join('\n'), path)
    // Two wordings that name different code are both written (a paraphrase is folded), each carried by the other.
    const html = renderMergeReport(mergeAgents([file('a.md', ['Run `npm test` before every commit > 1 line']), file('b.md', ['Run `npm run lint` before every commit > 1 line'])], { minSupport: 2 }))
    expect(count(html, /also said, in other words, at/g)).toBe(2)
    expect(html).toMatch(/run lint[^\n]*?before every commit &gt; 1 line<\/p><\/div><div class="meta">[^\n]*?also said, in other words, at<\/span> [^\n]*?>a\.md:10<\/code><\/div>/)
  })

  it('is one self-contained page: nothing loaded, only its own script, allowed by hash', async () => {
    expect(markupProblems(html)).toEqual([])
    cspAllows(html)
  })

  it('lets nothing from an agent file become markup', async () => {
    const evil = parseAgent(HOSTILE, 'evil<b>.md')
    const other = parseAgent(HOSTILE.replace('Never run', 'Do not run'), 'other"&.md')
    const report = renderMergeReport(mergeAgents([evil, other]))
    expect(markupProblems(report)).toEqual([])
    expect(report.slice(report.indexOf('</head>'))).not.toMatch(/<(?:img|iframe|svg|b|style)\b/i)
    expect(report).toContain('&lt;script&gt;alert(&#39;block&#39;)&lt;/script&gt;')
    expect(report).toContain('&lt;img src=x onerror=alert(&#39;inline&#39;)&gt;')
    expect(report).toContain('<span class="link" title="javascript:alert(&#39;link&#39;)">click</span>')
    expect(report).toContain('<a href="https://example.com/?a=1&amp;b=2" rel="noopener noreferrer">good link</a>')
    expect(report).toContain('[image: pic]')
    expect(report).toContain('evil&lt;b&gt;.md')
    cspAllows(report)
  })

  it('gives each input a distinct letter, and colors that repeat only with a different border', async () => {
    const many: Agent[] = Array.from({ length: 10 }, (_, i) => parseAgent(`---\nname: a\n---\n\n- Statement ${i} about topic ${String.fromCharCode(97 + i).repeat(3)}\n- Shared rule for everyone\n`, `in/${String(i).padStart(2, '0')}.md`))
    const report = renderMergeReport(mergeAgents(many))
    expect(markupProblems(report)).toEqual([])
    for (let i = 0; i < 10; i++) expect(report).toContain(`title="in/${String(i).padStart(2, '0')}.md">${letters(i)}</span>`)
    expect(report).toMatch(/\.s8\{background:#0072B2;color:#FFFFFF;border:2px dashed #FFFFFF\}/)
    expect(report).not.toMatch(/\.s7\{[^}]*dashed/)
    // The shared rule: one statement standing for all ten.
    expect(report).toContain('data-members="10"')
    expect(new Set(Array.from({ length: 60 }, (_, i) => letters(i))).size).toBe(60)
    expect(letters(26)).toBe('AA')
  })

  it('tells inputs apart by their shortest distinct path ends', async () => {
    expect(shortNames(['a/x/agent.md', 'b/x/agent.md', 'c/other.md'])).toEqual(['a/x/agent.md', 'b/x/agent.md', 'other.md'])
    expect(shortNames(['fixtures/one.md', 'fixtures/two.md'])).toEqual(['one.md', 'two.md'])
  })
})

describe('colors', () => {
  it('badge text reads at WCAG AA contrast on every palette color', async () => {
    for (let i = 0; i < PALETTE.length * 2; i++) {
      const s = swatch(i)
      expect(contrast(s.background, s.text), `${s.background} / ${s.text}`).toBeGreaterThanOrEqual(4.5)
      expect(textOn(s.background)).toBe(s.text)
    }
    expect(new Set(PALETTE).size).toBe(8)
  })

  it('page text colors read at WCAG AA contrast on their backgrounds', async () => {
    const html = renderDiffReport(diffAgents(parseAgent('- a\n', 'a.md'), parseAgent('- b\n', 'b.md')))
    const v = (name: string) => new RegExp(`--${name}:(#[0-9a-fA-F]{6})`).exec(html)![1]!
    const pairs: Array<[string, string]> = [
      ['fg', 'bg'], ['muted', 'bg'], ['muted', 'soft'], ['link', 'bg'], ['fg', 'soft'],
      ['del-fg', 'del-bg'], ['ins-fg', 'ins-bg'], ['warn-fg', 'warn-bg'], ['fg', 'del-bg'], ['fg', 'ins-bg'], ['muted', 'ins-bg'], ['muted', 'del-bg'],
    ]
    for (const [fg, bg] of pairs) expect(contrast(v(fg), v(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5)
  })

  it('only follows links that cannot run code', async () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a')
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c')
    expect(safeHref('#top')).toBe('#top')
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '../secret.md', 'vbscript:x', 'https://a.b/"onmouseover=x']) expect(safeHref(bad)).toBeUndefined()
  })
})

const OPENCODE = fixture('backend-developer-opencode.md')

describe('diff report', () => {
  const oldPath = 'fixtures/backend-developer/backend-developer-opencode.md'
  const newText = editedOpencode()
  const diff = diffAgents(parseAgent(OPENCODE, oldPath), parseAgent(newText, 'edited/backend-developer-opencode.md'), { oldText: OPENCODE, newText })
  const html = renderDiffReport(diff)

  it('puts every statement of both sides on one row', async () => {
    const body = html.slice(html.indexOf('Statements side by side'))
    const rows = count(body, /<tr class="(?:unchanged|added|removed|reworded|moved)">/g)
    expect(rows).toBe(diff.counts.unchanged + diff.statements.length)
    const oldCells = count(body, /<td class="old">/g)
    const newCells = count(body, /<td class="new">/g)
    expect(oldCells).toBe(statementsOf(parseAgent(OPENCODE, oldPath).root).length)
    expect(newCells).toBe(statementsOf(parseAgent(newText, 'x.md').root).length)
    expect(diff.counts).toMatchObject({ added: 1, removed: 1, reworded: 1, moved: 1, sectionsRenamed: 1, fields: 1 })
  })

  it('marks the reworded words, the moves, the frontmatter and the section changes', async () => {
    const reworded = /<tr class="reworded">([\s\S]*?)<\/tr>/.exec(html.slice(html.indexOf('Statements side by side')))![1]!
    expect(reworded).toContain('Performance ')
    expect(reworded).toContain('<ins>tuning and careful</ins>')
    expect(reworded).not.toContain('<del>')
    expect(html).toMatch(/<tr class="moved"><td class="k">.*moved from /)
    expect(html).toContain('<del>Senior</del>')
    expect(html).toContain('section renamed</strong> from <del>Database Architecture</del> to <ins>Data Storage Design</ins>')
    expect(html).toContain('<p class="lede summary-line">1 added, 1 removed, 1 reworded, 1 moved, 1 section renamed, 1 field changed')
  })

  it('is deterministic, self-contained and escapes the agent text', async () => {
    const again = renderDiffReport(diffAgents(parseAgent(OPENCODE, oldPath), parseAgent(newText, 'edited/backend-developer-opencode.md'), { oldText: OPENCODE, newText }))
    expect(again).toBe(html)
    expect(markupProblems(html)).toEqual([])
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    cspAllows(html)
    const hostile = renderDiffReport(diffAgents(parseAgent(HOSTILE, 'a.md'), parseAgent(HOSTILE.replace(/alert/g, 'confirm'), 'b.md')))
    expect(markupProblems(hostile)).toEqual([])
  })

  it("names each tool of a tools change as its side's file does", async () => {
    const agent = (path: string, tools: string) => parseAgent(['---', 'name: py', 'description: Python.', tools, '---', '', 'You are a Python engineer.', ''].join('\n'), path)
    const report = renderDiffReport(diffAgents(agent('a/py.md', 'tools: Read, Bash'), agent('b/py.agent.md', 'tools: ["read", "runInTerminal", "search"]')))
    expect(report).toContain('changed: +search')
    const back = renderDiffReport(diffAgents(agent('b/py.agent.md', 'tools: ["read", "runInTerminal", "search"]'), agent('a/py.md', 'tools: Read, Grep')))
    expect(back).toContain('changed: -runInTerminal, -search (glob, list)')
  })

  it('takes a report over several files, one article each', async () => {
    const same = diffAgents(parseAgent(OPENCODE, 'a/x.md'), parseAgent(OPENCODE, 'b/x.md'))
    const html2 = renderDiffReport({ files: [diff, same], counts: { ...diff.counts, files: 2, changedFiles: 1 } })
    expect(count(html2, /<article class="file/g)).toBe(2)
    expect(html2).toContain('<a href="#file-2"><code>b/x.md</code></a>')
    expect(markupProblems(html2)).toEqual([])
  })
})

describe('CLI', () => {
  const dir = tempDir('agentmerge-report-')

  it('merge --report writes the report beside the unchanged merge output', async () => {
    const out = join(dir, 'merged.md')
    const report = join(dir, 'report.html')
    const plain = await cli(['merge', ...FIXTURE_PATHS, '--provenance', 'none', '-q'])
    const r = await cli(['merge', ...FIXTURE_PATHS, '--provenance', 'none', '-q', '--report', report])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(plain.stdout)
    const html = readFileSync(report, 'utf8')
    expect(html).toMatch(/^<!DOCTYPE html>/)
    // The same page the library writes (but for the generator's version, inlined by the build).
    const lib = renderMergeReport(mergeAgents(fixtureAgents()))
    expect(html.replace(/agentmerge [^"]+"/, '')).toBe(lib.replace(/agentmerge [^"]+"/, ''))
    const withOut = await cli(['merge', ...FIXTURE_PATHS, '-o', out, '-q', '--report', report])
    expect(withOut.code).toBe(0)
    expect(existsSync(out)).toBe(true)
  })

  it('merge --report refuses an input or the output as the report', async () => {
    const r = await cli(['merge', ...FIXTURE_PATHS, '-q', '--report', FIXTURE_PATHS[0]!])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/is the same file as the input/)
    const out = join(dir, 'same.md')
    const s = await cli(['merge', ...FIXTURE_PATHS, '-q', '-o', out, '--report', out])
    expect(s.code).toBe(2)
    expect(s.stderr).toMatch(/--report names the merged file/)
    // The same file under another name (a symlink to the output) is refused too, and nothing is written.
    const d = tempDir()
    const target = join(d, 'out.md')
    const link = join(d, 'report.html')
    symlinkSync(target, link)
    const t = await cli(['merge', ...FIXTURE_PATHS, '-q', '-o', target, '--report', link])
    expect(t.code).toBe(2)
    expect(t.stderr).toMatch(/--report names the merged file/)
    expect(existsSync(target)).toBe(false)
    // A report that cannot be written stops the run before the merged file is written.
    const u = await cli(['merge', ...FIXTURE_PATHS, '-q', '-o', target, '--report', join(d, 'missing', 'r.html')])
    expect(u.code).toBe(2)
    expect(u.stderr).toMatch(/r\.html: not written \(its directory does not exist\)/)
    expect(existsSync(target)).toBe(false)
    expect(existsSync(`${target}.provenance.json`)).toBe(false)
  })

  it('diff --format html prints the page and exits as diff does', async () => {
    const d = tempDir()
    const b = write(d, 'edited.md', editedOpencode())
    const r = await cli(['diff', '--format', 'html', '-q', 'fixtures/backend-developer/backend-developer-opencode.md', b])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/)
    expect(r.stdout).toContain('<tr class="reworded">')
    const same = await cli(['diff', '--format', 'html', '-q', FIXTURE_PATHS[0]!, FIXTURE_PATHS[0]!])
    expect(same.code).toBe(0)
    expect(same.stdout).toContain('nothing changed in meaning')
    writeFileSync(join(dir, 'diff.html'), r.stdout)
  })
})
