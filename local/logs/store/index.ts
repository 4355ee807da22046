import { LogDb } from './db.js';
import { SqliteLogStore } from './log-store.js';

export { scanBudget } from './read.js';
import type { LogStore, LogStoreOptions } from './types.js';

// createLogStore: CloudWatch Logs' groups, streams and events, in SQLite (logs.db in the data
// directory, or memory), written in batches.

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_FLUSH_DELAY_MS = 50;

export function createLogStore(options: LogStoreOptions = {}): LogStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes <= 0)
    throw new Error(`createLogStore: maxBytes must be > 0, got ${maxBytes}`);
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('ferry logs: write failed', error));
  const db = new LogDb(options.data?.kind === 'durable' ? options.data.file('logs.db') : ':memory:', now);
  return new SqliteLogStore(db, {
    maxBytes,
    flushDelayMs: options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS,
    onError,
  });
}
