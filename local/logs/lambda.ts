import type { LogStore } from './store/types.js';

/** What local/lambda's log sink hands over for every line a function writes (START/END/REPORT too). */
export interface LambdaLogRecord {
  logGroup: string;
  logStream: string;
  timestamp: number;
  message: string;
  functionName?: string | undefined;
  requestId?: string | undefined;
}

/** Keeps one function log line in the store, in the group and stream Lambda named. */
export function feedLambdaRecord(store: LogStore, record: LambdaLogRecord): void {
  store.append(record.logGroup, record.logStream, [{ timestamp: record.timestamp, message: record.message }]);
}

/** local/lambda's LogSink (or the runtime's onLog) that keeps every line in the store. */
export function createLambdaLogSink(store: LogStore): (record: LambdaLogRecord) => void {
  return (record) => feedLambdaRecord(store, record);
}
