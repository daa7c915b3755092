// The anchor slots of a block (src/merge/order.ts slotByAnchors) against a
// quadratic reference of the same rule (the implementation it replaced, with
// the later rule for inputs that share no anchor): on
// random blocks (inputs holding subsets of the entries in their own orders,
// which may disagree; tied positions, texts and keys; a base or none) both
// give every entry the same slot.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anchorChains, keyedEntries, slotByAnchors, type Entry, type Keyed } from '../src/merge/order.js'
import { byCodeUnits } from '../src/order.js'

/**
 * The slots of a block's entries. Anchors (body entries of two or more
 * inputs) take the odd slots 1, 3, ... in an order that keeps every input's own
 * order of them: each anchor waits for the anchors before it in every input
 * holding both; among those ready, the earliest by its owner's position
 * (then run, then text); when the inputs disagree (no anchor is ready), the
 * earliest of those left. Every other entry takes the even slot after the
 * last anchor holding an earlier item of its input, so it stays between the
 * anchors its input placed it between.
 */
function referenceSlots<T>(keyed: Array<Keyed<T>>): void {
  type Slotted = Keyed<T>
  const anchors = keyed.filter((k) => k.e.part === 1 && new Set(k.e.places.map((p) => p.agent)).size >= 2)
  const before = (x: Slotted, y: Slotted) => x.pos - y.pos || x.run - y.run || byCodeUnits(x.e.key, y.e.key)
  // The chains and what waits for what are the implementation's (anchorChains): what is checked is the choice of slots.
  const { chains, next, waiting } = anchorChains(anchors)
  const left = new Set(anchors)
  let slot = 1
  while (left.size > 0) {
    let chosen: Slotted | undefined
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
    // An input with no anchor: after every anchor.
    if (!chains.has(mine.agent)) k.slot = slot
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

describe('merge order: the anchor slots of a block', () => {
  it('are the reference slots on random blocks', () => {
    fc.assert(
      fc.property(block, ({ entries, paths, base }) => {
        const keyed = keyedEntries(entries, paths, base)
        const reference = keyed.map((k) => ({ ...k }))
        slotByAnchors(keyed)
        referenceSlots(reference)
        expect(keyed.map((k) => k.slot)).toEqual(reference.map((k) => k.slot))
      }),
      { seed: 20261207, numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    )
  })
})
