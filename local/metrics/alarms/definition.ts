import { AlarmConfigError, type AlarmConfigErrorCode } from '../errors.js';
import { parseStatistic } from '../stats.js';
import type { Dimension } from '../types.js';

/** An AWS::CloudWatch::Alarm, checked: what the evaluator and DescribeAlarms need. */
export interface AlarmDefinition {
  alarmName: string;
  alarmArn: string;
  alarmDescription?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  /** A single-metric alarm has namespace, metricName, dimensions and one statistic... */
  namespace?: string;
  metricName?: string;
  dimensions: Dimension[];
  statistic?: string;
  extendedStatistic?: string;
  unit?: string;
  /** ...a metric-math alarm has Metrics, one of which has ReturnData true. */
  metrics?: MetricQuery[];
  /** Seconds. */
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

export interface MetricQuery {
  Id: string;
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] };
    Period: number;
    Stat: string;
    Unit?: string;
  };
}

export const COMPARISONS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
export type ComparisonOperator = (typeof COMPARISONS)[number];
const ANOMALY = [
  'LessThanLowerOrGreaterThanUpperThreshold',
  'LessThanLowerThreshold',
  'GreaterThanUpperThreshold',
];

export const MISSING_DATA = ['missing', 'notBreaching', 'breaching', 'ignore'] as const;
export type TreatMissingData = (typeof MISSING_DATA)[number];

export interface AlarmIdentity {
  alarmName: string;
  alarmArn: string;
}

/** One alarm's resolved properties, read so that every refusal names the alarm and the property. */
class AlarmProperties {
  constructor(
    private readonly alarmName: string,
    readonly raw: Record<string, unknown>,
  ) {}

  readonly fail = (message: string, code: AlarmConfigErrorCode = 'InvalidProperty'): never => {
    throw new AlarmConfigError(code, `Alarm ${this.alarmName}: ${message}`);
  };

  /** A number, or a numeric string (a template parameter). */
  number(key: string, fallback?: number): number {
    const v = this.raw[key] ?? fallback;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n))
      this.fail(`${key} must be a number, got ${JSON.stringify(v)}`);
    return n as number;
  }

  strings(key: string): string[] {
    const v = this.raw[key] ?? [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
      this.fail(`${key} must be a list of strings`);
    return v as string[];
  }
}

/** Checks an alarm's resolved CloudFormation properties; throws AlarmConfigError naming the property. */
export function alarmFromProperties(id: AlarmIdentity, p: Record<string, unknown>): AlarmDefinition {
  const props = new AlarmProperties(id.alarmName, p);
  const comparisonOperator = comparisonOf(props);
  const treatMissingData = treatMissingDataOf(props);
  if (p.ThresholdMetricId !== undefined)
    props.fail('ThresholdMetricId (anomaly detection) is not evaluated locally', 'NotEvaluatedLocally');
  const { evaluationPeriods, datapointsToAlarm } = evaluationRangeOf(props);
  const def: AlarmDefinition = {
    ...id,
    actionsEnabled: p.ActionsEnabled !== false && p.ActionsEnabled !== 'false',
    alarmActions: props.strings('AlarmActions'),
    okActions: props.strings('OKActions'),
    insufficientDataActions: props.strings('InsufficientDataActions'),
    dimensions: dimensionsOf(p.Dimensions, props.fail),
    period: 0,
    evaluationPeriods,
    datapointsToAlarm,
    threshold: props.number('Threshold'),
    comparisonOperator,
    treatMissingData,
  };
  if (typeof p.AlarmDescription === 'string') def.alarmDescription = p.AlarmDescription;
  if (p.Metrics !== undefined) setMetricMath(def, props);
  else setSingleMetric(def, props);
  return def;
}

function comparisonOf({ raw, fail }: AlarmProperties): ComparisonOperator {
  const op = raw.ComparisonOperator;
  if (typeof op === 'string' && ANOMALY.includes(op)) {
    fail(
      `ComparisonOperator ${op} needs an anomaly detection band, which the local runtime does not evaluate`,
      'NotEvaluatedLocally',
    );
  }
  if (!COMPARISONS.includes(op as ComparisonOperator)) {
    fail(`ComparisonOperator must be one of ${COMPARISONS.join(', ')}, got ${JSON.stringify(op)}`);
  }
  return op as ComparisonOperator;
}

function treatMissingDataOf({ raw, fail }: AlarmProperties): TreatMissingData {
  const treat = raw.TreatMissingData ?? 'missing';
  if (!MISSING_DATA.includes(treat as TreatMissingData)) {
    fail(`TreatMissingData must be one of ${MISSING_DATA.join(', ')}, got ${JSON.stringify(treat)}`);
  }
  return treat as TreatMissingData;
}

/** "M out of N": DatapointsToAlarm (M, N by default) of the last EvaluationPeriods (N). */
function evaluationRangeOf(
  props: AlarmProperties,
): Pick<AlarmDefinition, 'evaluationPeriods' | 'datapointsToAlarm'> {
  const evaluationPeriods = props.number('EvaluationPeriods');
  const datapointsToAlarm = props.number('DatapointsToAlarm', evaluationPeriods);
  if (evaluationPeriods < 1) props.fail('EvaluationPeriods must be at least 1');
  if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
    props.fail(
      `DatapointsToAlarm must be from 1 to EvaluationPeriods (${evaluationPeriods}), got ${datapointsToAlarm}`,
    );
  }
  return { evaluationPeriods, datapointsToAlarm };
}

