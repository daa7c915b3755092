// Catalogue rows 6-10 of issue 17 (security), through the CLI: names that
// are paths, config paths outside the repository, workflow-command
// injection into GitHub logs, mentions and broken tables in PR comments,
// and an edited parse-cache entry.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli.js'
import { agent, repo } from './helpers.js'

/** No line of the output is a GitHub workflow command (`::` at the start of a line). */
const noWorkflowCommand = (out: string) => expect(out.split('\n').filter((l) => l.startsWith('::'))).toEqual([])

const git = (dir: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
}

describe('6. names are never paths', () => {
  it('convert --out-dir with an agent named ../../../victim/CLAUDE writes inside the directory', async () => {
    const dir = repo({ 'work/.claude/agents/a.md': agent('../../../victim/CLAUDE', ['Rule']), 'victim/CLAUDE.md': 'precious\n' })
    const r = await cli(['convert', '--to', 'claude', '--out-dir', 'out/x', '.claude/agents'], { cwd: join(dir, 'work') })
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(join(dir, 'victim/CLAUDE.md'), 'utf8')).toBe('precious\n')
    expect(readdirSync(join(dir, 'work/out/x'))).toEqual(['victim-CLAUDE.md'])
  })
})

describe('7. config paths stay inside the repository', () => {
  const config = (agents: unknown) => JSON.stringify({ agents }, null, 2)
  it('an output or a source outside the root is refused with the config path:line; nothing is read or written outside', async () => {
    const dir = repo({ 'outside/keep.md': 'keep\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/agents/a.md': agent('a', ['Rule']) })
    const root = join(dir, 'repo')
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: '../../outside/x.md', sources: ['agents/*.md'] }]))
    const out = await cli(['build'], { cwd: root })
    expect(out.code).toBe(2)
    expect(out.stderr.trim()).toMatch(/agentmerge\.config\.json:4: "output" "\.\.\/\.\.\/outside\/x\.md" is outside the repository/)
    expect(existsSync(join(dir, 'outside/x.md'))).toBe(false)
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: 'x.md', sources: ['agents/a.md', '/etc/passwd-agent.md'] }]))
    const src = await cli(['build'], { cwd: root })
    expect(src.code).toBe(2)
    expect(src.stderr.trim()).toMatch(/agentmerge\.config\.json:5: source "\/etc\/passwd-agent\.md" is outside the repository/)
  })

  it('an absolute output inside the repository is written there and is not one of its own *.md sources', async () => {
    const root = repo({ '.git/HEAD': 'ref: refs/heads/main\n', 'agents/a.md': agent('a', ['Always write the tests first.']), 'agents/b.md': agent('b', ['Never log secrets or tokens.']) })
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: join(root, 'agents/merged.md'), sources: ['agents/*.md'], provenance: 'none' }]))
    const first = await cli(['build'], { cwd: root })
    expect(first.code, first.stderr).toBe(0)
    expect(readFileSync(join(root, 'agents/merged.md'), 'utf8')).toContain('Never log secrets or tokens.')
    const again = await cli(['build', '--check'], { cwd: root })
    expect(again.code, again.stdout + again.stderr).toBe(0)
  })

  it('a source symlinked to a file outside the repository is refused', async () => {
    const dir = repo({ 'secret.md': agent('s', ['Secret']), 'repo/.git/HEAD': 'x', 'repo/agents/a.md': agent('a', ['Rule']) })
    const root = join(dir, 'repo')
    spawnSync('ln', ['-s', join(dir, 'secret.md'), join(root, 'agents/s.md')])
    writeFileSync(join(root, 'agentmerge.config.json'), config([{ output: 'x.md', sources: ['agents/*.md'] }]))
    const r = await cli(['build'], { cwd: root })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/x\.md: source 'agents\/s\.md' resolves outside the repository/)
    expect(existsSync(join(root, 'x.md'))).toBe(false)
  })
})

