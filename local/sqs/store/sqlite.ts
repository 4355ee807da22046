// The durable store: SQLite (better-sqlite3) in WAL mode with synchronous=NORMAL.
// A committed transaction is in the WAL file before commit returns, so it
// survives kill -9 of the process (not a power cut, which needs FULL).
// Writes are queued and committed together on setImmediate: one transaction
// per event-loop turn however many messages that turn sent (group commit).
// https://www.sqlite.org/wal.html

import Database from 'better-sqlite3';
import type { DataDir } from '../../config/index.js';
import type { Message } from '../engine/message.js';
import type { MoveTask } from '../engine/types.js';
import { encodeAttributes } from './codec.js';
import { load } from './load.js';
import { migrate, SCHEMA } from './schema.js';
import type { DedupRecord, LoadedState, QueueRecord, Store } from './types.js';

// The log of one turn is a flat array: an opcode followed by its values. The
// hot message operations allocate nothing but array slots; the rare ones carry
// a closure.
const INSERT = 0;
const UPDATE = 1;
const DELETE = 2;
const RUN = 3;

const DONE = Promise.resolve();

/**
 * `sqs.db` in the opened data directory (its owner holds the lock and releases it after close).
 * `now` is the engine's clock (dedup entries expire on it).
 */
export function createSqliteStore(
  data: Extract<DataDir, { kind: 'durable' }>,
  now: () => number = Date.now,
): Store {
  return new SqliteStore(open(data.file('sqs.db')), now);
}

