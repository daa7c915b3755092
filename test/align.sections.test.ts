// "The same section" is one measure in src/align, used by the 2-way
// alignment (diff, the merge driver) and by the N-way clustering the merge
// asks (clusterSections): title and content evidence, t + c - t*c. Checked
// through the engine's index on small hand-made inputs: N inputs, any
// order of them, shapes kept apart, a renamed section found by what it
// holds; and through diffAgents for the two 2-way cases the shared measure
// changed (each a named fix).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignBodies, clusterSections, keyWords, TitleTerms, type SectionUnit } from '../src/align/index.js'
import { sectionKey } from '../src/normalize/key.js'
import { diffAgents, parseAgent } from '../src/index.js'

interface Spec {
  input: number
  title: string
  /** Content ids (duplicate groups) below the section. */
  content: number[]
  /** Index into the same list of the parent section, or -1. */
  parent?: number
  shape?: number
}

/** Units as the merge builds them; ranks by content (title, then content ids), never by list order. */
function unitsOf(specs: readonly Spec[]): SectionUnit[] {
  const titles = new TitleTerms()
  const signature = (s: Spec) => `${sectionKey(s.title)}|${s.title}|${s.content.join(',')}|${s.shape ?? 0}`
  const ranked = specs.map((s, i) => ({ sig: signature(s), i })).sort((x, y) => (x.sig < y.sig ? -1 : x.sig > y.sig ? 1 : 0))
  const rank = new Map(ranked.map((r, k) => [r.i, k]))
  return specs.map((s, i) => {
    const key = sectionKey(s.title)
    return { input: s.input, parent: s.parent ?? -1, key, words: titles.of(s.title, key), keyWords: keyWords(key), content: new Set(s.content), shape: s.shape ?? 0, rank: rank.get(i)! }
  })
}

/** Clusters as sorted lists of `input:title`, in a canonical order. */
function clustersOf(specs: readonly Spec[]): string[][] {
  const { clusters } = clusterSections(unitsOf(specs))
  return clusters.map((c) => c.members.map((m) => `${specs[m]!.input}:${specs[m]!.title}`).sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1))
}

const THREE: Spec[] = [
  { input: 0, title: 'Testing', content: [1, 2, 3] },
  { input: 0, title: 'Security', content: [10, 11] },
  { input: 1, title: 'Testing Strategy', content: [1, 2, 4] },
  { input: 1, title: 'Security', content: [12] },
  { input: 2, title: 'Testing', content: [5] },
  { input: 2, title: 'Deployment', content: [20, 21] },
]

