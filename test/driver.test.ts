// The git merge driver with real git in temporary repositories: the driver
// declared in .gitattributes and `git config merge.agentmerge.driver`, two
// branches edited, `git merge` run. Clean merges of each kind mergiraf's
// Markdown support conflicts on (different bullets of one list, a re-order
// against a rewording, re-wrapping and moving), a true conflict with markers
// around the smallest unit, frontmatter merged field by field, and files that
// are not agent definitions falling back to git's line merge.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAgent } from '../src/index.js'
import { BIN, cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { git } from './helpers/git.js'

interface Outcome {
  code: number
  text: string
  stderr: string
  unmerged: string[]
}

/**
 * Commits `base` at `file`, edits it on branch `ours` and on branch `theirs`,
 * then merges theirs into ours, with the driver unless `driver` is false:
 * the real thing, about a dozen git processes, for the few tests of git's
 * side of the contract (attributes, %L, a file both branches add, a file
 * that is not an agent). The others run `scenario`.
 */
function gitScenario(base: string, ours: (s: string) => string, theirs: (s: string) => string, options: { driver?: boolean; file?: string; added?: boolean; markerSize?: number } = {}): Outcome {
  const file = options.file ?? '.claude/agents/reviewer.md'
  const dir = tempDir('agentmerge-driver-')
  git(dir, 'init', '-q')
  if (options.driver !== false) {
    writeFileSync(join(dir, '.gitattributes'), `*.md merge=agentmerge${options.markerSize ? ` conflict-marker-size=${options.markerSize}` : ''}\n`)
    git(dir, 'config', 'merge.agentmerge.name', 'agentmerge')
    // The configuration the README gives: git's %L is the conflict marker size.
    git(dir, 'config', 'merge.agentmerge.driver', `"${process.execPath}" "${BIN}" merge-driver -l %L %O %A %B %P`)
  }
  mkdirSync(dirname(join(dir, file)), { recursive: true })
  // With `added`, the base commit has no such file: both branches add it.
  writeFileSync(join(dir, options.added ? 'README' : file), base)
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'base')
  git(dir, 'checkout', '-qb', 'theirs')
  writeFileSync(join(dir, file), theirs(base))
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'theirs')
  git(dir, 'checkout', '-q', 'main')
  mkdirSync(dirname(join(dir, file)), { recursive: true })
  writeFileSync(join(dir, file), ours(base))
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'ours')
  const merge = git(dir, 'merge', '-q', '--no-edit', 'theirs')
  const unmerged = git(dir, 'diff', '--name-only', '--diff-filter=U').stdout.split('\n').filter((l) => l !== '')
  return { code: merge.code, text: readFileSync(join(dir, file), 'utf8'), stderr: merge.stderr + merge.stdout, unmerged }
}

/**
 * What `gitScenario` does, without a repository: the driver run in-process on
 * the three sides as git hands them over (a conflict leaves the path
 * unmerged), or, with `driver` false, `git merge-file` on them, which is
 * what git's own merge does to one file.
 */
async function scenario(base: string, ours: (s: string) => string, theirs: (s: string) => string, options: { driver?: boolean; file?: string } = {}): Promise<Outcome> {
  const file = options.file ?? '.claude/agents/reviewer.md'
  const f = files(base, ours(base), theirs(base))
  if (options.driver === false) {
    const r = spawnSync('git', ['merge-file', '-p', '-L', 'ours', '-L', 'base', '-L', 'theirs', f.a, f.o, f.b], { encoding: 'utf8' })
    return { code: r.status ?? -1, text: r.stdout, stderr: r.stderr, unmerged: r.status === 0 ? [] : [file] }
  }
  const r = await cli(['merge-driver', f.o, f.a, f.b, file])
  return { code: r.code, text: readFileSync(f.a, 'utf8'), stderr: r.stderr, unmerged: r.code === 0 ? [] : [file] }
}

const BASE = `---
name: reviewer
description: Reviews code changes.
tools: Read, Grep
model: sonnet
---

You review code changes carefully and explain every finding in plain words so that the author can act on it.

## Rules

- Check the tests first.
- Look for security issues.
- Keep comments short.
- Suggest a fix with each finding.

## Output

Write a summary at the end.
`

const edit = (from: string, to: string) => (s: string) => {
  if (!s.includes(from)) throw new Error(`test edit: '${from}' not found`)
  return s.replace(from, to)
}
const chain = (...fns: Array<(s: string) => string>) => (s: string) => fns.reduce((x, f) => f(x), s)

