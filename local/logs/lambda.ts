import type { LogRecord } from '../lambda/index.js';
import type { LogStore } from './store/types.js';

/** What the store keeps of a line local/lambda's log sink hands over (START/END/REPORT too). */
type LambdaLine = Pick<LogRecord, 'logGroup' | 'logStream' | 'timestamp' | 'message'>;

/** Keeps one function log line in the store, in the group and stream Lambda named. */
export function feedLambdaRecord(store: LogStore, record: LambdaLine): void {
  store.append(record.logGroup, record.logStream, [{ timestamp: record.timestamp, message: record.message }]);
}

/** local/lambda's LogSink (or the runtime's onLog) that keeps every line in the store. */
export function createLambdaLogSink(store: LogStore): (record: LogRecord) => void {
  return (record) => feedLambdaRecord(store, record);
}
