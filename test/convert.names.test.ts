// What a conversion says about names: the file `--out-dir` writes is named
// by the name the converted agent carries, lint holds a Claude Code name to
// the rule convert writes it by, and a warning quotes a value as the file
// wrote it.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, convertedFront, front } from './helpers/agent-files.js'

describe('convert --out-dir', () => {
  it('names the file by the name written, not the source name', async () => {
    const dir = tempDir('agentmerge-names-')
    const src = agentFile(dir, 'cr.agent.md', 'name: Code Reviewer\ndescription: Reviews code.\ntools: [read]\n')
    const out = join(dir, 'o')
    const r = await cli(['convert', '--to', 'claude', '--out-dir', out, src])
    expect(r.code, r.stderr).toBe(0)
    expect(existsSync(join(out, 'Code Reviewer.md'))).toBe(false)
    expect(front(readFileSync(join(out, 'code-reviewer.md'), 'utf8')).name).toBe('code-reviewer')
  })
})

describe('lint of a Claude Code name', () => {
  it('flags a name that is not lower-case letters, digits and hyphens, as convert writes it', async () => {
    const dir = tempDir('agentmerge-names-')
    const bad = agentFile(dir, 'cr.md', 'name: Code Reviewer\ndescription: Reviews code.\n')
    const good = agentFile(dir, 'ok.md', 'name: code-reviewer-2\ndescription: Reviews code.\n')
    const r = await cli(['lint', bad, good])
    expect(r.stdout).toContain(`${bad}:2: field 'name': 'Code Reviewer' is not a Claude Code name (Claude Code names are lower-case letters, digits and hyphens); use 'code-reviewer' (field-type)`)
    expect(r.stdout).not.toContain(good)
  })
})

describe('a model warning', () => {
  it('quotes the value as the file wrote it, not as agentmerge reads it', async () => {
    const dir = tempDir('agentmerge-names-')
    const src = agentFile(dir, 'g.agent.md', 'name: g\ndescription: G\nmodel: GPT-5 (copilot)\n')
    const r = await convertedFront('claude', src)
    expect(r.stderr).toContain("model 'GPT-5 (copilot)' is not an Anthropic model")
    expect(r.stderr).not.toContain('openai/gpt-5')
  })
})