describe('merge driver (the first case through real git, the rest in-process as git calls it)', () => {
  it('two branches adding different bullets at one place merge cleanly (git alone conflicts)', async () => {
    const ours = edit('- Suggest a fix with each finding.\n', '- Suggest a fix with each finding.\n- Flag dead code.\n')
    const theirs = edit('- Suggest a fix with each finding.\n', '- Suggest a fix with each finding.\n- Run the linter before reading.\n')
    const plain = await scenario(BASE, ours, theirs, { driver: false })
    expect(plain.code).not.toBe(0)
    const r = gitScenario(BASE, ours, theirs)
    expect(r.code, r.stderr).toBe(0)
    expect(r.unmerged).toEqual([])
    expect(r.text).toBe(BASE.replace('- Suggest a fix with each finding.\n', '- Suggest a fix with each finding.\n- Flag dead code.\n- Run the linter before reading.\n'))
  })

  it('one branch re-orders a list while the other rewords a bullet: clean, with both changes', async () => {
    const ours = edit('- Check the tests first.\n- Look for security issues.\n- Keep comments short.\n- Suggest a fix with each finding.\n', '- Suggest a fix with each finding.\n- Check the tests first.\n- Keep comments short.\n- Look for security issues.\n')
    const theirs = edit('- Keep comments short.', '- Keep review comments short and specific.')
    expect((await scenario(BASE, ours, theirs, { driver: false })).code).not.toBe(0)
    const r = await scenario(BASE, ours, theirs)
    expect(r.code, r.stderr).toBe(0)
    expect(r.text).toContain('## Rules\n\n- Suggest a fix with each finding.\n- Check the tests first.\n- Keep review comments short and specific.\n- Look for security issues.\n\n## Output')
  })

  it('adjacent bullets edited on each side, and a bullet moved on one side and reworded on the other: clean', async () => {
    const ours = chain(edit('- Look for security issues.', '- Look for security issues and leaked secrets.'), edit('- Suggest a fix with each finding.\n', ''), edit('Write a summary at the end.\n', 'Write a summary at the end.\n\n- Suggest a fix with each finding.\n'))
    const theirs = chain(edit('- Keep comments short.', '- Keep comments short and kind.'), edit('- Suggest a fix with each finding.', '- Suggest one fix with each finding.'))
    const plain = await scenario(BASE, ours, theirs, { driver: false })
    expect(plain.code).not.toBe(0)
    const r = await scenario(BASE, ours, theirs)
    expect(r.code, r.stderr).toBe(0)
    expect(r.text).toContain('- Check the tests first.\n- Look for security issues and leaked secrets.\n- Keep comments short and kind.\n\n## Output\n\nWrite a summary at the end.\n\n- Suggest one fix with each finding.\n')
  })

  it('re-wrapping, re-marking and moving on one side, rewording and adding on the other: clean', async () => {
    const ours = chain(
      edit('You review code changes carefully and explain every finding in plain words so that the author can act on it.', 'You review code changes carefully and explain every\nfinding in plain words so that the author can act on it.'),
      edit('- Keep comments short.\n', ''),
      edit('Write a summary at the end.\n', 'Write a summary at the end.\n\n* Keep comments short.\n'),
      edit('- Check the tests first.\n- Look for security issues.', '* Check the tests first.\n* Look for security issues.'),
    )
    const theirs = chain(
      edit('- Check the tests first.\n', '- Check the tests first.\n- Read the linked issue.\n'),
      edit('Write a summary at the end.', 'Write a short summary at the end.'),
      edit('- Keep comments short.', '- Keep comments short and kind.'),
    )
    const r = await scenario(BASE, ours, theirs)
    expect(r.code, r.stderr).toBe(0)
    expect(r.text).toBe(`---
name: reviewer
description: Reviews code changes.
tools: Read, Grep
model: sonnet
---

You review code changes carefully and explain every
finding in plain words so that the author can act on it.

## Rules

- Check the tests first.
- Read the linked issue.
- Look for security issues.
- Suggest a fix with each finding.

## Output

Write a short summary at the end.

- Keep comments short and kind.
`)
  })

  it('frontmatter merges field by field: different tools added on each side, different fields changed', async () => {
    const ours = chain(edit('tools: Read, Grep', 'tools: Read, Grep, Bash'), edit('model: sonnet', 'model: opus'))
    const theirs = chain(edit('tools: Read, Grep', 'tools: Read, Grep, WebFetch'), edit('description: Reviews code changes.', 'description: Reviews code changes for the platform team.'))
    expect((await scenario(BASE, ours, theirs, { driver: false })).code).not.toBe(0)
    const r = await scenario(BASE, ours, theirs)
    expect(r.code, r.stderr).toBe(0)
    expect(r.text.split('---')[1]).toBe('\nname: reviewer\ndescription: Reviews code changes for the platform team.\ntools: Read, Grep, Bash, WebFetch\nmodel: opus\n')
  })

  it('a true conflict: one bullet reworded two ways, one field set two ways; markers around those only, exit non-zero', async () => {
    const ours = chain(edit('- Look for security issues.', '- Look for security issues first.'), edit('model: sonnet', 'model: opus'), edit('- Check the tests first.\n', '- Check the tests first.\n- Read the linked issue.\n'))
    const theirs = chain(edit('- Look for security issues.', '- Look hard for security issues.'), edit('model: sonnet', 'model: haiku'), edit('- Keep comments short.', '- Keep comments very short.'))
    const r = await scenario(BASE, ours, theirs)
    expect(r.code).not.toBe(0)
    expect(r.unmerged).toEqual(['.claude/agents/reviewer.md'])
    expect(r.stderr).toContain('.claude/agents/reviewer.md:5: conflict: frontmatter field \'model\' set differently on both sides')
    expect(r.text).toBe(`---
name: reviewer
description: Reviews code changes.
tools: Read, Grep
<<<<<<< ours
model: opus
=======
model: haiku
>>>>>>> theirs
---

You review code changes carefully and explain every finding in plain words so that the author can act on it.

## Rules

- Check the tests first.
- Read the linked issue.
<<<<<<< ours
- Look for security issues first.
=======
- Look hard for security issues.
>>>>>>> theirs
- Keep comments very short.
- Suggest a fix with each finding.

## Output

Write a summary at the end.
`)
  })

  it('markers are as long as git asks (%L: the conflict-marker-size attribute)', async () => {
    const r = gitScenario(BASE, edit('- Keep comments short.', '- Keep comments short and kind.'), edit('- Keep comments short.', '- Keep comments brief.'), { markerSize: 9 })
    expect(r.code).not.toBe(0)
    expect(r.text).toContain('- Look for security issues.\n<<<<<<<<< ours\n- Keep comments short and kind.\n=========\n- Keep comments brief.\n>>>>>>>>> theirs\n- Suggest a fix')
  })

  it('a bullet deleted on one side and reworded on the other is a conflict with an empty side', async () => {
    const r = await scenario(BASE, edit('- Keep comments short.\n', ''), edit('- Keep comments short.', '- Keep comments short and kind.'))
    expect(r.code).not.toBe(0)
    expect(r.text).toContain('- Look for security issues.\n<<<<<<< ours\n=======\n- Keep comments short and kind.\n>>>>>>> theirs\n- Suggest a fix')
  })

  it('a file both branches added: statements merged, a statement written two ways is a conflict', async () => {
    const ours = chain(edit('- Look for security issues.', '- Look for security issues first.'), edit('- Keep comments short.\n', '- Keep comments short.\n- Flag dead code.\n'))
    const theirs = chain(edit('- Look for security issues.', '- Look hard for security issues.'), edit('Write a summary at the end.', 'Write a summary at the end.\n\n| check | owner |\n| - | - |\n| tests | CI |'))
    const r = gitScenario(BASE, ours, theirs, { added: true })
    expect(r.code).not.toBe(0)
    expect(r.text).toContain('<<<<<<< ours\n- Look for security issues first.\n=======\n- Look hard for security issues.\n>>>>>>> theirs\n- Keep comments short.\n- Flag dead code.\n')
    expect(r.text).toContain('| check | owner |\n| --- | --- |\n| tests | CI |\n')
    expect(r.text.match(/<<<<<<</g)).toHaveLength(1)
    expect(r.stderr).toContain('.claude/agents/reviewer.md:13: conflict: statement added differently on both sides\n')
  })

  const CODE = BASE.replace('Write a summary at the end.\n', 'Write a summary at the end.\n\n```bash\nnpm ci\nnpm run lint\nnpm run build\nnpm test\nnpm run e2e\nnpm run docs\nnpm pack\n```\n')
  const lint = edit('npm run lint\n', 'npm run lint -- --fix\n')

  it('different lines of one code block edited on each side merge cleanly, as git merges them', async () => {
    const theirs = edit('npm run docs\n', 'npm run docs:build\n')
    expect((await scenario(CODE, lint, theirs, { driver: false })).code).toBe(0)
    const r = await scenario(CODE, lint, theirs)
    expect([r.code, r.unmerged], r.stderr).toEqual([0, []])
    expect(r.text).toBe(lint(theirs(CODE)))
  })

  it('lines of a code block both sides changed differently are a conflict of those lines, inside the block; the other lines merge', async () => {
    const theirs = chain(edit('npm run lint\n', 'npm run lint:all\n'), edit('npm pack\n', 'npm pack --dry-run\n'))
    const r = await scenario(CODE, lint, theirs)
    expect(r.code).not.toBe(0)
    expect(r.unmerged).toEqual(['.claude/agents/reviewer.md'])
    expect(r.stderr).toContain('.claude/agents/reviewer.md:23: conflict: lines of a code block changed differently on both sides')
    expect(r.text).toContain('Write a summary at the end.\n\n```bash\nnpm ci\n<<<<<<< ours\nnpm run lint -- --fix\n=======\nnpm run lint:all\n>>>>>>> theirs\nnpm run build\nnpm test\nnpm run e2e\nnpm run docs\nnpm pack --dry-run\n```\n')
  })

  it('a Markdown file that is not an agent definition falls back to git\'s line merge', () => {
    const readme = '# Project\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n'
    const clean = gitScenario(readme, edit('First paragraph.', 'First paragraph, edited.'), edit('Third paragraph.', 'Third paragraph, edited.'), { file: 'README.md' })
    expect(clean.code, clean.stderr).toBe(0)
    expect(clean.text).toBe('# Project\n\nFirst paragraph, edited.\n\nSecond paragraph.\n\nThird paragraph, edited.\n')
    const conflict = gitScenario(readme, edit('Second paragraph.', 'Second, ours.'), edit('Second paragraph.', 'Second, theirs.'), { file: 'README.md' })
    expect(conflict.code).not.toBe(0)
    expect(conflict.text).toBe('# Project\n\nFirst paragraph.\n\n<<<<<<< ours\nSecond, ours.\n=======\nSecond, theirs.\n>>>>>>> theirs\n\nThird paragraph.\n')
    expect(conflict.stderr).toContain('README.md: not an agent definition (no frontmatter); merged by lines (git merge-file)')
  })
})

