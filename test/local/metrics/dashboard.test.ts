import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readDashboard } from '../../../local/console/dashboard.js';
import { alarmsFromTemplate, createLocalMetrics, createMetricsReader } from '../../../local/metrics/index.js';
import { loadTemplate } from '../../../local/template/index.js';
import { count, emf, millis } from '../../../services/lib/metrics.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

test("every widget of the template's dashboard draws data from what the runtime records", async () => {
  // Prepare: one minute of a running pipeline, recorded the way the runtime records it.
  const model = await loadTemplate('cloudformation/template.yaml', { stackName: 'ferry' });
  const ref = (type: string, id?: string) =>
    model.resources.find((r) => r.type === type && (id === undefined || r.logicalId === id))!;
  const now = { t: T0 + 10_000 };
  const metrics = createLocalMetrics({
    now: () => now.t,
    api: { apiId: ref('AWS::ApiGatewayV2::Api').ref, stage: '$default' },
    alarms: alarmsFromTemplate(model.resources),
  });
  const producer = ref('AWS::Lambda::Function', 'ProducerFunction').ref;
  const consumer = ref('AWS::Lambda::Function', 'ConsumerFunction').ref;
  let clock = 0;
  for (const fn of [producer, consumer]) {
    await metrics.lambda.track(
      fn,
      () => ((clock += 4), Promise.resolve({ ok: true })),
      () => clock,
    );
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
    timestamp: now.t,
    message: JSON.stringify({
      msg: 'x',
      ...emf({ namespace: 'Ferry', service, now: () => now.t }, list, reason),
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
  const reader = createMetricsReader(metrics.store, metrics.alarms);

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
    ['Messages rejected and failed, by reason', ['rejected_0: 1', 'failed_0: 1']],
    ['End-to-end latency and processing time (ms)', ['m1: 40', 'm2: 40', 'm3: 2']],
  ]);
});

test.run();
