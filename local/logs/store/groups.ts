import type { LogDb } from './db.js';
import type { GroupRow } from './schema.js';
import type { GroupInfo, GroupQuery } from './types.js';

// Log groups: create, delete, retention, and the listing DescribeLogGroups pages through.

export function createGroup(db: LogDb, name: string): 'created' | 'exists' {
  if (db.groupId(name) !== undefined) return 'exists';
  db.st.insertGroup.run(name, db.now());
  return 'created';
}

export function deleteGroup(db: LogDb, name: string): 'deleted' | 'no-group' {
  const gid = db.groupId(name);
  if (gid === undefined) return 'no-group';
  const { st } = db;
  db.known.clear();
  db.sqlite.transaction(() => {
    st.deleteGroupEvents.run(gid);
    st.deleteGroupStreams.run(gid);
    st.deleteGroup.run(gid);
  })();
  db.usage.dropGroup(gid);
  return 'deleted';
}

export function setRetention(db: LogDb, group: string, days: number | undefined): 'set' | 'no-group' {
  const gid = db.groupId(group);
  if (gid === undefined) return 'no-group';
  db.st.setRetention.run(days ?? null, gid);
  return 'set';
}

export function groupInfo(db: LogDb, r: GroupRow): GroupInfo {
  return {
    name: r.name,
    creationTime: r.created,
    ...(r.retention !== null ? { retentionInDays: r.retention } : {}),
    storedBytes: db.usage.of(r.id),
  };
}

export function findGroup(db: LogDb, name: string): GroupInfo | undefined {
  const row = db.st.groupByName.get(name);
  return row === undefined ? undefined : groupInfo(db, row);
}

export function listGroups(db: LogDb, q: GroupQuery): { groups: GroupInfo[]; more: boolean } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => where.push(clause) && args.push(...values);
  if (q.prefix !== undefined) add('substr(name, 1, ?) = ?', q.prefix.length, q.prefix);
  if (q.contains !== undefined) add('instr(lower(name), lower(?)) > 0', q.contains);
  if (q.after !== undefined) add('name > ?', q.after);
  const rows = db
    .sql(
      `SELECT id, name, created, retention FROM log_groups ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name LIMIT ?`,
    )
    .all(...args, q.limit + 1) as GroupRow[];
  return { groups: rows.slice(0, q.limit).map((r) => groupInfo(db, r)), more: rows.length > q.limit };
}