/** The three sides in files of a temporary directory, as git hands them to the driver. */
const files = (o: string, a: string, b: string) => {
  const dir = tempDir('agentmerge-driver-')
  for (const [name, text] of [['o.md', o], ['a.md', a], ['b.md', b]]) writeFileSync(join(dir, name!), text!)
  return { dir, o: join(dir, 'o.md'), a: join(dir, 'a.md'), b: join(dir, 'b.md') }
}

/** Runs `merge-driver` on the three texts: its outcome and what it wrote over ours. */
async function driver(o: string, a: string, b: string) {
  const f = files(o, a, b)
  const r = await cli(['merge-driver', f.o, f.a, f.b, '.claude/agents/reviewer.md'])
  return { ...r, text: readFileSync(f.a, 'utf8') }
}

describe('merge-driver: tools', () => {
  const agent = (tools: string) => BASE.replace('tools: Read, Grep\n', `tools: ${tools}\n`)
  it('one side removing a scoped grant the other widens is a conflict, not a silent widening', async () => {
    const r = await driver(agent('Read, Grep, Bash(git diff *)'), agent('Read, Grep'), agent('Read, Grep, Bash'))
    expect(r.code).toBe(1)
    expect(r.text).toContain('<<<<<<< ours\ntools: Read, Grep\n=======\ntools: Read, Grep, Bash\n>>>>>>> theirs\n')
    const narrowed = await driver(agent('Read, Grep, Bash'), agent('Read, Grep, Bash(git *)'), agent('Read, Grep, Bash, Write'))
    expect(narrowed.code, narrowed.text).toBe(0)
    expect(narrowed.text).toContain('tools: Read, Grep, Bash(git *), Write\n')
  })

  it('one side adding a grant that does not take in what the other removed merges: nothing widens', async () => {
    const r = await driver(agent('Read, Bash(git diff *)'), agent('Read'), agent('Read, Bash(git diff *), Bash(git log *)'))
    expect(r.code, r.text).toBe(0)
    expect(r.text).toContain('tools: Read, Bash(git log *)\n')
    // A wider pattern takes the removed one in, in either spelling: a conflict.
    for (const widened of ['Bash(git *)', 'Bash(git:*)']) {
      const wider = await driver(agent('Read, Bash(git diff:*)'), agent('Read'), agent(`Read, ${widened}`))
      expect(wider.code, widened).toBe(1)
    }
  })

  it('two sides each adding a grant of one tool merge into both', async () => {
    const r = await driver(agent('Read, Grep'), agent('Read, Grep, Bash(npm *)'), agent('Read, Grep, Bash(git *)'))
    expect(r.code, r.text).toBe(0)
    expect(r.text).toContain('tools: Read, Grep, Bash(npm *), Bash(git *)\n')
  })
})

