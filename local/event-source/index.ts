// The SQS event source mapping, played locally: pollers long-poll the queue through the SQS API,
// gather batches (BatchSize, MaximumBatchingWindowInSeconds), drop what FilterCriteria rejects,
// invoke the function and delete what it processed (mapping.ts). thread.ts runs the mappings in
// a thread of their own. https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
export { startEventSourceMapping } from './mapping.js';
export { launchMappingThread, type MappingThreadLauncher } from './thread.js';
export { EventSourceError } from './errors.js';
export { toRecords } from './event.js';
export { createSqsCalls } from './sqs.js';
export type { BatchReport, EventSourceMappingOptions, FilterCriteria, SqsEvent, SqsRecord } from './types.js';
