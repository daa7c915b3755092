// `agentmerge diff --git` with real git in a temporary repository, and the
// two ways to plug agentmerge into `git diff` itself: a textconv filter
// (`agentmerge normalize`) and an external diff driver
// (`diff.<name>.command`, called with git's seven arguments).
import { spawnSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, cli } from './helpers/cli.js'
import { GIT_ENV as ENV, git, gitEnv, gitOk } from './helpers/git.js'
import { edit, fixture, rebullet, tempDir, write } from './diff-helpers.js'

const ok = gitOk

const SENIOR = fixture('backend-developer-senior.md')
const REWORDED = edit(SENIOR, 'Comprehensive unit and integration testing', 'Thorough unit, integration and end-to-end testing')
const agentmerge = `"${process.execPath}" "${BIN}"`

let repo: string
beforeAll(() => {
  repo = tempDir('agentmerge-git-')
  ok(repo, 'init', '-q')
  write(repo, '.claude/agents/backend.md', SENIOR)
  write(repo, '.github/agents/helper.agent.md', '---\nname: helper\ndescription: Helps.\n---\n\n- Answer briefly.\n')
  write(repo, 'README.md', '# A project\n')
  ok(repo, 'add', '.')
  ok(repo, 'commit', '-q', '-m', 'base')
  ok(repo, 'tag', 'base')
  // A change in meaning, a new agent, and a README change that is not an agent.
  write(repo, '.claude/agents/backend.md', REWORDED)
  write(repo, '.claude/agents/reviewer.md', '---\nname: reviewer\ntools: Read, Grep\n---\n\n- Review the diff.\n')
  write(repo, 'README.md', '# A project\n\nMore.\n')
  ok(repo, 'add', '.')
  ok(repo, 'commit', '-q', '-m', 'reword, add reviewer')
  ok(repo, 'tag', 'meaning')
  // A change of form only.
  write(repo, '.claude/agents/backend.md', rebullet(REWORDED))
  ok(repo, 'commit', '-q', '-am', 'form')
  ok(repo, 'tag', 'form')
})

describe('agentmerge diff --git', () => {
  it('diffs every agent file changed between two revisions, read through git', async () => {
    const r = await cli(['diff', '--git', 'base', 'meaning'], { cwd: repo, env: ENV })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('agentmerge diff .claude/agents/backend.md\n')
    expect(r.stdout).toContain('~ [-Comprehensive-]{+Thorough+} unit')
    expect(r.stdout).toContain('.claude/agents/reviewer.md (agent reviewer added)')
    expect(r.stdout).not.toContain('README')
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 added, 1 reworded, 2 fields changed in 2 files of 2')
  })

  it('exits 0 with "nothing changed in meaning" across a commit that changes form only', async () => {
    const r = await cli(['diff', '--git', 'meaning', 'form'], { cwd: repo, env: ENV })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toMatch(/^nothing changed in meaning \(20 changes of form only; --formatting lists them\)\n$/)
  })

  it('takes A..B and A...B, compares with the working tree without HEAD, and limits to PATHS after --', async () => {
    expect((await cli(['diff', '--git', 'base..meaning', '--format', 'json'], { cwd: repo, env: ENV })).code).toBe(1)
    expect((await cli(['diff', '--git', 'meaning...form'], { cwd: repo, env: ENV })).code).toBe(0)
    const only = await cli(['diff', '--git', 'base', 'meaning', '--format', 'json', '--', '.claude/agents/reviewer.md'], { cwd: repo, env: ENV })
    expect(JSON.parse(only.stdout).files.map((f: { new: string }) => f.new)).toEqual(['.claude/agents/reviewer.md'])
    // The working tree: clean, then with an uncommitted change of meaning.
    expect((await cli(['diff', '--git', 'form'], { cwd: repo, env: ENV })).code).toBe(0)
    write(repo, '.claude/agents/backend.md', edit(rebullet(REWORDED), '   * Rate limiting and DDoS protection\n', ''))
    try {
      const wt = await cli(['diff', '--git', 'HEAD', '--format', 'github'], { cwd: repo, env: ENV })
      expect(wt.code).toBe(1)
      expect(wt.stdout).toMatch(/^::notice file=\.claude\/agents\/backend\.md,line=\d+,title=agentmerge%3A statement removed::removed from Performance & Security/)
    } finally {
      ok(repo, 'checkout', '-q', '--', '.claude/agents/backend.md')
    }
  })

  it('a bad revision or a path outside a repository is trouble: exit 2, one line', async () => {
    const bad = await cli(['diff', '--git', 'no-such-rev'], { cwd: repo, env: ENV })
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toMatch(/^no-such-rev: /)
    const outside = await cli(['diff', '--git', 'HEAD'], { cwd: tempDir(), env: { ...ENV, GIT_CEILING_DIRECTORIES: '/tmp' } })
    expect(outside.code).toBe(2)
    expect(outside.stderr).toMatch(/not a git repository/)
  })
})