function open(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The default 2 MiB page cache makes a deep queue's inserts and deletes read pages back from the OS.
    db.pragma('cache_size = -65536');
    db.exec(SCHEMA);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    putQueue: db.prepare(
      `INSERT INTO queues (name, attributes, tags, created_at, modified_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET attributes = excluded.attributes, tags = excluded.tags,
       modified_at = excluded.modified_at`,
    ),
    deleteQueue: db.prepare('DELETE FROM queues WHERE name = ?'),
    deleteQueueMessages: db.prepare('DELETE FROM messages WHERE queue = ?'),
    deleteQueueDedup: db.prepare('DELETE FROM dedup WHERE queue = ?'),
    insert: db.prepare(
      `INSERT INTO messages (id, queue, body, attributes, system_attributes, sent_at, sender_id, group_id,
       dedup_id, sequence_number, dlq_source_arn, receive_count, first_receive_at, received_at, visible_at, receipt, seq,
       enqueued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(
      `UPDATE messages SET receive_count = ?, first_receive_at = ?, received_at = ?, visible_at = ?, receipt = ?
       WHERE seq = ?`,
    ),
    delete: db.prepare('DELETE FROM messages WHERE seq = ?'),
    putDedup: db.prepare(
      `INSERT OR REPLACE INTO dedup (queue, key, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    pruneDedup: db.prepare('DELETE FROM dedup WHERE expires_at <= ?'),
    putMoveTask: db.prepare(
      'INSERT INTO move_tasks (handle, task) VALUES (?, ?) ON CONFLICT (handle) DO UPDATE SET task = excluded.task',
    ),
  };
}

/** Runs one turn's log against the statements (inside the commit's transaction). */
function replay(s: Statements, log: unknown[]): void {
  for (let i = 0; i < log.length;) {
    switch (log[i]) {
      case INSERT:
        s.insert.run(log.slice(i + 1, i + 19));
        i += 19;
        break;
      case UPDATE:
        s.update.run(log[i + 1], log[i + 2], log[i + 3], log[i + 4], log[i + 5], log[i + 6]);
        i += 7;
        break;
      case DELETE:
        s.delete.run(log[i + 1]);
        i += 2;
        break;
      default:
        (log[i + 1] as () => void)();
        i += 2;
    }
  }
}

/** One promise per turn, shared by every caller waiting on that turn's commit. */
interface Turn {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

class SqliteStore implements Store {
  readonly durable = true;
  private readonly s: Statements;
  private readonly apply: (log: unknown[]) => void;
  /** This turn's writes, not yet committed. */
  private ops: unknown[] = [];
  private turn: Turn | undefined;
  private closed = false;
  private lastPrune = 0;
  private lastRowid: number;
  /** Bound once: every turn schedules the same function. */
  private readonly commitTurn = (): void => this.commit();

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {
    this.s = prepare(db);
    this.apply = db.transaction((log: unknown[]) => replay(this.s, log));
    this.lastRowid =
      (db.prepare('SELECT max(seq) AS seq FROM messages').get() as { seq: number | null }).seq ?? 0;
  }

  load(): LoadedState {
    return load(this.db);
  }

  putQueue(q: QueueRecord): void {
    const attributes = JSON.stringify(q.attributes);
    const tags = JSON.stringify(q.tags);
    this.run(() => this.s.putQueue.run(q.name, attributes, tags, q.createdAt, q.modifiedAt));
  }

  deleteQueue(name: string): void {
    this.run(() => {
      this.s.deleteQueue.run(name);
      this.s.deleteQueueMessages.run(name);
      this.s.deleteQueueDedup.run(name);
    });
  }

  insertMessage(queue: string, m: Message): void {
    if (this.closed) return;
    // Values are copied now: the live message object keeps changing.
    m.rowid = ++this.lastRowid;
    this.ops.push(
      INSERT,
      m.id,
      queue,
      m.body,
      encodeAttributes(m.messageAttributes),
      encodeAttributes(m.messageSystemAttributes),
      m.sentAt,
      m.senderId,
      m.groupId ?? null,
      m.dedupId ?? null,
      m.sequenceNumber ?? null,
      m.dlqSourceArn ?? null,
      m.receiveCount,
      m.firstReceiveAt,
      m.receivedAt,
      m.visibleAt,
      m.receipt,
      m.rowid,
      m.enqueuedAt,
    );
    this.schedule();
  }

  updateMessage(m: Message): void {
    if (this.closed) return;
    this.ops.push(UPDATE, m.receiveCount, m.firstReceiveAt, m.receivedAt, m.visibleAt, m.receipt, m.rowid);
    this.schedule();
  }

  deleteMessage(m: Message): void {
    if (this.closed) return;
    this.ops.push(DELETE, m.rowid);
    this.schedule();
  }

  purgeQueue(name: string): void {
    this.run(() => this.s.deleteQueueMessages.run(name));
  }

  putMoveTask(task: MoveTask): void {
    const json = JSON.stringify(task);
    this.run(() => this.s.putMoveTask.run(task.taskHandle, json));
  }

  putDedup(d: DedupRecord): void {
    this.run(() => this.s.putDedup.run(d.queue, d.key, d.messageId, d.sequenceNumber, d.expiresAt));
  }

  flush(): Promise<void> {
    return this.turn === undefined ? DONE : this.turn.promise;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Callers woken by one commit may write again before the store is closed.
    while (this.turn !== undefined) await this.turn.promise;
    this.closed = true;
    this.db.close();
  }

  /** Queues a rare write (queue, dedup, move task) as a closure run inside the commit. */
  private run(fn: () => void): void {
    if (this.closed) return;
    this.ops.push(RUN, fn);
    this.schedule();
  }

  /** Makes sure this turn's commit is scheduled; returns its promise. */
  private schedule(): Promise<void> {
    if (this.turn === undefined) {
      this.turn = newTurn();
      setImmediate(this.commitTurn);
    }
    return this.turn.promise;
  }

  private commit(): void {
    const log = this.ops;
    const done = this.turn!;
    this.ops = [];
    this.turn = undefined;
    try {
      if (log.length > 0) this.apply(log);
      this.pruneDedup();
    } catch (error) {
      // Nothing of this turn is durable: every caller waiting on it fails (the edge answers 500).
      done.reject(error);
      return;
    }
    done.resolve();
  }

  /** Expired dedup entries go at most once a minute. */
  private pruneDedup(): void {
    const at = this.now();
    if (at - this.lastPrune > 60_000) {
      this.lastPrune = at;
      this.s.pruneDedup.run(at);
    }
  }
}

function newTurn(): Turn {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting (e.g. a change made by a receive that found nothing).
  promise.catch(() => {});
  return { promise, resolve, reject };
}
