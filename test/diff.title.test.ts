// A title put over a whole file (an H1 holding its body), or dropped from it,
// is one section added or removed: the body under it is the other version's
// top level, so every statement and section stays where it was, with no
// moves and no renames. Through the CLI on real fixtures, both ways.
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { edit, fixture, tempDir, write } from './diff-helpers.js'

interface Json {
  summary: string
  files: Array<{
    sections: Array<{ change: string; old: { title: string } | null; new: { title: string } | null }>
    statements: Array<{ change: string }>
  }>
}

const diffJson = async (a: string, b: string): Promise<Json> => {
  const r = await cli(['diff', '-q', '--format', 'json', a, b])
  if (r.code !== 1) throw new Error(`agentmerge diff exited ${r.code}: ${r.stderr}`)
  return JSON.parse(r.stdout) as Json
}

const STRUCTURED = fixture('backend-developer-structured.md')
const OPENCODE = fixture('backend-developer-opencode.md')

let dir: string
beforeAll(() => {
  dir = tempDir()
})

describe('agentmerge diff: a title over the whole file', () => {
  // The structured fixture has no H1: its body opens with a paragraph, then `## Core Identity` and more.
  const TITLED = edit(STRUCTURED, '---\n\nYou are an expert backend developer', '---\n\n# Backend Developer\n\nYou are an expert backend developer')

  it('a title added over the file is one section added, nothing else', async () => {
    const json = await diffJson(write(dir, 'plain/a.md', STRUCTURED), write(dir, 'titled/a.md', TITLED))
    expect(json.summary).toBe('1 section added')
    expect(json.files[0]!.sections).toEqual([expect.objectContaining({ change: 'added', old: null, new: expect.objectContaining({ title: 'Backend Developer' }) })])
    expect(json.files[0]!.statements).toEqual([])
    const text = await cli(['diff', write(dir, 'plain/b.md', STRUCTURED), write(dir, 'titled/b.md', TITLED)])
    expect(text.stdout).toContain('+ section Backend Developer ')
    expect(text.stdout).not.toMatch(/moved|renamed/)
  })

  it('a title added right under the frontmatter, over a body with no blank line before it, is no change of the blank lines', async () => {
    // The blank line after the new H1 comes with it: the paragraph below had the frontmatter before it, and now the title.
    const tight = edit(STRUCTURED, '---\n\nYou are an expert backend developer', '---\nYou are an expert backend developer')
    const titled = edit(STRUCTURED, '---\n\nYou are an expert backend developer', '---\n# Backend Developer\n\nYou are an expert backend developer')
    const [a, b] = [write(dir, 'tight/a.md', tight), write(dir, 'tight-titled/a.md', titled)]
    for (const [from, to, summary] of [[a, b, '1 section added'], [b, a, '1 section removed']] as const) {
      const r = await cli(['diff', '--formatting', from, to])
      expect(r.code, r.stderr).toBe(1)
      expect(r.stdout).not.toContain('whitespace')
      expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(summary)
    }
  })

  it('the same title dropped is one section removed, nothing else', async () => {
    const json = await diffJson(write(dir, 'titled/c.md', TITLED), write(dir, 'plain/c.md', STRUCTURED))
    expect(json.summary).toBe('1 section removed')
    expect(json.files[0]!.sections).toEqual([expect.objectContaining({ change: 'removed', old: expect.objectContaining({ title: 'Backend Developer' }), new: null })])
    expect(json.files[0]!.statements).toEqual([])
  })

  it("a file's own title dropped (the OpenCode fixture's H1) leaves its sections in place", async () => {
    const untitled = edit(OPENCODE, /\n# [^\n]*Backend Developer Agent\n\n/, '\n')
    const json = await diffJson(write(dir, 'titled/d.md', OPENCODE), write(dir, 'plain/d.md', untitled))
    expect(json.summary).toBe('1 section removed')
    expect(json.files[0]!.sections).toEqual([expect.objectContaining({ change: 'removed', old: expect.objectContaining({ title: expect.stringContaining('Backend Developer Agent') }) })])
    expect(json.files[0]!.statements).toEqual([])
  })

  it('an H1 over a file cut down to one of its sections is that section, not a title', async () => {
    // NEW keeps `## Rules` alone, raised to an H1: the same section (its level a change of form), `## Notes` removed.
    const head = '---\nname: reviewer\ndescription: Reviews code.\n---\n\n'
    const rules = '- Check the tests first.\n- Look for security issues.\n- Keep comments short.\n'
    const json = await diffJson(write(dir, 'plain/e.md', `${head}## Rules\n\n${rules}\n## Notes\n\n- Be kind.\n`), write(dir, 'cut/e.md', `${head}# Rules\n\n${rules}`))
    expect(json.summary).toBe('1 removed, 1 section removed (1 change of form only)')
    expect(json.files[0]!.sections).toEqual([expect.objectContaining({ change: 'removed', old: expect.objectContaining({ title: 'Notes' }) })])
  })
})
