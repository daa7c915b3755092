// A WordMemo (what analyzeWords has read of single words, kept for a batch
// of statements) must not change any statement's terms: reading the fixtures'
// lines with one shared memo, in either order, gives what reading each line
// alone gives.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { groupDuplicates } from '../src/similarity/index.js'
import { ProfileMemo } from '../src/similarity/index.js'
import { analyzeWords, WordMemo } from '../src/similarity/terms.js'

const DIR = join(import.meta.dirname, '../fixtures/backend-developer')
const LINES = readdirSync(DIR)
  .sort()
  .flatMap((f) => readFileSync(join(DIR, f), 'utf8').split('\n'))
  .map((l) => l.trim())
  .filter(Boolean)

describe('WordMemo', () => {
  it('gives the terms of each text read alone, whatever was read before', () => {
    for (const order of [LINES, [...LINES].reverse()]) {
      const memo = new WordMemo()
      for (const text of order) expect(analyzeWords(text, memo)).toEqual(analyzeWords(text))
    }
  })

  it('gives groupDuplicates the shapes it would make itself', () => {
    const memo = new ProfileMemo()
    const items = LINES.map((text) => ({ text, kind: 'item' }))
    for (const it of items) memo.shape(it.text, it.kind)
    expect(groupDuplicates(items, {}, memo)).toEqual(groupDuplicates(items))
  })

  it('keeps words apart by how they are written', () => {
    const memo = new WordMemo()
    // Case decides REST the style from "at rest"; a slash splits two words.
    expect(analyzeWords('REST APIs', memo).map((w) => w.term)).toEqual(analyzeWords('REST APIs').map((w) => w.term))
    expect(analyzeWords('Encryption at rest', memo).map((w) => w.term)).not.toContain('restful')
    expect(analyzeWords('authentication/authorization', memo).map((w) => w.term)).toEqual(analyzeWords('authentication/authorization').map((w) => w.term))
    expect(analyzeWords('authentication/authorization', memo)).toHaveLength(2)
  })
})
