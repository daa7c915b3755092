// A merged procedure keeps each input's steps between its own neighbours
// and numbers its lists as a reader expects (docs/merge.md, order and tree):
// a step only one input has stays in its gap, the deciding input's first
// where two inputs put different steps in one gap, wherever the procedure
// stands (under a heading as under a lead-in); a list keeps the start its
// author gave it, a kept side of a conflict the number of the step it
// differs from, and a list a code block broke goes on numbering.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeAgents, parseAgent, renderMerged } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const HEAD = '---\nname: t\ndescription: d\n---\n\nYou are t.\n\n'
const CODE = '```sh\nnpm test\n```'
const body = (text: string) => text.slice(text.indexOf('You are t.\n\n') + 'You are t.\n\n'.length).trimEnd()

function files(texts: Record<string, string>): Record<string, string> {
  const dir = tempDir('agentmerge-steps-')
  const out: Record<string, string> = {}
  for (const [name, text] of Object.entries(texts)) writeFileSync((out[name] = join(dir, name)), HEAD + text)
  return out
}

const SA = '## Procedure\n\n1. Read the diff.\n2. Run the tests.\n3. Write the report.\n4. Post it.\n'
const SB = '## Procedure\n\n1. Read the diff.\n2. Check the linter output.\n3. Write the report.\n4. Post it.\n'

describe('merge: procedure steps in their gaps', () => {
  it('a step one input has stays between its neighbours, the --prefer input\'s first in a shared gap, whatever the order of the files', async () => {
    const f = files({ 'sa.md': SA, 'sb.md': SB })
    const a = await cli(['merge', '-q', '--provenance', 'none', f['sa.md']!, f['sb.md']!, '--prefer', f['sa.md']!])
    expect(a.code, a.stderr).toBe(0)
    expect(body(a.stdout)).toBe('## Procedure\n\n1. Read the diff.\n2. Run the tests.\n3. Check the linter output.\n4. Write the report.\n5. Post it.')
    const again = await cli(['merge', '-q', '--provenance', 'none', f['sb.md']!, f['sa.md']!, '--prefer', f['sa.md']!])
    expect(again.stdout).toBe(a.stdout)
    const b = await cli(['merge', '-q', '--provenance', 'none', f['sa.md']!, f['sb.md']!, '--prefer', f['sb.md']!])
    expect(body(b.stdout)).toBe('## Procedure\n\n1. Read the diff.\n2. Check the linter output.\n3. Run the tests.\n4. Write the report.\n5. Post it.')
  })

  it('a step followed by a code block stays in its gap with its block, and the list after the block goes on numbering', async () => {
    const f = files({ 'sc.md': `## Procedure\n\n1. Read the diff.\n2. Run the tests:\n\n${CODE}\n\n3. Write the report.\n4. Post it.\n`, 'sb.md': SB })
    const c = await cli(['merge', '-q', '--provenance', 'none', f['sc.md']!, f['sb.md']!, '--prefer', f['sc.md']!])
    expect(body(c.stdout)).toBe(`## Procedure\n\n1. Read the diff.\n2. Run the tests:\n\n${CODE}\n\n3. Check the linter output.\n4. Write the report.\n5. Post it.`)
    const b = await cli(['merge', '-q', '--provenance', 'none', f['sc.md']!, f['sb.md']!, '--prefer', f['sb.md']!])
    expect(body(b.stdout)).toBe(`## Procedure\n\n1. Read the diff.\n2. Check the linter output.\n3. Run the tests:\n\n${CODE}\n\n4. Write the report.\n5. Post it.`)
  })

  it('another author\'s bullets in the very words of steps fold into the steps, which stay whole and numbered, whatever the order of the files and --base', async () => {
    const f = files({ 'sa.md': '## Approach\n\n1. Start with error symptoms, work backward to cause\n2. Look for patterns across time windows\n3. Check for cascading failures\n', 'sd.md': 'Process:\n\n- Look for patterns across time windows\n- Check for cascading failures\n- Search for similar historical errors\n' })
    for (const extra of [[], ['--base', f['sd.md']!]]) {
      const outs = new Set<string>()
      for (const order of [[f['sa.md']!, f['sd.md']!], [f['sd.md']!, f['sa.md']!]]) {
        const r = await cli(['merge', '-q', '--provenance', 'none', ...order, ...extra])
        expect(r.code, r.stderr).toBe(0)
        expect(r.stdout).toContain('1. Start with error symptoms, work backward to cause\n2. Look for patterns across time windows\n3. Check for cascading failures\n')
        expect(r.stdout).toContain('Process:\n\n- Search for similar historical errors\n')
        expect(r.stdout.match(/Look for patterns across time windows/g)).toHaveLength(1)
        outs.add(r.stdout)
      }
      expect(outs.size).toBe(1)
    }
  })

  it('property: each input\'s steps come out in its own order, its unshared steps between its own neighbours', () => {
    const pool = ['Read the diff.', 'Run the unit tests.', 'Check the linter output.', 'Write the review report.', 'Post it on the ticket.', 'Ask the author about intent.', 'Compare benchmarks against main.', 'Update the changelog entry.', 'Tag the release commit.', 'Notify the security team.']
    // Two inputs: the shared steps in one order, each with its own steps placed among them.
    const inputs = fc
      .tuple(fc.shuffledSubarray(pool, { minLength: 5, maxLength: 8 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }))
      .map(([steps, shared, sides]) => {
        const common = steps.slice(0, shared)
        const own = steps.slice(shared)
        const a: string[] = [...common]
        const b: string[] = [...common]
        own.forEach((s, i) => {
          const side = i % 2 === 0 ? a : b
          side.splice(sides[i]! % (side.length + 1), 0, s)
        })
        return [a, b] as const
      })
    fc.assert(
      fc.property(inputs, fc.boolean(), ([a, b], preferA) => {
        const text = (steps: readonly string[]) => HEAD + '## Procedure\n\n' + steps.map((s, i) => `${i + 1}. ${s}`).join('\n') + '\n'
        const agents = [parseAgent(text(a), 'a.md'), parseAgent(text(b), 'b.md')]
        const out = renderMerged(mergeAgents(agents, { prefer: preferA ? 'a.md' : 'b.md' }))
        const written = body(out).split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. /, ''))
        for (const steps of [a, b]) expect(written.filter((s) => steps.includes(s))).toEqual([...steps])
        expect(written.map((_, i) => i + 1)).toEqual(body(out).split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => parseInt(l, 10)))
      }),
      { seed: 20261207, numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    )
  })
})

