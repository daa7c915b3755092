// What the diff formats show beside the changes themselves: every change of
// form listed by --formatting (blank lines too, when another change of form
// is in the same file or on the same line), a section that lost a statement by a move is not
// "(no changes)" in the HTML page, and within a section the removed
// statements read in OLD's order, the added ones in NEW's.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cli, ROOT } from './helpers/cli.js'
import { tempDir, write } from './diff-helpers.js'

const HEAD = '---\nname: reviewer\ndescription: Reviews code\n---\n\nYou review code.\n\n'

describe('--formatting', () => {
  it('lists blank lines added beside a change of spacing in one file, at their lines', async () => {
    const dir = tempDir()
    const a = write(dir, 'old.md', `${HEAD}## Checklist\n\n- Code is simple and readable.\n- No duplicated code.\n\n## Security\n\n- Never log secrets.\n`)
    const b = write(dir, 'new.md', `${HEAD}## Checklist\n\n-   Code is simple   and readable.\n- No duplicated code.\n\n\n\n## Security\n\n- Never log secrets.\n`)
    const r = await cli(['diff', '--formatting', a, b])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`whitespace: spaces or indentation  ${a}:10 -> ${b}:10`)
    expect(r.stdout).toContain(`whitespace: blank lines before it: 1 -> 3  ${a}:13 -> ${b}:15`)
    expect(r.stdout).toContain('nothing changed in meaning (2 changes of form only)')
  })

  it('lists the blank line removed before a line whose bullet, number or emphasis changed too', async () => {
    // A reviewer's edit of incident-responder: the blank line after each heading removed, and ** -> __, - -> *, 1. -> 1) on the line below.
    const dir = tempDir()
    const a = write(dir, 'old.md', `${HEAD}### Impact\n\n- **User impact**: affected users\n- Keep it short.\n\n### Steps\n\n- Page the on-call.\n\n### Order\n\n1. Stop the bleeding.\n`)
    const b = write(dir, 'new.md', `${HEAD}### Impact\n- __User impact__: affected users\n- Keep it short.\n\n### Steps\n* Page the on-call.\n\n### Order\n1) Stop the bleeding.\n`)
    const r = await cli(['diff', '--formatting', a, b])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`markup: markup (emphasis, escapes or how a link is written)  ${a}:10 -> ${b}:9`)
    expect(r.stdout).toContain(`whitespace: blank lines before it: 1 -> 0  ${a}:10 -> ${b}:9`)
    expect(r.stdout).toContain(`marker: bullet - -> *  ${a}:15 -> ${b}:13`)
    expect(r.stdout).toContain(`whitespace: blank lines before it: 1 -> 0  ${a}:15 -> ${b}:13`)
    expect(r.stdout).toContain(`numbering: number 1. -> 1)  ${a}:19 -> ${b}:16`)
    expect(r.stdout).toContain(`whitespace: blank lines before it: 1 -> 0  ${a}:19 -> ${b}:16`)
    expect(r.stdout).toContain('nothing changed in meaning (6 changes of form only)')
  })
})

describe('html', () => {
  it('a section that lost a statement by a move says so, not "(no changes)"', async () => {
    const dir = tempDir()
    const a = write(dir, 'old.md', `${HEAD}## Checklist\n\n- Code is simple.\n- Never log secrets.\n\n## Security\n\n- Validate input.\n`)
    const b = write(dir, 'new.md', `${HEAD}## Checklist\n\n- Code is simple.\n\n## Security\n\n- Validate input.\n- Never log secrets.\n`)
    const r = await cli(['diff', '--format', 'html', a, b])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/>Checklist <span class="muted">\(1 statement moved out\)<\/span>/)
    expect(r.stdout).toMatch(/>Security <span class="muted">\(1 change\)<\/span>/)
    expect(r.stdout).not.toMatch(/>Checklist <span class="muted">\(no changes\)/)
  })
})

describe('statement order', () => {
  const PY = `${ROOT}fixtures/python-pro/`
  const DAVEPOON = `${PY}davepoon--claude-code-subagents-collection--python-expert.md`
  const WSHOBSON = `${PY}wshobson--agents--python-pro.md`
  const lineOf = (at: string) => Number(at.slice(at.lastIndexOf(':') + 1))

  it("removed statements read in OLD's order in each section, added ones in NEW's, both ways", async () => {
    for (const [a, b] of [
      [DAVEPOON, WSHOBSON],
      [WSHOBSON, DAVEPOON],
    ] as const) {
      const r = await cli(['diff', '-q', '--format', 'json', a, b])
      const changes = JSON.parse(r.stdout).files[0].statements as Array<{ change: string; old: { at: string; section: string[] } | null; new: { at: string; section: string[] } | null }>
      const lines = new Map<string, number[]>()
      for (const c of changes) {
        if (c.change !== 'removed' && c.change !== 'added') continue
        const side = c.change === 'removed' ? c.old! : c.new!
        const key = `${c.change} ${side.section.join(' > ')}`
        lines.set(key, [...(lines.get(key) ?? []), lineOf(side.at)])
      }
      expect(lines.size).toBeGreaterThan(1)
      for (const [key, list] of lines) expect(list, key).toEqual([...list].sort((x, y) => x - y))
    }
  })

  it('a section moved up lists its removed statement where it stood in it, not after what the section passed', async () => {
    const dir = tempDir()
    const a = write(dir, 'old.md', `${HEAD}## Testing\n\n- Write unit tests for every public function.\n- Run the integration suite before merging.\n\n## Deployment\n\n- Deploy with blue-green releases to avoid downtime.\n- Remove the legacy FTP upload script from the pipeline.\n- Tag every release in git with its semantic version.\n`)
    const b = write(dir, 'new.md', `${HEAD}## Deployment\n\n- Deploy with blue-green releases to avoid downtime.\n- Tag every release in git with its semantic version.\n- Keep a changelog entry for each deployment.\n\n## Testing\n\n- Write unit tests for every public function.\n- Run the integration suite before merging.\n- Measure coverage with c8 on each pull request.\n`)
    const r = await cli(['diff', '-q', '--format', 'json', a, b])
    const changes = JSON.parse(r.stdout).files[0].statements as Array<{ change: string; old: { text: string } | null; new: { text: string } | null }>
    expect(changes.map((c) => `${c.change}: ${(c.old ?? c.new)!.text}`)).toEqual([
      'removed: Remove the legacy FTP upload script from the pipeline.',
      'added: Keep a changelog entry for each deployment.',
      'added: Measure coverage with c8 on each pull request.',
    ])
  })

  it('the items of a removed list follow their own lead-in, not a neighbouring list', async () => {
    // davepoon's "Provide:" list was printed among its checklist, before "Process:".
    const r = await cli(['diff', DAVEPOON, WSHOBSON])
    const removed = r.stdout.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4, l.lastIndexOf('  ')))
    const old = readFileSync(DAVEPOON, 'utf8')
    const provide = old.slice(old.indexOf('Provide:'), old.indexOf('Leverage'))
    const items = provide.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2))
    const at = removed.indexOf('Provide:')
    expect(at).toBeGreaterThan(removed.indexOf('Process:'))
    // Each item removed is listed after "Provide:" (some are paired elsewhere and not removed).
    const listed = items.filter((i) => removed.includes(i))
    expect(listed.length).toBeGreaterThan(0)
    for (const item of listed) expect(removed.indexOf(item), item).toBeGreaterThan(at)
  })
})
