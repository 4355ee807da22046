import type { Statement } from 'better-sqlite3';
import type { EventRow, StreamRow } from './schema.js';
import type {
  Cursor,
  EventQuery,
  FilterPage,
  FilterQuery,
  GroupEvent,
  ScanBudget,
  StoredEvent,
} from './types.js';

// The event reads: one stream by cursor (GetLogEvents), a whole group by matcher (FilterLogEvents),
// and counts of a group's events by substring (the status line's totals after a restart).

type Sql = (text: string) => Statement;

const MIN = Number.MIN_SAFE_INTEGER;
const MAX = Number.MAX_SAFE_INTEGER;
/** Rows read per step of a group scan: a matcher runs over them before the next step. */
const SCAN_CHUNK = 2000;

/**
 * A filter call's default budget: a 100 ms slice of the main thread. Matching is linear but may
 * cost microseconds per character (a wide bounded repeat), so a whole store (64 MiB) in one call
 * could hold every port for minutes; a slice answers with a token instead.
 */
export function scanBudget(overrides: Partial<ScanBudget> = {}): ScanBudget {
  return { chars: Number.POSITIVE_INFINITY, ms: 100, clock: () => performance.now(), ...overrides };
}

export function toEvent(r: EventRow): StoredEvent {
  return { id: r.id, timestamp: r.ts, ingestionTime: r.ingestion, message: r.message };
}

export function readEvents(sql: Sql, streamId: number, q: EventQuery): StoredEvent[] {
  const forward = q.direction === 'forward';
  const c = q.cursor;
  let start = q.startTime ?? MIN;
  let end = q.endTime ?? MAX;
  // The cursor narrows the index range itself ((ts, id) row values or an OR would not bound the
  // scan); rows of the cursor's own timestamp on the wrong side of its id are then skipped.
  let skip = '';
  if (c !== undefined && forward) {
    start = Math.max(start, c.ts);
    skip = 'AND NOT (ts = ? AND id <= ?)';
  } else if (c !== undefined) {
    end = Math.min(end, c.ts + 1);
    skip = 'AND NOT (ts = ? AND id >= ?)';
  }
  const dir = forward ? 'ASC' : 'DESC';
  const rows = sql(
    `SELECT id, ts, ingestion, message FROM log_events WHERE stream_id = ? AND ts >= ? AND ts < ? ${skip}
     ORDER BY ts ${dir}, id ${dir} LIMIT ?`,
  ).all(streamId, start, end, ...(c === undefined ? [] : [c.ts, c.id]), q.limit) as EventRow[];
  if (!forward) rows.reverse();
  return rows.map(toEvent);
}

export function filterGroup(sql: Sql, groupId: number, q: FilterQuery): FilterPage {
  const names = new Map<number, string>();
  for (const s of sql('SELECT id, name FROM log_streams WHERE group_id = ?').all(groupId) as StreamRow[]) {
    const wanted =
      (q.streams === undefined || q.streams.includes(s.name)) &&
      (q.streamPrefix === undefined || s.name.startsWith(q.streamPrefix));
    if (wanted) names.set(s.id, s.name);
  }
  const scan = sql(
    `SELECT id, stream_id, ts, ingestion, message FROM log_events WHERE group_id = ? AND ts >= ? AND ts < ?
     AND NOT (ts = ? AND id <= ?) ORDER BY ts, id LIMIT ?`,
  );
  const start = q.startTime ?? MIN;
  const end = q.endTime ?? MAX;
  const budget = q.budget;
  const began = budget?.clock() ?? 0;
  let chars = 0;
  let scanned = 0;
  // Each step starts its index range at the cursor's timestamp (see readEvents).
  const events: GroupEvent[] = [];
  let at: Cursor = q.after ?? { ts: MIN, id: 0 };
  const stopHere = (): FilterPage => {
    const more = scan.all(groupId, Math.max(start, at.ts), end, at.ts, at.id, 1).length > 0;
    return more ? { events, next: at, scanned } : { events, scanned };
  };
  for (;;) {
    const rows = scan.all(groupId, Math.max(start, at.ts), end, at.ts, at.id, SCAN_CHUNK) as (EventRow & {
      stream_id: number;
    })[];
    for (const r of rows) {
      at = { ts: r.ts, id: r.id };
      scanned++;
      const logStreamName = names.get(r.stream_id);
      if (logStreamName !== undefined) {
        if (q.match !== undefined) chars += r.message.length;
        if (q.match === undefined || q.match(r.message)) {
          events.push({ ...toEvent(r), logStreamName });
          if (events.length === q.limit) return stopHere();
        }
      }
      if (budget !== undefined && (chars >= budget.chars || budget.clock() - began >= budget.ms)) {
        return stopHere();
      }
    }
    if (rows.length < SCAN_CHUNK) return { events, scanned };
  }
}

/** Per substring, the group's events that contain it: one scan of the group's index in SQL. */
export function countContaining(sql: Sql, groupId: number, substrings: readonly string[]): number[] {
  if (substrings.length === 0) return [];
  const sums = substrings.map((_, i) => `COALESCE(SUM(instr(message, ?) > 0), 0) AS c${i}`).join(', ');
  const row = sql(`SELECT ${sums} FROM log_events WHERE group_id = ?`).get(...substrings, groupId) as Record<
    string,
    number
  >;
  return substrings.map((_, i) => row[`c${i}`]!);
}
