// The one seeded PRNG of the scripts, the bench and the property tests
// (mulberry32): the same seed gives the same numbers, so every corpus,
// embedding and random input built from it is reproducible.

/** mulberry32: a small, fast, seedable PRNG returning numbers in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
