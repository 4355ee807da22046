import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { localMetricsReader } from '../../../local/runtime/console-readers.js';
import { alarmsFromTemplate } from '../../../local/runtime/alarms.js';
import { expandMetrics, readDashboard } from '../../../local/console/dashboard.js';
import { ConsoleError } from '../../../local/console/errors.js';
import { createLocalMetrics } from '../../../local/metrics/index.js';
import { loadTemplate } from '../../../local/template/index.js';
import { count, emf, millis } from '../../../services/lib/metrics.js';
import { createTestClock } from '../../helpers/time/clock.js';

const defaults = { stat: 'Sum', period: 60 };

test('"." repeats the value above, "..." the values up to where the row resumes', () => {
  const queries = expandMetrics(
    [
      ['AWS/Lambda', 'Duration', 'FunctionName', 'producer', { stat: 'p99' }],
      ['...', 'consumer', { stat: 'p99' }],
      ['.', 'ConcurrentExecutions', '.', 'producer', { stat: 'Maximum', period: 300 }],
      ['...'],
    ],
    defaults,
  );
  assert.equal(queries, [
    {
      id: 'm1',
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: { FunctionName: 'producer' },
      stat: 'p99',
      period: 60,
      label: 'Duration producer',
    },
    {
      id: 'm2',
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: { FunctionName: 'consumer' },
      stat: 'p99',
      period: 60,
      label: 'Duration consumer',
    },
    {
      id: 'm3',
      namespace: 'AWS/Lambda',
      metricName: 'ConcurrentExecutions',
      dimensions: { FunctionName: 'producer' },
      stat: 'Maximum',
      period: 300,
      label: 'ConcurrentExecutions Maximum',
    },
    {
      id: 'm4',
      namespace: 'AWS/Lambda',
      metricName: 'ConcurrentExecutions',
      dimensions: { FunctionName: 'producer' },
      stat: 'Sum',
      period: 60,
      label: 'ConcurrentExecutions Sum',
    },
  ]);
});

test('expressions pass through with their id and label; a row label wins', () => {
  const queries = expandMetrics(
    [
      [{ expression: "SEARCH('{Ferry,Service} MetricName=\"X\"', 'Sum', 60)", id: 'x', label: 'all X' }],
      ['Ferry', 'X', 'Service', 'a', { label: 'mine' }],
    ],
    defaults,
  );
  assert.equal(queries, [
    {
      id: 'x',
      expression: "SEARCH('{Ferry,Service} MetricName=\"X\"', 'Sum', 60)",
      period: 60,
      label: 'all X',
    },
    {
      id: 'm2',
      namespace: 'Ferry',
      metricName: 'X',
      dimensions: { Service: 'a' },
      stat: 'Sum',
      period: 60,
      label: 'mine',
    },
  ]);
});

test('a malformed row is refused with where it is', () => {
  assert.throws(
    () => expandMetrics([['.', 'X']], defaults, 3),
    (e: Error) =>
      e instanceof ConsoleError &&
      e.code === 'DashboardBody' &&
      e.message === 'widgets[3].properties.metrics[0][0] "." has no value above it',
  );
  assert.throws(
    () => expandMetrics([['Ferry', 'X', 'Service']], defaults),
    /must be \[namespace, metricName, \(dimension, value\)\.\.\.\]/,
  );
  assert.throws(() => readDashboard('{"widgets": 1}'), /must be an object with a "widgets" array/);
  assert.throws(() => readDashboard('{'), /DashboardBody is not JSON/);
});

test('alarm and text widgets keep their place; widgets with no local counterpart are left out', () => {
  const widgets = readDashboard({
    widgets: [
      { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: '# Ferry' } },
      {
        type: 'alarm',
        width: 12,
        height: 3,
        properties: { title: 'Alarms', alarms: ['arn:aws:cloudwatch:us-east-1:000000000000:alarm:A'] },
      },
      { type: 'log', x: 0, y: 5, width: 24, height: 6, properties: { query: 'fields @message' } },
    ],
  });
  assert.equal(widgets, [
    { index: 0, x: 0, y: 0, width: 24, height: 2, title: '', type: 'text', markdown: '# Ferry' },
    {
      index: 1,
      width: 12,
      height: 3,
      title: 'Alarms',
      type: 'alarm',
      alarms: ['arn:aws:cloudwatch:us-east-1:000000000000:alarm:A'],
    },
  ]);
});

