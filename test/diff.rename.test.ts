// A renamed agent file is a change a reviewer must see: `diff --git` (git's
// rename detection), git's external driver (its ninth argument names the new
// path) and two directories (a file paired by agent name under another file
// name) report "old -> new" in every format, and exit 1 (the driver 0, as git
// needs).
import { spawnSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, cli } from './helpers/cli.js'
import { GIT_ENV, gitOk } from './helpers/git.js'
import { fixture, tempDir, write } from './diff-helpers.js'

const ENV = GIT_ENV
const git = gitOk

const SENIOR = fixture('backend-developer-senior.md')
const OLD = '.claude/agents/backend.md'
const NEW = '.claude/agents/backend-senior.md'

let repo: string
beforeAll(() => {
  repo = tempDir('agentmerge-rename-')
  git(repo, 'init', '-q')
  write(repo, OLD, SENIOR)
  git(repo, 'add', '.')
  git(repo, 'commit', '-q', '-m', 'base')
  git(repo, 'mv', OLD, NEW)
  git(repo, 'commit', '-q', '-m', 'rename only')
})

describe('a file renamed and nothing else', () => {
  it('diff --git: text names old -> new and exits 1', async () => {
    const r = await cli(['diff', '--git', 'HEAD~1', 'HEAD'], { cwd: repo, env: ENV })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`file renamed: ${OLD} -> ${NEW}`)
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 file renamed')
  })

  it('diff --git: json, markdown, github and html name it too', async () => {
    const json = JSON.parse((await cli(['diff', '--git', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo, env: ENV })).stdout)
    expect(json.changed).toBe(true)
    expect(json.counts.renamed).toBe(1)
    expect(json.files[0]).toMatchObject({ old: OLD, new: NEW, status: 'renamed', renamed: true })
    const md = await cli(['diff', '--git', 'HEAD~1', 'HEAD', '--format', 'markdown'], { cwd: repo, env: ENV })
    expect(md.code).toBe(1)
    expect(md.stdout).toContain(`**file renamed** from \`${OLD}\` to \`${NEW}\``)
    const gh = await cli(['diff', '--git', 'HEAD~1', 'HEAD', '--format', 'github'], { cwd: repo, env: ENV })
    expect(gh.stdout).toContain(`::notice file=${NEW},line=1,title=agentmerge%3A file renamed::renamed from ${OLD}`)
    const html = await cli(['diff', '--git', 'HEAD~1', 'HEAD', '--format', 'html'], { cwd: repo, env: ENV })
    expect(html.stdout).toContain(`<strong>File renamed</strong> from <code>${OLD}</code> to <code>${NEW}</code>`)
  })

  it("git diff with agentmerge as its external driver (git's nine arguments) names the rename", () => {
    const r = spawnSync('git', ['diff', '-M', '--ext-diff', 'HEAD~1', 'HEAD'], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...ENV, GIT_EXTERNAL_DIFF: `"${process.execPath}" "${BIN}" diff --git-external` } })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`file renamed: ${OLD} -> ${NEW}`)
    expect(r.stdout).not.toContain('nothing changed in meaning')
  })

  it('the external driver names the file when nothing changed in meaning (git shows its output under no name)', async () => {
    const dir = tempDir()
    const a = write(dir, 'a.md', SENIOR)
    const b = write(dir, 'b.md', SENIOR.replace('\n\n', '\n\n\n'))
    const r = await cli(['diff', '--git-external', OLD, a, '1'.repeat(40), '100644', b, '2'.repeat(40), '100644'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`agentmerge diff ${OLD}\n\nnothing changed in meaning (1 change of form only; --formatting lists them)\n`)
  })

  it('two directories: a file paired by agent name under another file name is renamed; one under its own name is not', async () => {
    const dir = tempDir()
    write(dir, 'a/backend.md', SENIOR)
    write(dir, 'b/backend-senior.md', SENIOR)
    write(dir, 'c/backend.md', SENIOR)
    const renamed = await cli(['diff', `${dir}/a`, `${dir}/b`])
    expect(renamed.code).toBe(1)
    expect(renamed.stdout).toContain(`file renamed: ${dir}/a/backend.md -> ${dir}/b/backend-senior.md`)
    const same = await cli(['diff', `${dir}/a`, `${dir}/c`])
    expect(same.code).toBe(0)
    expect(same.stdout).toBe('nothing changed in meaning\n')
  })
})
