// Writers number a list from its first item's number only where that item
// opened its list: a stage that drops the items before it (the three-way
// merge driver taking their side's deletion) writes the rest from 1, while a
// list that began at 3 after a code block keeps its 3.
import { describe, expect, it } from 'vitest'
import { merge3, parseAgent } from '../src/index.js'

const HEAD = '---\nname: t\ndescription: d\n---\n\nYou are t.\n\n## Steps\n\n'
const CODE = '```sh\nnpm test\n```'
const steps = (base: string, ours: string, theirs: string) => {
  const r = merge3(parseAgent(HEAD + base, 'o.md'), parseAgent(HEAD + ours, 'a.md'), parseAgent(HEAD + theirs, 'b.md'))
  return r.text.slice(r.text.indexOf('## Steps\n\n') + '## Steps\n\n'.length).trimEnd()
}

describe('a list written from its first item', () => {
  it('their side removed the first step: the steps left are numbered from 1, not from the 2 ours had', () => {
    expect(steps('1. Read.\n2. Run.\n3. Post.\n', '1. Read.\n2. Run.\n3. Post.\n', '1. Run.\n2. Post.\n')).toBe('1. Run.\n2. Post.')
  })

  it('a list that began at 3 after a code block keeps its 3 when a side adds a step', () => {
    const base = `1. Read.\n2. Run:\n\n${CODE}\n\n3. Write.\n`
    expect(steps(base, base, `${base}4. Post.\n`)).toBe(`1. Read.\n2. Run:\n\n${CODE}\n\n3. Write.\n4. Post.`)
  })
})
