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
