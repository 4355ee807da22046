// local/runtime: the wiring of `ferry up` (startRuntime) and `ferry sqs` (startSqsServer).
export { startRuntime, type Endpoints, type Runtime } from './start.js';
export type { Ports, RuntimeOptions } from './options.js';
export { startSqsServer, type SqsServer, type SqsServerOptions } from './sqs-server.js';
export { formatStatus, type Status } from './status.js';
export { formatAlarmChange } from './capture.js';
