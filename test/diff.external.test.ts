// git's external diff driver (`agentmerge diff --git-external`) on an agent
// file it cannot read: git stops the whole `git diff` at a driver that
// fails, so the file is shown as git's own line diff, with its error said.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

describe('--git-external on an agent that cannot be read', () => {
  it("says why on stderr, shows git's line diff and exits 0, so that git goes on to the next file", async () => {
    const dir = tempDir()
    const [a, b] = [join(dir, 'tmp-old'), join(dir, 'tmp-new')]
    writeFileSync(a, '---\nname: zz\ndescription: Reviews.\n---\n\n- Keep answers short.\n')
    writeFileSync(b, '---\nname: zz\ndescription: [Reviews.\n---\n\n- Keep answers short and kind.\n')
    const r = await cli(['diff', '--git-external', '.claude/agents/zz.md', a, '1'.repeat(40), '100644', b, '2'.repeat(40), '100644'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/^\.claude\/agents\/zz\.md:3:\d+: invalid frontmatter YAML/m)
    expect(r.stdout).toContain('--- a/.claude/agents/zz.md')
    expect(r.stdout).toContain('+- Keep answers short and kind.')
  })
})

describe('--git-external on a file that is not an agent, added or deleted', () => {
  it('names the repository path on both sides of the header, never the temporary git hands over', async () => {
    const dir = tempDir()
    const tmp = join(dir, 'git-blob-abc123')
    mkdirSync(tmp)
    const file = join(tmp, 'NOTES2.md')
    writeFileSync(file, 'Some notes.\n')
    const deleted = await cli(['diff', '--git-external', 'NOTES2.md', file, '1'.repeat(40), '100644', '/dev/null', '.', '.'])
    expect(deleted.code, deleted.stderr).toBe(0)
    expect(deleted.stdout).toContain('diff --git a/NOTES2.md b/NOTES2.md')
    expect(deleted.stdout).not.toContain('git-blob')
    const added = await cli(['diff', '--git-external', 'NOTES2.md', '/dev/null', '.', '.', file, '2'.repeat(40), '100644'])
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toContain('diff --git a/NOTES2.md b/NOTES2.md')
    expect(added.stdout).not.toContain('git-blob')
  })
})
