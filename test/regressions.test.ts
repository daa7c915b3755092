// Shrunk counterexamples that fast-check found, kept as plain tests so that
// each stays fixed whatever the seeds of the property runs.
import { describe, expect, it } from 'vitest'
import { parseAgent, renderAgent, statementsOf } from '../src/index.js'

const norms = (text: string) => statementsOf(parseAgent(text, 'x.md').root).map((s) => s.norm).sort()

function stable(source: string): string {
  const once = renderAgent(parseAgent(source, 'x.md'))
  expect(norms(once)).toEqual(norms(source))
  expect(renderAgent(parseAgent(once, 'x.md'))).toBe(once)
  return once
}

describe('normalize regressions', () => {
  it('an item holding only an empty list (`- +`) leaves no empty item behind', () => {
    stable('- **api**: api _api_\n  - **api**: api\n    - api _api_\n  - +\n  - api\n- `api` call\n\napi\n')
  })

  it('a pseudo-heading inside a blockquote stays in the quote', () => {
    expect(stable('> 1. - api\n\n**api**:\n- api\n')).toBe('> - api\n\n**api**:\n\n- api\n')
  })

  it('a wordless item does not turn the line above into a setext heading', () => {
    stable('- **api**: api\n  - **api**: api\n    - + api\n  - api\n')
  })

  it('a document opening with a thematic break does not read back as frontmatter', () => {
    expect(stable('***\n---\n___\n')).toBe('***\n\n***\n\n***\n')
  })

  it('a link or image with no text keeps its target as the statement', () => {
    expect(norms('[](./target.md)\n\n![](/logo.png)\n')).toEqual(['![](/logo.png)', '[](./target.md)'])
  })
})

describe('merge regressions', () => {
  it('the same bullet in two inputs is written once, even beside a near twin of one input', async () => {
    const { mergeAgents, renderMerged } = await import('../src/index.js')
    const a = parseAgent('---\nname: a\n---\n\n## When to use me\n\n- Caching strategies (Redis, Memcached)\n\n## Performance\n\n- Caching layers (Redis, Memcached)\n', 'a.md')
    const b = parseAgent('---\nname: a\n---\n\n## Technical proficiency\n\n- Caching strategies (Redis, Memcached)\n', 'b.md')
    for (const agents of [[a, b], [b, a]]) {
      const text = renderMerged(mergeAgents(agents), 'none')
      expect(text.split('\n').filter((l) => l === '- Caching strategies (Redis, Memcached)')).toHaveLength(1)
      expect(text).toContain('- Caching layers (Redis, Memcached)')
    }
  })
})