describe('8. no workflow command from agent data in a GitHub Actions log', () => {
  it('a file name with a newline, through a warning of diff --git --format github', async () => {
    const dir = repo({ '.claude/agents/a.md': agent('a', ['Rule']) })
    git(dir, 'init', '-q')
    const evil = '.claude/agents/x\n::error file=README.md,line=1::X.md'
    writeFileSync(join(dir, evil), agent('x', ['cafÃ© rule']))
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'one')
    writeFileSync(join(dir, evil), agent('x', ['cafÃ© rule', 'New rule']))
    const r = await cli(['diff', '--git', 'HEAD', '--format', 'github'], { cwd: dir })
    expect(r.stderr).toMatch(/agents\/x\\n::error file=README\.md,line=1::X\.md:\d+:\d+: warning: repaired mojibake/)
    expect(r.stdout).toMatch(/^::notice file=\.claude\/agents\/x%0A%3A%3Aerror file=README\.md%2Cline=1%3A%3AX\.md,line=\d+,/m)
    noWorkflowCommand(r.stderr)
    // The one workflow command is agentmerge's own annotation, with the name escaped inside it.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([expect.stringMatching(/^::notice file=/)])
  })

  it('paths in the notes and listings of normalize --check, convert and build stay on one line', async () => {
    const evil = 'x\n::error file=README.md,line=1::X.md'
    const dir = repo({ [evil]: '---\nname: x\ndescription: d\n---\n\n* Rule\n', 'out/.keep': '' })
    const check = await cli(['normalize', '--check', evil], { cwd: dir })
    expect(check.code).toBe(1)
    expect(check.stdout).toBe('x\\n::error file=README.md,line=1::X.md\n')
    noWorkflowCommand(check.stdout)
    noWorkflowCommand(check.stderr)
    const convert = await cli(['convert', '--to', 'opencode', '-o', 'out/y\n::error::y.md', evil], { cwd: dir })
    expect(convert.code, convert.stderr).toBe(0)
    noWorkflowCommand(convert.stderr)
  })

  it('lint prints name and tools values on one line; the text diff header and a duplicate-key error too', async () => {
    const name = '"dup\\n::error::x"'
    const dir = repo({
      'a/.claude/agents/one.md': `---\nname: ${name}\ndescription: d\ntools: "Read, \\n::error::t"\n---\n\n- Rule\n`,
      'a/.claude/agents/two.md': `---\nname: ${name}\ndescription: d\n---\n\n- Other\n`,
      'old/x.md': agent('x', ['Rule']),
      'new/x.md': agent('x', ['Rule']),
      'new/y.md': `---\nname: ${name}\ndescription: d\n---\n\n- Rule\n`,
      'dup.md': '---\n"k\\n::error::key": 1\n"k\\n::error::key": 2\n---\n\n- Rule\n',
    })
    const lint = await cli(['lint', 'a'], { cwd: dir })
    expect(lint.stdout).toContain('dup\\n::error::x')
    noWorkflowCommand(lint.stdout)
    noWorkflowCommand(lint.stderr)
    const diff = await cli(['diff', 'old', 'new'], { cwd: dir })
    expect(diff.stdout).toContain('agent dup\\n::error::x added')
    noWorkflowCommand(diff.stdout)
    const dup = await cli(['normalize', 'dup.md'], { cwd: dir })
    expect(dup.code).toBe(2)
    expect(dup.stderr.trim().split('\n')).toHaveLength(1)
    noWorkflowCommand(dup.stderr)
  })
})

describe('9. pull-request comments: no mentions, no links to issues, no broken tables', () => {
  it('@user, @org/team and #1 are neutralized; a path with blank lines stays in its table cell', async () => {
    const evil = 'x\n\n# Injected heading\n\n.md'
    const dir = repo({ 'old.md': agent('x', ['Rule']), [evil]: agent('x', ['Rule', 'Ask @octocat and @org/team about #1']) })
    const r = await cli(['diff', '--format', 'markdown', 'old.md', evil], { cwd: dir })
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).not.toMatch(/@octocat|@org\/team|#1\b/)
    expect(r.stdout).toContain('@\u200doctocat')
    expect(r.stdout.split('\n').filter((l) => /^#{1,6} /.test(l))).toEqual(['### agentmerge diff'])
    const table = r.stdout.split('\n').filter((l) => l.startsWith('|'))
    expect(table).toHaveLength(3)
  })
})

describe('10. the parse cache checks its payload', () => {
  it('an entry whose payload was edited is ignored and the file is parsed again', async () => {
    const dir = repo({ 'a.md': agent('a', ['Keep this rule']), 'b.md': agent('b', ['Other rule']) })
    const first = await cli(['normalize', '--cache-location', 'cache', 'a.md'], { cwd: dir })
    expect(first.code, first.stderr).toBe(0)
    const entries = (readdirSync(join(dir, 'cache'), { recursive: true }) as string[]).filter((f) => f.endsWith('.bin'))
    expect(entries).toHaveLength(1)
    const file = join(dir, 'cache', entries[0]!)
    const bytes = readFileSync(file)
    const at = bytes.indexOf('Keep this rule')
    expect(at).toBeGreaterThan(0)
    bytes.write('Evil this rul', at, 'latin1')
    writeFileSync(file, bytes)
    expect(statSync(file).size).toBe(bytes.length)
    const again = await cli(['normalize', '--cache-location', 'cache', 'a.md'], { cwd: dir })
    expect(again.stdout).toBe(first.stdout)
    expect(again.stdout).not.toContain('Evil')
  })
})
