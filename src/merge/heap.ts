// A binary min-heap under a caller's order: the merge's block ordering takes
// the least of a changing set of anchors many times over, which a scan of
// the set would make quadratic.

export class MinHeap<T> {
  private readonly items: T[] = []
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length
  }

  push(item: T): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const up = (i - 1) >> 1
      if (!this.less(items[i]!, items[up]!)) break
      ;[items[i], items[up]] = [items[up]!, items[i]!]
      i = up
    }
  }

  /** The least item, left in the heap. */
  peek(): T | undefined {
    return this.items[0]
  }

  /** Removes and returns the least item. */
  pop(): T | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    items[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let least = i
      if (l < items.length && this.less(items[l]!, items[least]!)) least = l
      if (r < items.length && this.less(items[r]!, items[least]!)) least = r
      if (least === i) break
      ;[items[i], items[least]] = [items[least]!, items[i]!]
      i = least
    }
    return top
  }
}