describe('merge-driver: a frontmatter field both sides set differently', () => {
  it('writes each side between the markers as its file has it, comments kept', async () => {
    const base = BASE.replace('model: sonnet\n', 'model: sonnet # pinned for cost\n')
    const r = await driver(base, base.replace('model: sonnet # pinned for cost', 'model: opus # pinned for cost'), base.replace('model: sonnet # pinned for cost', 'model: haiku # cheaper'))
    expect(r.code).toBe(1)
    expect(r.text).toContain('<<<<<<< ours\nmodel: opus # pinned for cost\n=======\nmodel: haiku # cheaper\n>>>>>>> theirs\n')
  })

  it('keeps the comments of the other fields, and writes a block scalar in conflict whole on each side', async () => {
    const base = BASE.replace('description: Reviews code changes.\n', '# Routing: the main agent reads this.\ndescription: |\n  Reviews code changes.\n  Use after edits.\n').replace('tools: Read, Grep\n', '# Read-only: reviewers never edit.\ntools: Read, Grep\n')
    const r = await driver(base, base.replace('Use after edits.', 'Use PROACTIVELY after edits.').replace('model: sonnet', 'model: opus'), base.replace('Use after edits.', 'Use after every edit.').replace('model: sonnet\n', '# cheaper\nmodel: haiku\n'))
    expect(r.code).toBe(1)
    expect(r.text).toContain('name: reviewer\n<<<<<<< ours\n# Routing: the main agent reads this.\ndescription: |\n  Reviews code changes.\n  Use PROACTIVELY after edits.\n=======\n# Routing: the main agent reads this.\ndescription: |\n  Reviews code changes.\n  Use after every edit.\n>>>>>>> theirs\n# Read-only: reviewers never edit.\ntools: Read, Grep\n<<<<<<< ours\nmodel: opus\n=======\n# cheaper\nmodel: haiku\n>>>>>>> theirs\n---\n')
    expect(r.stderr).not.toContain('not kept')
  })

  it('keeps the comments when one side deleted the field the other changed', async () => {
    const base = BASE.replace('tools: Read, Grep\n', '# Read-only: reviewers never edit.\ntools: Read, Grep\n')
    const r = await driver(base, base.replace('model: sonnet\n', ''), base.replace('model: sonnet\n', '# pinned for cost\nmodel: opus\n'))
    expect(r.code).toBe(1)
    expect(r.text).toContain('# Read-only: reviewers never edit.\ntools: Read, Grep\n')
    expect(r.text).toContain('<<<<<<< ours\n=======\n# pinned for cost\nmodel: opus\n>>>>>>> theirs\n')
  })
})

