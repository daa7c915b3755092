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

  it('applies the naming rule, then makes the name one file name: a name with / or .. stays inside the folder, named as written', async () => {
    const dir = tempDir('agentmerge-names-')
    const out = join(dir, 'o')
    // To Claude Code the name is a slug first, and the file carries it; to Copilot the name is kept, and only the file name is made safe.
    const slashed = agentFile(dir, 'a.agent.md', 'name: ../team/Code Reviewer\ndescription: Reviews code.\n')
    const toClaude = await cli(['convert', '--to', 'claude', '--out-dir', out, slashed])
    expect(toClaude.code, toClaude.stderr).toBe(0)
    expect(front(readFileSync(join(out, 'team-code-reviewer.md'), 'utf8')).name).toBe('team-code-reviewer')
    const dotted = agentFile(dir, 'b.md', 'name: ../../x/evil\ndescription: Reviews code.\n')
    const toCopilot = await cli(['convert', '--to', 'copilot', '--out-dir', out, dotted])
    expect(toCopilot.code, toCopilot.stderr).toBe(0)
    expect(front(readFileSync(join(out, 'x-evil.agent.md'), 'utf8')).name).toBe('../../x/evil')
    expect(existsSync(join(dir, 'x'))).toBe(false)
    // A long name the slug shortens: named by the slug written, not by a file name cut before the slug was made.
    const long = agentFile(dir, 'c.agent.md', `name: "Code${' '.repeat(250)}Reviewer"\ndescription: Reviews code.\n`)
    const cut = await cli(['convert', '--to', 'claude', '--out-dir', out, long])
    expect(cut.code, cut.stderr).toBe(0)
    expect(cut.stderr).toContain(join(out, 'code-reviewer.md'))
  })

  it('cuts a long name to a file name every file system takes: in bytes, between characters, no dot or space left at its end', async () => {
    const dir = tempDir('agentmerge-names-')
    const out = join(dir, 'out')
    const names = { wide: '\u540d'.repeat(100), dots: `${'a'.repeat(199)}.. b`, emoji: `${'a'.repeat(198)}\u{1F600}b` }
    const expected = { wide: '\u540d'.repeat(66), dots: 'a'.repeat(199), emoji: 'a'.repeat(198) }
    for (const [key, name] of Object.entries(names)) {
      const src = agentFile(dir, `${key}.md`, `name: "${name}"\ndescription: Long.\n`)
      const r = await cli(['convert', '--to', 'copilot', '--out-dir', out, src])
      expect(r.code, r.stderr).toBe(0)
      const file = `${expected[key as keyof typeof expected]}.agent.md`
      expect(existsSync(join(out, file)), `${key}: ${r.stderr}`).toBe(true)
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255)
    }
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
