// The openings not chosen through the CLI: each one's specifics that the
// merged agent says nowhere (its content words no written statement or
// title has) are recorded in the sidecar as `carries`, noted on stderr in
// one line, and shown in the report; an opening whose words are all written
// elsewhere gets neither.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mergeAgents, parseAgent, renderMergeReport } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const temp = () => tempDir('agentmerge-openings-')

const family = (name: string): string[] => readdirSync(`fixtures/${name}`).sort().map((f) => `fixtures/${name}/${f}`)

const doc = (lines: string[]): string => ['---', 'name: t', 'description: Reviews.', '---', '', ...lines, ''].join('\n')

/** Merges a's opening with b's, b's the more complete (the one written), each with a shared check; b reads a schema too. */
async function mergeOpenings(aOpening: string, bOpening: string) {
  const dir = temp()
  const a = join(dir, 'a.md')
  const b = join(dir, 'b.md')
  writeFileSync(a, doc([aOpening, '', '- Check the tests.']))
  writeFileSync(b, doc([bOpening, '', '- Check the tests.', '- Read the schema.']))
  const out = join(dir, 'out.md')
  const result = await cli([a, b, '-o', out])
  expect(result.code, result.stderr).toBe(0)
  return { a, b, out, result }
}

describe('openings not chosen', () => {
  it('a small case: the note names the opening written, and lists only the words nothing written says, as the author wrote them', async () => {
    // b's opening is the most complete; a's says "multimodal" and "geospatial", which nothing written says, "reviewer" and "data", which b's opening says,
    // and "cutting-edge", praise (a filler), which is no specific.
    const { a, b, out, result } = await mergeOpenings('You are a cutting-edge multimodal reviewer of geospatial data.', 'You are a senior code reviewer of pull requests, schemas, data models and migrations.')
    expect(result.stderr).toContain(`${a}:6: note: opening not chosen (the merged agent opens with ${b}:6); only it says: multimodal, geospatial\n`)
    const sidecar = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'))
    const recorded = sidecar.recorded.filter((r: { reason: string }) => r.reason === 'opening-not-chosen')
    expect(recorded).toEqual([{ from: `${a}:6`, text: 'You are a cutting-edge multimodal reviewer of geospatial data.', reason: 'opening-not-chosen', standsFor: `${b}:6`, carries: ['multimodal', 'geospatial'] }])
    // A note is not a conflict.
    expect(result.stderr).toMatch(/; 0 conflicts$/m)
  })

  it('an opening whose content words are all written elsewhere carries nothing: no note, no `carries` (the words that frame a role, "expert", "your role", are no specifics)', async () => {
    const dir = temp()
    const a = join(dir, 'a.md')
    const b = join(dir, 'b.md')
    writeFileSync(a, doc(['You are an expert reviewer of migrations; your role is the tests.', '', '- Check the tests.']))
    writeFileSync(b, doc(['You are a senior code reviewer of pull requests, schemas and migrations.', '', '- Check the tests.']))
    const out = join(dir, 'out.md')
    const result = await cli([a, b, '-o', out])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toContain('opening not chosen')
    const sidecar = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'))
    const recorded = sidecar.recorded.filter((r: { reason: string }) => r.reason === 'opening-not-chosen')
    expect(recorded).toHaveLength(1)
    expect(recorded[0].carries).toBeUndefined()
  })

  it('on the backend-developer fixtures: the versions only the opencode opening names are noted, and recorded in the sidecar', async () => {
    const dir = temp()
    const out = join(dir, 'merged.md')
    const files = family('backend-developer')
    const result = await cli([...files, '-o', out])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('fixtures/backend-developer/backend-developer-opencode.md:21: note: opening not chosen (the merged agent opens with fixtures/backend-developer/backend-developer-elite.md:9); only it says: 18+, 3.11+\n')
    const notes = result.stderr.split('\n').filter((l) => l.includes('note: opening not chosen'))
    // One line each, in path order whatever the order of the files.
    const reversed = await cli([...files.slice().reverse(), '-o', join(dir, 'reversed.md')])
    expect(reversed.stderr.split('\n').filter((l) => l.includes('note: opening not chosen'))).toEqual(notes)
    const sidecar = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'))
    const opencode = sidecar.recorded.find((r: { from: string }) => r.from === 'fixtures/backend-developer/backend-developer-opencode.md:21')
    expect(opencode.carries).toEqual(['18+', '3.11+'])
    // Every opening noted is one the sidecar records with what it carries.
    for (const line of notes) {
      const from = line.slice(0, line.indexOf(': note:'))
      expect(sidecar.recorded.find((r: { from: string }) => r.from === from)?.carries, from).toBeDefined()
    }
  })

  it('only words the learned corpus finds rare are specifics: the words openings repeat from template are not noted, a rare subject and a version are', async () => {
    // "spans", "emphasis", "objectives", "minimizing", "crafts" and "teams" are said by many of the corpus's statements; "multimodal" by few; "3.11+" is a figure.
    const { a, b, out, result } = await mergeOpenings(
      'You are a reviewer who crafts multimodal reviews that span teams, with emphasis on objectives and minimizing 3.11+ regressions.',
      'You are a senior code reviewer of pull requests, schemas, data models, migrations, indexes, queries, transactions, locks, backups and replication.',
    )
    expect(result.stderr).toContain(`${a}:6: note: opening not chosen (the merged agent opens with ${b}:6); only it says: multimodal, 3.11+\n`)
    const sidecar = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'))
    const recorded = sidecar.recorded.filter((r: { reason: string }) => r.reason === 'opening-not-chosen')
    expect(recorded.map((r: { carries?: string[] }) => r.carries)).toEqual([['multimodal', '3.11+']])
  })

  it('the report shows what an opening not chosen alone says beside it', () => {
    const a = parseAgent(doc(['You are a cutting-edge multimodal reviewer of geospatial data.', '', '- Check the tests.']), 'a.md')
    const b = parseAgent(doc(['You are a senior code reviewer of pull requests, schemas, data models and migrations.', '', '- Check the tests.']), 'b.md')
    const html = renderMergeReport(mergeAgents([a, b]))
    expect(html).toMatch(/opening not chosen<\/span>.*only it says:<\/span> <span class="carries">multimodal, geospatial<\/span>/)
  })
})
