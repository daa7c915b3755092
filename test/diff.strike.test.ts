// Striking an instruction out withdraws it: the words stay, so every format
// must show the strikethrough itself, or a reviewer reads the old and the new
// text as the same words (the text format and the annotations did).
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir, write } from './diff-helpers.js'

const agent = (items: string) => `---\nname: reviewer\ndescription: Reviews code\n---\n\n## Security\n\n- Check for SQL injection.\n${items}- Validate all input.\n`

function pair(): { a: string; b: string } {
  const dir = tempDir()
  return {
    a: write(dir, 'old.md', agent('- Never log passwords or tokens.\n')),
    b: write(dir, 'new.md', agent('- ~~Never log passwords or tokens.~~\n')),
  }
}

describe('a strikethrough added is shown in every format', () => {
  it('text', async () => {
    const { a, b } = pair()
    const r = await cli(['diff', a, b])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('[-Never log passwords or tokens.-]{+~~Never log passwords or tokens.~~+}')
  })

  it('github: the message says what it was and what it is now', async () => {
    const { a, b } = pair()
    const r = await cli(['diff', '--format', 'github', a, b])
    expect(r.stdout).toContain('::was "Never log passwords or tokens.", now "~~Never log passwords or tokens.~~"')
  })

  it('json: the struck-out run says so', async () => {
    const { a, b } = pair()
    const json = JSON.parse((await cli(['diff', '--format', 'json', a, b])).stdout)
    expect(json.files[0].statements[0].words).toEqual([
      { op: 'removed', text: 'Never log passwords or tokens.' },
      { op: 'added', text: 'Never log passwords or tokens.', struck: true },
    ])
  })

  it('markdown and html', async () => {
    const { a, b } = pair()
    expect((await cli(['diff', '--format', 'markdown', a, b])).stdout).toContain('<ins>~~Never log passwords or tokens.~~</ins>')
    expect((await cli(['diff', '--format', 'html', a, b])).stdout).toContain('<ins><s>Never log passwords or tokens.</s></ins>')
  })

  it('a struck-out statement added or removed is shown struck out', async () => {
    const dir = tempDir()
    const a = write(dir, 'old.md', agent(''))
    const b = write(dir, 'new.md', agent('- ~~Always ask before deleting files.~~\n'))
    const r = await cli(['diff', a, b])
    expect(r.stdout).toContain('+ ~~Always ask before deleting files.~~')
    const gh = await cli(['diff', '--format', 'github', a, b])
    expect(gh.stdout).toContain('::"~~Always ask before deleting files.~~"')
  })
})