/** A metric-math alarm: its Metrics, exactly one of them returned, whose period is the alarm's. */
function setMetricMath(def: AlarmDefinition, { raw, fail }: AlarmProperties): void {
  if (raw.MetricName !== undefined || raw.Namespace !== undefined)
    fail('give either Metrics or MetricName/Namespace');
  const metrics = metricsOf(raw.Metrics, fail);
  def.metrics = metrics;
  const returned = metrics.filter((m) => m.ReturnData !== false);
  if (returned.length !== 1) fail('exactly one entry of Metrics must have ReturnData true');
  const r = returned[0]!;
  def.period =
    r.MetricStat?.Period ?? r.Period ?? metrics.find((m) => m.MetricStat)?.MetricStat?.Period ?? 60;
}

/** A single-metric alarm: MetricName, Namespace, Period, one statistic and an optional Unit. */
function setSingleMetric(def: AlarmDefinition, props: AlarmProperties): void {
  const { raw, fail } = props;
  if (typeof raw.MetricName !== 'string' || typeof raw.Namespace !== 'string')
    fail('MetricName and Namespace are required');
  def.metricName = raw.MetricName as string;
  def.namespace = raw.Namespace as string;
  def.period = props.number('Period');
  if (def.period < 1 || (def.period >= 60 ? def.period % 60 !== 0 : ![1, 10, 20, 30].includes(def.period))) {
    fail(`Period must be 10, 20, 30 or a multiple of 60, got ${def.period}`);
  }
  setStatistic(def, props);
  if (typeof raw.Unit === 'string') def.unit = raw.Unit;
}

function setStatistic(def: AlarmDefinition, { raw, fail }: AlarmProperties): void {
  const hasStat = typeof raw.Statistic === 'string';
  const hasExt = typeof raw.ExtendedStatistic === 'string';
  if (hasStat === hasExt) fail('give exactly one of Statistic and ExtendedStatistic');
  if (hasStat) {
    if (!['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'].includes(raw.Statistic as string)) {
      fail(`Statistic must be SampleCount, Average, Sum, Minimum or Maximum, got ${String(raw.Statistic)}`);
    }
    def.statistic = raw.Statistic as string;
  } else {
    if (parseStatistic(raw.ExtendedStatistic as string)?.kind !== 'percentile') {
      fail(`ExtendedStatistic must be a percentile such as p99, got ${String(raw.ExtendedStatistic)}`);
    }
    def.extendedStatistic = raw.ExtendedStatistic as string;
  }
}

function dimensionsOf(v: unknown, fail: (m: string) => never): Dimension[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return fail('Dimensions must be a list of { Name, Value }');
  return v.map((d: unknown) => {
    const { Name, Value } = (d ?? {}) as Record<string, unknown>;
    if (typeof Name !== 'string' || typeof Value !== 'string')
      fail('each dimension needs a string Name and Value');
    return { Name: Name as string, Value: Value as string };
  });
}

function metricsOf(v: unknown, fail: (m: string) => never): MetricQuery[] {
  if (!Array.isArray(v) || v.length === 0) return fail('Metrics must be a non-empty list');
  return v.map((raw: unknown) => {
    const m = (raw ?? {}) as Record<string, unknown>;
    if (typeof m.Id !== 'string') fail('each entry of Metrics needs an Id');
    const q: MetricQuery = { Id: m.Id as string };
    if (typeof m.Expression === 'string') q.Expression = m.Expression;
    if (typeof m.Label === 'string') q.Label = m.Label;
    if (m.ReturnData !== undefined) q.ReturnData = m.ReturnData === true || m.ReturnData === 'true';
    if (m.Period !== undefined) q.Period = Number(m.Period);
    if (m.MetricStat !== undefined) {
      const s = m.MetricStat as Record<string, unknown>;
      const metric = (s.Metric ?? {}) as Record<string, unknown>;
      if (typeof metric.Namespace !== 'string' || typeof metric.MetricName !== 'string') {
        fail(`Metrics ${q.Id}: MetricStat.Metric needs Namespace and MetricName`);
      }
      if (typeof s.Stat !== 'string' || parseStatistic(s.Stat) === undefined) {
        fail(`Metrics ${q.Id}: MetricStat.Stat ${JSON.stringify(s.Stat)} is not a statistic`);
      }
      q.MetricStat = {
        Metric: {
          Namespace: metric.Namespace as string,
          MetricName: metric.MetricName as string,
          Dimensions: dimensionsOf(metric.Dimensions, fail),
        },
        Period: Number(s.Period),
        Stat: s.Stat as string,
      };
      if (typeof s.Unit === 'string') q.MetricStat.Unit = s.Unit;
    }
    if ((q.Expression === undefined) === (q.MetricStat === undefined)) {
      fail(`Metrics ${q.Id}: give exactly one of Expression and MetricStat`);
    }
    return q;
  });
}
