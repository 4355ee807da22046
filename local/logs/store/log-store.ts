import type { LogDb } from './db.js';
import { createGroup, deleteGroup, findGroup, listGroups, setRetention } from './groups.js';
import { countContaining, filterGroup, readEvents } from './read.js';
import { createStream, deleteStream, listStreams, streamInfo, streamRow } from './streams.js';
import type {
  AppendedBatch,
  EventQuery,
  FilterPage,
  FilterQuery,
  GroupInfo,
  GroupQuery,
  LogEventInput,
  LogStore,
  StoredEvent,
  StreamInfo,
  StreamQuery,
} from './types.js';
import { writeBatches, type Pending } from './write.js';

/** Appended events that are written at once, without waiting for the delay. */
const MAX_PENDING = 5000;

export interface LogStoreSettings {
  maxBytes: number;
  flushDelayMs: number;
  onError: (error: unknown) => void;
}

/**
 * The LogStore over a LogDb. Appends wait in `pending` and are written together, in one
 * transaction, at the end of the delay (or at once past MAX_PENDING); every query flushes first.
 */
export class SqliteLogStore implements LogStore {
  private pending: Pending[] = [];
  private pendingEvents = 0;
  private scheduled = false;
  private closed = false;
  private readonly listeners = new Set<(batch: AppendedBatch) => void>();
  private readonly write: (batches: Pending[]) => AppendedBatch[];

  constructor(
    private readonly db: LogDb,
    private readonly settings: LogStoreSettings,
  ) {
    this.write = db.sqlite.transaction((batches: Pending[]) => writeBatches(db, batches, settings.maxBytes));
  }

  append(group: string, stream: string, events: LogEventInput[]): void {
    if (this.closed) throw new Error('log store is closed');
    if (events.length === 0) return;
    this.pending.push({ group, stream, events, ingestion: this.db.now() });
    this.pendingEvents += events.length;
    if (this.pendingEvents >= MAX_PENDING) this.flushSafely();
    else if (!this.scheduled) {
      this.scheduled = true;
      if (this.settings.flushDelayMs === 0) setImmediate(this.flushSafely);
      else setTimeout(this.flushSafely, this.settings.flushDelayMs).unref();
    }
  }

  private readonly flushSafely = (): void => {
    this.scheduled = false;
    try {
      this.flush();
    } catch (error) {
      // The batch is lost, but a full disk must not take the runtime down with it.
      this.settings.onError(error);
    }
  };

  flush(): void {
    if (this.pending.length === 0 || this.closed) return;
    const batches = this.pending;
    this.pending = [];
    this.pendingEvents = 0;
    this.publish(this.write(batches));
  }

  private publish(stored: AppendedBatch[]): void {
    for (const batch of stored) {
      for (const listener of this.listeners) {
        try {
          listener(batch);
        } catch (error) {
          // One broken tail must not keep the batch from the others, nor fail the append.
          this.settings.onError(error);
        }
      }
    }
  }

  createGroup(name: string): 'created' | 'exists' {
    this.flush();
    return createGroup(this.db, name);
  }

  deleteGroup(name: string): 'deleted' | 'no-group' {
    this.flush();
    return deleteGroup(this.db, name);
  }

  createStream(group: string, stream: string): 'created' | 'exists' | 'no-group' {
    this.flush();
    return createStream(this.db, group, stream);
  }

  deleteStream(group: string, stream: string): 'deleted' | 'no-group' | 'no-stream' {
    this.flush();
    return deleteStream(this.db, group, stream);
  }

  setRetention(group: string, days: number | undefined): 'set' | 'no-group' {
    return setRetention(this.db, group, days);
  }

  group(name: string): GroupInfo | undefined {
    this.flush();
    return findGroup(this.db, name);
  }

  groups(query: GroupQuery): { groups: GroupInfo[]; more: boolean } {
    this.flush();
    return listGroups(this.db, query);
  }

  stream(group: string, stream: string): StreamInfo | undefined {
    this.flush();
    const row = streamRow(this.db, group, stream);
    return row === undefined ? undefined : streamInfo(row);
  }

  streams(group: string, query: StreamQuery): { streams: StreamInfo[]; more: boolean } | undefined {
    this.flush();
    return listStreams(this.db, group, query);
  }

  events(group: string, stream: string, query: EventQuery): StoredEvent[] {
    this.flush();
    const row = streamRow(this.db, group, stream);
    return row === undefined ? [] : readEvents(this.db.sql, row.id, query);
  }

  filter(group: string, query: FilterQuery): FilterPage {
    this.flush();
    const gid = this.db.groupId(group);
    return gid === undefined ? { events: [], scanned: 0 } : filterGroup(this.db.sql, gid, query);
  }

  countContaining(group: string, substrings: readonly string[]): number[] {
    this.flush();
    const gid = this.db.groupId(group);
    return gid === undefined ? substrings.map(() => 0) : countContaining(this.db.sql, gid, substrings);
  }

  subscribe(listener: (batch: AppendedBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  storedBytes(): number {
    return this.db.usage.total;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.listeners.clear();
    this.db.sqlite.close();
  }
}
