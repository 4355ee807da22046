import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiGatewayMetrics } from '../../../local/metrics/recorders/api-gateway.js';
import { LambdaMetrics } from '../../../local/metrics/recorders/lambda.js';
import {
  engineSampler,
  SqsMetrics,
  type QueueAttributeSource,
} from '../../../local/metrics/recorders/sqs.js';
import { MetricStore } from '../../../local/metrics/store.js';
import { parseStatistic, statisticValue } from '../../../local/metrics/stats.js';
import { createTestClock } from '../../helpers/time/clock.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

/** Every series as `namespace metric dims: stat=value` over one minute. */
function table(store: MetricStore, stat = 'Sum'): string[] {
  return store.list().map((s) => {
    const [a] = store.find(s.namespace, s.metricName, s.dimensions)!.aggregate(T0, T0 + 60_000, 60_000);
    const dims = s.dimensions.map((d) => `${d.Name}=${d.Value}`).join(',');
    return `${s.namespace} ${s.metricName} [${dims}] ${stat}=${statisticValue(a!, parseStatistic(stat)!)}`;
  });
}

test('lambda: invocations, errors, duration and concurrency by FunctionName and account-wide', () => {
  const clock = createTestClock(T0);
  const store = new MetricStore({ now: clock.now });
  const lambda = new LambdaMetrics(store);
  lambda.started('consumer');
  lambda.started('consumer');
  lambda.started('producer');
  clock.advance(100);
  lambda.finished({ functionName: 'consumer', durationMs: 12, error: false });
  lambda.finished({ functionName: 'consumer', durationMs: 30, error: true });
  lambda.finished({ functionName: 'producer', durationMs: 4, error: false });
  lambda.throttled('producer');
  assert.equal(table(store, 'Maximum'), [
    'AWS/Lambda ConcurrentExecutions [FunctionName=consumer] Maximum=2',
    'AWS/Lambda ConcurrentExecutions [] Maximum=3',
    'AWS/Lambda ConcurrentExecutions [FunctionName=producer] Maximum=1',
    'AWS/Lambda Invocations [FunctionName=consumer] Maximum=1',
    'AWS/Lambda Invocations [] Maximum=1',
    'AWS/Lambda Errors [FunctionName=consumer] Maximum=1',
    'AWS/Lambda Errors [] Maximum=1',
    'AWS/Lambda Throttles [FunctionName=consumer] Maximum=0',
    'AWS/Lambda Throttles [] Maximum=1',
    'AWS/Lambda Duration [FunctionName=consumer] Maximum=30',
    'AWS/Lambda Duration [] Maximum=30',
    'AWS/Lambda Invocations [FunctionName=producer] Maximum=1',
    'AWS/Lambda Errors [FunctionName=producer] Maximum=0',
    'AWS/Lambda Throttles [FunctionName=producer] Maximum=1',
    'AWS/Lambda Duration [FunctionName=producer] Maximum=4',
  ]);
  assert.equal(
    table(store, 'Sum').filter((l) => l.includes('Invocations') || l.includes('Errors')),
    [
      'AWS/Lambda Invocations [FunctionName=consumer] Sum=2',
      'AWS/Lambda Invocations [] Sum=3',
      'AWS/Lambda Errors [FunctionName=consumer] Sum=1',
      'AWS/Lambda Errors [] Sum=1',
      'AWS/Lambda Invocations [FunctionName=producer] Sum=1',
      'AWS/Lambda Errors [FunctionName=producer] Sum=0',
    ],
  );
});

test('lambda.track wraps invoke: success, function error, throw, and a throttle', async () => {
  const store = new MetricStore({ now: () => T0 });
  const lambda = new LambdaMetrics(store);
  const elapsed = createTestClock(0);
  const clock = elapsed.now;
  const run =
    <T>(ms: number, value: T) =>
    () => {
      elapsed.advance(ms);
      return Promise.resolve(value);
    };
  const ok = await lambda.track('fn', run(5, { ok: true as const, result: 1 }), clock);
  const failed = await lambda.track(
    'fn',
    run(7, { ok: false as const, error: { errorType: 'Error', errorMessage: 'boom' } }),
    clock,
  );
  const threw = await lambda
    .track('fn', () => Promise.reject(new Error('runner died')), clock)
    .catch((e: Error) => e.message);
  await lambda.track(
    'fn',
    run(0, { ok: false as const, error: { errorType: 'TooManyRequestsException' } }),
    clock,
  );
  assert.equal([ok.ok, failed.ok, threw], [true, false, 'runner died']);
  assert.equal(
    table(store, 'Sum').filter((l) => l.includes('FunctionName=fn')),
    [
      'AWS/Lambda ConcurrentExecutions [FunctionName=fn] Sum=4',
      'AWS/Lambda Invocations [FunctionName=fn] Sum=3',
      'AWS/Lambda Errors [FunctionName=fn] Sum=2',
      'AWS/Lambda Throttles [FunctionName=fn] Sum=1',
      'AWS/Lambda Duration [FunctionName=fn] Sum=12',
    ],
  );
});

