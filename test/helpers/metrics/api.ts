import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  alarmFromProperties,
  AlarmEvaluator,
  createCloudWatchHandler,
  MetricStore,
} from '../../../local/metrics/index.js';
import { cloudWatchClient, serveCloudWatch } from './server.js';
import { createTestClock, type TestClock } from '../time/clock.js';

export const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);
export const consumer = [{ Name: 'Service', Value: 'ferry-consumer' }];
export const metric = (name: string) => ({ Namespace: 'Ferry', MetricName: name, Dimensions: consumer });

export interface ApiCtx {
  clock: TestClock;
  store: MetricStore;
  alarms: AlarmEvaluator;
  cw: CloudWatchClient;
  /** The endpoint, for clients other than the SDK (the AWS CLI). */
  url: string;
  close: () => Promise<void>;
}

/** A CloudWatch handler on port 0 over a store seeded with the consumer's metrics, and an SDK client. */
export async function startApi(ctx: ApiCtx): Promise<void> {
  ctx.clock = createTestClock(T0 + 600_000);
  ctx.store = new MetricStore({ now: ctx.clock.now });
  ctx.alarms = new AlarmEvaluator({ store: ctx.store });
  const server = await serveCloudWatch(createCloudWatchHandler({ store: ctx.store, alarms: ctx.alarms }));
  ctx.cw = cloudWatchClient(server.url);
  ctx.url = server.url;
  ctx.close = server.close;
  // Processed counts in minutes 0, 1 and 3; processing times 1..100 over the first 10 s.
  for (const [minute, n] of [
    [0, 3],
    [1, 5],
    [3, 2],
  ] as const) {
    for (let i = 0; i < n; i++) {
      ctx.store.put('Ferry', 'MessagesProcessed', consumer, 1, T0 + minute * 60_000 + i * 1000, 'Count');
    }
  }
  for (let v = 1; v <= 100; v++)
    ctx.store.put('Ferry', 'ProcessingTime', consumer, v, T0 + v * 100, 'Milliseconds');
}

export async function stopApi(ctx: ApiCtx): Promise<void> {
  ctx.cw.destroy();
  await ctx.close();
}

/** The template's DLQ alarm shape: any visible message in `queueName` breaches, missing data does not. */
export function dlqAlarm(alarmName: string, queueName: string) {
  return alarmFromProperties(
    { alarmName, alarmArn: `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${alarmName}` },
    {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: queueName }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    },
  );
}
