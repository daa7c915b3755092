// diff and a list's lead-in (docs/diff.md): a paragraph that heads a list
// ("I ensure systems are observable:") is a title of sorts over its items,
// so it is the same statement as another lead-in reworded, and as a
// statement that heads no list only when the two have the same words (an
// item an author put a list under).
import { describe, expect, it } from 'vitest'
import { diffAgents, parseAgent } from '../src/index.js'
import { edit, fixture } from './diff-helpers.js'

const OPENCODE = fixture('backend-developer-opencode.md')
const LEAD = 'I ensure systems are observable:\n'

function changes(next: string) {
  const d = diffAgents(parseAgent(OPENCODE, 'old.md'), parseAgent(next, 'new.md'))
  return d.statements.map((c) => `${c.change} ${c.change === 'added' ? c.new.statement.text : c.old.statement.text}${c.change === 'reworded' || c.change === 'moved' ? ` -> ${c.new.statement.text}` : ''}`)
}

describe('diff: a list lead-in', () => {
  it('pairs only with a lead-in: a lead-in dropped and an item added that shares its words are a removal and an addition (bug fix: reworded)', () => {
    const next = edit(OPENCODE, `${LEAD}- Prometheus metrics endpoints\n`, '- Prometheus metrics endpoints\n- Dashboards for observable systems\n')
    expect(changes(next)).toEqual(['removed I ensure systems are observable:', 'added Dashboards for observable systems'])
  })

  it('a lead-in reworded is reworded', () => {
    const next = edit(OPENCODE, LEAD, 'I make sure systems are observable:\n')
    expect(changes(next)).toEqual(['reworded I ensure systems are observable: -> I make sure systems are observable:'])
  })

  it('an item an author put a list under (the same words, now a lead-in) is that item still', () => {
    const next = edit(edit(OPENCODE, '- Feature flag implementation\n', ''), '- Configuration validation on startup\n', '- Configuration validation on startup\n\nFeature flag implementation:\n- Flags default to off\n')
    expect(changes(next)).toEqual(['moved Feature flag implementation -> Feature flag implementation:', 'added Flags default to off'])
  })
})
