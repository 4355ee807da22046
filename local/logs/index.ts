export { createLogStore } from './store/index.js';
export type * from './store/types.js';
export { compilePattern, FilterPatternError } from './pattern/index.js';
export type { Matcher } from './pattern/index.js';
export { createLogsHandler, LOGS_TARGET_PREFIX } from './api/handler.js';
export type { LogsHandlerOptions } from './api/handler.js';
export { createLambdaLogSink, feedLambdaRecord } from './lambda.js';
