import type { LogStore } from './store/types.js';

/** What local/lambda's log sink hands over for every line a function writes (START/END/REPORT too). */
export interface LambdaLogRecord {
  logGroup: string;
  logStream: string;
  timestamp: number;
  message: string;
  functionName?: string;
  requestId?: string;
}

/** Keeps one function log line in the store, in the group and stream Lambda named. */
export function feedLambdaRecord(store: LogStore, record: LambdaLogRecord): void {
  store.append(record.logGroup, record.logStream, [{ timestamp: record.timestamp, message: record.message }]);
}
