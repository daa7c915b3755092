// fast-check generators of agent files whose statements Markdown writers tend
// to change: ASCII and box-drawing diagrams outside fences, `•` lists,
// bracketed placeholders, bold labels with a colon inside, numbered bold
// titles, hard and soft line breaks, escapes the author wrote.
import fc from 'fast-check'

const WORDS = ['api', 'cache', 'Redis', 'auth', 'tests', 'deploy', 'queue', 'logs', 'CI/CD', 'snake_case', 'a*b', '100%', 'end:', 'x|y', 'café', '🟠', '\\[sic]', 'a_b_c']
const word = fc.constantFrom(...WORDS)
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '))
const name = fc.array(fc.constantFrom('Context', 'Loading', 'SQL', 'Injection', 'Review', 'Plan', 'Output'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '))

const placeholder = fc.tuple(words(1, 3), name).map(([a, b]) => `${a}: [${b} evaluation]`)
const bracketed = fc.tuple(words(1, 2), words(1, 2)).map(([a, b]) => `${a} [${b.replace(/[\\[\]]/g, '')}] (see notes)`)
const boldColon = fc.tuple(name, words(1, 3)).map(([t, rest]) => `**${t}:** ${rest}`)
const numberedBold = fc.tuple(fc.integer({ min: 1, max: 9 }), name).map(([n, t]) => `**${n}. ${t}**`)
const line = fc.oneof({ weight: 4, arbitrary: words(1, 6) }, placeholder, bracketed, boldColon, numberedBold)

// A paragraph of several lines: soft breaks, or hard ones (two spaces, backslash).
const paragraph = fc.tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '  \n', '\\\n')).map(([lines, br]) => lines.join(br))

const diagram = fc.tuple(name, name, fc.integer({ min: 8, max: 24 })).map(([a, b, w]) => {
  const bar = '─'.repeat(w)
  const cell = (s: string) => `│ ${s.slice(0, w - 2).padEnd(w - 2)} │`
  return [`┌${bar}┐`, cell(a), `├${bar}┤`, cell(b), `└${bar}┘`, `${a} ──► ${b}`].join('\n')
})
const ascii = fc.tuple(name, name).map(([a, b]) => [`+-------+     +-------+`, `| ${a.slice(0, 5).padEnd(5)} | --> | ${b.slice(0, 5).padEnd(5)} |`, `+-------+     +-------+`].join('\n'))
const bullets = fc.array(words(1, 3), { minLength: 2, maxLength: 5 }).map((items) => items.map((t) => `• ${t}`).join('\n'))

const item = fc.tuple(fc.constantFrom('- ', '* ', '1. '), line, fc.option(line, { nil: undefined })).map(([m, a, b]) => m + a + (b ? `\n${' '.repeat(m.length)}${b}` : ''))
const list = fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => items.join('\n'))
const label = fc.tuple(name, list).map(([t, l]) => `**${t}:**\n${l}`)
const titled = fc.tuple(name, line, list).map(([t, lead, l]) => `- **${t}:** ${lead}\n${l.replace(/^/gm, '  ')}`)
const heading = fc.tuple(fc.integer({ min: 1, max: 3 }), name, fc.constantFrom('', ' [draft]', ':')).map(([d, t, tail]) => `${'#'.repeat(d)} ${t}${tail}`)

const block = fc.oneof(
  { weight: 4, arbitrary: paragraph },
  { weight: 2, arbitrary: diagram },
  { weight: 1, arbitrary: ascii },
  { weight: 1, arbitrary: bullets },
  { weight: 3, arbitrary: list },
  { weight: 2, arbitrary: label },
  { weight: 2, arbitrary: titled },
  { weight: 2, arbitrary: heading },
  { weight: 1, arbitrary: paragraph.map((p) => `> ${p.replace(/\n/g, '\n> ')}`) },
)

/** A whole agent file, with a small frontmatter. */
export const faithfulFile = fc.array(block, { minLength: 1, maxLength: 10 }).map((blocks) => `---\nname: gen\ndescription: generated\n---\n\n${blocks.join('\n\n')}\n`)
