// A canonical agent built on two branches, then merged with real git, as
// docs/repository.md advises: the output merged by the merge driver, its
// provenance sidecar taken from our side (`merge=ours`, a driver that does
// nothing) or left conflicted, and `agentmerge build` after the merge. The
// build must then rewrite both from the merged sources, with nothing
// reported as written by hand, and `build --check` pass.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { REVIEWER_SOURCE, REVIEWER_SOURCE_B } from './helpers/agent-files.js'
import { git as runGit } from './helpers/git.js'

/** git's exit code and everything it said. */
function git(dir: string, ...args: string[]): { code: number; out: string } {
  const r = runGit(dir, ...args)
  return { code: r.code, out: r.stdout + r.stderr }
}

const SOURCE_A = REVIEWER_SOURCE

const SOURCE_B = `${REVIEWER_SOURCE_B}\n## Output\n\n- Write a summary at the end.\n`

const OUT = '.claude/agents/reviewer.md'
const SIDECAR = `${OUT}.provenance.json`

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true })
  writeFileSync(join(dir, path), text)
}

function edit(dir: string, path: string, from: string, to: string): void {
  const text = readFileSync(join(dir, path), 'utf8')
  expect(text).toContain(from)
  writeFileSync(join(dir, path), text.replace(from, to))
}

/** A repository whose canonical reviewer is built from two sources; each branch edits one source and rebuilds; then theirs is merged into ours. */
async function rebuiltOnBothBranches(attributes: string): Promise<{ dir: string; merge: { code: number; out: string } }> {
  const dir = tempDir('agentmerge-driver-build-')
  git(dir, 'init', '-q')
  write(dir, 'agents/reviewer/a.md', SOURCE_A)
  write(dir, 'agents/reviewer/b.md', SOURCE_B)
  write(dir, 'agentmerge.config.json', JSON.stringify({ agents: [{ output: OUT, sources: ['agents/reviewer/*.md'], prefer: 'agents/reviewer/a.md' }] }))
  write(dir, '.gitattributes', attributes)
  git(dir, 'config', 'merge.agentmerge.driver', `"${process.execPath}" "${BIN}" merge-driver -l %L %O %A %B %P`)
  git(dir, 'config', 'merge.ours.driver', 'true')
  const build = async () => expect((await cli(['build'], { cwd: dir })).code).toBe(0)
  await build()
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'base')
  git(dir, 'checkout', '-qb', 'theirs')
  edit(dir, 'agents/reviewer/a.md', '- Look for security issues.\n', '- Look for security issues.\n- Flag dead code.\n')
  await build()
  git(dir, 'commit', '-qam', 'theirs')
  git(dir, 'checkout', '-q', 'main')
  edit(dir, 'agents/reviewer/b.md', '- Write a summary at the end.', '- Write a short summary at the end.')
  await build()
  git(dir, 'commit', '-qam', 'ours')
  return { dir, merge: git(dir, 'merge', '--no-edit', 'theirs') }
}

/** After the merge: `build` rewrites the output and the sidecar from the merged sources, and `build --check` passes. */
async function rebuildAfterMerge(dir: string): Promise<void> {
  const built = await cli(['build'], { cwd: dir })
  expect(built.code, built.stdout + built.stderr).toBe(0)
  expect(built.stdout + built.stderr).not.toContain('(edited)')
  const check = await cli(['build', '--check'], { cwd: dir })
  expect(check.code, check.stdout + check.stderr).toBe(0)
  const text = readFileSync(join(dir, OUT), 'utf8')
  expect(text).toContain('- Flag dead code.')
  expect(text).toContain('- Write a short summary at the end.')
  expect(() => JSON.parse(readFileSync(join(dir, SIDECAR), 'utf8'))).not.toThrow()
}

describe('a built agent rebuilt on two branches, then merged', () => {
  it('with the sidecar merge=ours the merge completes; a build after it rewrites the stale sidecar, nothing reported as a hand edit', async () => {
    const { dir, merge } = await rebuiltOnBothBranches('.claude/agents/*.md merge=agentmerge\n.claude/agents/*.provenance.json merge=ours\n')
    expect(merge.code, merge.out).toBe(0)
    expect(git(dir, 'diff', '--name-only', '--diff-filter=U').out).toBe('')
    // The merged sidecar is ours' (theirs' build is not in it): stale until rebuilt.
    const stale = await cli(['build', '--check'], { cwd: dir })
    expect(stale.code).toBe(1)
    expect(stale.stdout).toContain('(stale)')
    await rebuildAfterMerge(dir)
  })

  it('without the attribute git stops on the sidecar; a build replaces it (a sidecar with conflict markers is no record), then git add', async () => {
    const { dir, merge } = await rebuiltOnBothBranches('.claude/agents/*.md merge=agentmerge\n')
    expect(merge.code).not.toBe(0)
    expect(git(dir, 'diff', '--name-only', '--diff-filter=U').out).toBe(`${SIDECAR}\n`)
    expect(readFileSync(join(dir, SIDECAR), 'utf8')).toContain('<<<<<<<')
    await rebuildAfterMerge(dir)
    git(dir, 'add', SIDECAR)
    expect(git(dir, 'commit', '-qm', 'merge').code).toBe(0)
  })
})
