import type { Aggregate } from './types.js';

export type Statistic =
  { kind: 'SampleCount' | 'Sum' | 'Minimum' | 'Maximum' | 'Average' } | { kind: 'percentile'; p: number };

export const STANDARD_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

/** CloudWatch's short forms, accepted in GetMetricData and dashboards. */
const ALIASES: Record<string, Statistic['kind']> = {
  SampleCount: 'SampleCount',
  Sum: 'Sum',
  Minimum: 'Minimum',
  Min: 'Minimum',
  Maximum: 'Maximum',
  Max: 'Maximum',
  Average: 'Average',
  Avg: 'Average',
  n: 'SampleCount',
};

const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,10})?|100)$/i;

/** Parses a statistic ('Sum', 'Average', 'p99', 'p99.9'); undefined for one this store does not compute. */
export function parseStatistic(text: string): Statistic | undefined {
  const kind = ALIASES[text];
  if (kind !== undefined) return { kind } as Statistic;
  const m = PERCENTILE.exec(text);
  if (m === null) return undefined;
  const p = Number(m[1]);
  return p >= 0 && p <= 100 ? { kind: 'percentile', p } : undefined;
}

/** The statistic of one period; undefined when it has no value (a percentile of pre-aggregated data). */
export function statisticValue(a: Aggregate, stat: Statistic): number | undefined {
  switch (stat.kind) {
    case 'SampleCount':
      return a.sampleCount;
    case 'Sum':
      return a.sum;
    case 'Minimum':
      return a.minimum;
    case 'Maximum':
      return a.maximum;
    case 'Average':
      return a.sampleCount === 0 ? undefined : a.sum / a.sampleCount;
    case 'percentile':
      return percentile(a.values, stat.p);
  }
}

/** Nearest-rank percentile. Sorts `values` in place. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  values.sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil((p / 100) * values.length));
  return values[Math.min(rank, values.length) - 1];
}