describe('merge-driver: structure one side changed', () => {
  it('a section renamed on one side and deleted on the other is a conflict of the whole section, whichever side renamed it', async () => {
    const renamed = chain(edit('## Rules', '## Safety rules you must follow'), edit('Write a summary at the end.', 'Write a short summary at the end.'))
    const deleted = edit('## Rules\n\n- Check the tests first.\n- Look for security issues.\n- Keep comments short.\n- Suggest a fix with each finding.\n\n', '')
    const section = '## Safety rules you must follow\n\n- Check the tests first.\n- Look for security issues.\n- Keep comments short.\n- Suggest a fix with each finding.\n'
    const ours = await driver(BASE, renamed(BASE), deleted(BASE))
    expect(ours.code).toBe(1)
    expect(ours.stderr).toBe("agentmerge: .claude/agents/reviewer.md:10: conflict: section 'Rules' renamed on our side ('Safety rules you must follow') and deleted on theirs\n")
    expect(ours.text).toContain(`it.\n\n<<<<<<< ours\n${section}=======\n>>>>>>> theirs\n\n## Output\n\nWrite a short summary at the end.\n`)
    const theirs = await driver(BASE, deleted(BASE), renamed(BASE))
    expect(theirs.code).toBe(1)
    expect(theirs.stderr).toContain("conflict: section 'Rules' renamed on their side ('Safety rules you must follow') and deleted on ours")
    expect(theirs.text).toContain(`it.\n\n<<<<<<< ours\n=======\n${section}>>>>>>> theirs\n\n## Output\n`)
    // Taking either side gives that side's body.
    expect(ours.text.replace(/<<<<<<< ours\n([^]*?)=======\n>>>>>>> theirs\n\n/, '$1\n')).toBe(renamed(BASE))
    expect(ours.text.replace(/<<<<<<< ours\n[^]*?=======\n>>>>>>> theirs\n\n/, '')).toBe(edit('Write a summary at the end.', 'Write a short summary at the end.')(deleted(BASE)))
  })

  it('an item heading a nested list, renamed on one side and deleted on the other: the markers close after its nested list, the list stays tight, taking a side gives back its file', async () => {
    for (const prefix of ['', '> ']) {
      const base = BASE.replace(/^- /gm, `${prefix}- `).replace(`${prefix}- Keep comments short.`, `${prefix}- Keep comments short:\n${prefix}  - one line each\n${prefix}  - no jokes`)
      const renamed = edit('Keep comments short:', 'Keep all comments brief:')(base)
      const deleted = edit(`${prefix}- Keep comments short:\n${prefix}  - one line each\n${prefix}  - no jokes\n`, '')(base)
      const item = `${prefix}- Keep all comments brief:\n${prefix}  - one line each\n${prefix}  - no jokes\n`
      for (const [a, b, want] of [[renamed, deleted, `<<<<<<< ours\n${item}=======\n>>>>>>> theirs\n`], [deleted, renamed, `<<<<<<< ours\n=======\n${item}>>>>>>> theirs\n`]] as const) {
        const r = await driver(base, a, b)
        expect(r.code).toBe(1)
        expect(r.text).toContain(`${prefix}- Look for security issues.\n${want}${prefix}- Suggest a fix`)
        const take = (side: 1 | 2) => r.text.replace(/<<<<<<< ours\n([^]*?)=======\n([^]*?)>>>>>>> theirs\n/, (_, x: string, y: string) => (side === 1 ? x : y))
        expect([take(1), take(2)]).toEqual([a, b])
      }
    }
    // Numbered: the closing line takes no number of the outer list.
    const numbered = BASE.replace('- Check', '1. Check').replace('- Look', '2. Look').replace('- Keep comments short.', '3. Keep comments short:\n   - one line each').replace('- Suggest', '4. Suggest')
    const r = await driver(numbered, edit('Keep comments short:', 'Keep all comments brief:')(numbered), edit('3. Keep comments short:\n   - one line each\n', '')(numbered))
    expect(r.text).toContain('2. Look for security issues.\n<<<<<<< ours\n3. Keep all comments brief:\n   - one line each\n=======\n>>>>>>> theirs\n4. Suggest a fix')
  })

  it('a section deleted on one side and only edited inside on the other is not a conflict of the whole section', async () => {
    const r = await driver(BASE, edit('- Keep comments short.', '- Keep comments short and kind.')(BASE), edit('## Rules\n\n- Check the tests first.\n- Look for security issues.\n- Keep comments short.\n- Suggest a fix with each finding.\n\n', '')(BASE))
    expect(r.code).toBe(1)
    expect(r.text).toContain('## Rules\n\n<<<<<<< ours\n- Keep comments short and kind.\n=======\n>>>>>>> theirs\n\n## Output')
  })

  it('an item one side made the head of a nested list, reworded on the other, is a conflict that says so', async () => {
    const r = await driver(BASE, edit('- Keep comments short.', '- Keep comments short:\n  - one line each\n  - no jokes')(BASE), edit('- Keep comments short.', '- Keep comments short and kind.')(BASE))
    expect(r.code).toBe(1)
    expect(r.stderr).toBe("agentmerge: .claude/agents/reviewer.md:14: conflict: statement we turned into the title 'Keep comments short' was changed on their side\n")
    expect(r.text).toContain('<<<<<<< ours\n=======\n- Keep comments short and kind.\n>>>>>>> theirs\n- Keep comments short:\n  - one line each\n')
  })

  it('a title both sides changed differently: each side\'s title line as its file has it, so taking a side gives back its markup', async () => {
    const cases = [
      // An item heading a nested list, plain with a colon (canonical markup would be bold, no colon).
      [BASE.replace('- Keep comments short.', '- Keep comments short:\n  - one line each'), 'Keep comments short:', 'Keep comments brief:', 'Keep all comments short:'],
      // A bold label with underscores, and a heading with inline markup.
      [BASE.replace('## Rules\n', '## Rules\n\n__Rules list__:\n'), '__Rules list__', '__Rule list__', '**The rules**'],
      [BASE, '## Rules', '## Rules *to follow*', '## The `rules`'],
    ] as const
    for (const [base, from, ours, theirs] of cases) {
      const [a, b] = [edit(from, ours)(base), edit(from, theirs)(base)]
      const r = await driver(base, a, b)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('conflict: section title changed differently on both sides')
      const take = (side: 1 | 2) => r.text.replace(/<<<<<<< ours\n([^]*?)=======\n([^]*?)>>>>>>> theirs\n/, (_, x: string, y: string) => (side === 1 ? x : y))
      expect(take(1)).toBe(a)
      expect(take(2)).toBe(b)
    }
  })

  const LIST = BASE.replace('## Output', '## Steps\n\n- Read the diff.\n- Run the tests.\n- Write the summary.\n\n## Output')
  const numbered = edit('- Read the diff.\n- Run the tests.\n- Write the summary.', '1. Read the diff.\n2. Run the tests.\n3. Write the summary.')

  it('an item added on one side into a list the other side numbered joins the numbered list, and a list numbered on one side stays numbered', async () => {
    const added = edit('- Run the tests.\n', '- Run the tests.\n- Check the coverage report.\n')
    const want = '## Steps\n\n1. Read the diff.\n2. Run the tests.\n3. Check the coverage report.\n4. Write the summary.\n\n## Output'
    for (const [ours, theirs] of [[numbered, added], [added, numbered]] as const) {
      const r = await driver(LIST, ours(LIST), theirs(LIST))
      expect([r.code, r.stderr]).toEqual([0, ''])
      expect(r.text).toContain(want)
    }
    // Numbering on one side, rewording an item or editing elsewhere on the other: the list stays one numbered list.
    const reworded = await driver(LIST, numbered(LIST), edit('- Run the tests.', '- Run all the tests.')(LIST))
    expect(reworded.text).toContain('## Steps\n\n1. Read the diff.\n2. Run all the tests.\n3. Write the summary.\n\n## Output')
    const elsewhere = await driver(LIST, edit('Write a summary at the end.', 'Write a short summary at the end.')(LIST), numbered(LIST))
    expect(elsewhere.text).toContain('## Steps\n\n1. Read the diff.\n2. Run the tests.\n3. Write the summary.\n\n## Output\n\nWrite a short summary at the end.\n')
  })

  it('against a list numbered on the other side, an item moved to another section\'s bullet list stays a bullet there, and a re-ordered one stays numbered', async () => {
    const moved = await driver(LIST, edit('- Run the tests.\n', '')(LIST).replace('- Suggest a fix with each finding.\n', '- Suggest a fix with each finding.\n- Run the tests.\n'), numbered(LIST))
    expect([moved.code, moved.stderr]).toEqual([0, ''])
    expect(moved.text).toContain('- Suggest a fix with each finding.\n- Run the tests.\n\n## Steps\n\n1. Read the diff.\n2. Write the summary.\n\n## Output')
    const reordered = await driver(LIST, edit('- Read the diff.\n- Run the tests.\n', '- Run the tests.\n- Read the diff.\n')(LIST), numbered(LIST))
    expect([reordered.code, reordered.stderr]).toEqual([0, ''])
    expect(reordered.text).toContain('## Steps\n\n1. Run the tests.\n2. Read the diff.\n3. Write the summary.\n\n## Output')
  })

  it('a statement deleted on one side and moved to another section on the other is a conflict at its new place, whichever side deleted it', async () => {
    const deleted = edit('- Keep comments short.\n', '')
    const moved = chain(deleted, edit('Write a summary at the end.\n', 'Write a summary at the end.\n\n- Keep comments short.\n'))
    const ours = await driver(BASE, deleted(BASE), moved(BASE))
    expect(ours.code).toBe(1)
    expect(ours.stderr).toBe('agentmerge: .claude/agents/reviewer.md:20: conflict: statement we deleted was moved to another section on their side\n')
    expect(ours.text).toContain('## Output\n\nWrite a summary at the end.\n\n<<<<<<< ours\n=======\n- Keep comments short.\n>>>>>>> theirs\n')
    const theirs = await driver(BASE, moved(BASE), deleted(BASE))
    expect(theirs.code).toBe(1)
    expect(theirs.stderr).toBe('agentmerge: .claude/agents/reviewer.md:20: conflict: statement they deleted was moved to another section on our side\n')
    expect(theirs.text).toContain('## Output\n\nWrite a summary at the end.\n\n<<<<<<< ours\n- Keep comments short.\n=======\n>>>>>>> theirs\n')
    // Taking either side gives that side's file.
    const take = (text: string, side: 1 | 2) => text.replace(/<<<<<<< ours\n([^]*?)=======\n([^]*?)>>>>>>> theirs\n/, (_, a: string, b: string) => (side === 1 ? a : b))
    expect(take(ours.text, 1)).toBe(deleted(BASE).replace('end.\n', 'end.\n\n'))
    expect(take(ours.text, 2)).toBe(moved(BASE))
    // Moved within its own section (re-ordered), the deletion still applies.
    const reordered = await driver(BASE, deleted(BASE), edit('- Check the tests first.\n- Look for security issues.\n- Keep comments short.\n', '- Keep comments short.\n- Check the tests first.\n- Look for security issues.\n')(BASE))
    expect([reordered.code, reordered.stderr, reordered.text]).toEqual([0, '', deleted(BASE)])
  })

  it('a list under a bold label that one side put in a quote (the label now a paragraph) takes the other side\'s added item, the label written once', async () => {
    const LABEL = BASE.replace('## Output', '## Skills\n\n**Expertise**:\n\n- Python\n- Go\n\n## Output')
    const quoted = edit('- Python\n- Go\n', '> - Python\n> - Go\n')
    const added = edit('- Go\n', '- Go\n- Rust\n')
    const want = '## Skills\n\n**Expertise**:\n\n> - Python\n> - Go\n> - Rust\n\n## Output'
    for (const [a, b] of [[quoted, added], [added, quoted]] as const) {
      const r = await driver(LABEL, a(LABEL), b(LABEL))
      expect([r.code, r.stderr]).toEqual([0, ''])
      expect(r.text).toContain(want)
    }
    // An item the other side deleted from it is gone from the quoted list.
    const gone = await driver(LABEL, quoted(LABEL), edit('- Python\n', '')(LABEL))
    expect([gone.code, gone.stderr]).toEqual([0, ''])
    expect(gone.text).toContain('**Expertise**:\n\n> - Go\n\n## Output')
  })

  it('an item added into a list the other side put in a quote joins the quoted list', async () => {
    const quoted = edit('- Read the diff.\n- Run the tests.\n- Write the summary.', '> - Read the diff.\n> - Run the tests.\n> - Write the summary.')
    const r = await driver(LIST, quoted(LIST), edit('- Write the summary.', '- Check the coverage report.\n- Write the summary.')(LIST))
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.text).toContain('## Steps\n\n> - Read the diff.\n> - Run the tests.\n> - Check the coverage report.\n> - Write the summary.\n\n## Output')
  })
})