test("the template's own dashboard: every metric widget names its metrics in full", async () => {
  const model = await loadTemplate('cloudformation/template.yaml');
  const body = model.resources.find((r) => r.type === 'AWS::CloudWatch::Dashboard')!.properties
    .DashboardBody as string;
  const widgets = readDashboard(body);
  assert.ok(widgets.length >= 9);
  const queue = widgets.find((w) => w.title === 'Queue depth, in flight, DLQ depth');
  assert.equal(queue?.type === 'metric' && queue.queries, [
    {
      id: 'm1',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'ferry-messages' },
      stat: 'Maximum',
      period: 60,
      label: 'ApproximateNumberOfMessagesVisible ferry-messages',
    },
    {
      id: 'm2',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesNotVisible',
      dimensions: { QueueName: 'ferry-messages' },
      stat: 'Maximum',
      period: 60,
      label: 'ApproximateNumberOfMessagesNotVisible',
    },
    {
      id: 'm3',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'ferry-messages-dlq' },
      stat: 'Maximum',
      period: 60,
      label: 'DLQ visible',
    },
  ]);
  for (const w of widgets) if (w.type === 'metric') assert.ok(w.queries.length > 0, w.title);
});

test("every widget of the template's dashboard draws data from what the runtime records", async () => {
  // Prepare: one minute of a running pipeline, recorded the way the runtime records it.
  const model = await loadTemplate('cloudformation/template.yaml', { stackName: 'ferry' });
  const ref = (type: string, id?: string) =>
    model.resources.find((r) => r.type === type && (id === undefined || r.logicalId === id))!;
  const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);
  const clock = createTestClock(T0 + 10_000);
  const metrics = createLocalMetrics({
    now: clock.now,
    api: { apiId: ref('AWS::ApiGatewayV2::Api').ref, stage: '$default' },
    alarms: alarmsFromTemplate(model.resources),
  });
  const producer = ref('AWS::Lambda::Function', 'ProducerFunction').ref;
  const consumer = ref('AWS::Lambda::Function', 'ConsumerFunction').ref;
  // Each invocation takes 4 ms on the clock its duration is measured with.
  const elapsed = createTestClock(0);
  for (const fn of [producer, consumer]) {
    await metrics.lambda.track(fn, () => (elapsed.advance(4), Promise.resolve({ ok: true })), elapsed.now);
  }
  metrics.onAccessRecord({ status: 202, latency: 9, integrationLatency: 7 });
  metrics.onAccessRecord({ status: 503, latency: 30, integrationLatency: -1 });
  metrics.sqs.record(
    ['MessagesQueue', 'DeadLetterQueue'].map((id) => ({
      queueName: ref('AWS::SQS::Queue', id).attributes.QueueName as string,
      visible: 2,
      notVisible: 1,
      delayed: 0,
      oldestAgeSeconds: 30,
    })),
  );
  const line = (service: string, list: Parameters<typeof emf>[1], reason?: string) => ({
    timestamp: clock.now(),
    message: JSON.stringify({
      msg: 'x',
      ...emf({ namespace: 'Ferry', service, now: clock.now }, list, reason),
    }),
  });
  metrics.onLogRecord(line('ferry-producer', [count('MessagesAccepted')]));
  metrics.onLogRecord(line('ferry-producer', [count('MessagesRejected')], 'invalid-data'));
  metrics.onLogRecord(
    line('ferry-consumer', [
      count('MessagesProcessed'),
      millis('ProcessingTime', 2),
      millis('EndToEndLatency', 40),
    ]),
  );
  metrics.onLogRecord(line('ferry-consumer', [count('MessagesFailed')], 'transient'));
  const body = ref('AWS::CloudWatch::Dashboard').properties.DashboardBody as string;
  const reader = localMetricsReader(metrics);

  // Act: every metric widget's queries, as the console runs them.
  const drawn: [string, string[]][] = [];
  for (const widget of readDashboard(body)) {
    if (widget.type !== 'metric') continue;
    const series = await reader.query(widget.queries, { start: T0, end: T0 + 60_000 });
    drawn.push([widget.title, series.map((s) => `${s.id}: ${s.values.join(',')}`)]);
  }

  // Assess: every line of every widget has its datapoint.
  assert.equal(drawn, [
    ['API requests, 4xx, 5xx', ['m1: 2', 'm2: 0', 'm3: 1']],
    ['API latency (ms)', ['m1: 9', 'm2: 30', 'm3: 7']],
    ['Queue depth, in flight, DLQ depth', ['m1: 2', 'm2: 1', 'm3: 2']],
    ['Age of oldest message (s)', ['m1: 30', 'm2: 30']],
    ['Invocations and errors', ['m1: 1', 'm2: 0', 'm3: 1', 'm4: 0', 'm5: 0']],
    ['Duration (ms, p99) and concurrency', ['m1: 4', 'm2: 4', 'm3: 1', 'm4: 1']],
    ['Messages accepted, processed, failed', ['m1: 1', 'm2: 1', 'm3: 1']],
    ['Messages rejected and failed, by reason', ['rejected: 1', 'failed: 1']],
    ['End-to-end latency and processing time (ms)', ['m1: 40', 'm2: 40', 'm3: 2']],
  ]);
});

test.run();
