// The labelled set: pairwise precision must stay >= 0.90 (a wrong merge loses
// an instruction). The F1 target is 0.80; the method reaches 0.74, so F1 is
// guarded at that floor and the target is recorded as a known gap (`it.fails`
// turns red the day the target is met, so the floor can be raised).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { groupDuplicates } from '../src/similarity/index.js'
import { bcubed, pairwise } from '../src/similarity/score.js'

const dir = join(import.meta.dirname, '../fixtures/gold')
const rows = readFileSync(join(dir, 'backend-developer.statements.tsv'), 'utf8')
  .split(/\r?\n/)
  .filter(Boolean)
  .map((l) => l.split('\t'))
const gold: string[][] = JSON.parse(readFileSync(join(dir, 'backend-developer.json'), 'utf8')).groups
const ids = rows.map((r) => r[0]!)
const items = rows.map((r) => ({ text: r.slice(2).join('\t'), kind: r[1] === 'para' ? 'paragraph' : r[1]! }))

describe('gold: backend-developer', () => {
  const predicted = groupDuplicates(items).groups.filter((g) => g.length > 1).map((g) => g.map((i) => ids[i]!))
  const pw = pairwise(gold, predicted, ids)

  it('reads the whole labelled set', () => {
    expect(ids.length).toBe(491)
    expect(gold.length).toBe(74)
  })

  it('pairwise precision >= 0.90', () => {
    expect(pw.precision).toBeGreaterThanOrEqual(0.9)
  })

  it('pairwise F1 >= 0.74 (regression floor)', () => {
    expect(pw.f1).toBeGreaterThanOrEqual(0.74)
  })

  it.fails('pairwise F1 >= 0.80 (target, not reached: see docs/similarity.md)', () => {
    expect(pw.f1).toBeGreaterThanOrEqual(0.8)
  })

  it('beats the B-cubed of grouping nothing', () => {
    const none = bcubed(gold, [], ids).f1
    expect(bcubed(gold, predicted, ids).f1).toBeGreaterThan(none)
  })
})
