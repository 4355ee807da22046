import type { Database } from 'better-sqlite3';

// One SQLite file (or an in-memory database): groups, streams and events. Events carry their
// group so that a group's search walks one index in time order.

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS log_groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created INTEGER NOT NULL,
  retention INTEGER
);
CREATE TABLE IF NOT EXISTS log_streams (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  first_ts INTEGER,
  last_ts INTEGER,
  last_ingestion INTEGER,
  UNIQUE (group_id, name)
);
CREATE TABLE IF NOT EXISTS log_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id INTEGER NOT NULL,
  stream_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  ingestion INTEGER NOT NULL,
  message TEXT NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS log_events_stream ON log_events (stream_id, ts, id);
CREATE INDEX IF NOT EXISTS log_events_group ON log_events (group_id, ts, id);
`;

export function prepare(db: Database) {
  return {
    groupByName: db.prepare<[string], GroupRow>(
      'SELECT id, name, created, retention FROM log_groups WHERE name = ?',
    ),
    insertGroup: db.prepare<[string, number]>('INSERT INTO log_groups (name, created) VALUES (?, ?)'),
    deleteGroup: db.prepare<[number]>('DELETE FROM log_groups WHERE id = ?'),
    deleteGroupStreams: db.prepare<[number]>('DELETE FROM log_streams WHERE group_id = ?'),
    deleteGroupEvents: db.prepare<[number]>('DELETE FROM log_events WHERE group_id = ?'),
    setRetention: db.prepare<[number | null, number]>('UPDATE log_groups SET retention = ? WHERE id = ?'),
    streamByName: db.prepare<[number, string], StreamRow>(
      'SELECT * FROM log_streams WHERE group_id = ? AND name = ?',
    ),
    insertStream: db.prepare<[number, string, number]>(
      'INSERT INTO log_streams (group_id, name, created) VALUES (?, ?, ?)',
    ),
    deleteStream: db.prepare<[number]>('DELETE FROM log_streams WHERE id = ?'),
    deleteStreamEvents: db.prepare<[number]>('DELETE FROM log_events WHERE stream_id = ?'),
    streamBytes: db.prepare<[number], { bytes: number | null }>(
      'SELECT SUM(bytes) AS bytes FROM log_events WHERE stream_id = ?',
    ),
    touchStream: db.prepare<[number, number, number, number, number, number]>(
      `UPDATE log_streams SET first_ts = MIN(COALESCE(first_ts, ?), ?), last_ts = MAX(COALESCE(last_ts, ?), ?),
       last_ingestion = ? WHERE id = ?`,
    ),
    insertEvent: db.prepare<[number, number, number, number, string, number]>(
      'INSERT INTO log_events (group_id, stream_id, ts, ingestion, message, bytes) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    bytesByGroup: db.prepare<[], { group_id: number; bytes: number }>(
      'SELECT group_id, SUM(bytes) AS bytes FROM log_events GROUP BY group_id',
    ),
    oldest: db.prepare<[number], { id: number; group_id: number; bytes: number }>(
      'SELECT id, group_id, bytes FROM log_events ORDER BY id LIMIT ?',
    ),
    dropThrough: db.prepare<[number]>('DELETE FROM log_events WHERE id <= ?'),
    retained: db.prepare<[], { id: number; retention: number }>(
      'SELECT id, retention FROM log_groups WHERE retention IS NOT NULL',
    ),
    expiredBytes: db.prepare<[number, number], { bytes: number | null }>(
      'SELECT SUM(bytes) AS bytes FROM log_events WHERE group_id = ? AND ts < ?',
    ),
    expire: db.prepare<[number, number]>('DELETE FROM log_events WHERE group_id = ? AND ts < ?'),
  };
}

export type Statements = ReturnType<typeof prepare>;

export interface GroupRow {
  id: number;
  name: string;
  created: number;
  retention: number | null;
}

export interface StreamRow {
  id: number;
  group_id: number;
  name: string;
  created: number;
  first_ts: number | null;
  last_ts: number | null;
  last_ingestion: number | null;
}

export interface EventRow {
  id: number;
  ts: number;
  ingestion: number;
  message: string;
}
