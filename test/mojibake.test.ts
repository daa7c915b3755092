// Mojibake repair decides per file: it repairs a file that is clearly the
// damaged form, leaves correct text that merely could decode to something
// else, never touches code or HTML comments, and says where it repaired.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAgent, statementsOf } from '../src/index.js'
import { repaired } from './helpers/repair.js'
import { cli, ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const CORRECT = ['„Fuß“', '“Über”', '«été»', '√π', "L'ÉTÉ—toujours"]
const agent = (body: string) => `---\nname: x\ndescription: test\n---\n\n${body}\n`

describe('mojibake: correct text is left alone', () => {
  it.each(CORRECT)('%s is not changed, alone or in an agent file', async (text) => {
    expect(repaired(`Say ${text} here.`)).toEqual({ text: `Say ${text} here.`, repairs: [] })
    const r = await cli(['normalize', '-'], { input: agent(`- Say ${text} here.\n- And ${text} again, with ${text} a third time.`) })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`- Say ${text} here.`)
    expect(r.stderr).not.toContain('mojibake')
  })

  it('all of them in one file, even with real mojibake beside them: only the mojibake is repaired', () => {
    const text = `${CORRECT.join(' ')}\n\nIt’s broken: itâ€™s and cafÃ©.\n`
    const { text: out, repairs } = repaired(text)
    expect(out).toBe(`${CORRECT.join(' ')}\n\nIt’s broken: it’s and café.\n`)
    const line3 = 'It’s broken: itâ€™s and cafÃ©.'
    expect(repairs.map((r) => [r.line, r.column, r.from, r.to])).toEqual([[3, line3.indexOf('â€™') + 1, 'â€™', '’'], [3, line3.indexOf('Ã©') + 1, 'Ã©', 'é']])
  })

  it('one or two runs without a classic signature are plausible as they stand; three distinct ones are not', () => {
    // `√π`, `¬∞` and `√ß` are `ù`, `°` and `ç` read as Mac Roman; none is a classic signature.
    expect(repaired('x √π and ¬∞ y, √π again').repairs).toEqual([])
    expect(repaired('x √π and ¬∞ y, √ß').repairs.map((r) => r.to)).toEqual(['ù', '°', 'ç'])
    // `Â©` is one: `©` read as Windows-1252.
    expect(repaired('Copyright Â© 2024').repairs.map((r) => r.to)).toEqual(['©'])
  })
})

describe('mojibake: code is never touched', () => {
  const damaged = 'Status: itâ€™s done.'
  it('inline code, fenced and indented code and HTML comments keep their bytes', () => {
    const text = [damaged, '', 'Run `echo â€™` now.', '', '```', 'say("Ã©â€™")', '```', '', '    indented â€™ code', '', '<!-- note: â€™ -->', ''].join('\n')
    const { text: out, repairs } = repaired(text)
    expect(repairs.map((r) => r.line)).toEqual([1])
    expect(out).toBe(text.replace(damaged, 'Status: it’s done.'))
  })
})

describe('mojibake: code is never touched, through the pipeline (one parse unless a repair fell in code)', () => {
  it('a damaged file: the prose is repaired, inline code, a fence and a comment keep their bytes, warnings name only the prose', () => {
    const text = agent(['Status: itâ€™s done.', '', 'Run `echo â€™` now.', '', '```', 'say("Ã©")', '```', '', '<!-- note: â€™ -->'].join('\n'))
    const parsed = parseAgent(text, 'd.md')
    const markdown = statementsOf(parsed.root).map((s) => s.node.data?.source ?? s.text)
    expect(markdown).toEqual(['Status: it’s done.', 'Run `echo â€™` now.', '```\nsay("Ã©")\n```', '<!-- note: â€™ -->'])
    expect(parsed.warnings.map((w) => [w.code, w.line])).toEqual([['mojibake', 6]])
  })

  it('runs inside code do not count toward deciding that a file is damaged', () => {
    // Three distinct runs without a signature would be damage; two of them are in code.
    const text = agent(['Say √π here.', '', '`¬∞` and `√ß` are code.'].join('\n'))
    const parsed = parseAgent(text, 'c.md')
    expect(statementsOf(parsed.root).map((s) => s.text)).toEqual(['Say √π here.', '¬∞ and √ß are code.'])
    expect(parsed.warnings).toEqual([])
    expect(parseAgent(agent('Say √π here, ¬∞ and √ß.'), 'p.md').warnings.map((w) => w.code)).toEqual(['mojibake', 'mojibake', 'mojibake'])
  })
})

