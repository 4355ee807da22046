import type { Statements } from './schema.js';

// What the store holds, in bytes as CloudWatch counts them, and the two ways events leave it:
// retention and the size cap.

const DAY = 86_400_000;
const PRUNE_CHUNK = 2000;

export class Usage {
  total = 0;
  private readonly byGroup = new Map<number, number>();

  constructor(rows: { group_id: number; bytes: number }[]) {
    for (const r of rows) this.add(r.group_id, r.bytes);
  }

  of(groupId: number): number {
    return this.byGroup.get(groupId) ?? 0;
  }

  add(groupId: number, bytes: number): void {
    this.byGroup.set(groupId, this.of(groupId) + bytes);
    this.total += bytes;
  }

  remove(groupId: number, bytes: number): void {
    this.add(groupId, -bytes);
  }

  dropGroup(groupId: number): void {
    this.total -= this.of(groupId);
    this.byGroup.delete(groupId);
  }
}

/** Deletes events older than their group's retention, as CloudWatch Logs does. */
export function expire(st: Statements, usage: Usage, now: number): void {
  for (const g of st.retained.all()) {
    const before = now - g.retention * DAY;
    const bytes = st.expiredBytes.get(g.id, before)?.bytes ?? 0;
    if (bytes === 0) continue;
    st.expire.run(g.id, before);
    usage.remove(g.id, bytes);
  }
}

/** Drops the oldest events until the store is a tenth under its cap (so pruning is not per append). */
export function prune(st: Statements, usage: Usage, maxBytes: number): void {
  const target = maxBytes * 0.9;
  while (usage.total > target) {
    const rows = st.oldest.all(PRUNE_CHUNK);
    if (rows.length === 0) break;
    let through = 0;
    for (const r of rows) {
      if (usage.total <= target) break;
      usage.remove(r.group_id, r.bytes);
      through = r.id;
    }
    st.dropThrough.run(through);
  }
}
