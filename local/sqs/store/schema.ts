// The SQLite schema. Rows are written in the order the engine made the
// changes, so rowid order is the order messages are served in after a restart.

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
  id TEXT NOT NULL UNIQUE,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  attributes TEXT,
  system_attributes TEXT,
  sent_at INTEGER NOT NULL,
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
CREATE INDEX IF NOT EXISTS messages_queue ON messages (queue);
CREATE TABLE IF NOT EXISTS dedup (
  queue TEXT NOT NULL,
  key TEXT NOT NULL,
  message_id TEXT NOT NULL,
  sequence_number TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (queue, key)
);
`;
