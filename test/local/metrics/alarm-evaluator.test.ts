import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alarmFromProperties } from '../../../local/metrics/alarms/definition.js';
import { AlarmEvaluator, type AlarmChange } from '../../../local/metrics/alarms/evaluator.js';
import { alarmsFromTemplate } from '../../../local/runtime/alarms.js';
import { MetricStore } from '../../../local/metrics/store.js';
import { loadTemplate } from '../../../local/template/index.js';
import { createTestClock } from '../../helpers/time/clock.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

async function templateAlarms() {
  const model = await loadTemplate('cloudformation/template.yaml', { stackName: 'ferry' });
  return alarmsFromTemplate(model.resources);
}

test("the template's alarms load, and each starts INSUFFICIENT_DATA, unchecked", async () => {
  const defs = await templateAlarms();
  const store = new MetricStore({ now: () => T0 });
  const alarms = new AlarmEvaluator({ store });
  defs.forEach((d) => alarms.add(d));
  assert.equal(
    alarms
      .states()
      .map((a) => [a.definition.namespace, a.definition.metricName, a.stateValue, a.stateReason]),
    defs.map((d) => [d.namespace, d.metricName, 'INSUFFICIENT_DATA', 'Unchecked: Initial alarm creation']),
  );
  assert.ok(
    defs.some(
      (d) => d.metricName === 'ApproximateNumberOfMessagesVisible' && d.treatMissingData === 'notBreaching',
    ),
  );
});

test('the DLQ alarm goes to ALARM the period after a message lands in the DLQ, and back to OK once it is empty', async () => {
  const dlqAlarm = (await templateAlarms()).find((d) => d.alarmName.includes('DlqMessagesVisible'))!;
  const dlq = dlqAlarm.dimensions[0]!.Value;
  const clock = createTestClock(T0 + 5_000);
  const store = new MetricStore({ now: clock.now });
  const seen: AlarmChange[] = [];
  const alarms = new AlarmEvaluator({ store, onChange: (c) => seen.push(c) });
  alarms.add(dlqAlarm);
  const depth = (n: number) =>
    store.put('AWS/SQS', 'ApproximateNumberOfMessagesVisible', [{ Name: 'QueueName', Value: dlq }], n);

  depth(0);
  assert.equal(alarms.tick(), [
    {
      alarmName: dlqAlarm.alarmName,
      oldState: 'INSUFFICIENT_DATA',
      newState: 'OK',
      reason:
        'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
      timestamp: T0 + 5_000,
    },
  ]);
  clock.set(T0 + 30_000);
  depth(1);
  assert.equal(alarms.tick(), [], 'the period has not ended: nothing is evaluated');
  clock.set(T0 + 60_000);
  const [toAlarm] = alarms.tick();
  assert.equal(toAlarm, {
    alarmName: dlqAlarm.alarmName,
    oldState: 'OK',
    newState: 'ALARM',
    reason:
      'Threshold Crossed: 1 out of the last 1 datapoints [1.0 (27/11/26 03:00:00)] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).',
    timestamp: T0 + 60_000,
  });
  assert.equal(alarms.tick(), [], 'evaluated once per period');
  clock.set(T0 + 70_000);
  depth(0);
  clock.set(T0 + 120_000);
  assert.equal(
    alarms.tick().map((c) => [c.oldState, c.newState, c.reason]),
    [
      [
        'ALARM',
        'OK',
        'Threshold Crossed: 1 datapoint [0.0 (27/11/26 03:01:00)] was not greater than the threshold (0.0).',
      ],
    ],
  );
  assert.equal(
    seen.map((c) => c.newState),
    ['OK', 'ALARM', 'OK'],
  );
  assert.equal(alarms.history(), seen);
  assert.equal(
    [alarms.get(dlqAlarm.alarmName)!.stateValue, alarms.get(dlqAlarm.alarmName)!.stateTransitionedTimestamp],
    ['OK', T0 + 120_000],
  );
});

test('a metric-math alarm: errors as a percentage of invocations', () => {
  const clock = createTestClock(T0);
  const store = new MetricStore({ now: clock.now });
  const fn = [{ Name: 'FunctionName', Value: 'ferry-consumer' }];
  const stat = (name: string) => ({
    Metric: { Namespace: 'AWS/Lambda', MetricName: name, Dimensions: fn },
    Period: 60,
    Stat: 'Sum',
  });
  const def = alarmFromProperties(
    { alarmName: 'error-rate', alarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:error-rate' },
    {
      Metrics: [
        { Id: 'errors', MetricStat: stat('Errors'), ReturnData: false },
        { Id: 'invocations', MetricStat: stat('Invocations'), ReturnData: false },
        { Id: 'rate', Expression: '100 * errors / invocations', Label: 'Error rate' },
      ],
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    },
  );
  const alarms = new AlarmEvaluator({ store });
  alarms.add(def);
  for (const [minute, invocations, errors] of [
    [0, 10, 1],
    [1, 10, 2],
    [2, 4, 0],
  ] as const) {
    store.put('AWS/Lambda', 'Invocations', fn, invocations, T0 + minute * 60_000);
    store.put('AWS/Lambda', 'Errors', fn, errors, T0 + minute * 60_000);
  }
  clock.set(T0 + 120_000);
  assert.equal(
    alarms.tick().map((c) => c.newState),
    ['ALARM'],
  );
  clock.set(T0 + 180_000);
  assert.equal(
    alarms.tick().map((c) => [c.newState, c.reason]),
    [
      [
        'OK',
        'Threshold Crossed: 1 datapoint [0.0 (27/11/26 03:02:00)] was not greater than or equal to the threshold (10.0).',
      ],
    ],
  );
});

test('start() evaluates on a real timer but the injected clock decides what is due', async () => {
  const clock = createTestClock(T0 - 1);
  const store = new MetricStore({ now: clock.now });
  const alarms = new AlarmEvaluator({ store });
  alarms.add(
    alarmFromProperties(
      { alarmName: 'x', alarmArn: 'arn:x' },
      {
        Namespace: 'N',
        MetricName: 'M',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    ),
  );
  alarms.start(5);
  alarms.stop();
  assert.equal(
    alarms.states().map((a) => [a.stateValue, a.stateReason]),
    [['INSUFFICIENT_DATA', 'Insufficient Data: 1 datapoint was unknown.']],
  );
});

test.run();
