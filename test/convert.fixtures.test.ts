// `convert` touches the frontmatter only: for every target and every shipped
// fixture the body bytes are those of the input, an input already in the
// target's dialect comes out byte for byte (CRLF and a byte order mark too),
// and encoding is never repaired, only warned about.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readAgent } from '../src/index.js'
import { cli, ROOT } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const FAMILIES = ['backend-developer', 'python-pro', 'test-automator']
const FILES = FAMILIES.flatMap((family) => readdirSync(join(ROOT, 'fixtures', family)).filter((f) => f.endsWith('.md')).sort().map((f) => join('fixtures', family, f)))
const TARGETS = ['claude', 'opencode', 'copilot']

/** The bytes after the frontmatter block (the whole file without one). */
function bodyOf(text: string): string {
  const m = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/.exec(text)
  return m ? text.slice(m[0].length) : text
}

/** `text` written as reviewer.md in a temporary directory (tempDir removes it); its path. */
function written(text: string): string {
  const path = join(tempDir('agentmerge-convert-'), 'reviewer.md')
  writeFileSync(path, text)
  return path
}

describe('convert keeps the body', () => {
  it('finds the three fixture families', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(15)
  })

  for (const to of TARGETS) {
    it(`--to ${to}: every fixture's body bytes, and a file already in ${to} unchanged`, async () => {
      const r = await cli(['convert', '--to', to, ...FILES])
      expect(r.code, r.stderr).toBe(0)
      let at = 0
      for (const file of FILES) {
        const input = readFileSync(join(ROOT, file), 'utf8')
        const own = readAgent(join(ROOT, file)).meta.dialect === to
        const expected = own ? input : bodyOf(input)
        const found = r.stdout.indexOf(expected, at)
        expect(found, `${file} ${own ? 'as a whole' : 'body'} in the output of --to ${to}`).toBeGreaterThanOrEqual(at)
        at = found + expected.length
      }
      // The shipped mojibake is left as it is, with a warning that names the fix.
      expect(r.stdout).toContain('‚öôÔ∏è')
      expect(r.stderr).toMatch(/backend-developer-opencode\.md:15:3: warning: suspected mojibake .*`agentmerge normalize --write` repairs it/)
    })
  }

  it('an own-dialect file with CRLF and a byte order mark comes back byte for byte; another target keeps the body bytes', async () => {
    const text = '\uFEFF---\r\nname: reviewer # the slug\r\ndescription: "Reviews code."\r\ntools: Read, grep\r\nmodel: sonnet\r\n---\r\n\r\n# Reviewer\r\n\r\nOverall assessment: [Brief overall evaluation]\r\n**Context Loading:**\r\n+---+---+\r\n| a | b |\r\n'
    const path = written(text)
    const same = await cli(['convert', '--to', 'claude', path])
    expect(same.code, same.stderr).toBe(0)
    expect(Buffer.from(same.stdout).equals(Buffer.from(text))).toBe(true)
    const other = await cli(['convert', '--to', 'opencode', path])
    expect(other.code, other.stderr).toBe(0)
    expect(other.stdout.startsWith('\uFEFF---\r\ndescription: "Reviews code."\r\n')).toBe(true)
    expect(other.stdout.endsWith('\r\n---\r\n' + bodyOf(text))).toBe(true)
  })

  it('frontmatter only the lenient reader takes comes back byte for byte in its own dialect', async () => {
    const text = '---\nname: reviewer\ndescription: Use when: the user asks.\ntools: Read\n---\nReview.\n'
    const path = written(text)
    const r = await cli(['convert', '--to', 'claude', path])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(text)
  })
})