describe('merge-driver: code blocks by lines', () => {
  const block = (prefix: string) => ['```bash', 'npm ci', 'npm run lint', 'npm run build', 'npm test', 'npm run e2e', 'npm pack', '```'].map((l) => prefix + l).join('\n') + '\n'
  const swap = (from: string, to: string) => edit(`${from}\n`, `${to}\n`)

  it('a code block in a quote or in a numbered item: the clash is marked inside it, each side\'s lines under the block\'s prefix', async () => {
    for (const [head, prefix] of [['> Run these:\n>\n', '> '], ['1. Run these:\n\n', '   ']] as const) {
      const base = BASE.replace('Write a summary at the end.\n', `${head}${block(prefix)}`)
      const ours = chain(swap(`${prefix}npm run lint`, `${prefix}npm run lint -- --fix`), swap(`${prefix}npm test`, `${prefix}npm test\n${prefix.trimEnd()}\n${prefix}npm audit`))
      const theirs = chain(swap(`${prefix}npm run lint`, `${prefix}npm run lint:all`), swap(`${prefix}npm pack`, `${prefix}npm pack --dry-run`))
      const r = await driver(base, ours(base), theirs(base))
      expect(r.code).toBe(1)
      expect(r.stderr).toBe('agentmerge: .claude/agents/reviewer.md:23: conflict: lines of a code block changed differently on both sides\n')
      const want = [`${prefix}npm ci`, '<<<<<<< ours', `${prefix}npm run lint -- --fix`, '=======', `${prefix}npm run lint:all`, '>>>>>>> theirs', `${prefix}npm run build`, `${prefix}npm test`, prefix.trimEnd(), `${prefix}npm audit`, `${prefix}npm run e2e`, `${prefix}npm pack --dry-run`, `${prefix}\`\`\``]
      expect(r.text).toContain(want.join('\n') + '\n')
      // Taking ours gives both sides' edits as one block of the kind it was.
      const taken = r.text.replace(/<<<<<<< ours\n([^]*?)=======\n[^]*?>>>>>>> theirs\n/, '$1')
      expect(taken).toBe(swap(`${prefix}npm pack`, `${prefix}npm pack --dry-run`)(ours(base)))
    }
  })

  it('a fence line both sides changed differently leaves no block to mark inside: the whole block is the conflict', async () => {
    const base = BASE.replace('Write a summary at the end.\n', block(''))
    const r = await driver(base, chain(swap('```bash', '```sh'), swap('npm ci', 'npm install'))(base), chain(swap('```bash', '```shell'), swap('npm pack', 'npm publish'))(base))
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('agentmerge: .claude/agents/reviewer.md:19: conflict: statement changed differently on both sides\n')
    expect(r.text).toContain('## Output\n\n<<<<<<< ours\n```sh\nnpm install\n')
  })
})

