export type * from './types.js';
export { MetricStore, Series, seriesKey, type MetricStoreOptions } from './store.js';
export { parseStatistic, statisticValue, percentile, type Statistic } from './stats.js';
export { ingestEmf } from './emf.js';
export { runQueries, metricSeries, QueryError, type QueryResult } from './query.js';
export { LambdaMetrics, type InvocationResult, type TrackedOutcome } from './recorders/lambda.js';
export {
  ApiGatewayMetrics,
  type ApiRequest,
  type ApiGatewayMetricsOptions,
} from './recorders/api-gateway.js';
export {
  SqsMetrics,
  engineSampler,
  type QueueSample,
  type SampleQueues,
  type QueueAttributeSource,
} from './recorders/sqs.js';
export {
  alarmFromProperties,
  AlarmConfigError,
  type AlarmDefinition,
  type MetricQuery,
  type ComparisonOperator,
  type TreatMissingData,
} from './alarms/definition.js';
export { evaluateSlots, type Slot, type Verdict } from './alarms/verdict.js';
export {
  AlarmEvaluator,
  type AlarmState,
  type AlarmChange,
  type AlarmEvaluatorOptions,
} from './alarms/evaluator.js';
export { createCloudWatchHandler, type CloudWatchApiOptions } from './api/handler.js';
export {
  createLocalMetrics,
  type LocalMetrics,
  type LocalMetricsOptions,
  type LambdaLogRecord,
} from './local-metrics.js';
export { searchMatcher, searchLabel } from './search.js';
