// An OpenCode tools map written by a merge does not depend on the order of
// the files: the granted tools, then every other built-in turned off (the
// merged tools are an allowlist, and OpenCode leaves a tool its map does not
// name on), in one canonical order.
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { cli, FIXTURES } from './helpers/cli.js'

const OPENCODE = FIXTURES + 'backend-developer-opencode.md'
const CLAUDE_LIST = FIXTURES + 'backend-developer-structured.md'

const toolsBlock = (text: string): string => /^tools:\n(?: {2}.*\n)+/m.exec(text)?.[0] ?? ''

describe('merge --to opencode --tools intersection', () => {
  it('writes the same tools map in both orders of the files', async () => {
    const one = await cli(['merge', '--to', 'opencode', '--tools', 'intersection', '--provenance', 'none', OPENCODE, CLAUDE_LIST])
    const two = await cli(['merge', '--to', 'opencode', '--tools', 'intersection', '--provenance', 'none', CLAUDE_LIST, OPENCODE])
    expect(one.code, one.stderr).toBe(0)
    expect(two.code, two.stderr).toBe(0)
    expect(toolsBlock(one.stdout)).not.toBe('')
    expect(toolsBlock(one.stdout)).toBe(toolsBlock(two.stdout))
    const tools = (parseYaml(toolsBlock(one.stdout)) as { tools: Record<string, boolean> }).tools
    // The OpenCode map has no "*": false, so it leaves webfetch, websearch and todowrite on: both grant them.
    expect(Object.entries(tools).filter(([, on]) => on).map(([name]) => name)).toEqual(['read', 'grep', 'glob', 'webfetch', 'websearch', 'todowrite'])
    expect(tools.bash).toBe(false)
    expect(tools.edit).toBe(false)
  })

  it('with the preferred file fixed, the whole output is the same bytes in both orders', async () => {
    const args = ['merge', '--to', 'opencode', '--tools', 'intersection', '--provenance', 'none', '--prefer', OPENCODE]
    const one = await cli([...args, OPENCODE, CLAUDE_LIST])
    const two = await cli([...args, CLAUDE_LIST, OPENCODE])
    expect(one.code, one.stderr).toBe(0)
    expect(one.stdout).toBe(two.stdout)
  })
})
