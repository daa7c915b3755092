// The block order (src/merge/order.ts) against the quadratic implementation
// it replaced, kept here as the reference: on random blocks (inputs holding
// subsets of the entries in their own orders, which may disagree; tied
// positions, texts and keys; a base or none) both give the same order.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { orderEntries, type Entry } from '../src/merge/order.js'
import { byCodeUnits } from '../src/order.js'

/** The order as it was computed before (a scan of the anchors left for each slot). */
function referenceOrder<T>(entries: readonly Entry<T>[], paths: readonly string[], base: number, aligned = false): T[] {
  if (entries.length === 0) return []
  const runsOf = new Map<number, { count: number; least: string }>()
  for (const e of entries) {
    for (const p of e.places) {
      const run = runsOf.get(p.agent)
      if (!run) runsOf.set(p.agent, { count: 1, least: p.text })
      else {
        run.count++
        if (p.text < run.least) run.least = p.text
      }
    }
  }
  const runs = [...runsOf.keys()].sort((x, y) => {
    const a = runsOf.get(x)!
    const b = runsOf.get(y)!
    return Number(y === base) - Number(x === base) || b.count - a.count || byCodeUnits(a.least, b.least) || byCodeUnits(paths[x]!, paths[y]!) || x - y
  })
  const priority = new Map(runs.map((a, i) => [a, i]))
  const keyed = entries.map((e) => {
    // The entry's owner: its contributor in the earliest run.
    let owner = e.places[0]
    for (const p of e.places) if (owner === undefined || priority.get(p.agent)! < priority.get(owner.agent)!) owner = p
    return { e, run: owner === undefined ? runs.length : priority.get(owner.agent)!, pos: owner?.pos ?? 1, slot: 0 }
  })
  if (aligned) referenceSlots(keyed)
  keyed.sort((x, y) => x.e.part - y.e.part || x.slot - y.slot || x.run - y.run || x.pos - y.pos || byCodeUnits(x.e.key, y.e.key))
  return keyed.map((k) => k.e.value)
}

/**
 * The slots of a block's entries. Anchors (entries of two or more inputs)
 * take the odd slots 1, 3, ... in an order that keeps every input's own
 * order of them: each anchor waits for the anchors before it in every input
 * holding both; among those ready, the earliest by its owner's position
 * (then run, then text); when the inputs disagree (no anchor is ready), the
 * earliest of those left. Every other entry takes the even slot after the
 * last anchor holding an earlier item of its input, so it stays between the
 * anchors its input placed it between.
 */
function referenceSlots<T>(keyed: Array<{ e: Entry<T>; run: number; pos: number; slot: number }>): void {
  type Keyed = (typeof keyed)[number]
  const anchors = keyed.filter((k) => new Set(k.e.places.map((p) => p.agent)).size >= 2)
  const before = (x: Keyed, y: Keyed) => x.pos - y.pos || x.run - y.run || byCodeUnits(x.e.key, y.e.key)
  // Each input's anchors in its own order: a chain; an anchor waits for its predecessor in every chain.
  const chains = new Map<number, Array<{ anchor: Keyed; pos: number }>>()
  for (const anchor of anchors) {
    for (const p of anchor.e.places) {
      const chain = chains.get(p.agent)
      if (chain) chain.push({ anchor, pos: p.pos })
      else chains.set(p.agent, [{ anchor, pos: p.pos }])
    }
  }
  const next = new Map<Keyed, Set<Keyed>>(anchors.map((a) => [a, new Set()]))
  const waiting = new Map<Keyed, number>(anchors.map((a) => [a, 0]))
  for (const chain of chains.values()) {
    chain.sort((x, y) => x.pos - y.pos)
    for (let i = 1; i < chain.length; i++) {
      const [from, to] = [chain[i - 1]!.anchor, chain[i]!.anchor]
      if (from === to || next.get(from)!.has(to)) continue
      next.get(from)!.add(to)
      waiting.set(to, waiting.get(to)! + 1)
    }
  }
  const left = new Set(anchors)
  let slot = 1
  while (left.size > 0) {
    let chosen: Keyed | undefined
    let ready = false
    for (const a of left) {
      const isReady = waiting.get(a) === 0
      if (chosen === undefined || (isReady && !ready) || (isReady === ready && before(a, chosen) < 0)) {
        chosen = a
        ready = isReady
      }
    }
    chosen!.slot = slot
    slot += 2
    left.delete(chosen!)
    for (const to of next.get(chosen!)!) waiting.set(to, waiting.get(to)! - 1)
  }
  for (const k of keyed) {
    if (k.slot !== 0) continue
    const mine = k.e.places[0]
    if (!mine) continue
    for (const { anchor, pos } of chains.get(mine.agent) ?? []) if (pos < mine.pos) k.slot = Math.max(k.slot, anchor.slot + 1)
  }
}

const block = fc
  .record({ inputs: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 40 }) })
  .chain(({ inputs, n }) =>
    fc.record({
      inputs: fc.constant(inputs),
      orders: fc.array(fc.shuffledSubarray([...Array(n).keys()]), { minLength: inputs, maxLength: inputs }),
      keys: fc.array(fc.constantFrom('a', 'b'), { minLength: n, maxLength: n }),
      texts: fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: n * inputs, maxLength: n * inputs }),
      parts: fc.array(fc.constantFrom<0 | 1 | 2>(0, 1, 1, 1, 2), { minLength: n, maxLength: n }),
      // Positions rounded to a few steps, so that inputs tie on them.
      steps: fc.constantFrom(0, 1, 2, 3),
      // An entry holding two items of one input (its own twin), now and then.
      twin: fc.option(fc.tuple(fc.nat(n - 1), fc.nat(inputs - 1))),
      base: fc.integer({ min: -1, max: inputs - 1 }),
    }),
  )
  .map(({ inputs, orders, keys, texts, parts, steps, twin, base }) => {
    const entries: Entry<number>[] = keys.map((key, i) => ({ value: i, places: [], part: parts[i]!, key }))
    orders.forEach((order, agent) =>
      order.forEach((e, i) => {
        const pos = steps === 0 ? i / order.length : Math.round((i / order.length) * steps) / steps
        entries[e]!.places.push({ agent, pos, text: texts[e * inputs + agent]! })
      }),
    )
    if (twin) entries[twin[0]]!.places.push({ agent: twin[1], pos: 0.5, text: 'x' })
    return { entries, paths: Array.from({ length: inputs }, (_, i) => `agents/p${i}.md`), base }
  })

describe('merge order: the block order', () => {
  it('is the reference order on random blocks, aligned or not', () => {
    fc.assert(
      fc.property(block, ({ entries, paths, base }) => {
        for (const aligned of [true, false]) expect(orderEntries(entries, paths, base, aligned)).toEqual(referenceOrder(entries, paths, base, aligned))
      }),
      { seed: 20261207, numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    )
  })
})
