// Learning the similarity data from a corpus of agent definitions: document
// frequencies of stems over the corpus's prose statements, and word vectors
// from co-occurrence within a statement and between a statement and its
// section's title (PPMI + truncated SVD, embed.mjs). Pure: documents in,
// LearnedData out; scripts/train.mjs reads the files and writes the result,
// scripts/eval.mjs can learn from a subset in memory.

import { ppmi, quantize, truncatedEmbedding } from './embed.mjs'

export const LEARN_SETTINGS = { dims: 100, minDf: 5, maxVocab: 6000, minDfStored: 2 }

const PROSE = new Set(['item', 'task', 'paragraph', 'para', 'row', 'lead', 'html'])

/**
 * Prose statements of an agent model with their section titles:
 * [{ text, title }] in document order.
 */
export function statementsWithTitles(root) {
  const out = []
  const visit = (section) => {
    for (const block of section.body) {
      if (block.type === 'section') visit(block)
      else if (block.type === 'statement' && PROSE.has(block.kind)) out.push({ text: block.text, title: section.title ?? '' })
    }
  }
  visit(root)
  return out
}

/**
 * `docs`: [{ text, title }] statements of the corpus in a fixed order;
 * `stems(text)`: the stems of a text (each once). Returns LearnedData
 * without its header's provenance fields.
 */
export function learn(docs, stems, settings = LEARN_SETTINGS) {
  const df = new Map()
  const stemLists = []
  const titleCache = new Map()
  for (const d of docs) {
    const s = stems(d.text)
    stemLists.push(s)
    for (const t of s) df.set(t, (df.get(t) ?? 0) + 1)
  }
  const byDf = [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const vocab = byDf.filter(([, c]) => c >= settings.minDf).slice(0, settings.maxVocab).map(([t]) => t).sort()
  const index = new Map(vocab.map((t, i) => [t, i]))
  const n = vocab.length
  const pairs = new Map()
  const add = (i, j, w) => {
    if (i === j) return
    const key = i < j ? i * n + j : j * n + i
    pairs.set(key, (pairs.get(key) ?? 0) + w)
  }
  docs.forEach((d, k) => {
    const ids = stemLists[k].map((t) => index.get(t)).filter((i) => i !== undefined)
    for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) add(ids[a], ids[b], 1)
    let titleIds = titleCache.get(d.title)
    if (!titleIds) titleCache.set(d.title, (titleIds = stems(d.title).map((t) => index.get(t)).filter((i) => i !== undefined)))
    for (const i of ids) for (const j of titleIds) add(i, j, 1)
  })
  const vectors = truncatedEmbedding(ppmi(n, pairs), settings.dims)
  const vectorTerms = vocab.map((stem, i) => ({ stem, df: df.get(stem), q: quantize(vectors[i]) }))
  const inVocab = new Set(vocab)
  const otherTerms = [...df]
    .filter(([t, c]) => !inVocab.has(t) && c >= settings.minDfStored)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([stem, c]) => ({ stem, df: c }))
  return { dims: settings.dims, vectorTerms, otherTerms, statements: docs.length }
}
