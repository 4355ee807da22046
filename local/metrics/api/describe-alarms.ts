import type { AlarmEvaluator, AlarmState } from '../alarms/evaluator.js';
import { invalid } from './errors.js';
import { decodeToken, encodeToken, int, list, seconds, str, type Input } from './params.js';

const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html */
export function describeAlarms(alarms: AlarmEvaluator | undefined, input: Input): unknown {
  const names = list(input, 'AlarmNames') as string[] | undefined;
  if (names !== undefined && names.length > 100) throw invalid('AlarmNames must have at most 100 members.');
  const prefix = str(input, 'AlarmNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    throw invalid('AlarmNames and AlarmNamePrefix cannot be specified together.');
  }
  const stateValue = str(input, 'StateValue');
  if (stateValue !== undefined && !STATES.includes(stateValue)) {
    throw invalid(
      `The value ${stateValue} for parameter StateValue is invalid: expected one of ${STATES.join(', ')}.`,
    );
  }
  const types = (list(input, 'AlarmTypes') ?? ['MetricAlarm']) as string[];
  for (const t of types) {
    if (t !== 'MetricAlarm' && t !== 'CompositeAlarm') {
      throw invalid(
        `The value ${t} for parameter AlarmTypes is invalid: expected MetricAlarm or CompositeAlarm.`,
      );
    }
  }
  const actionPrefix = str(input, 'ActionPrefix');
  const max = int(input, 'MaxRecords', false, 1, 100) ?? 50;
  const fingerprint = JSON.stringify([names, prefix, stateValue, types, actionPrefix, max]);
  const offset = decodeToken(str(input, 'NextToken'), fingerprint);
  const matching = types.includes('MetricAlarm')
    ? (alarms?.states() ?? [])
        .filter(
          (a) =>
            (names === undefined || names.includes(a.definition.alarmName)) &&
            (prefix === undefined || a.definition.alarmName.startsWith(prefix)) &&
            (stateValue === undefined || a.stateValue === stateValue) &&
            (actionPrefix === undefined ||
              [
                ...a.definition.alarmActions,
                ...a.definition.okActions,
                ...a.definition.insufficientDataActions,
              ].some((x) => x.startsWith(actionPrefix))),
        )
        .sort((a, b) => (a.definition.alarmName < b.definition.alarmName ? -1 : 1))
    : [];
  const page = matching.slice(offset, offset + max);
  const body: Record<string, unknown> = { MetricAlarms: page.map(toWire), CompositeAlarms: [] };
  if (offset + max < matching.length) body.NextToken = encodeToken(offset + max, fingerprint);
  return body;
}

/** The MetricAlarm shape, with the fields an alarm has. */
export function toWire(a: AlarmState): Record<string, unknown> {
  const d = a.definition;
  const out: Record<string, unknown> = {
    AlarmName: d.alarmName,
    AlarmArn: d.alarmArn,
    AlarmDescription: d.alarmDescription,
    AlarmConfigurationUpdatedTimestamp: seconds(a.configuredTimestamp),
    ActionsEnabled: d.actionsEnabled,
    OKActions: d.okActions,
    AlarmActions: d.alarmActions,
    InsufficientDataActions: d.insufficientDataActions,
    StateValue: a.stateValue,
    StateReason: a.stateReason,
    StateReasonData: a.stateReasonData,
    StateUpdatedTimestamp: seconds(a.stateUpdatedTimestamp),
    MetricName: d.metricName,
    Namespace: d.namespace,
    Statistic: d.statistic,
    ExtendedStatistic: d.extendedStatistic,
    Dimensions: d.metrics === undefined ? d.dimensions : undefined,
    Period: d.metrics === undefined ? d.period : undefined,
    Unit: d.unit,
    EvaluationPeriods: d.evaluationPeriods,
    DatapointsToAlarm: d.datapointsToAlarm,
    Threshold: d.threshold,
    ComparisonOperator: d.comparisonOperator,
    TreatMissingData: d.treatMissingData,
    Metrics: d.metrics,
    StateTransitionedTimestamp: seconds(a.stateTransitionedTimestamp),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
