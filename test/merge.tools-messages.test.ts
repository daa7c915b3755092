// Tool warnings say what is so: a tools map value is shown as its YAML was
// written (a quoted string quoted), and an input without a tools field is
// not said to narrow an intersection it takes no part in.
import { describe, expect, it } from 'vitest'
import { cli, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'

describe('tool warnings', () => {
  it('a quoted "true" is shown quoted; a plain string as it is', async () => {
    const dir = tempDir('agentmerge-msg-')
    const w1 = agentFile(dir, 'w1.md', 'description: A reader.\ntools:\n  webfetch: "true"\n  write: no\n')
    const r = await cli(['merge', '--provenance', 'none', w1])
    expect(r.stderr).toContain(`'webfetch: "true"' is not true or false; not granted`)
    expect(r.stderr).toContain(`'write: no' is not true or false; not granted`)
  })

  it('intersection: an input without a tools field takes no part, and is not said to grant nothing', async () => {
    const senior = `${FIXTURES}backend-developer-senior.md`
    const r = await cli(['merge', '--provenance', 'none', '--tools', 'intersection', `${FIXTURES}backend-developer-elite.md`, `${FIXTURES}backend-developer-structured.md`, senior])
    expect(r.code, r.stderr).toBe(0)
    expect(String(front(r.stdout).tools).split(', ').sort()).toEqual(['Glob', 'Grep', 'Read', 'TodoWrite', 'WebFetch', 'WebSearch'])
    expect(r.stderr).toContain(`${senior}: warning: tools (intersection): no tools field; it takes no part: the merged agent grants what every input with a tools field grants`)
    expect(r.stderr).not.toContain('grants no tool')
  })
})
