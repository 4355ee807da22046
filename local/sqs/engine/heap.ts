// A binary min-heap keyed by `at`. Entries are never removed from the middle:
// a caller that reschedules pushes a new entry and treats the old one as stale
// when it surfaces (lazy deletion), which keeps every operation O(log n). A
// caller whose stale entries pile up (they hold their items until their time)
// drops them all at once with compact().

export interface HeapEntry<T> {
  at: number;
  item: T;
}

export class MinHeap<T> {
  private readonly items: HeapEntry<T>[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): HeapEntry<T> | undefined {
    return this.items[0];
  }

  push(at: number, item: T): void {
    const items = this.items;
    items.push({ at, item });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      const c = items[i]!;
      if (p.at <= c.at) break;
      items[parent] = c;
      items[i] = p;
      i = parent;
    }
  }

  pop(): HeapEntry<T> | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    this.siftDown(0);
    return top;
  }

  /** Keeps only the entries `live` accepts, then restores heap order: O(n). */
  compact(live: (entry: HeapEntry<T>) => boolean): void {
    const items = this.items;
    let n = 0;
    for (const entry of items) if (live(entry)) items[n++] = entry;
    items.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  clear(): void {
    this.items.length = 0;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && items[l]!.at < items[m]!.at) m = l;
      if (r < n && items[r]!.at < items[m]!.at) m = r;
      if (m === i) return;
      const t = items[m]!;
      items[m] = items[i]!;
      items[i] = t;
      i = m;
    }
  }
}
