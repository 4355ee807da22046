import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MetricStore } from '../../../local/metrics/store.js';
import { parseStatistic, statisticValue } from '../../../local/metrics/stats.js';
import { createTestClock, type TestClock } from '../../helpers/time/clock.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);
const dims = [{ Name: 'Service', Value: 'ferry-consumer' }];

function storeAt(clock: TestClock, options = {}) {
  return new MetricStore({ now: clock.now, ...options });
}

test('aggregates per period aligned to the period, leaving out periods without data', () => {
  const clock = createTestClock(T0 + 600_000);
  const store = storeAt(clock);
  store.put('Ferry', 'ProcessingTime', dims, 10, T0 + 1_000);
  store.put('Ferry', 'ProcessingTime', dims, 30, T0 + 59_999);
  store.put('Ferry', 'ProcessingTime', dims, 5, T0 + 120_500);
  const series = store.find('Ferry', 'ProcessingTime', dims)!;
  assert.equal(series.aggregate(T0, T0 + 180_000, 60_000), [
    { timestamp: T0, sampleCount: 2, sum: 40, minimum: 10, maximum: 30, values: [10, 30] },
    { timestamp: T0 + 120_000, sampleCount: 1, sum: 5, minimum: 5, maximum: 5, values: [5] },
  ]);
  assert.equal(series.aggregate(T0 + 60_000, T0 + 120_000, 60_000), []);
});

test('a series is found whatever the order of its dimensions', () => {
  const clock = createTestClock(T0);
  const store = storeAt(clock);
  const a = { Name: 'ApiId', Value: 'abc' };
  const s = { Name: 'Stage', Value: '$default' };
  store.put('AWS/ApiGateway', 'Count', [s, a], 1, T0);
  assert.ok(store.find('AWS/ApiGateway', 'Count', [a, s]) !== undefined);
  assert.equal(store.list(), [
    {
      namespace: 'AWS/ApiGateway',
      metricName: 'Count',
      dimensions: [a, s],
      unit: undefined,
      lastTimestamp: T0,
    },
  ]);
});

test('late datapoints land in their own second, in order', () => {
  const clock = createTestClock(T0 + 10_000);
  const store = storeAt(clock);
  store.put('Ferry', 'M', [], 3, T0 + 5_000);
  store.put('Ferry', 'M', [], 1, T0 + 1_000);
  store.put('Ferry', 'M', [], 2, T0 + 1_500);
  assert.equal(
    store
      .find('Ferry', 'M', [])!
      .aggregate(T0, T0 + 10_000, 1_000)
      .map((a) => [a.timestamp - T0, a.sum]),
    [
      [1_000, 3],
      [5_000, 3],
    ],
  );
});

test('retention: older datapoints are refused and pruned, empty series dropped', () => {
  const clock = createTestClock(T0);
  const store = storeAt(clock, { retentionMs: 60_000 });
  assert.equal(store.put('Ferry', 'M', [], 1, T0 - 61_000), false);
  assert.equal(store.put('Ferry', 'M', [], 1, T0 - 30_000), true);
  store.put('Ferry', 'N', [], 1, T0);
  clock.set(T0 + 45_000);
  store.prune();
  assert.equal(
    store.list().map((s) => s.metricName),
    ['N'],
  );
  assert.is(store.dropped, 1);
});

test('maxSeries bounds the number of series', () => {
  const store = storeAt(createTestClock(T0), { maxSeries: 2 });
  assert.equal(
    [1, 2, 3].map((i) => store.put('Ferry', `M${i}`, [], 1, T0)),
    [true, true, false],
  );
  assert.is(store.dropped, 1);
});

test('a second holding more values than the cap keeps a sample of that size, exact counts and sums', () => {
  const store = storeAt(createTestClock(T0), { valuesPerSecond: 10 });
  for (let i = 1; i <= 100; i++) store.put('Ferry', 'M', [], i, T0);
  const [a] = store.find('Ferry', 'M', [])!.aggregate(T0, T0 + 1000, 1000);
  assert.equal([a!.sampleCount, a!.sum, a!.minimum, a!.maximum, a!.values.length], [100, 5050, 1, 100, 10]);
});

test('a second of one repeated value keeps it once; a different value then gives the full sample', () => {
  const store = storeAt(createTestClock(T0), { valuesPerSecond: 4 });
  for (let i = 0; i < 10; i++) store.put('Ferry', 'Count', [], 1, T0);
  store.put('Ferry', 'Mixed', [], 1, T0, undefined, 2);
  store.put('Ferry', 'Mixed', [], 3, T0);
  const series = (name: string) => store.find('Ferry', name, [])!.aggregate(T0, T0 + 1000, 1000)[0]!;
  assert.equal([series('Count').values, series('Count').sampleCount], [[1, 1, 1, 1], 10]);
  assert.equal([series('Mixed').values, series('Mixed').sum], [[1, 1, 3], 5]);
  const statsOnly = store.series('Ferry', 'Stats', [])!;
  statsOnly.addStatistics({ n: 2, sum: 4, min: 1, max: 3 }, T0);
  assert.equal(statsOnly.aggregate(T0, T0 + 1000, 1000), [
    { timestamp: T0, sampleCount: 2, sum: 4, minimum: 1, maximum: 3, values: [] },
  ]);
});

test('statistics: standard ones, aliases and nearest-rank percentiles', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  const agg = { timestamp: 0, sampleCount: 100, sum: 5050, minimum: 1, maximum: 100, values };
  const stats = [
    'SampleCount',
    'Sum',
    'Minimum',
    'Maximum',
    'Average',
    'Avg',
    'p50',
    'p99',
    'p99.9',
    'p100',
    'p0',
  ];
  assert.equal(
    stats.map((s) => statisticValue(agg, parseStatistic(s)!)),
    [100, 5050, 1, 100, 50.5, 50.5, 50, 99, 100, 100, 1],
  );
  assert.equal(
    ['tm99', 'p101', 'Median', ''].map((s) => parseStatistic(s)),
    [undefined, undefined, undefined, undefined],
  );
  assert.is(statisticValue({ ...agg, values: [] }, { kind: 'percentile', p: 50 }), undefined);
});

test.run();
