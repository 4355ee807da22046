import type { LogDb } from './db.js';
import type { StreamRow } from './schema.js';
import type { StreamInfo, StreamQuery } from './types.js';

// Log streams: create, delete, and the listing DescribeLogStreams pages through.

export function streamInfo(r: StreamRow): StreamInfo {
  return {
    name: r.name,
    creationTime: r.created,
    ...(r.first_ts !== null ? { firstEventTimestamp: r.first_ts } : {}),
    ...(r.last_ts !== null ? { lastEventTimestamp: r.last_ts } : {}),
    ...(r.last_ingestion !== null ? { lastIngestionTime: r.last_ingestion } : {}),
  };
}

/** The stream's row, when its group and it exist. */
export function streamRow(db: LogDb, group: string, stream: string): StreamRow | undefined {
  const gid = db.groupId(group);
  return gid === undefined ? undefined : db.st.streamByName.get(gid, stream);
}

export function createStream(db: LogDb, group: string, stream: string): 'created' | 'exists' | 'no-group' {
  const gid = db.groupId(group);
  if (gid === undefined) return 'no-group';
  if (db.st.streamByName.get(gid, stream) !== undefined) return 'exists';
  db.st.insertStream.run(gid, stream, db.now());
  return 'created';
}

export function deleteStream(db: LogDb, group: string, stream: string): 'deleted' | 'no-group' | 'no-stream' {
  const { st } = db;
  const gid = db.groupId(group);
  if (gid === undefined) return 'no-group';
  const row = st.streamByName.get(gid, stream);
  if (row === undefined) return 'no-stream';
  const bytes = st.streamBytes.get(row.id)?.bytes ?? 0;
  db.known.clear();
  db.sqlite.transaction(() => {
    st.deleteStreamEvents.run(row.id);
    st.deleteStream.run(row.id);
  })();
  db.usage.remove(gid, bytes);
  return 'deleted';
}

export function listStreams(
  db: LogDb,
  group: string,
  q: StreamQuery,
): { streams: StreamInfo[]; more: boolean } | undefined {
  const gid = db.groupId(group);
  if (gid === undefined) return undefined;
  const dir = q.descending ? 'DESC' : 'ASC';
  const order = q.orderBy === 'LastEventTime' ? `COALESCE(last_ts, 0) ${dir}, name ${dir}` : `name ${dir}`;
  const prefix = q.prefix === undefined ? '' : 'AND substr(name, 1, ?) = ?';
  const args = q.prefix === undefined ? [] : [q.prefix.length, q.prefix];
  const rows = db
    .sql(`SELECT * FROM log_streams WHERE group_id = ? ${prefix} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(gid, ...args, q.limit + 1, q.offset) as StreamRow[];
  return { streams: rows.slice(0, q.limit).map(streamInfo), more: rows.length > q.limit };
}
