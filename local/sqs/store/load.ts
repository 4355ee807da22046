// Reading a store back on open: queues, then messages in the order they were
// written (streamed, so a deep store is not held twice), dedup entries and
// move tasks.

import type { Database } from 'better-sqlite3';
import { State, type Message } from '../engine/message.js';
import type { MoveTask } from '../engine/types.js';
import { decodeAttributes } from './codec.js';
import type { DedupRecord, LoadedState, QueueRecord } from './types.js';

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

interface QueueRow {
  name: string;
  attributes: string;
  tags: string;
  created_at: number;
  modified_at: number;
}

interface DedupRow {
  queue: string;
  key: string;
  message_id: string;
  sequence_number: string;
  expires_at: number;
}

function toMessage(r: MessageRow): Message {
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

export function load(db: Database): LoadedState {
  const queues = (db.prepare('SELECT * FROM queues ORDER BY rowid').all() as QueueRow[]).map(
    (r): QueueRecord => ({
      name: r.name,
      attributes: JSON.parse(r.attributes) as Record<string, string>,
      tags: JSON.parse(r.tags) as Record<string, string>,
      createdAt: r.created_at,
      modifiedAt: r.modified_at,
    }),
  );
  const rows = db.prepare('SELECT * FROM messages ORDER BY seq');
  const messages = (function* () {
    for (const r of rows.iterate() as IterableIterator<MessageRow>)
      yield { queue: r.queue, message: toMessage(r) };
  })();
  const dedup = (db.prepare('SELECT * FROM dedup').all() as DedupRow[]).map((r): DedupRecord => ({
    queue: r.queue,
    key: r.key,
    messageId: r.message_id,
    sequenceNumber: r.sequence_number,
    expiresAt: r.expires_at,
  }));
  const moveTasks = (
    db.prepare('SELECT task FROM move_tasks ORDER BY rowid').all() as { task: string }[]
  ).map((r) => JSON.parse(r.task) as MoveTask);
  return { queues, messages, dedup, moveTasks };
}
