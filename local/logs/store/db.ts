import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { SCHEMA, prepare, type Statements } from './schema.js';
import { Usage } from './usage.js';

// The store's state on the SQLite side: the database, its statements, what each group holds, and
// the ids a flush needs. The operations (write.ts, groups.ts, streams.ts, read.ts) work on it.

export interface StreamIds {
  gid: number;
  sid: number;
}

export class LogDb {
  readonly sqlite: Database.Database;
  readonly st: Statements;
  readonly usage: Usage;
  /** Group and stream ids by `group\0stream`, so a flush reads no rows; cleared by deletes. */
  readonly known = new Map<string, StreamIds>();
  /** When retention last ran: with a write, at most once a minute (see write.ts). */
  expiredAt = -Infinity;
  private readonly cached = new Map<string, Statement>();

  constructor(
    file: string,
    readonly now: () => number,
  ) {
    this.sqlite = new Database(file);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('synchronous = NORMAL');
    this.sqlite.exec(SCHEMA);
    this.st = prepare(this.sqlite);
    this.usage = new Usage(this.st.bytesByGroup.all());
  }

  /** A statement whose text is built per query (optional clauses), prepared once per text. */
  readonly sql = (text: string): Statement => {
    let s = this.cached.get(text);
    if (s === undefined) this.cached.set(text, (s = this.sqlite.prepare(text)));
    return s;
  };

  groupId(name: string): number | undefined {
    return this.st.groupByName.get(name)?.id;
  }

  /** The ids of the stream a batch goes to; the group and stream are created as Lambda does. */
  streamIds(group: string, stream: string): StreamIds {
    const key = `${group}\u0000${stream}`;
    let ids = this.known.get(key);
    if (ids === undefined) {
      const gid = this.ensureGroup(group);
      this.known.set(key, (ids = { gid, sid: this.ensureStream(gid, stream) }));
    }
    return ids;
  }

  private ensureGroup(name: string): number {
    return this.groupId(name) ?? Number(this.st.insertGroup.run(name, this.now()).lastInsertRowid);
  }

  private ensureStream(gid: number, name: string): number {
    return (
      this.st.streamByName.get(gid, name)?.id ??
      Number(this.st.insertStream.run(gid, name, this.now()).lastInsertRowid)
    );
  }
}
