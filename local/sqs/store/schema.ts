import type { Database } from 'better-sqlite3';

// The SQLite schema. Messages are keyed by an integer the store assigns in
// write order: every insert appends to one b-tree (no secondary index to
// maintain), updates and deletes go by that key, and key order is the order
// messages are served in after a restart. Purge and DeleteQueue scan, which
// is fine for operations that rare.

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS queues (
  name TEXT PRIMARY KEY,
  attributes TEXT NOT NULL,
  tags TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  attributes TEXT,
  system_attributes TEXT,
  sent_at INTEGER NOT NULL,
  enqueued_at INTEGER NOT NULL,
  sender_id TEXT NOT NULL,
  group_id TEXT,
  dedup_id TEXT,
  sequence_number TEXT,
  dlq_source_arn TEXT,
  receive_count INTEGER NOT NULL,
  first_receive_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  visible_at INTEGER NOT NULL,
  receipt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS move_tasks (
  handle TEXT PRIMARY KEY,
  task TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dedup (
  queue TEXT NOT NULL,
  key TEXT NOT NULL,
  message_id TEXT NOT NULL,
  sequence_number TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (queue, key)
);
`;

/** Brings a store written by an earlier version up to this schema. */
export function migrate(db: Database): void {
  const columns = db.prepare('PRAGMA table_info(messages)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'enqueued_at')) {
    db.exec(`ALTER TABLE messages ADD COLUMN enqueued_at INTEGER NOT NULL DEFAULT 0;
             UPDATE messages SET enqueued_at = sent_at;`);
  }
}
