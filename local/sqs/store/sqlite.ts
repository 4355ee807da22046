// The durable store: SQLite (better-sqlite3) in WAL mode with synchronous=NORMAL.
// A committed transaction is in the WAL file before commit returns, so it
// survives kill -9 of the process (not a power cut, which needs FULL).
// Writes are queued and committed together on setImmediate: one transaction
// per event-loop turn however many messages that turn sent (group commit).
// https://www.sqlite.org/wal.html

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Message } from '../engine/message.js';
import { State } from '../engine/message.js';
import { decodeAttributes, encodeAttributes } from './codec.js';
import { migrate, SCHEMA } from './schema.js';
import type { DedupRecord, LoadedState, QueueRecord, Store } from './types.js';

type Op = () => void;

interface MessageRow {
  seq: number;
  id: string;
  queue: string;
  body: string;
  attributes: string | null;
  system_attributes: string | null;
  sent_at: number;
  enqueued_at: number;
  sender_id: string;
  group_id: string | null;
  dedup_id: string | null;
  sequence_number: string | null;
  dlq_source_arn: string | null;
  receive_count: number;
  first_receive_at: number;
  received_at: number;
  visible_at: number;
  receipt: string;
}

/** `now` is the engine's clock (dedup entries expire on it). */
export function createSqliteStore(dir: string, now: () => number = Date.now): Store {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'sqs.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The default 2 MiB page cache makes a deep queue's inserts and deletes read pages back from the OS.
  db.pragma('cache_size = -65536');
  db.exec(SCHEMA);
  migrate(db);

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
  };

  let ops: Op[] = [];
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  let closed = false;
  let lastPrune = 0;
  let lastRowid =
    (db.prepare('SELECT max(seq) AS seq FROM messages').get() as { seq: number | null }).seq ?? 0;

  const runAll = db.transaction((batch: Op[]) => {
    for (const op of batch) op();
  });

  function commit(): void {
    scheduled = false;
    const batch = ops;
    const done = waiters;
    ops = [];
    waiters = [];
    try {
      if (batch.length > 0) runAll(batch);
      const at = now();
      if (at - lastPrune > 60_000) {
        lastPrune = at;
        s.pruneDedup.run(at);
      }
    } catch (error) {
      // Nothing of this turn is durable: every caller waiting on it fails (the edge answers 500).
      for (const w of done) w.reject(error);
      return;
    }
    for (const w of done) w.resolve();
  }

  function enqueue(op: Op): void {
    if (closed) return;
    ops.push(op);
    if (!scheduled) {
      scheduled = true;
      setImmediate(commit);
    }
  }

  function rowToMessage(r: MessageRow): Message {
    return {
      id: r.id,
      body: r.body,
      messageAttributes: decodeAttributes(r.attributes),
      messageSystemAttributes: decodeAttributes(r.system_attributes),
      sentAt: r.sent_at,
      enqueuedAt: r.enqueued_at,
      senderId: r.sender_id,
      groupId: r.group_id ?? undefined,
      dedupId: r.dedup_id ?? undefined,
      sequenceNumber: r.sequence_number ?? undefined,
      dlqSourceArn: r.dlq_source_arn ?? undefined,
      receiveCount: r.receive_count,
      firstReceiveAt: r.first_receive_at,
      receivedAt: r.received_at,
      visibleAt: r.visible_at,
      receipt: r.receipt,
      state: State.Visible,
      rowid: r.seq,
    };
  }

  return {
    durable: true,
    load(): LoadedState {
      const queues = (
        db.prepare('SELECT * FROM queues ORDER BY rowid').all() as {
          name: string;
          attributes: string;
          tags: string;
          created_at: number;
          modified_at: number;
        }[]
      ).map((r): QueueRecord => ({
        name: r.name,
        attributes: JSON.parse(r.attributes) as Record<string, string>,
        tags: JSON.parse(r.tags) as Record<string, string>,
        createdAt: r.created_at,
        modifiedAt: r.modified_at,
      }));
      const messages = (db.prepare('SELECT * FROM messages ORDER BY seq').all() as MessageRow[]).map((r) => ({
        queue: r.queue,
        message: rowToMessage(r),
      }));
      const dedup = (
        db.prepare('SELECT * FROM dedup').all() as {
          queue: string;
          key: string;
          message_id: string;
          sequence_number: string;
          expires_at: number;
        }[]
      ).map((r): DedupRecord => ({
        queue: r.queue,
        key: r.key,
        messageId: r.message_id,
        sequenceNumber: r.sequence_number,
        expiresAt: r.expires_at,
      }));
      return { queues, messages, dedup };
    },
    putQueue(q) {
      const attributes = JSON.stringify(q.attributes);
      const tags = JSON.stringify(q.tags);
      enqueue(() => s.putQueue.run(q.name, attributes, tags, q.createdAt, q.modifiedAt));
    },
    deleteQueue(name) {
      enqueue(() => {
        s.deleteQueue.run(name);
        s.deleteQueueMessages.run(name);
        s.deleteQueueDedup.run(name);
      });
    },
    insertMessage(queue, m) {
      // Values are captured now: the live message object keeps changing.
      const rowid = ++lastRowid;
      m.rowid = rowid;
      const attributes = encodeAttributes(m.messageAttributes);
      const system = encodeAttributes(m.messageSystemAttributes);
      const {
        id,
        body,
        sentAt,
        enqueuedAt,
        senderId,
        receiveCount,
        firstReceiveAt,
        receivedAt,
        visibleAt,
        receipt,
      } = m;
      const group = m.groupId ?? null;
      const dedup = m.dedupId ?? null;
      const seq = m.sequenceNumber ?? null;
      const dlq = m.dlqSourceArn ?? null;
      enqueue(() =>
        s.insert.run(
          id,
          queue,
          body,
          attributes,
          system,
          sentAt,
          senderId,
          group,
          dedup,
          seq,
          dlq,
          receiveCount,
          firstReceiveAt,
          receivedAt,
          visibleAt,
          receipt,
          rowid,
          enqueuedAt,
        ),
      );
    },
    updateMessage(m) {
      const { rowid, receiveCount, firstReceiveAt, receivedAt, visibleAt, receipt } = m;
      enqueue(() => s.update.run(receiveCount, firstReceiveAt, receivedAt, visibleAt, receipt, rowid));
    },
    deleteMessage(m) {
      const rowid = m.rowid;
      enqueue(() => s.delete.run(rowid));
    },
    purgeQueue(name) {
      enqueue(() => s.deleteQueueMessages.run(name));
    },
    putDedup(d) {
      enqueue(() => s.putDedup.run(d.queue, d.key, d.messageId, d.sequenceNumber, d.expiresAt));
    },
    flush(): Promise<void> {
      if (!scheduled) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    async close(): Promise<void> {
      if (closed) return;
      if (scheduled) await new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      closed = true;
      db.close();
    },
  };
}
