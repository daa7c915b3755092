// The labelled families (fixtures/gold/NAME.json + NAME.statements.tsv, files
// in fixtures/NAME/), read the way the product and `npm run eval` read them:
// every statement of the files from the real pipeline, leads included, is
// grouped with the shipped defaults; only the labelled ids are scored (a
// labelled lead-in the pipeline reads as a section title counts as alone).
// The floors sit a little under what `npm run eval` measures for the shipped
// defaults (docs/similarity.md); the leave-one-family-out figures, the honest
// ones, are the eval's to report.
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

/** Pairwise precision and F1 floors per family, for the shipped defaults. */
const FLOORS: Record<string, { precision: number; f1: number }> = {
  'backend-developer': { precision: 0.6, f1: 0.55 },
  'python-pro': { precision: 0.6, f1: 0.45 },
  'test-automator': { precision: 0.6, f1: 0.4 },
}

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

  it('reads the labelled statements through the pipeline; every grouped one is among them', () => {
    const have = new Set(all)
    // The pipeline reads a few bold lead-ins over a list as section titles: none of them is in a gold group.
    const absent = ids.filter((id) => !have.has(id))
    expect(absent.length).toBeLessThanOrEqual(2)
    expect(gold.flat().filter((id) => !have.has(id))).toEqual([])
    expect(gold.flat().every((id) => ids.includes(id))).toBe(true)
  })

  it('has a floor for this family', () => {
    expect(FLOORS[name]).toBeDefined()
  })

  it('reaches its pairwise precision and F1 floors', () => {
    const floor = FLOORS[name]!
    expect(pw.precision).toBeGreaterThanOrEqual(floor.precision)
    expect(pw.f1).toBeGreaterThanOrEqual(floor.f1)
  })

  it('beats the B-cubed of grouping nothing', () => {
    const none = bcubed(gold, [], ids).f1
    expect(bcubed(gold, predicted, ids).f1).toBeGreaterThan(none)
  })
})

it('has the three labelled families', () => {
  expect(sets).toEqual(['backend-developer', 'python-pro', 'test-automator'])
  const tsv = readFileSync(join(goldDir, 'backend-developer.statements.tsv'), 'utf8').split(/\r?\n/).filter(Boolean)
  expect(tsv).toHaveLength(491)
  expect(JSON.parse(readFileSync(join(goldDir, 'backend-developer.json'), 'utf8')).groups).toHaveLength(74)
})