test('api gateway: Count, 4xx, 5xx, Latency, IntegrationLatency by ApiId and ApiId+Stage', () => {
  const store = new MetricStore({ now: () => T0 });
  const api = new ApiGatewayMetrics(store, { apiId: 'a1b2c3', stage: '$default' });
  api.request({ status: 202, latency: 20, integrationLatency: 15, routeKey: 'POST /messages' });
  api.request({ status: 422, latency: 10, integrationLatency: 8 });
  api.request({ status: 503, latency: 30000, integrationLatency: -1 });
  const sums = table(store).filter((l) => l.includes('[ApiId=a1b2c3,Stage=$default]'));
  assert.equal(sums, [
    'AWS/ApiGateway Count [ApiId=a1b2c3,Stage=$default] Sum=3',
    'AWS/ApiGateway 4xx [ApiId=a1b2c3,Stage=$default] Sum=1',
    'AWS/ApiGateway 5xx [ApiId=a1b2c3,Stage=$default] Sum=1',
    'AWS/ApiGateway Latency [ApiId=a1b2c3,Stage=$default] Sum=30030',
    'AWS/ApiGateway IntegrationLatency [ApiId=a1b2c3,Stage=$default] Sum=23',
  ]);
  assert.is(store.list().length, 10);
});

test('api gateway with detailed metrics adds Method and Resource', () => {
  const store = new MetricStore({ now: () => T0 });
  const api = new ApiGatewayMetrics(store, { apiId: 'x', stage: 'prod', detailedMetrics: true });
  api.request({ status: 200, latency: 1, routeKey: 'GET /types' });
  assert.equal(
    table(store).filter((l) => l.includes(' Count ')),
    [
      'AWS/ApiGateway Count [ApiId=x] Sum=1',
      'AWS/ApiGateway Count [ApiId=x,Stage=prod] Sum=1',
      'AWS/ApiGateway Count [ApiId=x,Method=GET,Resource=/types,Stage=prod] Sum=1',
    ],
  );
});

test('sqs: counters from hooks, gauges from samples; the engine sampler with and without the age accessor', async () => {
  const clock = createTestClock(T0);
  const store = new MetricStore({ now: clock.now });
  const sqs = new SqsMetrics(store);
  sqs.sent('q', 3);
  sqs.received('q', 2);
  sqs.deleted('q', 1);
  sqs.deleted('q', 0);
  const depths: Record<string, Record<string, string>> = {
    q: {
      ApproximateNumberOfMessages: '2',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '0',
    },
    dlq: {
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
    },
  };
  const engine: QueueAttributeSource = {
    listQueues: () => ['q', 'dlq'],
    getQueueAttributes: (name) => ({ ok: true, value: depths[name]! }),
  };
  sqs.record(await engineSampler(engine, clock.now)());
  assert.equal(table(store, 'Maximum'), [
    'AWS/SQS NumberOfMessagesSent [QueueName=q] Maximum=3',
    'AWS/SQS NumberOfMessagesReceived [QueueName=q] Maximum=2',
    'AWS/SQS NumberOfMessagesDeleted [QueueName=q] Maximum=1',
    'AWS/SQS ApproximateNumberOfMessagesVisible [QueueName=q] Maximum=2',
    'AWS/SQS ApproximateNumberOfMessagesNotVisible [QueueName=q] Maximum=1',
    'AWS/SQS ApproximateNumberOfMessagesDelayed [QueueName=q] Maximum=0',
    'AWS/SQS ApproximateNumberOfMessagesVisible [QueueName=dlq] Maximum=0',
    'AWS/SQS ApproximateNumberOfMessagesNotVisible [QueueName=dlq] Maximum=0',
    'AWS/SQS ApproximateNumberOfMessagesDelayed [QueueName=dlq] Maximum=0',
    'AWS/SQS ApproximateAgeOfOldestMessage [QueueName=dlq] Maximum=0',
  ]);
  const withAge: QueueAttributeSource = {
    ...engine,
    oldestMessageTimestamp: (n) => (n === 'q' ? T0 - 42_500 : undefined),
  };
  assert.equal(await engineSampler(withAge, clock.now)(), [
    { queueName: 'q', visible: 2, notVisible: 1, delayed: 0, oldestAgeSeconds: 42 },
    { queueName: 'dlq', visible: 0, notVisible: 0, delayed: 0, oldestAgeSeconds: 0 },
  ]);
});

test('sqs: the first sample of startSampling also stands for the last millisecond of the minute before', async () => {
  const clock = createTestClock(T0 + 90_000); // 30 s into a minute
  const store = new MetricStore({ now: clock.now });
  const sqs = new SqsMetrics(store);
  await sqs.startSampling(() =>
    Promise.resolve([
      { queueName: 'dlq', visible: 2, notVisible: 0, delayed: 0, oldestAgeSeconds: 45 },
      { queueName: 'young', visible: 1, notVisible: 0, delayed: 0, oldestAgeSeconds: 20 },
    ]),
  );
  sqs.stopSampling();
  const points = (queue: string, metric: string) =>
    store
      .find('AWS/SQS', metric, [{ Name: 'QueueName', Value: queue }])!
      .aggregate(T0, T0 + 120_000, 60_000)
      .map((a) => `minute ${(a.timestamp - T0) / 60_000}: ${Math.round(a.maximum * 1000) / 1000}`);
  // Minute 0 holds the backdated point (at T0+60s-1ms, the end of the minute before), minute 1 now's.
  assert.equal(points('dlq', 'ApproximateNumberOfMessagesVisible'), ['minute 0: 2', 'minute 1: 2']);
  // 30.001 s earlier, the oldest message was that much younger; one younger than that was not there.
  assert.equal(points('dlq', 'ApproximateAgeOfOldestMessage'), ['minute 0: 14.999', 'minute 1: 45']);
  assert.equal(points('young', 'ApproximateAgeOfOldestMessage'), ['minute 1: 20']);
});

test.run();
