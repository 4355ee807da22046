// local/runtime: the wiring of `ferry up` (startRuntime), `ferry sqs` (startSqsServer), `ferry invoke`
// (invokeOnce) and `ferry event` (apiEvent, sqsEvent over the template resolved offline).
export { startRuntime, type Runtime } from './start.js';
export type { RuntimeOptions } from './options.js';
export { startSqsServer, type SqsServer, type SqsServerOptions } from './sqs-server.js';
export { formatStatus } from './status.js';
export { formatAlarmChange } from './capture.js';
export { invokeOnce, type InvokeOnceOptions } from './invoke-once.js';
export { InvokeError } from './invoke-error.js';
export { apiEvent, sqsEvent } from './sample-events.js';
export { offlineStack, type TemplateOptions } from './offline-stack.js';
