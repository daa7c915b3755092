// Reading bytes into text: encodings, line endings, binary and mojibake.
import { describe, expect, it } from 'vitest'
import { parseAgent } from '../src/index.js'
import { decode } from '../src/read/decode.js'
import { repaired } from './helpers/repair.js'
import { thrownBy } from './helpers/errors.js'

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))

describe('decode', () => {
  it('removes a UTF-8 BOM and remembers it', () => {
    const d = decode(bytes([0xef, 0xbb, 0xbf], '# Hi\n'), 'a.md')
    expect(d).toMatchObject({ text: '# Hi\n', bom: true, eol: '\n' })
  })

  it('reads CRLF files as LF and remembers CRLF', () => {
    const d = decode(bytes('a\r\nb\r\n'), 'a.md')
    expect(d).toMatchObject({ text: 'a\nb\n', eol: '\r\n', warnings: [] })
  })

  it('warns about mixed line endings and picks the majority', () => {
    const d = decode(bytes('a\r\nb\r\nc\nd\r\n'), 'a.md')
    expect(d.text).toBe('a\nb\nc\nd\n')
    expect(d.eol).toBe('\r\n')
    expect(d.warnings.map((w) => w.code)).toEqual(['mixed-eol'])
  })

  it('reads UTF-16 with a BOM, with a warning', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Hé\n', 'utf16le')])
    const d = decode(le, 'a.md')
    expect(d.text).toBe('# Hé\n')
    expect(d.warnings.map((w) => w.code)).toEqual(['utf16'])
  })

  it('refuses invalid UTF-8 with the line of the first bad byte', () => {
    const e = thrownBy(() => decode(bytes('ok\nfine\nbad ', [0xc3, 0x28], '\n'), 'a.md'))
    expect(e).toMatchObject({ code: 'invalid-utf8', line: 3 })
    expect(e.message).toContain('0xc3')
  })

  it('refuses overlong and surrogate encodings', () => {
    expect(thrownBy(() => decode(bytes([0xc0, 0xaf]), 'a.md')).code).toBe('invalid-utf8')
    expect(thrownBy(() => decode(bytes([0xed, 0xa0, 0x80]), 'a.md')).code).toBe('invalid-utf8')
  })

  it('refuses binary content', () => {
    expect(thrownBy(() => decode(bytes('x\n', [0x00, 0x01, 0x02]), 'a.png'))).toMatchObject({ code: 'binary', line: 2 })
  })

  it('refuses empty and blank files', () => {
    expect(thrownBy(() => decode(bytes(''), 'a.md')).code).toBe('empty')
    expect(thrownBy(() => decode(bytes(' \n\n\t\n'), 'a.md')).code).toBe('empty')
  })
})

describe('mojibake', () => {
  it('repairs an emoji read as Windows-1252', () => {
    const { text, repairs } = repaired('emoji: "ðŸŸ\u00a0"')
    expect(text).toBe('emoji: "🟠"')
    expect(repairs).toMatchObject([{ line: 1, column: 9, codepage: 'windows-1252', to: '🟠' }])
  })

  it('repairs an emoji read as Mac Roman', () => {
    expect(repaired('# ‚öôÔ∏è Agent').text).toBe('# ⚙️ Agent')
    expect(repaired('### \uf8ffüü£ Reliability').text).toBe('### 🟣 Reliability')
  })

  it('leaves real accented text, typography and emoji alone', () => {
    for (const text of ['café naïve Über résumé', '“quotes” — dash… ©®', '🟠 ⚙️ 日本語', 'Ångström ½ ¾']) {
      expect(repaired(text)).toEqual({ text, repairs: [] })
    }
  })

  it('warns with file, line and the repair, and --no-repair keeps the bytes', () => {
    const source = '---\nname: x\n---\n\n# ‚öôÔ∏è Agent\n'
    const repaired = parseAgent(source, 'x.md')
    expect(repaired.root.body[0]).toMatchObject({ title: '⚙️ Agent' })
    expect(repaired.warnings).toMatchObject([{ code: 'mojibake', path: 'x.md', line: 5, column: 3 }])
    const kept = parseAgent(source, 'x.md', { mojibake: 'keep' })
    expect(kept.root.body[0]).toMatchObject({ title: '‚öôÔ∏è Agent' })
    expect(kept.warnings).toEqual([])
  })
})
