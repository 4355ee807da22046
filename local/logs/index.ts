// local/logs: CloudWatch Logs on one machine: the store, filter patterns, and the Logs API.
export { createLogStore, scanBudget } from './store/index.js';
export type { AppendedBatch, FilterQuery, LogStore, ScanBudget } from './store/types.js';
export { compilePattern } from './pattern/index.js';
export { createLogsHandler } from './api/handler.js';
export { createLambdaLogSink, feedLambdaRecord } from './lambda.js';
