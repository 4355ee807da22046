import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LogEvent } from '../../../local/console/index.js';
import { alarmsFromTemplate } from '../../../local/runtime/alarms.js';
import { localLogsReader, localMetricsReader } from '../../../local/runtime/console-readers.js';
import { createLogStore } from '../../../local/logs/index.js';
import {
  AlarmEvaluator,
  alarmFromProperties,
  createLocalMetrics,
  MetricStore,
} from '../../../local/metrics/index.js';
import { loadTemplate } from '../../../local/template/index.js';
import { createTestClock } from '../../helpers/time/clock.js';

// The console's readers over the runtime's real stores.

const T0 = 1_800_000_000_000; // a minute boundary
const line = (o: object) => JSON.stringify({ level: 30, ...o });

test('logs: a filter pattern across groups, in time order, the newest kept; a tail sees its group only', () => {
  const store = createLogStore({ now: () => T0 });
  const reader = localLogsReader(store);
  store.append('/aws/lambda/p', 's1', [
    { timestamp: T0 + 1, message: line({ correlationId: 'a', outcome: 'accepted' }) },
    { timestamp: T0 + 4, message: line({ correlationId: 'b', outcome: 'accepted' }) },
  ]);
  store.append('/aws/lambda/c', 's2', [
    { timestamp: T0 + 2, message: line({ correlationId: 'a', outcome: 'processed' }) },
    { timestamp: T0 + 3, message: 'START RequestId: r1 Version: $LATEST' },
  ]);
  store.flush();
  const seen: LogEvent[] = [];
  const stop = reader.subscribe('/aws/lambda/c', (e) => seen.push(e));
  return (async () => {
    assert.equal(await reader.groups(), ['/aws/lambda/c', '/aws/lambda/p']);
    assert.equal(await reader.filter({ filterPattern: '{ $.correlationId = "a" }' }), [
      {
        logGroupName: '/aws/lambda/p',
        logStreamName: 's1',
        timestamp: T0 + 1,
        message: line({ correlationId: 'a', outcome: 'accepted' }),
      },
      {
        logGroupName: '/aws/lambda/c',
        logStreamName: 's2',
        timestamp: T0 + 2,
        message: line({ correlationId: 'a', outcome: 'processed' }),
      },
    ]);
    const newest = await reader.filter({ filterPattern: '', limit: 2 });
    assert.equal(
      newest.map((e) => e.timestamp),
      [T0 + 3, T0 + 4],
    );
    store.append('/aws/lambda/p', 's1', [{ timestamp: T0 + 5, message: 'not for c' }]);
    store.append('/aws/lambda/c', 's2', [{ timestamp: T0 + 6, message: 'for c' }]);
    store.flush();
    stop();
    store.append('/aws/lambda/c', 's2', [{ timestamp: T0 + 7, message: 'after unsubscribe' }]);
    store.flush();
    assert.equal(seen, [
      { logGroupName: '/aws/lambda/c', logStreamName: 's2', timestamp: T0 + 6, message: 'for c' },
    ]);
    store.close();
  })();
});

test("metrics: the dashboard's queries (SEARCH included) and the template's alarms", async () => {
  const now = T0 + 5 * 60_000;
  const model = await loadTemplate('cloudformation/template.yaml');
  const local = createLocalMetrics({ now: () => now, alarms: alarmsFromTemplate(model.resources) });
  const reader = localMetricsReader(local);
  const dims = (o: Record<string, string>) => Object.entries(o).map(([Name, Value]) => ({ Name, Value }));
  local.store.put('Ferry', 'MessagesAccepted', dims({ Service: 'ferry-producer' }), 2, T0 + 1000);
  local.store.put('Ferry', 'MessagesAccepted', dims({ Service: 'ferry-producer' }), 3, T0 + 61_000);
  local.store.put(
    'Ferry',
    'MessagesRejected',
    dims({ Reason: 'invalid-data', Service: 'ferry-producer' }),
    1,
    T0 + 1000,
  );
  local.store.put(
    'Ferry',
    'MessagesRejected',
    dims({ Reason: 'too-large', Service: 'ferry-producer' }),
    4,
    T0 + 2000,
  );
  const series = await reader.query(
    [
      {
        id: 'm1',
        namespace: 'Ferry',
        metricName: 'MessagesAccepted',
        dimensions: { Service: 'ferry-producer' },
        stat: 'Sum',
        period: 60,
        label: 'accepted',
      },
      {
        id: 'rejected',
        expression: `SEARCH('{Ferry,Service,Reason} MetricName="MessagesRejected"', 'Sum', 60)`,
        period: 60,
        label: 'rejected',
      },
    ],
    { start: T0, end: now },
  );
  // Every series of a SEARCH keeps the query's id, as GetMetricData answers it: the page tells the
  // lines apart by position and label, and the queues view finds a MetricStat's series by its id.
  assert.equal(
    series.map((s) => ({
      ...s,
      timestamps: s.timestamps.filter((_, i) => s.values[i] !== 0),
      values: s.values.filter((v) => v !== 0),
    })),
    [
      { id: 'm1', label: 'accepted', timestamps: [T0, T0 + 60_000], values: [2, 3] },
      { id: 'rejected', label: 'rejected invalid-data ferry-producer', timestamps: [T0], values: [1] },
      { id: 'rejected', label: 'rejected too-large ferry-producer', timestamps: [T0], values: [4] },
    ],
  );
  const alarms = await reader.alarms();
  assert.equal(
    alarms.map((a) => [a.name, a.state]).sort(),
    model.resources
      .filter((r) => r.type === 'AWS::CloudWatch::Alarm')
      .map((r) => [r.ref, 'INSUFFICIENT_DATA'])
      .sort(),
  );
});

test('metrics: an alarm as DescribeAlarms details it, and a bad expression rejects', async () => {
  const M = 60_000;
  const clock = createTestClock(T0);
  const store = new MetricStore({ now: clock.now });
  const alarms = new AlarmEvaluator({ store });
  alarms.add(
    alarmFromProperties(
      {
        alarmName: 'ferry-Failed-X',
        alarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:ferry-Failed-X',
      },
      {
        AlarmDescription: 'Consumer failures',
        Namespace: 'Ferry',
        MetricName: 'MessagesFailed',
        Dimensions: [{ Name: 'Service', Value: 'ferry-consumer' }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    ),
  );
  // The first evaluation keeps INSUFFICIENT_DATA (no transition since T0) but replaces the creation
  // reason, which is a state update (DescribeAlarms' StateUpdatedTimestamp).
  clock.set(T0 + 2 * M);
  alarms.tick();
  const reader = localMetricsReader({ store, alarms });
  assert.equal(await reader.alarms(), [
    {
      name: 'ferry-Failed-X',
      arn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:ferry-Failed-X',
      state: 'INSUFFICIENT_DATA',
      reason: 'Insufficient Data: 1 datapoint was unknown.',
      updatedAt: T0 + 2 * M,
      description: 'Consumer failures',
    },
  ]);
  await reader.query([{ id: 'x', expression: 'nope', period: 60 }], { start: T0, end: T0 + M }).then(
    () => assert.unreachable('a bad expression must reject'),
    (e: Error) => assert.is(e.message, 'Unrecognized metric id "nope" in expression: nope'),
  );
});

test.run();
