// Findings of a review of the tools merge, each a way a permission widened
// or a denial was lost: an old name's replacement that the input denies, a
// denial beside an ask, an allow a kept denial covers, and LS/Glob decided
// alike in every output dialect.
import { describe, expect, it } from 'vitest'
import { tempDir } from './helpers/tmp.js'
import { agentFile, mergedFront } from './helpers/agent-files.js'

describe('an old name and its replacement under intersection', () => {
  it('a denied Glob stays denied beside an LS the input grants', async () => {
    const dir = tempDir('agentmerge-review-')
    const a = agentFile(dir, 'a.md', 'name: a\ndescription: a agent\ntools: LS, Read\ndisallowedTools: Glob\n')
    const b = agentFile(dir, 'b.md', 'name: a\ndescription: a agent\ntools: Glob, Read\n')
    const { fm, stderr } = await mergedFront(['--tools', 'intersection', '--to', 'claude', a, b])
    expect(String(fm.tools).split(', ')).not.toContain('Glob')
    expect(stderr).toContain(`${b}:4: warning: tools (intersection): the merged agent does not grant Glob`)
  })
})
