// The durable store: SQLite (better-sqlite3) in WAL mode with synchronous=NORMAL.
// A committed transaction is in the WAL file before commit returns, so it
// survives kill -9 of the process (not a power cut, which needs FULL).
// Writes are queued and committed together on setImmediate: one transaction
// per event-loop turn however many messages that turn sent (group commit).
// https://www.sqlite.org/wal.html

import Database from 'better-sqlite3';
import type { DataDir } from '../../config/index.js';
import { encodeAttributes } from './codec.js';
import { load } from './load.js';
import { migrate, SCHEMA } from './schema.js';
import type { Store } from './types.js';

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
  const db = new Database(data.file('sqs.db'));
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

  const s = {
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

  let ops: unknown[] = [];
  /** One promise per turn, shared by every caller waiting on that turn's commit. */
  let turn: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined;
  let closed = false;
  let lastPrune = 0;
  let lastRowid =
    (db.prepare('SELECT max(seq) AS seq FROM messages').get() as { seq: number | null }).seq ?? 0;

  const apply = db.transaction((log: unknown[]) => {
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
  });

  function commit(): void {
    const log = ops;
    const done = turn!;
    ops = [];
    turn = undefined;
    try {
      if (log.length > 0) apply(log);
      const at = now();
      if (at - lastPrune > 60_000) {
        lastPrune = at;
        s.pruneDedup.run(at);
      }
    } catch (error) {
      // Nothing of this turn is durable: every caller waiting on it fails (the edge answers 500).
      done.reject(error);
      return;
    }
    done.resolve();
  }

  /** Makes sure this turn's commit is scheduled; returns its promise. */
  function schedule(): Promise<void> {
    if (turn === undefined) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Nobody may be waiting (e.g. a change made by a receive that found nothing).
      promise.catch(() => {});
      turn = { promise, resolve, reject };
      setImmediate(commit);
    }
    return turn.promise;
  }

  function run(fn: () => void): void {
    if (closed) return;
    ops.push(RUN, fn);
    schedule();
  }

  return {
    durable: true,
    load: () => load(db),
    putQueue(q) {
      const attributes = JSON.stringify(q.attributes);
      const tags = JSON.stringify(q.tags);
      run(() => s.putQueue.run(q.name, attributes, tags, q.createdAt, q.modifiedAt));
    },
    deleteQueue(name) {
      run(() => {
        s.deleteQueue.run(name);
        s.deleteQueueMessages.run(name);
        s.deleteQueueDedup.run(name);
      });
    },
    insertMessage(queue, m) {
      if (closed) return;
      // Values are copied now: the live message object keeps changing.
      m.rowid = ++lastRowid;
      ops.push(
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
      schedule();
    },
    updateMessage(m) {
      if (closed) return;
      ops.push(UPDATE, m.receiveCount, m.firstReceiveAt, m.receivedAt, m.visibleAt, m.receipt, m.rowid);
      schedule();
    },
    deleteMessage(m) {
      if (closed) return;
      ops.push(DELETE, m.rowid);
      schedule();
    },
    purgeQueue(name) {
      run(() => s.deleteQueueMessages.run(name));
    },
    putMoveTask(task) {
      const json = JSON.stringify(task);
      run(() => s.putMoveTask.run(task.taskHandle, json));
    },
    putDedup(d) {
      run(() => s.putDedup.run(d.queue, d.key, d.messageId, d.sequenceNumber, d.expiresAt));
    },
    flush(): Promise<void> {
      return turn === undefined ? DONE : turn.promise;
    },
    async close(): Promise<void> {
      if (closed) return;
      // Callers woken by one commit may write again before the store is closed.
      while (turn !== undefined) await turn.promise;
      closed = true;
      db.close();
    },
  };
}
