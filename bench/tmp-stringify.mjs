import { readFileSync } from 'node:fs'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
const files = process.argv.slice(2)
const p = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one', fences: true }).freeze()
const texts = files.map((f) => readFileSync(f, 'utf8'))
const P = [], S = []
for (let r = 0; r < 40; r++) {
  const t0 = performance.now()
  const trees = texts.map((t) => p.parse(t))
  const t1 = performance.now()
  let n = 0
  for (const tree of trees) n += p.stringify(tree).length
  const t2 = performance.now()
  if (r >= 10) { P.push(t1 - t0); S.push(t2 - t1) }
}
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
console.log('parse', med(P).toFixed(1), 'stringify', med(S).toFixed(1), 'ratio', (med(S) / med(P)).toFixed(2))
