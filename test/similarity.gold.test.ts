// The labelled sets (fixtures/gold/NAME.json + NAME.statements.tsv, files in
// fixtures/NAME/), read the way the product and `npm run eval` read them:
// every statement of the files from the real pipeline, leads included, is
// grouped; only the labelled ids are scored. Targets: pairwise precision >=
// 0.90 (a wrong merge loses an instruction) and pairwise F1 >= 0.80.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readAgent } from '../src/pipeline.js'
import { groupDuplicates } from '../src/similarity/index.js'
import { bcubed, pairwise } from '../scripts/lib/score.js'
import { statementsOf } from '../src/walk.js'

const root = join(import.meta.dirname, '..')
const goldDir = join(root, 'fixtures/gold')
const sets = readdirSync(goldDir)
  .filter((f) => f.endsWith('.json') && existsSync(join(goldDir, basename(f, '.json') + '.statements.tsv')))
  .map((f) => basename(f, '.json'))
  .sort()

const fileOf = (id: string) => id.slice(0, id.lastIndexOf(':'))

describe.each(sets)('gold: %s', (name) => {
  const ids = readFileSync(join(goldDir, `${name}.statements.tsv`), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((l) => l.split('\t')[0]!)
  const gold: string[][] = JSON.parse(readFileSync(join(goldDir, `${name}.json`), 'utf8')).groups
  const statements = [...new Set(ids.map(fileOf))]
    .sort()
    .flatMap((file) => statementsOf(readAgent(join(root, 'fixtures', name, file)).root))
  const all = statements.map((s) => `${basename(s.source.path)}:${s.source.line}`)
  const predicted = groupDuplicates(statements.map((s) => ({ text: s.text, kind: s.kind })))
    .groups.filter((g) => g.length > 1)
    .map((g) => g.map((i) => all[i]!))
  const pw = pairwise(gold, predicted, ids)

  it('reads every labelled statement through the pipeline', () => {
    const have = new Set(all)
    expect(ids.filter((id) => !have.has(id))).toEqual([])
    expect(gold.flat().every((id) => ids.includes(id))).toBe(true)
  })

  it('pairwise precision >= 0.90', () => {
    expect(pw.precision).toBeGreaterThanOrEqual(0.9)
  })

  it('pairwise F1 >= 0.80', () => {
    expect(pw.f1).toBeGreaterThanOrEqual(0.8)
  })

  it('beats the B-cubed of grouping nothing', () => {
    const none = bcubed(gold, [], ids).f1
    expect(bcubed(gold, predicted, ids).f1).toBeGreaterThan(none)
  })
})

it('has the backend-developer set (491 statements, 74 groups)', () => {
  expect(sets).toContain('backend-developer')
  const tsv = readFileSync(join(goldDir, 'backend-developer.statements.tsv'), 'utf8').split(/\r?\n/).filter(Boolean)
  expect(tsv).toHaveLength(491)
  expect(JSON.parse(readFileSync(join(goldDir, 'backend-developer.json'), 'utf8')).groups).toHaveLength(74)
})
