// fast-check generators of agent definition files: random frontmatter in
// each dialect's style, headings, pseudo-headings, nested lists, tasks, code,
// tables and quotes, with words that stress Markdown escaping.
import fc from 'fast-check'

const WORDS = ['api', 'database', 'cache', 'Redis', 'JWT', 'auth', 'tests', 'deploy', 'queue', 'scale', 'logs', 'RBAC', 'k8s', 'CI/CD',
  'a*b', 'snake_case', '#tag', 'x|y', '`tick`', '[link]', '<tag>', 'a & b', '1.', '-', '+', '🟠', 'café', '100%', '> 5ms', '\\', 'end:']

const word = fc.constantFrom(...WORDS)
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '))

const inline = fc.oneof(
  { weight: 5, arbitrary: words(1, 8) },
  { weight: 1, arbitrary: fc.tuple(words(1, 3), words(1, 3)).map(([a, b]) => `**${a.replace(/[*_`\\]/g, '')}** ${b}`) },
  { weight: 1, arbitrary: fc.tuple(words(1, 3), words(1, 3)).map(([a, b]) => `${a} _${b.replace(/[*_`\\]/g, '')}_`) },
  { weight: 1, arbitrary: words(1, 3).map((a) => `\`${a.replace(/`/g, '')}\` call`) },
)

const title = words(1, 4).map((t) => t.replace(/[#*_`\\[\]<>|]/g, '').trim() || 'Topic')

function list(depth: number): fc.Arbitrary<string> {
  const leaf = fc.tuple(fc.constantFrom('- ', '* ', '- [ ] ', '- [x] '), inline).map(([m, t]) => m + t)
  const item = depth > 1
    ? fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: fc.tuple(title, inline, list(depth - 1)).map(([t, l, sub]) => `- **${t}**: ${l}\n${sub.replace(/^/gm, '  ')}`) })
    : leaf
  return fc.array(item, { minLength: 1, maxLength: 5 }).map((items) => items.join('\n'))
}

const ordered = fc.array(inline, { minLength: 1, maxLength: 4 }).map((items) => items.map((t, i) => `${i + 1}. ${t}`).join('\n'))
const code = fc.tuple(fc.constantFrom('', 'json', 'bash'), fc.array(words(0, 5), { minLength: 1, maxLength: 4 })).map(([lang, lines]) => '```' + lang + '\n' + lines.join('\n') + '\n```')
const table = fc.tuple(fc.integer({ min: 2, max: 3 }), fc.array(fc.array(words(1, 2), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 3 })).map(([cols, rows]) => {
  const cell = (s: string) => s.replace(/\|/g, '\\|')
  const head = `| ${Array.from({ length: cols }, (_, i) => `H${i}`).join(' | ')} |`
  const sep = `| ${Array.from({ length: cols }, () => '---').join(' | ')} |`
  return [head, sep, ...rows.map((r) => `| ${r.slice(0, cols).map(cell).join(' | ')} |`)].join('\n')
})

const block = fc.oneof(
  { weight: 4, arbitrary: inline },
  { weight: 3, arbitrary: list(3) },
  { weight: 1, arbitrary: ordered },
  { weight: 1, arbitrary: code },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: inline.map((t) => `> ${t}`) },
  { weight: 1, arbitrary: fc.tuple(title, list(1)).map(([t, l]) => `**${t}**:\n${l}`) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), title).map(([d, t]) => `${'#'.repeat(d)} ${t}`) },
)

const tools = fc.oneof(
  fc.constant('tools: Read, Write, Grep'),
  fc.constant('tools: [read, edit, Bash]'),
  fc.constant('tools:\n  read: true\n  write: false'),
)

const frontmatter = fc.option(
  fc.tuple(title, words(1, 6), fc.option(tools, { nil: undefined })).map(([name, description, t]) =>
    ['---', `name: ${name.replace(/[^a-z0-9 ]/gi, '') || 'agent'}`, `description: ${JSON.stringify(description)}`, ...(t ? [t] : []), '---', ''].join('\n')),
  { nil: '' },
)

/** A whole agent file. */
export const agentFile = fc.tuple(frontmatter, fc.array(block, { minLength: 1, maxLength: 12 })).map(([fm, blocks]) => fm + blocks.join('\n\n') + '\n')
