// local/runtime: the wiring of `ferry up` (startRuntime) and `ferry sqs` (startSqsServer).
export { startRuntime, type Runtime } from './start.js';
export type { RuntimeOptions } from './options.js';
export { startSqsServer, type SqsServer, type SqsServerOptions } from './sqs-server.js';
export { formatStatus } from './status.js';
export { formatAlarmChange } from './capture.js';
