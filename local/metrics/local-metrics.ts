import type { AlarmDefinition } from './alarms/definition.js';
import { AlarmEvaluator, type AlarmChange } from './alarms/evaluator.js';
import type { HttpHandler } from '../http/types.js';
import type { LogRecord } from '../lambda/index.js';
import { createCloudWatchHandler } from './api/handler.js';
import { ingestEmf } from './emf.js';
import {
  ApiGatewayMetrics,
  type ApiGatewayMetricsOptions,
  type ApiRequest,
} from './recorders/api-gateway.js';
import { LambdaMetrics } from './recorders/lambda.js';
import { SqsMetrics, type SampleQueues } from './recorders/sqs.js';
import { MetricStore } from './store.js';
import type { Clock } from './types.js';

/** What the event source mapping reports per batch (local/event-source's BatchReport has these fields). */
export interface BatchCounts {
  size: number;
  succeeded: number;
  filtered: number;
}

export interface LocalMetricsOptions {
  now?: Clock;
  retentionMs?: number;
  /** The HTTP API's id and stage: AWS/ApiGateway dimensions. */
  api?: ApiGatewayMetricsOptions;
  /** The template's alarms (alarmsFromTemplate(model.resources)). */
  alarms?: AlarmDefinition[];
  onAlarmChange?: (change: AlarmChange) => void;
  onError?: (error: unknown, where: string) => void;
}

export interface StartOptions {
  sampleQueues?: SampleQueues;
  /** Queue gauges sampling interval, ms (10 s). */
  sampleIntervalMs?: number;
  /** How often the alarms check whether a period ended, ms (1 s). */
  alarmTickMs?: number;
}

/** Everything the local runtime wires: the store, the AWS-namespace recorders, alarms and the API. */
export interface LocalMetrics {
  store: MetricStore;
  lambda: LambdaMetrics;
  sqs: SqsMetrics;
  apiGateway: ApiGatewayMetrics | undefined;
  alarms: AlarmEvaluator;
  /** The CloudWatch API, for requests signed for `monitoring`. */
  handler: HttpHandler;
  /**
   * Call for every line a function writes: EMF lines become metrics; others cost one substring test.
   * Only the line and its time are read; the time stands for an EMF line's missing Timestamp.
   */
  onLogRecord(record: Pick<LogRecord, 'message' | 'timestamp'>): void;
  /** Call for every gateway access record. */
  onAccessRecord(record: ApiRequest): void;
  /** Call for every event-source-mapping batch of `queueName`: received and deleted counts. */
  onBatch(queueName: string, report: BatchCounts): void;
  start(options?: StartOptions): void;
  stop(): void;
}

export function createLocalMetrics(options: LocalMetricsOptions = {}): LocalMetrics {
  const store = new MetricStore({ now: options.now, retentionMs: options.retentionMs });
  const alarms = new AlarmEvaluator({ store, onChange: options.onAlarmChange });
  for (const a of options.alarms ?? []) alarms.add(a);
  const sqs = new SqsMetrics(store);
  let stopped = false;
  const apiGateway = options.api === undefined ? undefined : new ApiGatewayMetrics(store, options.api);
  return {
    store,
    lambda: new LambdaMetrics(store),
    sqs,
    apiGateway,
    alarms,
    handler: createCloudWatchHandler({
      store,
      alarms,
      onError: (e) => options.onError?.(e, 'cloudwatch-api'),
    }),
    onLogRecord: (record) => {
      ingestEmf(store, record.message, record.timestamp);
    },
    onAccessRecord: (record) => apiGateway?.request(record),
    onBatch: (queueName, report) => {
      sqs.received(queueName, report.size);
      sqs.deleted(queueName, report.succeeded + report.filtered);
    },
    start: (startOptions = {}) => {
      stopped = false;
      if (startOptions.sampleQueues === undefined) return void alarms.start(startOptions.alarmTickMs);
      // Alarms are first evaluated over the queues' first sample (see startSampling).
      void sqs
        .startSampling(startOptions.sampleQueues, startOptions.sampleIntervalMs, (e) =>
          options.onError?.(e, 'sample-queues'),
        )
        .then(() => {
          if (!stopped) alarms.start(startOptions.alarmTickMs);
        });
    },
    stop: () => {
      stopped = true;
      sqs.stopSampling();
      alarms.stop();
    },
  };
}