describe('agentmerge diff --git: a rename git does not see', () => {
  // Renamed and edited past git's rename similarity: git lists one file deleted and one added.
  const TRIAGE = '---\nname: triage\ndescription: Sorts incoming bugs.\ntools: Read, Grep\n---\n\nYou sort incoming bug reports.\n\n## Steps\n\n- Read the report.\n- Find the component.\n- Label the severity.\n- Assign an owner.\n'
  const EDITED = edit(edit(edit(edit(TRIAGE, 'Sorts incoming bugs.', 'Triages bugs as they arrive.'), 'You sort incoming bug reports.', 'You triage every bug report that comes in.'), '- Find the component.', '- Find the component it belongs to.'), '- Assign an owner.', '- Assign an owner and a due date.')

  it('pairs a deleted and an added agent file of one agent name, as the directory mode does: the rename and its real edits', async () => {
    const dir = tempDir('agentmerge-git-rename-')
    ok(dir, 'init', '-q')
    write(dir, '.claude/agents/triage.md', TRIAGE)
    ok(dir, 'add', '.')
    ok(dir, 'commit', '-q', '-m', 'old')
    ok(dir, 'rm', '-q', '.claude/agents/triage.md')
    write(dir, '.claude/agents/bug-triager.md', EDITED)
    write(dir, '.claude/agents/reviewer.md', '---\nname: reviewer\n---\n\n- Review the diff.\n')
    ok(dir, 'add', '.')
    ok(dir, 'commit', '-q', '-m', 'new')
    // The premise: git itself does not pair them.
    expect(git(dir, 'diff', '-M', '--name-status', 'HEAD~1', 'HEAD').stdout).toBe('A\t.claude/agents/bug-triager.md\nA\t.claude/agents/reviewer.md\nD\t.claude/agents/triage.md\n')
    const r = await cli(['diff', '--git', 'HEAD~1', 'HEAD'], { cwd: dir, env: ENV })
    expect(r).toMatchObject({ code: 1, stderr: '' })
    expect(r.stdout).toContain('agentmerge diff .claude/agents/triage.md -> .claude/agents/bug-triager.md\n  ~ file renamed: .claude/agents/triage.md -> .claude/agents/bug-triager.md\n')
    expect(r.stdout).toContain('~ Find the component {+it belongs to+}.')
    expect(r.stdout).not.toContain('agent triage')
    // An agent of another name is still added.
    expect(r.stdout).toContain('.claude/agents/reviewer.md (agent reviewer added)')
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 file renamed, 1 added, 3 reworded, 2 fields changed in 2 files of 2')
  })
})

describe('git diff with agentmerge plugged in', () => {
  it('textconv: `agentmerge normalize` as the filter hides changes of form, keeps the real change', async () => {
    const clone = tempDir('agentmerge-textconv-')
    ok(clone, 'clone', '-q', repo, '.')
    write(clone, '.gitattributes', '*.md diff=agentmerge\n')
    ok(clone, 'config', 'diff.agentmerge.textconv', `${agentmerge} normalize --quiet`)
    const form = git(clone, 'diff', 'meaning', 'form')
    expect(form).toMatchObject({ code: 0, stdout: '' })
    const meaning = git(clone, 'diff', 'base', 'meaning', '--', '.claude/agents/backend.md')
    expect(meaning.code).toBe(0)
    expect(meaning.stdout).toContain('-   - Comprehensive unit and integration testing\n+   - Thorough unit, integration and end-to-end testing\n')
    // Without the filter, git shows every re-bulleted line.
    const plain = git(clone, 'diff', '--no-textconv', 'meaning', 'form')
    expect(plain.stdout.split('\n').filter((l) => l.startsWith('+   * ')).length).toBe(20)
  })

  it('external diff driver: diff.<name>.command gets git\'s seven arguments', () => {
    const clone = tempDir('agentmerge-external-')
    ok(clone, 'clone', '-q', repo, '.')
    write(clone, '.gitattributes', '*.md diff=agentmerge\n')
    ok(clone, 'config', 'diff.agentmerge.command', `${agentmerge} diff --git-external`)
    const r = git(clone, 'diff', 'base', 'meaning')
    // git stops at an external diff that exits non-zero, so changes exit 0 here.
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('agentmerge diff .claude/agents/backend.md\n')
    expect(r.stdout).toContain('~ [-Comprehensive-]{+Thorough+} unit')
    expect(r.stdout).toContain('agentmerge diff .claude/agents/reviewer.md (agent reviewer added)')
    expect(r.stdout).not.toContain('helper.agent.md') // unchanged: git does not call the driver
    const form = git(clone, 'diff', 'meaning', 'form')
    // git prints the driver's output under no name of its own: the file is named.
    expect(form.stdout).toBe('agentmerge diff .claude/agents/backend.md\n\nnothing changed in meaning (20 changes of form only; --formatting lists them)\n')
  })

  it('GIT_EXTERNAL_DIFF: seven arguments are recognised without a flag', async () => {
    const r = spawnSync('git', ['diff', 'base', 'meaning', '--', '.claude/agents/backend.md'], { cwd: repo, encoding: 'utf8', env: gitEnv({ GIT_EXTERNAL_DIFF: `${agentmerge} diff` }) })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('1 reworded')
  })
})
