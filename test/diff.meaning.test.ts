// Where diff draws the line between meaning and form (docs/diff.md): a
// strikethrough added or removed, a negation added or dropped, a statement
// turned into an HTML comment and a link or image pointed elsewhere are
// changes in meaning (reworded, exit 1); emphasis markers, bullet characters,
// numbering style, wrapping, blank lines and the way a link is written
// (autolink or inline) are form (exit 0, listed by --formatting).
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
  '- Read the [style guide](https://good.example/guide) and <https://good.example/faq> first.',
  '- Match the layout of ![the sample](img/sample.png) and the [checklist][list].',
  '',
  '1. Read the diff.',
  '2. Read the tests.',
  '',
  'Review the change as a whole, then each file in turn, and say what you would change.',
  '',
  '[list]: https://good.example/checklist',
  '[other]: https://good.example/other',
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
    ['a link pointed elsewhere', OLD.replace('(https://good.example/guide)', '(https://evil.example/guide)')],
    ['an autolink pointed elsewhere', OLD.replace('<https://good.example/faq>', '[https://good.example/faq](https://evil.example/faq)')],
    ['an image pointed elsewhere', OLD.replace('(img/sample.png)', '(img/other.png)')],
    ['a reference pointed at another definition', OLD.replace('[checklist][list]', '[checklist][other]')],
    ['a reference definition pointed elsewhere', OLD.replace('[list]: https://good.example/checklist', '[list]: https://evil.example/checklist')],
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

  it('a link pointed elsewhere shows the old and new target in its word diff, in every format', async () => {
    const [a, b] = pair(OLD.replace('(https://good.example/guide)', '(https://evil.example/guide)'))
    const text = await cli(['diff', '--no-color', a, b])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('~ Read the style guide <https://[-good-]{+evil+}.example/guide> and https://good.example/faq first.')
    const json = await cli(['diff', '--format', 'json', a, b])
    const words = (JSON.parse(json.stdout) as { files: Array<{ statements: Array<{ words: Array<{ op: string; text: string }> }> }> }).files[0]!.statements[0]!.words
    expect(words.filter((w) => w.op !== 'equal')).toEqual([{ op: 'removed', text: 'good' }, { op: 'added', text: 'evil' }])
    const markdown = await cli(['diff', '--format', 'markdown', a, b])
    expect(markdown.stdout).toContain('<del>`good`</del><ins>`evil`</ins>')
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
    ['emphasis in a link', OLD.replace('[style guide]', '[*style* guide]'), 'markup'],
    ['an autolink written as an inline link', OLD.replace('<https://good.example/faq>', '[https://good.example/faq](https://good.example/faq)'), 'markup'],
  ]
  it.each(cases)('%s: nothing changed in meaning, exit 0, listed with --formatting', async (_, next, what) => {
    const { code, agent } = await diffJson(next)
    expect(code).toBe(0)
    expect(agent.statements).toEqual([])
    expect(agent.formatting.map((f) => f.what)).toContain(what)
  })
})

describe('diff: changes of form no other one explains', () => {
  it('says whether the frontmatter source or the body differs, not "blank lines" for a YAML comment', async () => {
    const dir = tempDir('agentmerge-meaning-')
    const head = (owner: string) => `---\nname: reviewer\n# owner: ${owner}\ndescription: Reviews code\n---\n\n# Rules\n\n`
    writeFileSync(join(dir, 'old.md'), head('team x') + OLD + '\n')
    writeFileSync(join(dir, 'comment.md'), head('team y') + OLD + '\n')
    writeFileSync(join(dir, 'blank.md'), head('team x') + OLD + '\n\n\n')
    const formatting = async (name: string) => {
      const r = await cli(['diff', '--format', 'json', '--formatting', join(dir, 'old.md'), join(dir, name)])
      expect(r.code, r.stderr).toBe(0)
      return (JSON.parse(r.stdout) as { files: Array<{ formatting: Array<{ what: string; detail: string }> }> }).files[0]!.formatting.map((f) => `${f.what}: ${f.detail}`)
    }
    expect(await formatting('comment.md')).toEqual(['frontmatter-style: frontmatter source: comments or layout'])
    expect(await formatting('blank.md')).toEqual(['whitespace: blank lines or trailing spaces'])
  })
})
