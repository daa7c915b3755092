// diff and the merge driver share one alignment engine (src/align), so a
// statement `diff` calls reworded is one statement to the driver too: one
// branch rewording what the other deleted is a conflict of that statement,
// and deleting a statement the other branch left as it was is clean. Checked
// on a small agent at the edge of the engine's gap rule and on every pair of
// the backend-developer fixtures.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffAgents, merge3, normalizeAgent, parseAgent, statementsOf, type Agent } from '../src/index.js'
import { cli, FIXTURE_FILES, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const BASE = `---
name: t
description: d
---
# Rules

- Always run the unit tests before you push a branch.
- Keep functions short and focused on one job.
- Document every public API with examples.
`

describe('one meaning of "reworded" in diff and the merge driver', () => {
  it('a rewording only the gap rule pairs is one statement to the driver (bug fix: it was a delete and an add)', () => {
    const ours = BASE.replace('Keep functions short and focused on one job.', 'Prefer small functions that each do one thing.')
    const theirs = BASE.replace('- Keep functions short and focused on one job.\n', '')
    const [o, a, b] = [BASE, ours, theirs].map((text, i) => parseAgent(text, `side${i}.md`)) as [Agent, Agent, Agent]
    const diff = diffAgents(o, a)
    expect(diff.statements.map((c) => c.change)).toEqual(['reworded'])
    // Below the driver's old threshold of its own (0.5): the case where the two disagreed.
    expect(diff.statements[0]!.change === 'reworded' && diff.statements[0]!.score).toBeLessThan(0.5)
    const merged = merge3(o, a, b)
    expect(merged.conflicts).toBe(1)
    expect(merged.text).toContain('<<<<<<< ours\n- Prefer small functions that each do one thing.\n=======\n>>>>>>> theirs')
  })

  const canonical = Object.fromEntries(FIXTURE_FILES.map((f) => [f, normalizeAgent(parseAgent(readFileSync(FIXTURES + f, 'utf8'), f))]))
  /** The canonical text without the bullet on line `line` (1-based), or undefined when it is not a lone bullet line. */
  const withoutBullet = (text: string, line: number): string | undefined => {
    const lines = text.split('\n')
    const at = lines[line - 1]
    const next = lines[line] ?? ''
    if (at === undefined || !/^\s*- /.test(at)) return undefined
    if (next.search(/\S/) > at.search(/\S/)) return undefined
    lines.splice(line - 1, 1)
    return lines.join('\n')
  }

  it('on every pair of the backend-developer fixtures (each pair once, the earlier file as the base): reworded conflicts with a deletion, unchanged deletes cleanly', () => {
    const checked = { reworded: 0, unchanged: 0 }
    for (const x of FIXTURE_FILES) {
      for (const y of FIXTURE_FILES) {
        if (x >= y) continue
        const o = parseAgent(canonical[x]!, x)
        const a = parseAgent(canonical[y]!, y)
        const diff = diffAgents(o, a)
        const buckets = {
          reworded: diff.statements.flatMap((c) => (c.change === 'reworded' ? [c.old.statement] : [])),
          unchanged: diff.unchanged.map((u) => u.old.statement),
        }
        for (const kind of ['reworded', 'unchanged'] as const) {
          const eligible = buckets[kind].flatMap((s) => {
            const theirs = withoutBullet(canonical[x]!, s.source.line)
            return theirs === undefined ? [] : [{ s, theirs }]
          })
          for (const { s, theirs } of eligible.slice(0, 1)) {
            const merged = merge3(o, a, parseAgent(theirs, x))
            expect(merged.conflicts, `${x} -> ${y}: ${s.text}`).toBe(kind === 'reworded' ? 1 : 0)
            if (kind === 'unchanged') expect(statementsOf(parseAgent(merged.text, 'merged.md').root).map((t) => t.id)).not.toContain(s.id)
            checked[kind]++
          }
        }
      }
    }
    // Enough of each for the check to mean something (the variants share few statements word for word).
    expect(checked.reworded).toBeGreaterThanOrEqual(10)
    expect(checked.unchanged).toBeGreaterThanOrEqual(2)
  }, 120_000)
})

// A link's target is part of what its statement says (its identity), so the
// driver sees an edit of the target like any rewording.
describe('link targets in the merge driver', () => {
  const LINKED = `---
name: a
description: d
---

# Rules

- Read the [guide](https://good.example/guide) first.
- Run the tests before committing.
- Keep commits small.
`
  const sides = (ours: string, theirs: string) => {
    const dir = tempDir('agentmerge-align-')
    const paths = { o: join(dir, 'base.md'), a: join(dir, 'ours.md'), b: join(dir, 'theirs.md') }
    writeFileSync(paths.o, LINKED)
    writeFileSync(paths.a, ours)
    writeFileSync(paths.b, theirs)
    return paths
  }

  it('ours rewords one line, theirs points the link elsewhere: both edits are kept, exit 0', async () => {
    const p = sides(LINKED.replace('Keep commits small.', 'Keep every commit small.'), LINKED.replace('good.example', 'evil.example'))
    const r = await cli(['merge-driver', p.o, p.a, p.b, 'x.agent.md'])
    expect(r.code, r.stderr).toBe(0)
    const merged = readFileSync(p.a, 'utf8')
    expect(merged).toContain('- Read the [guide](https://evil.example/guide) first.\n')
    expect(merged).toContain('- Keep every commit small.\n')
  })

  it('both sides point one link to different targets: a conflict of that statement', () => {
    const [o, a, b] = [LINKED, LINKED.replace('good.example', 'ours.example'), LINKED.replace('good.example', 'theirs.example')].map((text, i) => parseAgent(text, `side${i}.md`)) as [Agent, Agent, Agent]
    const merged = merge3(o, a, b)
    expect(merged.conflicts).toBe(1)
    expect(merged.text).toContain('<<<<<<< ours\n- Read the [guide](https://ours.example/guide) first.\n=======\n- Read the [guide](https://theirs.example/guide) first.\n>>>>>>> theirs')
  })
})

// A statement written twice pairs with the copy that keeps its place among
// the statements around it, not first with first: deleting one copy is a
// removal, not a removal and a move.
describe('copies of one statement', () => {
  const agent = (lines: string[], path: string) => parseAgent(`---\nname: a\ndescription: d\n---\n\n# Rules\n\n${lines.map((l) => `- ${l}\n`).join('')}`, path)
  const changes = (a: string[], b: string[]) => diffAgents(agent(a, 'old.md'), agent(b, 'new.md')).statements.map((c) => `${c.change} ${c.change === 'added' ? c.new.statement.text : c.old.statement.text}`)

  it('Keep/Run/Keep -> Run/Keep: the first Keep removed, nothing moved; and the inverse', () => {
    const three = ['Keep commits small.', 'Run the tests.', 'Keep commits small.']
    const two = ['Run the tests.', 'Keep commits small.']
    expect(changes(three, two)).toEqual(['removed Keep commits small.'])
    expect(changes(two, three)).toEqual(['added Keep commits small.'])
    const removed = diffAgents(agent(three, 'old.md'), agent(two, 'new.md')).statements[0]!
    expect(removed.change === 'removed' && removed.old.statement.source.line).toBe(8)
  })

  it('merge driver: ours deletes the first copy, theirs rewords the last: both apply, no conflict', () => {
    const base = ['Keep commits small.', 'Run the tests before committing.', 'Keep commits small.']
    const ours = base.slice(1)
    const theirs = [...base.slice(0, 2), 'Keep commits small and focused.']
    const merged = merge3(agent(base, 'base.md'), agent(ours, 'ours.md'), agent(theirs, 'theirs.md'))
    expect(merged.conflicts).toBe(0)
    expect(merged.text).toContain('# Rules\n\n- Run the tests before committing.\n- Keep commits small and focused.\n')
  })

  it('deleting any one statement of a list with repeated statements is one removal and no move (property)', () => {
    const words = ['Keep commits small.', 'Run the tests.', 'Read the diff.']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 9 }), fc.nat(), (list, at) => {
        const i = at % list.length
        const without = [...list.slice(0, i), ...list.slice(i + 1)]
        expect(changes(list, without)).toEqual([`removed ${list[i]}`])
        expect(changes(without, list)).toEqual([`added ${list[i]}`])
      }),
      { seed: 20261207, numRuns: 60 },
    )
  })
})
