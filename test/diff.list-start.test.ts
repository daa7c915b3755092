// diff and the start of a numbered list (docs/diff.md): a list that starts
// at another number is reworded (`3.` after a code block continues a
// procedure, `1.` there starts a new one); numbering that follows from the
// items around it (an item inserted before, `1)` for `1.`) stays form.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const HEAD = '---\nname: t\ndescription: d\n---\n\nYou are t.\n\n'
const CODE = '```sh\nnpm test\n```'

async function diff(old: string, next: string, ...args: string[]) {
  const dir = tempDir('agentmerge-start-')
  writeFileSync(join(dir, 'old.md'), HEAD + old)
  writeFileSync(join(dir, 'new.md'), HEAD + next)
  return cli(['diff', ...args, join(dir, 'old.md'), join(dir, 'new.md')])
}

describe('diff: a numbered list start', () => {
  it('a list after a code block renumbered from 1 is reworded, shown with both numbers; the other way round too', async () => {
    const old = `1. Read.\n2. Run:\n\n${CODE}\n\n3. Write.\n4. Post.\n`
    const next = `1. Read.\n2. Run:\n\n${CODE}\n\n1. Write.\n2. Post.\n`
    const r = await diff(old, next, '--format', 'json')
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout) as { files: Array<{ statements: Array<{ change: string; words: Array<{ op: string; text: string }> }>; formatting: Array<{ what: string }> }> }
    const [file] = json.files
    expect(file!.statements.map((s) => s.change)).toEqual(['reworded'])
    expect(file!.statements[0]!.words.filter((w) => w.op !== 'equal').map((w) => `${w.op} ${w.text}`)).toEqual(['removed 3.', 'added 1.'])
    const back = await diff(next, old)
    expect(back.code).toBe(1)
    expect(back.stdout).toContain('[-1.-]{+3.+} Write.')
  })

  it('the item that opens a list at another number is not the same statement: its re-wrapping goes with the rewording, as any reworded one\'s', async () => {
    const r = await diff(`1. Run:\n\n${CODE}\n\n3. Write the report\n   now.\n`, `1. Run:\n\n${CODE}\n\n1. Write the report now.\n`, '--format', 'json')
    expect(r.code).toBe(1)
    const [file] = (JSON.parse(r.stdout) as { files: Array<{ statements: Array<{ change: string }>; formatting: Array<{ what: string }> }> }).files
    expect(file!.statements.map((s) => s.change)).toEqual(['reworded'])
    expect(file!.formatting).toEqual([])
  })

  it('`10. ten` written `1. ten` is reworded', async () => {
    const r = await diff('10. ten\n', '1. ten\n')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('1 reworded')
  })

  it('renumbering that follows from the items is form: `1)` for `1.`, an item inserted before, a start kept', async () => {
    expect((await diff('1. a\n2. b\n', '1) a\n2) b\n')).code).toBe(0)
    expect((await diff('3. a\n4. b\n', '3) a\n9) b\n')).code).toBe(0)
    const inserted = await diff('1. Read.\n2. Run.\n', '1. Plan.\n2. Read.\n3. Run.\n')
    expect(inserted.stdout).toContain('\n1 added')
    expect(inserted.stdout).not.toContain('reworded')
  })
})
