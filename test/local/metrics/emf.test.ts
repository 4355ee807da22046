import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ingestEmf } from '../../../local/metrics/emf.js';
import { MetricStore } from '../../../local/metrics/store.js';
import { count, emf, millis } from '../../../services/lib/metrics.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);
const ctx = { namespace: 'Ferry', service: 'ferry-producer', now: () => T0 + 1_234 };

function dump(store: MetricStore) {
  return store.list().map((s) => {
    const [a] = store.find(s.namespace, s.metricName, s.dimensions)!.aggregate(0, Infinity, 60_000);
    return { ...s, timestamp: a!.timestamp - T0, sum: a!.sum, n: a!.sampleCount };
  });
}

test('a services/lib line with a reason records every metric under both dimension sets, at _aws.Timestamp', () => {
  const store = new MetricStore({ now: () => T0 });
  const line = JSON.stringify({
    level: 30,
    msg: 'rejected',
    ...emf(ctx, [count('MessagesRejected')], 'invalid-data'),
  });
  assert.is(ingestEmf(store, line), 2);
  const service = { Name: 'Service', Value: 'ferry-producer' };
  const reason = { Name: 'Reason', Value: 'invalid-data' };
  const base = {
    namespace: 'Ferry',
    metricName: 'MessagesRejected',
    unit: 'Count',
    lastTimestamp: T0 + 1_234,
  };
  assert.equal(dump(store), [
    { ...base, dimensions: [service], timestamp: 0, sum: 1, n: 1 },
    { ...base, dimensions: [reason, service], timestamp: 0, sum: 1, n: 1 },
  ]);
});

test('array values, several metrics, and the record time when _aws.Timestamp is absent', () => {
  const store = new MetricStore({ now: () => T0 });
  const line = JSON.stringify({
    _aws: {
      CloudWatchMetrics: [
        {
          Namespace: 'Ferry',
          Dimensions: [[]],
          Metrics: [{ Name: 'Latency', Unit: 'Milliseconds' }, { Name: 'Hits' }],
        },
      ],
    },
    Latency: [5, 7, 9],
    Hits: 2,
  });
  assert.is(ingestEmf(store, line, T0 + 5_000), 4);
  assert.equal(dump(store), [
    {
      namespace: 'Ferry',
      metricName: 'Latency',
      dimensions: [],
      unit: 'Milliseconds',
      lastTimestamp: T0 + 5_000,
      timestamp: 0,
      sum: 21,
      n: 3,
    },
    {
      namespace: 'Ferry',
      metricName: 'Hits',
      dimensions: [],
      unit: undefined,
      lastTimestamp: T0 + 5_000,
      timestamp: 0,
      sum: 2,
      n: 1,
    },
  ]);
});

test('lines that are not EMF record nothing', () => {
  const store = new MetricStore({ now: () => T0 });
  const lines = [
    'START RequestId: 1 Version: $LATEST',
    '{"level":30,"msg":"processed"}',
    '{"_aws": not json',
    '{"_aws":{"Timestamp":1}}',
    '{"_aws":{"CloudWatchMetrics":[{"Metrics":[{"Name":"X"}]}]},"X":1}',
    // A dimension the line lacks: that dimension set is skipped, as CloudWatch does.
    '{"_aws":{"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["Missing"]],"Metrics":[{"Name":"X"}]}]},"X":1}',
    '{"_aws":{"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"X"}]}]},"X":"1"}',
  ];
  assert.equal(
    lines.map((l) => ingestEmf(store, l, T0)),
    [0, 0, 0, 0, 0, 0, 0],
  );
  assert.equal(store.list(), []);
});

test('millis metrics keep their unit; ingestion of 100k lines takes well under a second', () => {
  const store = new MetricStore({ now: () => T0 });
  const line = JSON.stringify({
    msg: 'processed',
    ...emf({ ...ctx, service: 'ferry-consumer' }, [count('MessagesProcessed'), millis('ProcessingTime', 3)]),
  });
  const plain = JSON.stringify({ level: 30, msg: 'hello', correlationId: 'abc' });
  const started = performance.now();
  for (let i = 0; i < 50_000; i++) {
    ingestEmf(store, line);
    ingestEmf(store, plain);
  }
  const ms = performance.now() - started;
  assert.ok(ms < 1_000, `took ${ms} ms`);
  assert.equal(
    store.list().map((s) => [s.metricName, s.unit]),
    [
      ['MessagesProcessed', 'Count'],
      ['ProcessingTime', 'Milliseconds'],
    ],
  );
});

test.run();
