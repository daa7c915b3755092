// The reports in a real browser (Debian's Chromium driven by playwright-core,
// which never downloads a browser): what a person sees when opening the file.
// Screenshots are kept in test-artifacts/ (git-ignored). Without
// /usr/bin/chromium the test is skipped, saying so; CI installs it (.ci/run).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffAgents, mergeAgents, parseAgent, renderDiffReport, renderMergeReport, summaryLine } from '../src/index.js'
import { fixture } from './diff-helpers.js'
import { ROOT } from './helpers/cli.js'
import { fixtureAgents, FIXTURE_PATHS } from './merge.helpers.js'
import { editedOpencode } from './report.helpers.js'
import { tempDir } from './helpers/tmp.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test-artifacts')
const present = existsSync(CHROMIUM)
if (!present) console.warn(`report.browser.test: skipped, ${CHROMIUM} is missing (apt-get install chromium; .ci/run does)`)

// The machine has no network: these flags keep Chromium from trying to reach one.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Contrast of every element's text against the first opaque background behind it, for the elements matched. */
async function lowContrast(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const rgb = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c)
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 1]
    }
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!)
    }
    const bad: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (!el.checkVisibility() || (el.textContent ?? '').trim() === '') continue
      const fg = rgb(getComputedStyle(el).color)
      let bg: number[] = [255, 255, 255]
      for (let n: HTMLElement | null = el; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor)
        if (c[3] > 0.5) {
          bg = c
          break
        }
      }
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x) as [number, number]
      const ratio = (a + 0.05) / (b + 0.05)
      if (ratio < 4.5) bad.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}": ${ratio.toFixed(2)}`)
    }
    return bad
  }, selector)
}

/** Structure a screen reader relies on: headings that never skip a level, one h1, landmarks, labelled controls. */
async function structureProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    let last = 0
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1])
      if (level > last + 1) problems.push(`${h.tagName} after h${last}: ${h.textContent}`)
      last = level
    }
    if (document.querySelectorAll('h1').length !== 1) problems.push('not one h1')
    if (document.querySelectorAll('main').length !== 1 || document.querySelectorAll('header').length !== 1) problems.push('landmarks')
    for (const input of document.querySelectorAll('input')) if (!input.labels || input.labels.length === 0) problems.push(`unlabelled input #${input.id}`)
    for (const el of document.querySelectorAll('[aria-labelledby]')) if (!document.getElementById(el.getAttribute('aria-labelledby')!)) problems.push('dangling aria-labelledby')
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
    if (new Set(ids).size !== ids.length) problems.push('duplicate ids')
    if (document.documentElement.lang !== 'en') problems.push('no lang')
    return problems
  })
}

