import type { LogDb } from './db.js';
import type { AppendedBatch, LogEventInput, StoredEvent } from './types.js';
import { expire, prune } from './usage.js';

// What a flush writes: the batches appended since the last one, in one transaction, followed by
// retention and the size cap.

/** CloudWatch counts each event as its UTF-8 message plus 26 bytes. */
export const EVENT_OVERHEAD = 26;
const EXPIRY_INTERVAL = 60_000;

/** Events appended to one stream, waiting for the next flush. */
export interface Pending {
  group: string;
  stream: string;
  events: LogEventInput[];
  ingestion: number;
}

/** Stores the batches; the caller runs it inside one transaction. */
export function writeBatches(db: LogDb, batches: Pending[], maxBytes: number): AppendedBatch[] {
  const stored: AppendedBatch[] = [];
  for (const b of batches) stored.push(writeBatch(db, b));
  if (db.now() - db.expiredAt >= EXPIRY_INTERVAL) expire(db.st, db.usage, (db.expiredAt = db.now()));
  if (db.usage.total > maxBytes) prune(db.st, db.usage, maxBytes);
  return stored;
}

function writeBatch(db: LogDb, b: Pending): AppendedBatch {
  const { st, usage } = db;
  const { gid, sid } = db.streamIds(b.group, b.stream);
  const events: StoredEvent[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const e of b.events) {
    const bytes = Buffer.byteLength(e.message) + EVENT_OVERHEAD;
    const id = Number(
      st.insertEvent.run(gid, sid, e.timestamp, b.ingestion, e.message, bytes).lastInsertRowid,
    );
    events.push({ id, timestamp: e.timestamp, ingestionTime: b.ingestion, message: e.message });
    usage.add(gid, bytes);
    first = Math.min(first, e.timestamp);
    last = Math.max(last, e.timestamp);
  }
  st.touchStream.run(first, first, last, last, b.ingestion, sid);
  return { group: b.group, stream: b.stream, events };
}