describe('mojibake: the shipped damaged files', () => {
  it('backend-developer-opencode.md (Mac Roman) and backend-developer-structured.md (Windows-1252) are repaired, with warnings naming the place', async () => {
    const opencode = 'fixtures/backend-developer/backend-developer-opencode.md'
    const structured = 'fixtures/backend-developer/backend-developer-structured.md'
    const a = await cli(['normalize', opencode])
    expect(a.code, a.stderr).toBe(0)
    const lines = [...a.stderr.matchAll(new RegExp(`^${opencode}:(\\d+):\\d+: warning: repaired mojibake`, 'gm'))].map((m) => Number(m[1]))
    expect(lines).toEqual([15, 254, 257, 260, 263, 266, 271])
    expect(a.stdout).toContain('⚙️')
    expect(a.stdout).not.toContain('‚öôÔ∏è')
    const b = await cli(['normalize', structured])
    expect(b.stderr).toMatch(new RegExp(`^${structured}:4:\\d+: warning: repaired mojibake "ðŸŸ\u00a0" -> "🟠"`, 'm'))
    expect(b.stdout).toContain('emoji: "🟠"')
  })

  it('the keep mode (--no-repair) keeps the bytes; the warn mode keeps them and names the fix', () => {
    const file = join(ROOT, 'fixtures/backend-developer/backend-developer-opencode.md')
    const bytes = readFileSync(file)
    const kept = parseAgent(bytes, 'o.md', { mojibake: 'keep' })
    expect(kept.warnings.filter((w) => w.code === 'mojibake')).toEqual([])
    const warned = parseAgent(bytes, 'o.md', { mojibake: 'warn' })
    expect(statementsOf(warned.root).map((s) => s.text)).toEqual(statementsOf(kept.root).map((s) => s.text))
    const notes = warned.warnings.filter((w) => w.code === 'mojibake')
    expect(notes.map((w) => w.line)).toEqual([15, 254, 257, 260, 263, 266, 271])
    expect(notes[0]!.message).toContain('normalize --write')
  })
})

describe('mojibake: --no-repair means one thing for every command', () => {
  // Convert never repairs (it writes the text as it is) and warns of the mojibake it keeps; --no-repair silences that as it does every repair.
  const damaged = agent('- Status: itâ€™s done, cafÃ© open.\n- Run the tests first.')
  const file = () => {
    const path = join(tempDir('agentmerge-no-repair-'), 'damaged.md')
    writeFileSync(path, damaged)
    return path
  }

  it('convert keeps the bytes and warns of them; with --no-repair it keeps them without a word', async () => {
    const path = file()
    const warned = await cli(['convert', '--to', 'claude', path])
    expect(warned.code, warned.stderr).toBe(0)
    expect(warned.stderr).toMatch(new RegExp(`^${path}:6:\\d+: warning: suspected mojibake "â€™", likely "’"`, 'm'))
    const kept = await cli(['convert', '--no-repair', '--to', 'claude', path])
    expect(kept.code, kept.stderr).toBe(0)
    // Its own dialect: the file comes back byte for byte either way.
    expect(kept.stdout).toBe(damaged)
    expect(warned.stdout).toBe(damaged)
    expect(kept.stderr).toBe('')
    // --strict counts warnings: the kept mojibake is none with --no-repair.
    expect((await cli(['convert', '--strict', '--to', 'claude', path])).code).toBe(1)
    expect((await cli(['convert', '--no-repair', '--strict', '--to', 'claude', path])).code).toBe(0)
  })

  it.each([['normalize'], ['merge', '--provenance', 'none'], ['convert', '--to', 'opencode']])('%s --no-repair writes the mojibake as it is, with no mojibake warning', async (...args) => {
    const path = file()
    const repaired = await cli([...args, path])
    expect(repaired.stderr).toMatch(/warning: (repaired|suspected) mojibake/)
    const kept = await cli(['--no-repair', ...args, path])
    expect(kept.code, kept.stderr).toBe(0)
    expect(kept.stdout).toContain('- Status: itâ€™s done, cafÃ© open.')
    expect(kept.stderr).not.toContain('mojibake')
  })
})
