// local/metrics: CloudWatch metrics on one machine (EMF, the AWS namespaces, queries and metric
// math, alarms, the CloudWatch API). What the runtime, the console and their tests use of it.
export { MetricStore } from './store.js';
export { runQueries } from './query.js';
export { engineSampler } from './recorders/sqs.js';
export { alarmFromProperties, type AlarmDefinition, type MetricQuery } from './alarms/definition.js';
export { AlarmEvaluator, type AlarmChange } from './alarms/evaluator.js';
export { cloudWatchTooLarge, createCloudWatchHandler } from './api/handler.js';
export { createLocalMetrics, type LocalMetrics } from './local-metrics.js';
