import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LogRecord } from '../../../local/lambda/index.js';
import { createLocalMetrics, type AlarmChange } from '../../../local/metrics/index.js';
import { dlqAlarm } from '../../helpers/metrics/api.js';
import { createTestClock } from '../../helpers/time/clock.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

test('the runtime facade: log records, access records, batches, queue samples, alarm changes', async () => {
  const clock = createTestClock(T0 + 1_000);
  const changes: AlarmChange[] = [];
  const m = createLocalMetrics({
    now: clock.now,
    api: { apiId: 'api1', stage: '$default' },
    alarms: [dlqAlarm('dlq', 'dlq')],
    onAlarmChange: (c) => changes.push(c),
  });
  const emfLine: LogRecord = {
    logGroup: '/aws/lambda/ferry-producer',
    logStream: 's',
    timestamp: T0 + 2_000,
    functionName: 'ferry-producer',
    requestId: 'r1',
    message:
      '{"msg":"accepted","_aws":{"CloudWatchMetrics":[{"Namespace":"Ferry","Dimensions":[["Service"]],"Metrics":[{"Name":"MessagesAccepted","Unit":"Count"}]}]},"Service":"ferry-producer","MessagesAccepted":1}',
  };
  m.onLogRecord(emfLine);
  m.onLogRecord({ timestamp: T0 + 2_000, message: 'END RequestId: r1' });
  m.onAccessRecord({ status: 202, latency: 12, integrationLatency: 10, routeKey: 'POST /messages' });
  m.onBatch('messages', { size: 10, succeeded: 8, filtered: 1 });
  let samples = 0;
  m.start({
    alarmTickMs: 60_000,
    sampleIntervalMs: 60_000,
    sampleQueues: () => {
      samples++;
      return Promise.resolve([{ queueName: 'dlq', visible: 3, notVisible: 0, delayed: 0 }]);
    },
  });
  await new Promise((r) => setImmediate(r));
  m.stop();
  clock.set(T0 + 60_000);
  m.alarms.tick();
  const sums = m.store.list().map((s) => {
    const [a] = m.store.find(s.namespace, s.metricName, s.dimensions)!.aggregate(T0, T0 + 60_000, 60_000);
    return `${s.namespace}/${s.metricName}/${s.dimensions.map((d) => d.Value).join(',')}=${a!.sum}`;
  });
  assert.equal(sums, [
    'Ferry/MessagesAccepted/ferry-producer=1',
    'AWS/ApiGateway/Count/api1=1',
    'AWS/ApiGateway/Count/api1,$default=1',
    'AWS/ApiGateway/4xx/api1=0',
    'AWS/ApiGateway/4xx/api1,$default=0',
    'AWS/ApiGateway/5xx/api1=0',
    'AWS/ApiGateway/5xx/api1,$default=0',
    'AWS/ApiGateway/Latency/api1=12',
    'AWS/ApiGateway/Latency/api1,$default=12',
    'AWS/ApiGateway/IntegrationLatency/api1=10',
    'AWS/ApiGateway/IntegrationLatency/api1,$default=10',
    'AWS/SQS/NumberOfMessagesReceived/messages=10',
    'AWS/SQS/NumberOfMessagesDeleted/messages=9',
    'AWS/SQS/ApproximateNumberOfMessagesVisible/dlq=3',
    'AWS/SQS/ApproximateNumberOfMessagesNotVisible/dlq=0',
    'AWS/SQS/ApproximateNumberOfMessagesDelayed/dlq=0',
  ]);
  assert.is(samples, 1);
  // The first sample also stands for the minute before the start (nothing changed the queues while
  // the runtime was down), so the DLQ that holds 3 messages is in ALARM at once, never OK.
  assert.equal(
    changes.map((c) => [c.oldState, c.newState]),
    [['INSUFFICIENT_DATA', 'ALARM']],
  );
});

test.run();
