import type { MetricStore } from '../store.js';
import { combination, invalid, missing } from './errors.js';
import { dimensions, list, str, type Input } from './wire.js';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html */
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
  data.forEach((raw, i) => {
    const at = `MetricData.member.${i + 1}`;
    const d = (raw ?? {}) as Input;
    const name = str(d, 'MetricName');
    if (name === undefined) throw missing(`${at}.MetricName`);
    const dims = dimensions(d.Dimensions, `${at}.Dimensions`);
    const unit = str(d, 'Unit');
    const ts = typeof d.Timestamp === 'number' ? Math.round(d.Timestamp * 1000) : now;
    if (ts < now - 14 * 86400_000 || ts > now + 2 * 3600_000) {
      throw invalid(
        `The parameter ${at}.Timestamp must specify a time no more than two weeks in the past or two hours in the future.`,
      );
    }
    const value = d.Value;
    const stats = d.StatisticValues as Input | undefined;
    const values = list(d, 'Values');
    const given = [value !== undefined, stats !== undefined, values !== undefined].filter(Boolean).length;
    if (given !== 1) {
      throw combination(
        `The parameters ${at}.Value, ${at}.StatisticValues and ${at}.Values are mutually exclusive and one of them is required.`,
      );
    }
    const series = store.series(namespace, name, dims, unit);
    if (series === undefined || ts < now - store.retentionMs) return;
    if (typeof value === 'number') series.add(value, ts);
    else if (values !== undefined) {
      const counts = list(d, 'Counts');
      if (counts !== undefined && counts.length !== values.length) {
        throw combination(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
      }
      values.forEach((v, k) => {
        if (typeof v !== 'number') throw invalid(`The parameter ${at}.Values must hold numbers.`);
        const c = counts?.[k] ?? 1;
        if (typeof c !== 'number' || c < 0)
          throw invalid(`The parameter ${at}.Counts must hold non-negative numbers.`);
        series.add(v, ts, c);
      });
    } else if (stats !== undefined) {
      const n = stats.SampleCount;
      const sum = stats.Sum;
      const min = stats.Minimum;
      const max = stats.Maximum;
      if (![n, sum, min, max].every((x) => typeof x === 'number')) {
        throw missing(`${at}.StatisticValues (SampleCount, Sum, Minimum and Maximum)`);
      }
      series.addStatistics(
        { n: n as number, sum: sum as number, min: min as number, max: max as number },
        ts,
      );
    } else throw invalid(`The parameter ${at}.Value must be a number.`);
  });
  return {};
}
