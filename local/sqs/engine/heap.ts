// A binary min-heap keyed by `at`. Entries are never removed from the middle:
// a caller that reschedules pushes a new entry and treats the old one as stale
// when it surfaces (lazy deletion), which keeps every operation O(log n).

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
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && items[l]!.at < items[m]!.at) m = l;
      if (r < n && items[r]!.at < items[m]!.at) m = r;
      if (m === i) break;
      const t = items[m]!;
      items[m] = items[i]!;
      items[i] = t;
      i = m;
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
