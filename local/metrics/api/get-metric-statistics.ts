import { parseStatistic, STANDARD_STATISTICS, statisticValue } from '../stats.js';
import type { MetricStore } from '../store.js';
import { combination, invalid } from './errors.js';
import { dimensions, list, period, seconds, str, time, type Input } from './params.js';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html */
export function getMetricStatistics(store: MetricStore, input: Input): unknown {
  const namespace = str(input, 'Namespace', true);
  const metricName = str(input, 'MetricName', true);
  const dims = dimensions(input.Dimensions, 'Dimensions');
  const start = time(input, 'StartTime');
  const end = time(input, 'EndTime');
  const p = period(input.Period, 'Period');
  const unit = str(input, 'Unit');
  const statistics = (list(input, 'Statistics') ?? []) as unknown[];
  const extended = (list(input, 'ExtendedStatistics') ?? []) as unknown[];
  if (statistics.length === 0 && extended.length === 0) {
    throw combination('Must specify either Statistics or ExtendedStatistics, but not both.');
  }
  if (statistics.length > 0 && extended.length > 0) {
    throw combination('Must specify either Statistics or ExtendedStatistics, but not both.');
  }
  for (const s of statistics) {
    if (!STANDARD_STATISTICS.includes(s as (typeof STANDARD_STATISTICS)[number])) {
      throw invalid(
        `The parameter Statistics.member must be one of ${STANDARD_STATISTICS.join(', ')}: got ${String(s)}.`,
      );
    }
  }
  for (const s of extended) {
    if (typeof s !== 'string' || parseStatistic(s)?.kind !== 'percentile') {
      throw invalid(
        `The value ${String(s)} for parameter ExtendedStatistics.member is not a valid percentile statistic.`,
      );
    }
  }
  if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const requested = Math.ceil((end - start) / (p * 1000));
  if (requested > 1440) {
    throw combination(
      `You have requested up to ${requested} datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const series = store.find(namespace, metricName, dims);
  const datapoints: Record<string, unknown>[] = [];
  if (
    series !== undefined &&
    (unit === undefined || series.info.unit === undefined || unit === series.info.unit)
  ) {
    for (const a of series.aggregate(start, end, p * 1000)) {
      const d: Record<string, unknown> = { Timestamp: seconds(a.timestamp) };
      for (const s of statistics as string[]) d[s] = statisticValue(a, parseStatistic(s)!);
      if (extended.length > 0) {
        d.ExtendedStatistics = Object.fromEntries(
          (extended as string[]).map((s) => [s, statisticValue(a, parseStatistic(s)!) ?? 0]),
        );
      }
      d.Unit = series.info.unit ?? 'None';
      datapoints.push(d);
    }
  }
  return { Label: metricName, Datapoints: datapoints };
}
