// The retired-names check (src/merge/superseded.ts) on a large synthetic
// merge: many inputs of many statements, some retiring made-up tool names,
// the rest asking for them; the reports stay well-formed. The statements are
// indexed once by the names they mention, so this takes seconds where a check
// of every retired name against every statement of its input took minutes.
import { describe, expect, it } from 'vitest'
import { parseAgent, statementsOf } from '../src/index.js'
import { supersededPairs } from '../src/merge/superseded.js'
import { rng } from '../scripts/lib/rng.mjs'

const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'zan', 'qui', 'vor', 'pex', 'dul', 'sam', 'bri', 'nox', 'fel', 'gra', 'hin']

/** `inputs` agents of `n` list items each, over `tools` made-up tool names. */
function synthetic(inputs: number, n: number, tools: number, seed: number) {
  const r = rng(seed)
  const tool = () => {
    const i = Math.floor(r() * tools)
    return SYLLABLES[i % 16]! + SYLLABLES[(i >> 4) % 16]! + SYLLABLES[(i >> 8) % 16]! + 'x'
  }
  return Array.from({ length: inputs }, (_, k) => {
    const items = Array.from({ length: n }, () => (r() < 0.3 ? `- Format with ${tool()} (replacing ${tool()}, ${tool()})` : `- Lint the code with ${tool()} and ${tool()} on save`))
    return parseAgent(`---\nname: a\ndescription: A\n---\n\n${items.join('\n')}\n`, `in${k}.md`)
  })
}

describe('supersededPairs at scale', () => {
  it('checks 20k statements naming 2k tools and reports each recommending statement once, against another input', () => {
    // Parsed once at a tenth of the size (the parse, not the check, was most of the time), then each statement
    // repeated ten times further down its input: the check sees 20k statements, as many places.
    const parsed = synthetic(10, 200, 2000, 5).flatMap((a) => statementsOf(a.root))
    const written = Array.from({ length: 10 }, (_, k) => parsed.map((st) => ({ ...st, source: { ...st.source, line: st.source.line + 1000 * k } }))).flat()
    expect(written).toHaveLength(20000)
    const pairs = supersededPairs(written)
    expect(pairs.length).toBeGreaterThan(written.length / 10)
    expect(new Set(pairs.map((p) => p.recommends)).size).toBe(pairs.length)
    for (const p of pairs) {
      expect(p.retires.source.path).not.toBe(p.recommends.source.path)
      expect(p.retires.text).toMatch(new RegExp(`\\(replacing [^)]*\\b${p.name}\\b`))
      expect(p.recommends.text.toLowerCase()).toContain(p.name)
    }
  })
})
