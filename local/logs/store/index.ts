import type { DataDir } from '../../config/index.js';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { filterGroup, readEvents, streamInfo } from './read.js';
import { SCHEMA, prepare } from './schema.js';
import { expire, prune, Usage } from './usage.js';
import type { StreamRow } from './schema.js';
import type {
  AppendedBatch,
  EventQuery,
  FilterQuery,
  GroupInfo,
  GroupQuery,
  LogEventInput,
  LogStore,
  StoredEvent,
  StreamQuery,
} from './types.js';

export interface LogStoreOptions {
  /** The opened data directory that keeps logs.db; without it (or memory) everything stays in memory. */
  data?: DataDir;
  /** Size cap in bytes (message bytes + 26 per event); the oldest events go first. Default 64 MiB. */
  maxBytes?: number;
  /** Ingestion and creation times. Default Date.now. */
  now?: () => number;
  /**
   * How long appended events wait to be written together (one transaction). Queries write what
   * waits first, so they never miss an event; only live-tail listeners see it up to this late.
   * 0 writes at the end of the current tick. Default 50.
   */
  flushDelayMs?: number;
  /** A write that failed outside any caller (the end-of-tick flush). Default: printed on stderr. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** CloudWatch counts each event as its UTF-8 message plus 26 bytes. */
export const EVENT_OVERHEAD = 26;
export const DEFAULT_FLUSH_DELAY_MS = 50;
/** Appended events that are written at once, without waiting for the delay. */
const MAX_PENDING = 5000;
const EXPIRY_INTERVAL = 60_000;

interface Pending {
  group: string;
  stream: string;
  events: LogEventInput[];
  ingestion: number;
}

export function createLogStore(options: LogStoreOptions = {}): LogStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes <= 0)
    throw new Error(`createLogStore: maxBytes must be > 0, got ${maxBytes}`);
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('ferry logs: write failed', error));
  const db = new Database(options.data?.kind === 'durable' ? options.data.file('logs.db') : ':memory:');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const st = prepare(db);
  const cached = new Map<string, Statement>();
  const sql = (text: string) => {
    let s = cached.get(text);
    if (s === undefined) cached.set(text, (s = db.prepare(text)));
    return s;
  };
  const usage = new Usage(st.bytesByGroup.all());
  const listeners = new Set<(batch: AppendedBatch) => void>();
  let pending: Pending[] = [];
  /** Group and stream ids by `group\0stream`, so a flush reads no rows; cleared by deletes. */
  const known = new Map<string, { gid: number; sid: number }>();
  let scheduled = false;
  let pendingEvents = 0;
  const flushDelayMs = options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS;
  let expiredAt = -Infinity;
  let closed = false;

  const groupId = (name: string) => st.groupByName.get(name)?.id;
  const ensureGroup = (name: string) =>
    groupId(name) ?? Number(st.insertGroup.run(name, now()).lastInsertRowid);
  const ensureStream = (gid: number, name: string) =>
    st.streamByName.get(gid, name)?.id ?? Number(st.insertStream.run(gid, name, now()).lastInsertRowid);

  const write = db.transaction((batches: Pending[]) => {
    const stored: AppendedBatch[] = [];
    for (const b of batches) {
      const key = `${b.group}\u0000${b.stream}`;
      let ids = known.get(key);
      if (ids === undefined) {
        const g = ensureGroup(b.group);
        known.set(key, (ids = { gid: g, sid: ensureStream(g, b.stream) }));
      }
      const { gid, sid } = ids;
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
      stored.push({ group: b.group, stream: b.stream, events });
    }
    if (now() - expiredAt >= EXPIRY_INTERVAL) expire(st, usage, (expiredAt = now()));
    if (usage.total > maxBytes) prune(st, usage, maxBytes);
    return stored;
  });

  function flushSafely(): void {
    scheduled = false;
    try {
      flush();
    } catch (error) {
      // The batch is lost, but a full disk must not take the runtime down with it.
      onError(error);
    }
  }

  function flush(): void {
    if (pending.length === 0 || closed) return;
    const batches = pending;
    pending = [];
    pendingEvents = 0;
    const stored = write(batches);
    for (const batch of stored) {
      for (const listener of listeners) {
        try {
          listener(batch);
        } catch (error) {
          // One broken tail must not keep the batch from the others, nor fail the append.
          onError(error);
        }
      }
    }
  }

  const groupInfo = (r: {
    id: number;
    name: string;
    created: number;
    retention: number | null;
  }): GroupInfo => ({
    name: r.name,
    creationTime: r.created,
    ...(r.retention !== null ? { retentionInDays: r.retention } : {}),
    storedBytes: usage.of(r.id),
  });
  return {
    append(group, stream, events) {
      if (closed) throw new Error('log store is closed');
      if (events.length === 0) return;
      pending.push({ group, stream, events, ingestion: now() });
      pendingEvents += events.length;
      if (pendingEvents >= MAX_PENDING) flushSafely();
      else if (!scheduled) {
        scheduled = true;
        if (flushDelayMs === 0) setImmediate(flushSafely);
        else setTimeout(flushSafely, flushDelayMs).unref();
      }
    },
    createGroup(name) {
      flush();
      if (groupId(name) !== undefined) return 'exists';
      st.insertGroup.run(name, now());
      return 'created';
    },
    deleteGroup(name) {
      flush();
      const gid = groupId(name);
      if (gid === undefined) return 'no-group';
      known.clear();
      db.transaction(() => {
        st.deleteGroupEvents.run(gid);
        st.deleteGroupStreams.run(gid);
        st.deleteGroup.run(gid);
      })();
      usage.dropGroup(gid);
      return 'deleted';
    },
    createStream(group, stream) {
      flush();
      const gid = groupId(group);
      if (gid === undefined) return 'no-group';
      if (st.streamByName.get(gid, stream) !== undefined) return 'exists';
      st.insertStream.run(gid, stream, now());
      return 'created';
    },
    deleteStream(group, stream) {
      flush();
      const gid = groupId(group);
      if (gid === undefined) return 'no-group';
      const row = st.streamByName.get(gid, stream);
      if (row === undefined) return 'no-stream';
      const bytes = st.streamBytes.get(row.id)?.bytes ?? 0;
      known.clear();
      db.transaction(() => {
        st.deleteStreamEvents.run(row.id);
        st.deleteStream.run(row.id);
      })();
      usage.remove(gid, bytes);
      return 'deleted';
    },
    setRetention(group, days) {
      const gid = groupId(group);
      if (gid === undefined) return 'no-group';
      st.setRetention.run(days ?? null, gid);
      return 'set';
    },
    group(name) {
      flush();
      const row = st.groupByName.get(name);
      return row === undefined ? undefined : groupInfo(row);
    },
    groups(q: GroupQuery) {
      flush();
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (clause: string, ...values: unknown[]) => where.push(clause) && args.push(...values);
      if (q.prefix !== undefined) add('substr(name, 1, ?) = ?', q.prefix.length, q.prefix);
      if (q.contains !== undefined) add('instr(lower(name), lower(?)) > 0', q.contains);
      if (q.after !== undefined) add('name > ?', q.after);
      const rows = sql(
        `SELECT id, name, created, retention FROM log_groups ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name LIMIT ?`,
      ).all(...args, q.limit + 1) as {
        id: number;
        name: string;
        created: number;
        retention: number | null;
      }[];
      return { groups: rows.slice(0, q.limit).map(groupInfo), more: rows.length > q.limit };
    },
    stream(group, stream) {
      flush();
      const gid = groupId(group);
      const row = gid === undefined ? undefined : st.streamByName.get(gid, stream);
      return row === undefined ? undefined : streamInfo(row);
    },
    streams(group, q: StreamQuery) {
      flush();
      const gid = groupId(group);
      if (gid === undefined) return undefined;
      const dir = q.descending ? 'DESC' : 'ASC';
      const order =
        q.orderBy === 'LastEventTime' ? `COALESCE(last_ts, 0) ${dir}, name ${dir}` : `name ${dir}`;
      const prefix = q.prefix === undefined ? '' : 'AND substr(name, 1, ?) = ?';
      const args = q.prefix === undefined ? [] : [q.prefix.length, q.prefix];
      const rows = sql(
        `SELECT * FROM log_streams WHERE group_id = ? ${prefix} ORDER BY ${order} LIMIT ? OFFSET ?`,
      ).all(gid, ...args, q.limit + 1, q.offset) as StreamRow[];
      return { streams: rows.slice(0, q.limit).map(streamInfo), more: rows.length > q.limit };
    },
    events(group, stream, q: EventQuery) {
      flush();
      const gid = groupId(group);
      const row = gid === undefined ? undefined : st.streamByName.get(gid, stream);
      return row === undefined ? [] : readEvents(sql, row.id, q);
    },
    filter(group, q: FilterQuery) {
      flush();
      const gid = groupId(group);
      return gid === undefined ? { events: [] } : filterGroup(sql, gid, q);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    storedBytes: () => usage.total,
    flush,
    close() {
      if (closed) return;
      flush();
      closed = true;
      listeners.clear();
      db.close();
    },
  };
}
