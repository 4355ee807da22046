import type { DataDir } from '../../config/index.js';

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

/** One line as a function (or PutLogEvents) hands it in. */
export interface LogEventInput {
  timestamp: number;
  message: string;
}

/** A kept event. `id` grows with every event stored and orders events of equal timestamp. */
export interface StoredEvent {
  id: number;
  timestamp: number;
  ingestionTime: number;
  message: string;
}

/** An event of a group together with the stream it is in. */
export interface GroupEvent extends StoredEvent {
  logStreamName: string;
}

/** A position between events, in (timestamp, id) order. */
export interface Cursor {
  ts: number;
  id: number;
}

export interface GroupInfo {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  storedBytes: number;
}

export interface StreamInfo {
  name: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
}

export interface GroupQuery {
  /** Names that start with this. */
  prefix?: string;
  /** Names that contain this, case-insensitively. */
  contains?: string;
  /** Names after this one (the last of the previous page). */
  after?: string;
  limit: number;
}

export interface StreamQuery {
  prefix?: string;
  orderBy: 'LogStreamName' | 'LastEventTime';
  descending: boolean;
  offset: number;
  limit: number;
}

export interface EventQuery {
  startTime?: number;
  endTime?: number;
  /** Events after the cursor, oldest first; otherwise the newest before `before` (or the end). */
  direction: 'forward' | 'backward';
  cursor?: Cursor;
  limit: number;
}

export interface FilterQuery {
  streams?: string[];
  streamPrefix?: string;
  startTime?: number;
  endTime?: number;
  match?: (message: string) => boolean;
  after?: Cursor;
  limit: number;
  /** Bounds the work of this one call; unbounded when absent (see ScanBudget). */
  budget?: ScanBudget;
}

/**
 * The work one filter call may do before it answers with what it found and a cursor to resume
 * from: whichever of the two runs out first. Checked after every event scanned, so one event (at
 * most 256 KiB) may overrun it.
 */
export interface ScanBudget {
  /** Message characters run through the matcher. */
  chars: number;
  /** Milliseconds by `clock`, from the call's start. */
  ms: number;
  clock: () => number;
}

/** A filter call's answer: `next` when more may follow (the limit or the budget was reached). */
export interface FilterPage {
  events: GroupEvent[];
  next?: Cursor;
  /** Events read from the store in this call, matched or not. */
  scanned: number;
}

/** What a live tail receives: the events just stored in one stream. */
export interface AppendedBatch {
  group: string;
  stream: string;
  events: StoredEvent[];
}

export interface LogStore {
  /** Keeps events (creating the group and stream as Lambda does); stored within the current tick. */
  append(group: string, stream: string, events: LogEventInput[]): void;
  createGroup(name: string): 'created' | 'exists';
  deleteGroup(name: string): 'deleted' | 'no-group';
  createStream(group: string, stream: string): 'created' | 'exists' | 'no-group';
  deleteStream(group: string, stream: string): 'deleted' | 'no-group' | 'no-stream';
  setRetention(group: string, days: number | undefined): 'set' | 'no-group';
  group(name: string): GroupInfo | undefined;
  /** Sorted by name; `more` says a further page exists. */
  groups(query: GroupQuery): { groups: GroupInfo[]; more: boolean };
  stream(group: string, stream: string): StreamInfo | undefined;
  streams(group: string, query: StreamQuery): { streams: StreamInfo[]; more: boolean } | undefined;
  /** One stream's events in (timestamp, id) order. */
  events(group: string, stream: string, query: EventQuery): StoredEvent[];
  /** A group's matching events in (timestamp, id) order; `next` when more may follow. */
  filter(group: string, query: FilterQuery): FilterPage;
  /**
   * For each of `substrings`, how many of the group's events contain it (case-sensitive), in one
   * pass over the group; zeros for a group that does not exist.
   */
  countContaining(group: string, substrings: readonly string[]): number[];
  /** Calls the listener with every batch stored from now on; returns the unsubscribe function. */
  subscribe(listener: (batch: AppendedBatch) => void): () => void;
  /** Bytes kept (message bytes + 26 per event, as CloudWatch counts them). */
  storedBytes(): number;
  /** Writes what append buffered. Queries flush first, so this is rarely needed. */
  flush(): void;
  close(): void;
}