describe('merge-driver: frontmatter comments', () => {
  const COMMENTED = BASE.replace('name: reviewer\n', 'name: reviewer\n# who owns it: team x\n')
  const reword = edit('- Keep comments short.', '- Keep review comments short.')

  it('comments only theirs changed are kept, with ours\' edits of the body and of other frontmatter lines', async () => {
    const theirs = chain(edit('team x', 'team y'), edit('model: sonnet\n', 'model: sonnet\n# pinned until Q3\n'))
    const r = await driver(COMMENTED, reword(COMMENTED), theirs(COMMENTED))
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.text).toBe(reword(theirs(COMMENTED)))
    const both = await driver(COMMENTED, chain(reword, edit('description: Reviews code changes.', 'description: Reviews code changes and tests.'))(COMMENTED), theirs(COMMENTED))
    expect([both.code, both.stderr]).toEqual([0, ''])
    expect(both.text.split('---\n')[1]).toBe('name: reviewer\n# who owns it: team y\ndescription: Reviews code changes and tests.\ntools: Read, Grep\nmodel: sonnet\n# pinned until Q3\n')
  })

  it('a line both sides changed, with a comment of theirs, is a conflict of that line, as git shows it', async () => {
    const r = await driver(COMMENTED, edit('model: sonnet', 'model: sonnet # fast enough')(COMMENTED), edit('model: sonnet', 'model: sonnet # pinned until Q3')(COMMENTED))
    expect(r.code).toBe(1)
    expect(r.stderr).toBe("agentmerge: .claude/agents/reviewer.md:6: conflict: frontmatter lines changed differently on both sides (their comment '# pinned until Q3')\n")
    expect(r.text).toContain('tools: Read, Grep\n<<<<<<< ours\nmodel: sonnet # fast enough\n=======\nmodel: sonnet # pinned until Q3\n>>>>>>> theirs\n---\n')
    // A value changed on our side, a comment added on theirs: the same.
    const value = await driver(COMMENTED, edit('model: sonnet', 'model: opus')(COMMENTED), edit('model: sonnet', 'model: sonnet # pinned until Q3')(COMMENTED))
    expect(value.code).toBe(1)
    expect(value.text).toContain('<<<<<<< ours\nmodel: opus\n=======\nmodel: sonnet # pinned until Q3\n>>>>>>> theirs\n')
  })

  it('a comment of theirs on a line whose value merged from both sides is not kept, and a note says so', async () => {
    const r = await driver(COMMENTED, edit('tools: Read, Grep', 'tools: Read, Grep, Bash')(COMMENTED), edit('tools: Read, Grep', 'tools: Read, Grep, WebFetch # for the docs')(COMMENTED))
    expect(r.code).toBe(0)
    expect(r.text).toContain('\ntools: Read, Grep, Bash, WebFetch\n')
    expect(r.stderr).toBe("agentmerge: .claude/agents/reviewer.md: note: their frontmatter comment '# for the docs' not kept: both sides changed the lines around it\n")
  })
})

