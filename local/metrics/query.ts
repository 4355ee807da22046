import type { MetricQuery } from './alarms/definition.js';
import { evaluateExpression, ExpressionError, type TimeSeries } from './expressions.js';
import { parseStatistic, statisticValue } from './stats.js';
import type { MetricStore } from './store.js';

/** One query's answer, timestamps ascending (ms). */
export interface QueryResult extends TimeSeries {
  id: string;
  label: string;
  returnData: boolean;
}

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

/** Datapoints of one metric and statistic per period over [start, end). */
export function metricSeries(
  store: MetricStore,
  stat: NonNullable<MetricQuery['MetricStat']>,
  start: number,
  end: number,
): TimeSeries {
  const statistic = parseStatistic(stat.Stat);
  if (statistic === undefined) throw new QueryError(`The statistic ${stat.Stat} is not supported.`);
  const { Namespace, MetricName, Dimensions = [] } = stat.Metric;
  const series = store.find(Namespace, MetricName, Dimensions);
  const out: TimeSeries = { timestamps: [], values: [] };
  if (series === undefined) return out;
  if (stat.Unit !== undefined && series.info.unit !== undefined && stat.Unit !== series.info.unit) return out;
  for (const a of series.aggregate(start, end, stat.Period * 1000)) {
    const v = statisticValue(a, statistic);
    if (v !== undefined) {
      out.timestamps.push(a.timestamp);
      out.values.push(v);
    }
  }
  return out;
}

/** Runs GetMetricData-style queries (MetricStat and math expressions referring to other ids). */
export function runQueries(
  store: MetricStore,
  queries: readonly MetricQuery[],
  start: number,
  end: number,
): QueryResult[] {
  const byId = new Map(queries.map((q) => [q.Id, q]));
  const done = new Map<string, TimeSeries>();
  const visiting = new Set<string>();
  const resolve = (q: MetricQuery): TimeSeries => {
    const cached = done.get(q.Id);
    if (cached !== undefined) return cached;
    if (visiting.has(q.Id)) throw new QueryError(`Circular reference to metric id ${q.Id}.`);
    visiting.add(q.Id);
    let s: TimeSeries;
    if (q.MetricStat !== undefined) s = metricSeries(store, q.MetricStat, start, end);
    else {
      const period = (q.Period ?? queries.find((x) => x.MetricStat)?.MetricStat?.Period ?? 60) * 1000;
      const grid: number[] = [];
      for (let t = Math.ceil(start / period) * period; t < end; t += period) grid.push(t);
      try {
        const v = evaluateExpression(q.Expression ?? '', {
          grid,
          series: (id) => {
            const ref = byId.get(id);
            return ref === undefined ? undefined : resolve(ref);
          },
        });
        // A scalar result is drawn at every period, as CloudWatch draws a constant.
        s = typeof v === 'number' ? { timestamps: grid, values: grid.map(() => v) } : v;
      } catch (e) {
        throw e instanceof ExpressionError ? new QueryError(e.message) : e;
      }
    }
    visiting.delete(q.Id);
    done.set(q.Id, s);
    return s;
  };
  return queries.map((q) => ({
    id: q.Id,
    label: q.Label ?? q.MetricStat?.Metric.MetricName ?? q.Id,
    returnData: q.ReturnData !== false,
    ...resolve(q),
  }));
}
