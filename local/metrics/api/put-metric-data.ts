import type { MetricStore } from '../store.js';
import type { Dimension } from '../types.js';
import { combination, invalid, missing } from './errors.js';
import { dimensions, list, str, type Input } from './params.js';

interface Datum {
  name: string;
  dims: Dimension[];
  unit: string | undefined;
  ts: number;
  /** [value, count] pairs, or a statistic set. */
  values?: [number, number][];
  stats?: { n: number; sum: number; min: number; max: number };
}

/**
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 * Every datum is checked before any is stored: a bad request stores nothing.
 */
export function putMetricData(store: MetricStore, input: Input): unknown {
  const namespace = str(input, 'Namespace', true);
  if (namespace.startsWith('AWS/')) {
    throw invalid(
      `The value ${namespace} for parameter Namespace is invalid: the AWS/ namespaces are reserved.`,
    );
  }
  const data = list(input, 'MetricData');
  if (data === undefined) throw missing('MetricData');
  if (data.length === 0 || data.length > 1000) throw invalid('MetricData must have from 1 to 1000 members.');
  const now = store.now();
  const parsed = data.map((raw, i) => parseDatum((raw ?? {}) as Input, `MetricData.member.${i + 1}`, now));
  for (const d of parsed) {
    const series = store.series(namespace, d.name, d.dims, d.unit);
    // Older than the local retention: accepted, as CloudWatch accepts two weeks, but not kept.
    if (series === undefined || d.ts < now - store.retentionMs) continue;
    for (const [v, c] of d.values ?? []) series.add(v, d.ts, c);
    if (d.stats !== undefined) series.addStatistics(d.stats, d.ts);
  }
  return {};
}

function parseDatum(d: Input, at: string, now: number): Datum {
  const name = str(d, 'MetricName');
  if (name === undefined) throw missing(`${at}.MetricName`);
  const ts = typeof d.Timestamp === 'number' ? Math.round(d.Timestamp * 1000) : now;
  if (ts < now - 14 * 86400_000 || ts > now + 2 * 3600_000) {
    throw invalid(
      `The parameter ${at}.Timestamp must specify a time no more than two weeks in the past or two hours in the future.`,
    );
  }
  const out: Datum = { name, dims: dimensions(d.Dimensions, `${at}.Dimensions`), unit: str(d, 'Unit'), ts };
  const stats = d.StatisticValues as Input | undefined;
  const values = list(d, 'Values');
  const given = [d.Value !== undefined, stats !== undefined, values !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw combination(
      `The parameters ${at}.Value, ${at}.StatisticValues and ${at}.Values are mutually exclusive and one of them is required.`,
    );
  }
  if (d.Value !== undefined) {
    if (typeof d.Value !== 'number' || !Number.isFinite(d.Value))
      throw invalid(`The parameter ${at}.Value must be a number.`);
    out.values = [[d.Value, 1]];
  } else if (values !== undefined) {
    const counts = list(d, 'Counts');
    if (counts !== undefined && counts.length !== values.length) {
      throw combination(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
    }
    out.values = values.map((v, k) => {
      const c = counts?.[k] ?? 1;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw invalid(`The parameter ${at}.Values must hold numbers.`);
      if (typeof c !== 'number' || c < 0)
        throw invalid(`The parameter ${at}.Counts must hold non-negative numbers.`);
      return [v, c];
    });
  } else {
    const { SampleCount: n, Sum: sum, Minimum: min, Maximum: max } = stats!;
    if (
      typeof n !== 'number' ||
      typeof sum !== 'number' ||
      typeof min !== 'number' ||
      typeof max !== 'number'
    ) {
      throw missing(`${at}.StatisticValues (SampleCount, Sum, Minimum and Maximum)`);
    }
    out.stats = { n, sum, min, max };
  }
  return out;
}
