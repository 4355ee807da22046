import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { alarmFromProperties, type AlarmDefinition } from '../../../local/metrics/alarms/definition.js';
import type { AlarmConfigError } from '../../../local/metrics/errors.js';
import { evaluateSlots, type Slot } from '../../../local/metrics/alarms/verdict.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

function alarm(props: Record<string, unknown> = {}): AlarmDefinition {
  return alarmFromProperties(
    { alarmName: 'a', alarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:a' },
    {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      ...props,
    },
  );
}

/** '0' good (value 0), 'X' breaching (value 5), '-' missing; oldest first, one minute apart. */
function slots(pattern: string): Slot[] {
  return [...pattern].map((c, i) => ({
    timestamp: T0 + i * 60_000,
    value: c === '-' ? undefined : c === 'X' ? 5 : 0,
  }));
}

const states = (def: AlarmDefinition, patterns: string[]) =>
  patterns.map((p) => evaluateSlots(def, slots(p), T0 + 600_000)?.state ?? 'unchanged');

const comparisons = suite('comparison operators');
comparisons('each operator at, above and below the threshold', () => {
  const at = (op: string) =>
    [4, 5, 6].map(
      (v) =>
        evaluateSlots(alarm({ ComparisonOperator: op, Threshold: 5 }), [{ timestamp: T0, value: v }], T0)!
          .state,
    );
  assert.equal(
    {
      gt: at('GreaterThanThreshold'),
      ge: at('GreaterThanOrEqualToThreshold'),
      lt: at('LessThanThreshold'),
      le: at('LessThanOrEqualToThreshold'),
    },
    {
      gt: ['OK', 'OK', 'ALARM'],
      ge: ['OK', 'ALARM', 'ALARM'],
      lt: ['ALARM', 'OK', 'OK'],
      le: ['ALARM', 'ALARM', 'OK'],
    },
  );
});
comparisons.run();

const mOfN = suite('M out of N');
mOfN('2 of 3: two breaching periods anywhere in the range alarm, one does not', () => {
  const def = alarm({ EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' });
  assert.equal(states(def, ['XX0', 'X0X', '0XX', 'X00', '00X', '000', 'XXX']), [
    'ALARM',
    'ALARM',
    'ALARM',
    'OK',
    'OK',
    'OK',
    'ALARM',
  ]);
});
mOfN('DatapointsToAlarm defaults to EvaluationPeriods', () => {
  const def = alarm({ EvaluationPeriods: 3, TreatMissingData: 'notBreaching' });
  assert.equal(def.datapointsToAlarm, 3);
  assert.equal(states(def, ['XXX', 'XX0']), ['ALARM', 'OK']);
});
mOfN.run();

const missing = suite('TreatMissingData');
const patterns = ['---', '--X', '-X0', 'X--', '0--', 'XX-', '-XX'];
missing('notBreaching: missing periods count as good', () => {
  const def = alarm({ EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' });
  assert.equal(states(def, patterns), ['OK', 'OK', 'OK', 'OK', 'OK', 'ALARM', 'ALARM']);
});
missing('breaching: missing periods count as bad', () => {
  const def = alarm({ EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'breaching' });
  assert.equal(states(def, patterns), ['ALARM', 'ALARM', 'ALARM', 'ALARM', 'ALARM', 'ALARM', 'ALARM']);
  assert.equal(states(def, ['-00', '0-0', '000']), ['OK', 'OK', 'OK']);
});
missing('missing (the default): no data is INSUFFICIENT_DATA; otherwise only present periods count', () => {
  const def = alarm({ EvaluationPeriods: 3, DatapointsToAlarm: 2 });
  assert.is(def.treatMissingData, 'missing');
  assert.equal(states(def, patterns), ['INSUFFICIENT_DATA', 'ALARM', 'OK', 'ALARM', 'OK', 'ALARM', 'ALARM']);
});
missing('ignore: no data keeps the current state; otherwise as missing', () => {
  const def = alarm({ EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'ignore' });
  assert.equal(states(def, patterns), ['unchanged', 'ALARM', 'OK', 'ALARM', 'OK', 'ALARM', 'ALARM']);
});
missing.run();

const reasons = suite('state reasons, as CloudWatch words them');
reasons('ALARM, OK, INSUFFICIENT_DATA and missing data treated', () => {
  const now = T0 + 180_000;
  const one = alarm();
  const three = alarm({ EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 1.5 });
  assert.equal(
    [
      evaluateSlots(one, slots('X'), now)!.reason,
      evaluateSlots(one, slots('0'), now)!.reason,
      evaluateSlots(three, slots('XX0'), now)!.reason,
      evaluateSlots(three, slots('0-0'), now)!.reason,
      evaluateSlots(three, slots('---'), now)!.reason,
      evaluateSlots(alarm({ TreatMissingData: 'notBreaching' }), slots('-'), now)!.reason,
      evaluateSlots(alarm({ TreatMissingData: 'breaching' }), slots('-'), now)!.reason,
    ],
    [
      'Threshold Crossed: 1 out of the last 1 datapoints [5.0 (27/11/26 03:00:00)] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).',
      'Threshold Crossed: 1 datapoint [0.0 (27/11/26 03:00:00)] was not greater than the threshold (0.0).',
      'Threshold Crossed: 2 out of the last 3 datapoints [5.0 (27/11/26 03:01:00), 5.0 (27/11/26 03:00:00)] were greater than the threshold (1.5) (minimum 2 datapoints for OK -> ALARM transition).',
      'Threshold Crossed: 2 datapoints [0.0 (27/11/26 03:02:00), 0.0 (27/11/26 03:00:00)] were not greater than the threshold (1.5).',
      'Insufficient Data: 3 datapoints were unknown.',
      'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
      'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching].',
    ],
  );
  assert.equal(JSON.parse(evaluateSlots(one, slots('X'), now)!.reasonData), {
    version: '1.0',
    queryDate: '2026-11-27T03:03:00.000+0000',
    startDate: '2026-11-27T03:00:00.000+0000',
    statistic: 'Maximum',
    period: 60,
    recentDatapoints: [5],
    threshold: 0,
    evaluatedDatapoints: [{ timestamp: '2026-11-27T03:00:00.000+0000', value: 5 }],
  });
});
reasons.run();

const config = suite('alarm properties');
config('anomaly detection operators, bad values and missing properties are refused, naming them', () => {
  const errors = [
    { ComparisonOperator: 'GreaterThanUpperThreshold' },
    { ComparisonOperator: 'Bigger' },
    { TreatMissingData: 'sometimes' },
    { DatapointsToAlarm: 2 },
    { Statistic: undefined },
    { ExtendedStatistic: 'p99' },
    { Statistic: 'Median' },
    { Period: 45 },
    { Threshold: 'many' },
    { MetricName: undefined },
  ].map((p) => {
    try {
      alarm(p);
      return 'accepted';
    } catch (e) {
      return (e as Error).message;
    }
  });
  assert.equal(errors, [
    'Alarm a: ComparisonOperator GreaterThanUpperThreshold needs an anomaly detection band, which the local runtime does not evaluate',
    'Alarm a: ComparisonOperator must be one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold, got "Bigger"',
    'Alarm a: TreatMissingData must be one of missing, notBreaching, breaching, ignore, got "sometimes"',
    'Alarm a: DatapointsToAlarm must be from 1 to EvaluationPeriods (1), got 2',
    'Alarm a: give exactly one of Statistic and ExtendedStatistic',
    'Alarm a: give exactly one of Statistic and ExtendedStatistic',
    'Alarm a: Statistic must be SampleCount, Average, Sum, Minimum or Maximum, got Median',
    'Alarm a: Period must be 10, 20, 30 or a multiple of 60, got 45',
    'Alarm a: Threshold must be a number, got "many"',
    'Alarm a: MetricName and Namespace are required',
  ]);
});
config('anomaly detection is refused as not evaluated locally, a bad value as an invalid property', () => {
  const refusal = (p: Record<string, unknown>) => {
    try {
      alarm(p);
      return 'accepted';
    } catch (e) {
      return [(e as AlarmConfigError).name, (e as AlarmConfigError).code];
    }
  };
  assert.equal(
    [{ ComparisonOperator: 'GreaterThanUpperThreshold' }, { ThresholdMetricId: 'band' }, { Period: 45 }].map(
      refusal,
    ),
    [
      ['AlarmConfigError', 'NotEvaluatedLocally'],
      ['AlarmConfigError', 'NotEvaluatedLocally'],
      ['AlarmConfigError', 'InvalidProperty'],
    ],
  );
});
config('a Threshold given as a string parameter is taken as a number', () => {
  assert.is(alarm({ Threshold: '300' }).threshold, 300);
});
config.run();
