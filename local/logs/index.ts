// local/logs: CloudWatch Logs on one machine: the store, filter patterns, and the Logs API.
export { createLogStore } from './store/index.js';
export type { AppendedBatch, LogStore } from './store/types.js';
export { compilePattern } from './pattern/index.js';
export { createLogsHandler } from './api/handler.js';
export { createLambdaLogSink, feedLambdaRecord } from './lambda.js';