describe('merge: where a numbered list starts', () => {
  it('--conflicts keep writes the kept side of step 4 as a 4', async () => {
    const steps = (n: number) => `## Review steps\n\n1. Read the code.\n2. Check the tests.\n3. Note each issue.\n4. Score out of ${n}.\n`
    const f = files({ 'ka.md': steps(10), 'kb.md': steps(5) })
    const r = await cli(['merge', '-q', '--provenance', 'none', '--conflicts', 'keep', f['ka.md']!, f['kb.md']!])
    expect(r.code, r.stderr).toBe(0)
    expect(body(r.stdout)).toMatch(/4\. Score out of 10\.\n\n<!-- agentmerge conflict: [^\n]*-->\n\n4\. Score out of 5\.$/)
  })

  it('a list that one input starts at 3 after its code block, or at 10, keeps its start', async () => {
    const f = files({
      'a.md': `## Release\n\n1. Build.\n2. Sign:\n\n${CODE}\n\n3. Upload the artifacts.\n4. Announce.\n`,
      'b.md': `## Release\n\n1. Build.\n2. Sign:\n\n${CODE}\n\n3. Upload the artifacts.\n4. Announce.\n`,
      'c.md': '## Limits\n\n10. Keep answers short.\n11. Cite the source.\n',
    })
    const r = await cli(['merge', '-q', '--provenance', 'none', f['a.md']!, f['b.md']!])
    expect(body(r.stdout)).toBe(`## Release\n\n1. Build.\n2. Sign:\n\n${CODE}\n\n3. Upload the artifacts.\n4. Announce.`)
    const ten = await cli(['merge', '-q', '--provenance', 'none', f['a.md']!, f['c.md']!])
    expect(body(ten.stdout)).toContain('10. Keep answers short.\n11. Cite the source.')
  })

  it('a list one input starts at 1 and another at 3 starts at 1 when nothing before it is written: its 3 would go on from nothing', async () => {
    const steps = (from: number) => `Steps:\n\n${from}. Read the code carefully.\n${from + 1}. Write the failing test first.\n${from + 2}. Fix the bug in place.\n`
    const f = files({ 'one.md': steps(1), 'three.md': steps(3) })
    for (const order of [[f['one.md']!, f['three.md']!], [f['three.md']!, f['one.md']!]]) {
      const r = await cli(['merge', '-q', '--provenance', 'none', ...order])
      expect(r.code, r.stderr).toBe(0)
      expect(body(r.stdout)).toBe('Steps:\n\n1. Read the code carefully.\n2. Write the failing test first.\n3. Fix the bug in place.')
    }
  })
})

describe('merge: a list a block broke goes on after the longer first part', () => {
  it('numbers the part after the code block from the merged first part, whichever input the wording comes from', () => {
    const pa = parseAgent(HEAD + 'Do this:\n\n1. Clone the repo.\n2. Install deps.\n\n' + CODE + '\n\n3. Run the tests.\n4. Push.\n', 'pa.md')
    const pc = parseAgent(HEAD + 'Do this:\n\n1. Clone the repo.\n2. Install deps.\n3. Check the Node version.\n\n' + CODE + '\n\n4. Run the tests.\n5. Push.\n', 'pc.md')
    for (const order of [[pa, pc], [pc, pa]]) {
      for (const prefer of ['pa.md', 'pc.md']) {
        const out = body(renderMerged(mergeAgents(order, { prefer }), 'none'))
        expect(out, out).toContain('3. Check the Node version.\n\n' + CODE + '\n\n4. Run the tests.\n5. Push.')
      }
    }
  })
})
