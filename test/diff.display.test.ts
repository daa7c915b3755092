// What the diff formats show beside the changes themselves: every change of
// form listed by --formatting (blank lines too, when another change of form
// is in the same file), and a section that lost a statement by a move is not
// "(no changes)" in the HTML page.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
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
