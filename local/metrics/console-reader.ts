import type {
  AlarmState,
  MetricQuery as ConsoleQuery,
  MetricSeries,
  MetricsReader,
} from '../console/types.js';
import type { MetricQuery } from './alarms/definition.js';
import type { AlarmEvaluator } from './alarms/evaluator.js';
import { runQueries } from './query.js';
import type { MetricStore } from './store.js';

/**
 * The console's MetricsReader over the local store and alarms: widget queries run as GetMetricData
 * queries (MetricStat, math, SEARCH); a SEARCH answers one series per match, with ids `<id>_<n>`.
 */
export function createMetricsReader(store: MetricStore, alarms: AlarmEvaluator): MetricsReader {
  return {
    // async, so that a bad expression rejects rather than throws.
    query: async (queries, range) => query(store, queries, range),
    alarms: () =>
      Promise.resolve(
        alarms.states().map((a): AlarmState => {
          const out: AlarmState = {
            name: a.definition.alarmName,
            arn: a.definition.alarmArn,
            state: a.stateValue,
            reason: a.stateReason,
            updatedAt: a.stateTransitionedTimestamp,
          };
          if (a.definition.alarmDescription !== undefined) out.description = a.definition.alarmDescription;
          return out;
        }),
      ),
  };
}

function query(
  store: MetricStore,
  queries: ConsoleQuery[],
  range: { start: number; end: number },
): MetricSeries[] {
  const converted = queries.map((q): MetricQuery => {
    const out: MetricQuery =
      'expression' in q
        ? { Id: q.id, Expression: q.expression, Period: q.period }
        : {
            Id: q.id,
            MetricStat: {
              Metric: {
                Namespace: q.namespace,
                MetricName: q.metricName,
                Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })),
              },
              Period: q.period,
              Stat: q.stat,
            },
          };
    if (q.label !== undefined) out.Label = q.label;
    return out;
  });
  const results = runQueries(store, converted, range.start, range.end);
  const seen = new Map<string, number>();
  return results.map((r) => {
    const isSearch = converted.find((q) => q.Id === r.id)?.Expression?.includes('SEARCH') === true;
    const n = seen.get(r.id) ?? 0;
    seen.set(r.id, n + 1);
    return {
      id: isSearch ? `${r.id}_${n}` : r.id,
      label: r.label,
      timestamps: r.timestamps,
      values: r.values,
    };
  });
}
