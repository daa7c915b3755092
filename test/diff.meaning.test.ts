// Where diff draws the line between meaning and form (docs/diff.md): a
// strikethrough added or removed, a negation added or dropped and a statement
// turned into an HTML comment are changes in meaning (reworded, exit 1);
// emphasis markers, bullet characters, numbering style, wrapping and blank
// lines are form (exit 0, listed by --formatting).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const HEAD = '---\nname: reviewer\ndescription: Reviews code\n---\n\n# Rules\n\n'
const OLD = [
  '- Always ask before deleting files.',
  '- Run the tests before every commit.',
  '- Keep *answers* short and **focused**.',
  '',
  '1. Read the diff.',
  '2. Read the tests.',
  '',
  'Review the change as a whole, then each file in turn, and say what you would change.',
].join('\n')

function pair(next: string): [string, string] {
  const dir = tempDir('agentmerge-meaning-')
  writeFileSync(join(dir, 'old.md'), HEAD + OLD + '\n')
  writeFileSync(join(dir, 'new.md'), HEAD + next + '\n')
  return [join(dir, 'old.md'), join(dir, 'new.md')]
}

async function diffJson(next: string, reverse = false) {
  const [a, b] = pair(next)
  const r = await cli(['diff', '--format', 'json', '--formatting', ...(reverse ? [b, a] : [a, b])])
  expect(r.code, r.stderr).not.toBe(2)
  const json = JSON.parse(r.stdout) as { files: Array<{ counts: Record<string, number>; statements: Array<{ change: string }>; formatting: Array<{ what: string }> }> }
  return { code: r.code, agent: json.files[0]! }
}

describe('diff: changes in meaning', () => {
  const cases: Array<[string, string]> = [
    ['a strikethrough added', OLD.replace('- Always ask before deleting files.', '- ~~Always ask before deleting files.~~')],
    ['part of a statement struck out', OLD.replace('- Run the tests before every commit.', '- Run the tests ~~before every commit~~.')],
    ['a negation added', OLD.replace('- Run the tests', '- Do not run the tests')],
    ['a negation added as "never"', OLD.replace('- Always ask', '- Never ask')],
    ['a statement turned into an HTML comment', OLD.replace('- Always ask before deleting files.', '<!-- - Always ask before deleting files. -->\n')],
  ]
  it.each(cases)('%s is reworded, both ways, exit 1', async (_, next) => {
    for (const reverse of [false, true]) {
      const { code, agent } = await diffJson(next, reverse)
      expect(code).toBe(1)
      expect(agent.statements.map((s) => s.change)).toEqual(['reworded'])
    }
  })

  it('the text format says reworded and exits 1 for a struck-out safety rule', async () => {
    const [a, b] = pair(OLD.replace('- Always ask before deleting files.', '- ~~Always ask before deleting files.~~'))
    const r = await cli(['diff', a, b])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/1 reworded/)
    expect(r.stdout).not.toMatch(/nothing changed in meaning/)
  })
})

describe('diff: changes of form', () => {
  const cases: Array<[string, string, string]> = [
    ['emphasis markers * -> _ and ** -> __', OLD.replace('*answers*', '_answers_').replace('**focused**', '__focused__'), 'markup'],
    ['bullet characters', OLD.replace(/^- /gm, '* '), 'marker'],
    ['numbering style', OLD.replace('1. Read', '1) Read').replace('2. Read', '2) Read'), 'numbering'],
    ['renumbering', OLD.replace('2. Read', '1. Read'), 'numbering'],
    ['wrapping', OLD.replace('as a whole, then each file', 'as a whole,\nthen each file'), 'wrapping'],
    ['blank lines', OLD.replace('- Run the tests', '\n- Run the tests').replace('\n\n1. Read', '\n\n\n1. Read'), 'whitespace'],
  ]
  it.each(cases)('%s: nothing changed in meaning, exit 0, listed with --formatting', async (_, next, what) => {
    const { code, agent } = await diffJson(next)
    expect(code).toBe(0)
    expect(agent.statements).toEqual([])
    expect(agent.formatting.map((f) => f.what)).toContain(what)
  })
})