describe('clusterSections: the N-way entry point of the alignment engine', () => {
  it('clusters the same section of N inputs, at most one section of each input per cluster', () => {
    expect(clustersOf(THREE)).toEqual([
      ['0:Security', '1:Security'],
      ['0:Testing', '1:Testing Strategy', '2:Testing'],
      ['2:Deployment'],
    ])
  })

  it('never puts two sections of one input in one cluster, however alike', () => {
    const specs: Spec[] = [
      { input: 0, title: 'Testing', content: [1, 2] },
      { input: 0, title: 'Testing', content: [1, 2] },
      { input: 1, title: 'Testing', content: [1, 2] },
    ]
    const { clusters } = clusterSections(unitsOf(specs))
    for (const c of clusters) expect(new Set(c.members.map((m) => specs[m]!.input)).size).toBe(c.members.length)
    // The premise: input 1's section does join one of input 0's.
    expect(clusters.some((c) => c.members.length === 2)).toBe(true)
  })

  it('gives the same clusters and parents for every order of the inputs and of their sections', () => {
    const nested: Spec[] = [
      { input: 0, title: 'Workflow', content: [1, 2, 3, 4] },
      { input: 0, title: 'Review', content: [3, 4], parent: 0 },
      { input: 1, title: 'Process', content: [1, 2, 3, 4, 5] },
      { input: 1, title: 'Code Review', content: [3, 4, 5], parent: 2 },
      { input: 2, title: 'Workflow', content: [1, 2, 6] },
      { input: 2, title: 'Review', content: [4], parent: 4 },
      ...THREE.map((s) => ({ ...s, content: s.content.map((c) => c + 100) })),
    ]
    const describeAll = (specs: readonly Spec[]) => {
      const { clusters } = clusterSections(unitsOf(specs))
      const name = (c: number) => (c === -1 ? 'top' : clusters[c]!.members.map((m) => `${specs[m]!.input}:${specs[m]!.title}`).sort().join(' + '))
      return clusters.map((c) => `${name(c.id)} under ${name(c.parent)}`).sort()
    }
    const expected = describeAll(nested)
    expect(expected).toContain('0:Review + 1:Code Review + 2:Review under 0:Workflow + 1:Process + 2:Workflow')
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: nested.length, maxLength: nested.length }), fc.nat(2), (keys, rot) => {
        // Shuffle the sections (parents follow) and rename the inputs.
        const order = nested.map((_, i) => i).sort((x, y) => keys[x]! - keys[y]! || x - y)
        const at = new Map(order.map((old, k) => [old, k]))
        const renamed = (input: number) => (input + rot) % 3
        const shuffled = order.map((old) => {
          const s = nested[old]!
          return { ...s, input: renamed(s.input), parent: s.parent === undefined || s.parent === -1 ? -1 : at.get(s.parent)! }
        })
        const back = (line: string) => line.replace(/(\d):/g, (_, d: string) => `${(Number(d) + 3 - rot) % 3}:`)
        const got = describeAll(shuffled).map((line) => line.split(' under ').map((side) => side.split(' + ').map(back).sort().join(' + ')).join(' under '))
        expect(got.sort()).toEqual(expected)
      }),
      { seed: 16, numRuns: 40 },
    )
  })

  it('aligns blocks only with blocks, whatever their titles and content', () => {
    const specs: Spec[] = [
      { input: 0, title: 'Before you start:', content: [1, 2], shape: 1 },
      { input: 1, title: 'Before you start', content: [1, 2], shape: 0 },
      { input: 2, title: 'Before you start:', content: [1, 2], shape: 1 },
    ]
    expect(clustersOf(specs)).toEqual([['0:Before you start:', '2:Before you start:'], ['1:Before you start']])
  })

  it('finds a renamed section by what it holds, not by its title', () => {
    const specs: Spec[] = [
      { input: 0, title: 'Error Handling', content: [1, 2, 3, 4] },
      { input: 0, title: 'Logging', content: [30] },
      { input: 1, title: 'When Things Fail', content: [1, 2, 3, 9] },
      { input: 1, title: 'Error Budgets', content: [40, 41] },
    ]
    expect(clustersOf(specs)).toEqual([['0:Error Handling', '1:When Things Fail'], ['0:Logging'], ['1:Error Budgets']])
  })
})

const agent = (path: string, body: string) => parseAgent(`---\nname: t\ndescription: d\n---\n${body}`, path)

describe('2-way: diff and the merge driver measure "the same section" as the merge does', () => {
  it('a section renamed and moved under another parent is one section when its title shares a topic word and it keeps some of its statements (fix: was removed and added)', () => {
    const old = agent('old.md', `## Database Design

- Design normalized schemas with clear relations.
- Index every foreign key column used in joins.
- Plan migrations that can be rolled back safely.

## Other

- Keep a changelog.
`)
    const now = agent('new.md', `## Principles

- Keep a changelog.

### Database Architecture

- Design normalized schemas with clear relations.
- Shard write-heavy tables by tenant when they outgrow one node.
- Cache hot reads close to the service that needs them.
`)
    const a = alignBodies(old.root, now.root)
    const title = (side: typeof a.old, i: number) => side.sections[i]!.section.title
    const pairs = a.sections.o2n.flatMap((n, o) => (n === -1 || o === 0 ? [] : [`${title(a.old, o)} -> ${title(a.new, n)}`]))
    expect(pairs).toContain('Database Design -> Database Architecture')
    const sections = diffAgents(old, now).sections.map((s) => s.change)
    expect(sections).toContain('renamed')
    expect(sections).not.toContain('removed')
  })

  it('siblings whose titles share only a generic word ("Core Expertise", "Core Principles") and nothing they hold are two sections (fix: were one, renamed)', () => {
    const old = agent('old.md', `## Core Expertise

- Kubernetes operators and custom controllers.
`)
    const now = agent('new.md', `## Core Principles

- Prefer boring technology for critical paths.
`)
    const a = alignBodies(old.root, now.root)
    expect(a.sections.o2n.slice(1)).toEqual([-1])
    expect(diffAgents(old, now).sections.map((s) => s.change).sort()).toEqual(['added', 'removed'])
  })
})
