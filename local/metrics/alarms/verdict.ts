import type { StateValue } from '../types.js';
import type { AlarmDefinition, ComparisonOperator } from './definition.js';

/** One period of the evaluation range: its start (ms) and value, undefined when no data. */
export interface Slot {
  timestamp: number;
  value: number | undefined;
}

export interface Verdict {
  state: StateValue;
  reason: string;
  /** JSON, as CloudWatch's StateReasonData. */
  reasonData: string;
}

const WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/**
 * The state for the last EvaluationPeriods periods (oldest first), or undefined to keep the current
 * one (`ignore` with no data at all).
 * - notBreaching / breaching: a missing period counts as good / bad; ALARM when at least
 *   DatapointsToAlarm periods breach.
 * - missing / ignore: missing periods are left out. No data at all: INSUFFICIENT_DATA (missing) or
 *   the current state (ignore). Otherwise ALARM when the breaching periods reach DatapointsToAlarm,
 *   or when fewer periods are present than that and all of them breach.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
 */
export function evaluateSlots(
  def: AlarmDefinition,
  slots: readonly Slot[],
  now: number,
): Verdict | undefined {
  const m = def.datapointsToAlarm;
  const present = slots.filter((s): s is { timestamp: number; value: number } => s.value !== undefined);
  const missing = slots.length - present.length;
  const breaching = present.filter((s) => breaches(def.comparisonOperator, s.value, def.threshold));
  const data = (evaluated: readonly Slot[]): string => reasonData(def, slots, evaluated, now);
  const words = WORDS[def.comparisonOperator];
  const threshold = fmt(def.threshold);
  const recentFirst = (xs: readonly { timestamp: number; value: number }[]): string =>
    [...xs]
      .reverse()
      .map((s) => `${fmt(s.value)} (${date(s.timestamp)})`)
      .join(', ');

  if (present.length === 0 && (def.treatMissingData === 'missing' || def.treatMissingData === 'ignore')) {
    if (def.treatMissingData === 'ignore') return undefined;
    return {
      state: 'INSUFFICIENT_DATA',
      reason: `Insufficient Data: ${plural(slots.length, 'datapoint')} ${slots.length === 1 ? 'was' : 'were'} unknown.`,
      reasonData: data([]),
    };
  }
  let bad = breaching.length;
  let needed = m;
  if (def.treatMissingData === 'breaching') bad += missing;
  if (def.treatMissingData === 'missing' || def.treatMissingData === 'ignore')
    needed = Math.min(m, present.length);
  if (present.length === 0) {
    const treated = def.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching';
    return {
      state: bad >= needed ? 'ALARM' : 'OK',
      reason:
        `Threshold Crossed: no datapoints were received for ${plural(slots.length, 'period')} and ` +
        `${plural(missing, 'missing datapoint')} ${missing === 1 ? 'was' : 'were'} treated as [${treated}].`,
      reasonData: data([]),
    };
  }
  if (bad >= needed) {
    return {
      state: 'ALARM',
      reason:
        `Threshold Crossed: ${breaching.length} out of the last ${slots.length} datapoints [${recentFirst(breaching)}] ` +
        `${breaching.length === 1 ? 'was' : 'were'} ${words} the threshold (${threshold}) ` +
        `(minimum ${plural(m, 'datapoint')} for OK -> ALARM transition).`,
      reasonData: data(present),
    };
  }
  const good = present.filter((s) => !breaches(def.comparisonOperator, s.value, def.threshold));
  const shown = good.length > 0 ? good : present;
  return {
    state: 'OK',
    reason:
      `Threshold Crossed: ${plural(shown.length, 'datapoint')} [${recentFirst(shown)}] ` +
      `${shown.length === 1 ? 'was' : 'were'} not ${words} the threshold (${threshold}).`,
    reasonData: data(present),
  };
}

function reasonData(
  def: AlarmDefinition,
  slots: readonly Slot[],
  evaluated: readonly Slot[],
  now: number,
): string {
  const iso = (t: number) => new Date(t).toISOString().replace('Z', '+0000');
  const body: Record<string, unknown> = {
    version: '1.0',
    queryDate: iso(now),
    startDate: iso(slots[0]?.timestamp ?? now),
  };
  if (def.statistic !== undefined) body.statistic = def.statistic;
  if (def.extendedStatistic !== undefined) body.extendedStatistic = def.extendedStatistic;
  body.period = def.period;
  body.recentDatapoints = evaluated.map((s) => s.value);
  body.threshold = def.threshold;
  body.evaluatedDatapoints = [...evaluated]
    .reverse()
    .map((s) => ({ timestamp: iso(s.timestamp), value: s.value }));
  return JSON.stringify(body);
}

/** CloudWatch prints whole numbers with one decimal: 1.0, 0.0. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yy HH:mm:ss in UTC, as in CloudWatch's reasons. */
export function date(t: number): string {
  const d = new Date(t);
  return (
    `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
