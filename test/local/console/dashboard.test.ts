import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DashboardBodyError, expandMetrics, readDashboard } from '../../../local/console/dashboard.js';
import { loadTemplate } from '../../../local/template/index.js';

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
      e instanceof DashboardBodyError &&
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

test.run();
