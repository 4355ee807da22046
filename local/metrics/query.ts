import type { MetricQuery } from './alarms/definition.js';
import { QueryError } from './errors.js';
import { evaluateExpression, type TimeSeries } from './expressions.js';
import { searchLabel, searchMatcher } from './search.js';
import { parseStatistic, statisticValue } from './stats.js';
import type { MetricStore } from './store.js';

/** One query's answer, timestamps ascending (ms). */
export interface QueryResult extends TimeSeries {
  id: string;
  label: string;
  returnData: boolean;
}

/** Datapoints of one metric and statistic per period over [start, end). */
export function metricSeries(
  store: MetricStore,
  stat: NonNullable<MetricQuery['MetricStat']>,
  start: number,
  end: number,
): TimeSeries {
  const statistic = parseStatistic(stat.Stat);
  if (statistic === undefined)
    throw new QueryError('UnsupportedStatistic', `The statistic ${stat.Stat} is not supported.`);
  const { Namespace, MetricName, Dimensions = [] } = stat.Metric;
  const series = store.find(Namespace, MetricName, Dimensions);
  const out: TimeSeries = { timestamps: [], values: [] };
  if (series === undefined) return out;
  if (stat.Unit !== undefined && series.info.unit !== undefined && stat.Unit !== series.info.unit) return out;
  const [from, to] = kept(store, start, end, stat.Period);
  for (const a of series.aggregate(from, to, stat.Period * 1000)) {
    const v = statisticValue(a, statistic);
    if (v !== undefined) {
      out.timestamps.push(a.timestamp);
      out.values.push(v);
    }
  }
  return out;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The part of [start, end) where a datapoint of `period` seconds can exist, so that the work of a
 * query is bounded by what CloudWatch keeps, not by the range asked for: periods under a minute are
 * kept 3 hours, whole minutes 15 days, 5 minutes 63 days, hours 455 days; nothing is accepted more
 * than 2 hours ahead. A grid (a constant, FILL) has at most 21,600 periods (15 days of minutes).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
 */
export function kept(store: MetricStore, start: number, end: number, period: number): [number, number] {
  const now = store.now();
  const age =
    period % 3600 === 0 ? 455 * DAY : period % 300 === 0 ? 63 * DAY : period % 60 === 0 ? 15 * DAY : 3 * HOUR;
  const from = Math.max(start, now - age);
  return [from, Math.max(from, Math.min(end, now + 2 * HOUR))];
}

/** Runs GetMetricData-style queries (MetricStat, math expressions referring to other ids, SEARCH). */
export function runQueries(
  store: MetricStore,
  queries: readonly MetricQuery[],
  start: number,
  end: number,
): QueryResult[] {
  const run = new QueryRun(store, queries, start, end);
  return queries.flatMap((q) => resultsOf(q, run.resolve(q)));
}

/** The queries of one request over [start, end), each resolved once: expressions refer to other ids. */
class QueryRun {
  private readonly byId: Map<string, MetricQuery>;
  private readonly done = new Map<string, TimeSeries | TimeSeries[]>();
  /** Ids being resolved, to refuse an expression that refers back to itself. */
  private readonly visiting = new Set<string>();

  constructor(
    private readonly store: MetricStore,
    private readonly queries: readonly MetricQuery[],
    private readonly start: number,
    private readonly end: number,
  ) {
    this.byId = new Map(queries.map((q) => [q.Id, q]));
  }

  resolve(q: MetricQuery): TimeSeries | TimeSeries[] {
    const cached = this.done.get(q.Id);
    if (cached !== undefined) return cached;
    if (this.visiting.has(q.Id))
      throw new QueryError('CircularReference', `Circular reference to metric id ${q.Id}.`);
    this.visiting.add(q.Id);
    const s =
      q.MetricStat !== undefined
        ? metricSeries(this.store, q.MetricStat, this.start, this.end)
        : this.expression(q);
    this.visiting.delete(q.Id);
    this.done.set(q.Id, s);
    return s;
  }

  private expression(q: MetricQuery): TimeSeries | TimeSeries[] {
    const seconds = q.Period ?? this.queries.find((x) => x.MetricStat)?.MetricStat?.Period ?? 60;
    const period = seconds * 1000;
    const [from, to] = kept(this.store, this.start, this.end, seconds);
    const grid: number[] = [];
    for (let t = Math.ceil(from / period) * period; t < to; t += period) grid.push(t);
    const v = evaluateExpression(q.Expression ?? '', {
      grid,
      search: (query, stat, seconds) => this.search(query, stat, seconds),
      series: (id) => this.seriesOf(id),
    });
    // A scalar result is drawn at every period, as CloudWatch draws a constant.
    return typeof v === 'number' ? { timestamps: grid, values: grid.map(() => v) } : v;
  }

  /** The series of the query `id`, for an expression that names it; undefined when there is none. */
  private seriesOf(id: string): TimeSeries | undefined {
    const ref = this.byId.get(id);
    if (ref === undefined) return undefined;
    const r = this.resolve(ref);
    if (Array.isArray(r))
      throw new QueryError(
        'InvalidExpression',
        `The result of ${id} is a list of series: use it inside SUM, AVG, MIN or MAX.`,
      );
    return r;
  }

  private search(query: string, stat: string, period: number): TimeSeries[] {
    const match = searchMatcher(query);
    return this.store
      .list()
      .filter(match)
      .map((info) => ({
        label: searchLabel(info.metricName, info.dimensions),
        ...metricSeries(
          this.store,
          {
            Metric: { Namespace: info.namespace, MetricName: info.metricName, Dimensions: info.dimensions },
            Period: period,
            Stat: stat,
          },
          this.start,
          this.end,
        ),
      }));
  }
}

/** One query's results: one, or one per series of a SEARCH. */
function resultsOf(q: MetricQuery, r: TimeSeries | TimeSeries[]): QueryResult[] {
  const base = { id: q.Id, returnData: q.ReturnData !== false };
  if (!Array.isArray(r)) {
    return [
      {
        ...base,
        label: q.Label ?? q.MetricStat?.Metric.MetricName ?? q.Id,
        timestamps: r.timestamps,
        values: r.values,
      },
    ];
  }
  // Every series of a SEARCH has the expression's id; the label tells them apart.
  return r.map((x) => ({
    ...base,
    label: q.Label === undefined ? (x.label ?? q.Id) : `${q.Label} ${x.label ?? ''}`.trim(),
    timestamps: x.timestamps,
    values: x.values,
  }));
}