describe('merge-driver command', () => {

  it('falls back to the line merge when a side carries conflict markers or does not parse, and exits 2 when a file is missing', async () => {
    const marked = files(BASE, BASE.replace('- Check the tests first.', '<<<<<<< HEAD\n- Check the tests first.\n=======\n- Check tests.\n>>>>>>> x'), BASE.replace('Write a summary', 'Write a note'))
    const r = await cli(['merge-driver', marked.o, marked.a, marked.b, 'agents/x.md'])
    expect(r.stderr).toContain('agents/x.md: a side already has conflict markers; merged by lines')
    expect(r.code).toBeLessThan(128)
    const broken = files(BASE, BASE.replace('tools: Read, Grep', 'tools: [Read, Grep'), BASE.replace('Write a summary', 'Write a note'))
    const p = await cli(['merge-driver', broken.o, broken.a, broken.b, 'agents/x.md'])
    expect(p.stderr).toMatch(/agents\/x\.md: a side does not parse \(.*\); merged by lines/)
    expect(p.code).toBe(0)
    expect(readFileSync(broken.a, 'utf8')).toContain('Write a note')
    const missing = await cli(['merge-driver', join(marked.dir, 'nope.md'), marked.a, marked.b])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(`${join(marked.dir, 'nope.md')}: base (%O): no such file\n`)
  })

  it('a side neither merge can take (a NUL byte: not text for the statement merge, binary for git merge-file) exits 2 with one line naming the file, ours left as it was', async () => {
    const f = files(BASE, BASE.replace('Write a summary', 'Write a note'), BASE.replace('- Keep comments short.', '- Keep comments\0 short.'))
    const before = readFileSync(f.a)
    const r = await cli(['merge-driver', f.o, f.a, f.b, 'agents/x.md'])
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1)
    expect(r.stderr).toMatch(/^agentmerge: agents\/x\.md: cannot merge: a side does not parse \(.*\), and git merge-file failed \(.*binary.*\); left as it was\n$/)
    expect(readFileSync(f.a).equals(before)).toBe(true)
    // -q keeps trouble on stderr: it is why git stopped.
    const q = await cli(['-q', 'merge-driver', f.o, f.a, f.b, 'agents/x.md'])
    expect([q.code, q.stderr]).toEqual([2, r.stderr])
  })

  it('a kept block scalar (`description: |+`) changed on both sides: each side between the markers as its file has it, and taking one side gives back its value byte for byte', async () => {
    const base = '---\nname: reviewer\ndescription: |+\n  Reviews code changes.\n  Use when a pull request is opened.\n\ntools: Read, Grep\nmodel: sonnet\n---\n\nYou review code changes carefully.\n'
    const ours = base.replace('opened.', 'opened or updated.')
    const theirs = base.replace('Reviews code changes.', 'Reviews code changes for the platform team.')
    const f = files(base, ours, theirs)
    const r = await cli(['merge-driver', f.o, f.a, f.b, 'agents/reviewer.md'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe("agentmerge: agents/reviewer.md:3: conflict: frontmatter field 'description' set differently on both sides\n")
    const merged = readFileSync(f.a, 'utf8')
    // The trailing blank line is part of each value (keep chomping): one on each side, no more, no fewer.
    expect(merged).toBe(
      '---\nname: reviewer\n' +
        '<<<<<<< ours\ndescription: |+\n  Reviews code changes.\n  Use when a pull request is opened or updated.\n\n' +
        '=======\ndescription: |+\n  Reviews code changes for the platform team.\n  Use when a pull request is opened.\n\n' +
        '>>>>>>> theirs\ntools: Read, Grep\nmodel: sonnet\n---\n\nYou review code changes carefully.\n',
    )
    // Resolving by hand: keep one side's lines, drop the markers and the other side.
    const take = (side: 'ours' | 'theirs') => merged.replace(/<<<<<<< ours\n([^]*?)=======\n([^]*?)>>>>>>> theirs\n/, (_, a: string, b: string) => (side === 'ours' ? a : b))
    const description = (text: string) => parseAgent(text, 'agents/reviewer.md').meta.fields.find((x) => x.key === 'description')?.value
    expect(description(take('ours'))).toBe('Reviews code changes.\nUse when a pull request is opened or updated.\n\n')
    expect(description(take('ours'))).toBe(description(ours))
    expect(description(take('theirs'))).toBe(description(theirs))
    expect(take('ours')).toBe(ours)
    expect(take('theirs')).toBe(theirs)
  })
})