/** Opens a page and records what goes wrong in it (script errors, CSP violations, requests). */
async function open(context: BrowserContext, file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`))
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) problems.push(`request: ${r.url()}`)
  })
  await page.goto(pathToFileURL(file).href)
  return { page, problems }
}

describe.skipIf(!present)('HTML reports in Chromium', () => {
  let browser: Browser
  const dir = tempDir('agentmerge-browser-')
  const result = mergeAgents(fixtureAgents())
  const mergeFile = join(dir, 'merge.html')
  const diffFile = join(dir, 'diff.html')
  const oldText = fixture('backend-developer-opencode.md')
  const newText = editedOpencode()
  const diff = diffAgents(parseAgent(oldText, 'fixtures/backend-developer/backend-developer-opencode.md'), parseAgent(newText, 'edited/backend-developer-opencode.md'), { oldText, newText })

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(mergeFile, renderMergeReport(result))
    writeFileSync(diffFile, renderDiffReport(diff))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('merge report: statements, legend, a provenance details opened with the keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const { page, problems } = await open(context, mergeFile)
    // As many statements are shown as the merge wrote, and the heading says so.
    expect(await page.locator('li.st').filter({ visible: true }).count()).toBe(result.summary.statementsOut)
    expect(await page.locator('#agent-h .statement-count').textContent()).toBe(String(result.summary.statementsOut))
    expect(await page.locator('.stats .statements-in dd').textContent()).toBe(String(result.summary.statementsIn))
    expect(await page.locator('header .lede').textContent()).toBe(summaryLine(result.summary) + '.')
    // The legend: the five inputs, each with its letter and path.
    const legend = page.locator('table.inputs tbody tr')
    expect(await legend.count()).toBe(5)
    const sorted = FIXTURE_PATHS.slice().sort()
    for (let i = 0; i < 5; i++) {
      expect(await legend.nth(i).locator('.badge').textContent()).toBe('ABCDE'[i])
      expect(await legend.nth(i).locator('th code').textContent()).toBe(sorted[i])
    }
    // The script ran: the toolbar shows its buttons.
    expect(await page.getByRole('button', { name: 'Expand all' }).isVisible()).toBe(true)

    // Keyboard only: Tab to the skip link, Enter, then Tab to the first "statements folded here" and Enter.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content')
    await page.keyboard.press('Enter')
    let onSummary = false
    for (let i = 0; i < 40 && !onSummary; i++) {
      await page.keyboard.press('Tab')
      onSummary = await page.evaluate(() => document.activeElement?.matches('details.prov > summary') === true)
    }
    expect(onSummary).toBe(true)
    const focused = page.locator('details.prov:has(> summary:focus)')
    expect(await focused.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    // The focus ring is visible.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid')
    await page.keyboard.press('Enter')
    expect(await focused.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
    const places = await focused.locator('li.member code.place').filter({ visible: true }).allTextContents()
    expect(places.length).toBeGreaterThan(1)
    for (const p of places) expect(p).toMatch(/^fixtures\/backend-developer\/[\w-]+\.md:\d+$/)
    const members = Number(await focused.locator('xpath=ancestor::li[contains(@class,"st")]').getAttribute('data-members'))
    expect(places.length).toBe(members)
    await focused.locator('xpath=ancestor::li[contains(@class,"st")]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(ARTIFACTS, 'report-merge.png') })

    // "Show only" one input: its statements alone (no script involved).
    const senior = sorted.indexOf('fixtures/backend-developer/backend-developer-senior.md')
    await page.locator(`#only-${senior}`).focus()
    await page.keyboard.press('Space')
    const fromSenior = result.sections.reduce((n, m) => n + m.folds.filter((f) => f.members.some((s) => s.source.path === sorted[senior])).length, 0)
    expect(await page.locator('li.st').filter({ visible: true }).count()).toBe(fromSenior)
    await page.keyboard.press('Space')

    // Readable contrast where color carries something; a structure to navigate by.
    expect(await lowContrast(page, '.badge, .muted, .place, .tag, .stats dt, summary, td, th, p, a, h1, h2, h3')).toEqual([])
    expect(await structureProblems(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })

  it('merge report: readable without JavaScript, and printed with every details open', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 800 } })
    const { page, problems } = await open(context, mergeFile)
    expect(await page.locator('li.st').filter({ visible: true }).count()).toBe(result.summary.statementsOut)
    expect(await page.locator('h1').textContent()).toBe('Merge report: backend-developer')
    expect(await page.locator('#toolbar button').count()).toBe(0)
    expect(await page.locator('#toolbar').isVisible()).toBe(false)
    // Details still open without a script.
    const first = page.locator('details.prov').first()
    await first.locator('summary').click()
    expect(await first.locator('li.member').first().isVisible()).toBe(true)

    await page.emulateMedia({ media: 'print' })
    const closed = page.locator('details.prov:not([open])')
    expect(await closed.count()).toBeGreaterThan(10)
    expect(await closed.first().locator('li.member').first().isVisible()).toBe(true)
    expect(await closed.last().locator('li.member').last().isVisible()).toBe(true)
    expect(await page.locator('.only-label').first().isVisible()).toBe(false)
    // No colored backgrounds in print: the badges are outlined letters.
    expect(await page.locator('.badge').first().evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgba(0, 0, 0, 0)')
    expect(await page.locator('#agent').evaluate((s) => getComputedStyle(s).breakBefore)).toBe('page')
    expect(problems).toEqual([])
    await context.close()
  })

  it('diff report: old and new side by side, reworded words marked', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const { page, problems } = await open(context, diffFile)
    expect(await page.locator('.summary-line').textContent()).toMatch(/^1 added, 1 removed, 1 reworded, 1 moved, 1 section renamed, 1 field changed/)
    const reworded = page.locator('table.sbs tr.reworded').filter({ has: page.locator('td.k', { hasText: 'reworded' }) }).last()
    expect(await reworded.locator('td.old p').innerText()).toBe('Performance optimization')
    expect(await reworded.locator('td.old .ln').innerText()).toMatch(/^line \d+$/)
    expect(await reworded.locator('td.new ins').innerText()).toBe('tuning and careful')
    expect(await page.locator('table.sbs tr.added td.new p').innerText()).toBe('Never log secrets, tokens or <img src=x onerror=alert(1)> payloads')
    expect(await page.locator('table.sbs tr.removed td.old p').innerText()).toBe('Microservices architecture')
    expect(await page.locator('table.sbs tr.added td.old').innerText()).toBe('not in old')
    // Every statement of both sides is on a row; unchanged ones hide with a checkbox, without script.
    const rows = page.locator('section.group table.sbs tbody tr:is(.unchanged,.added,.removed,.reworded,.moved)')
    const all = await rows.count()
    expect(all).toBe(diff.counts.unchanged + diff.statements.length)
    // The screenshot: the reworded row with its context, unchanged rows around it.
    await page.locator('section.group:has(tr.reworded) h4').scrollIntoViewIfNeeded()
    await page.evaluate(() => document.querySelector('section.group:has(tr.reworded)')!.scrollIntoView())
    await page.screenshot({ path: join(ARTIFACTS, 'report-diff.png') })
    await page.getByLabel('Hide unchanged statements').check()
    expect(await rows.filter({ visible: true }).count()).toBe(all - diff.counts.unchanged)
    expect(await lowContrast(page, 'td, th, del, ins, .muted, .place, .tag, p, h1, h2, h3, h4')).toEqual([])
    expect(await structureProblems(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })

  it('diff report: readable without JavaScript and in print', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const { page, problems } = await open(context, diffFile)
    expect(await page.locator('table.sbs tr.reworded ins').first().isVisible()).toBe(true)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.controls').isVisible()).toBe(false)
    expect(await page.locator('ins').first().evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('underline')
    expect(await page.locator('del').first().evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('line-through')
    expect(problems).toEqual([])
    await context.close()
  })
})
