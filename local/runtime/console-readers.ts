import { compilePattern, scanBudget } from '../logs/index.js';
import type { FilterQuery, LogStore, ScanBudget } from '../logs/index.js';
import { runQueries } from '../metrics/index.js';
import type { AlarmEvaluator, MetricQuery as CloudWatchQuery, MetricStore } from '../metrics/index.js';
import type {
  LogEvent,
  LogFilter,
  LogSearch,
  LogsReader,
  MetricQuery,
  MetricsReader,
} from '../console/index.js';

// The console's readers over the runtime's own stores (local/logs, local/metrics), through their
// public entry points only.

/** Metrics as GetMetricData answers them (SEARCH and math included), alarms as DescribeAlarms. */
export function localMetricsReader(local: { store: MetricStore; alarms: AlarmEvaluator }): MetricsReader {
  return {
    async query(queries, range) {
      const results = runQueries(local.store, queries.map(toCloudWatch), range.start, range.end);
      return results
        .filter((r) => r.returnData)
        .map((r) => ({ id: r.id, label: r.label, timestamps: r.timestamps, values: r.values }));
    },
    async alarms() {
      return local.alarms.states().map((s) => ({
        name: s.definition.alarmName,
        arn: s.definition.alarmArn,
        state: s.stateValue,
        reason: s.stateReason,
        updatedAt: s.stateUpdatedTimestamp,
        ...(s.definition.alarmDescription ? { description: s.definition.alarmDescription } : {}),
      }));
    },
  };
}

function toCloudWatch(q: MetricQuery): CloudWatchQuery {
  const Label = q.label === undefined ? {} : { Label: q.label };
  if ('expression' in q) return { Id: q.id, Expression: q.expression, Period: q.period, ...Label };
  return {
    Id: q.id,
    ...Label,
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
}

const PAGE = 1000;
/** A search reads at most this many matching events per group before keeping the newest. */
const MAX_SCAN = 50_000;

/**
 * Tail and search over the log store, as FilterLogEvents and a live tail see it. One search, over
 * all its groups, spends at most one budget (by default FilterLogEvents' 100 ms slice): past it, it
 * answers what it found and says it was cut short.
 */
export function localLogsReader(store: LogStore, budget: Partial<ScanBudget> = {}): LogsReader {
  const search = async (f: LogFilter): Promise<LogSearch> => {
    const match = compilePattern(f.filterPattern);
    const limit = f.limit ?? 1000;
    const groups = f.logGroupNames ?? store.groups({ limit: 10_000 }).groups.map((g) => g.name);
    const whole = scanBudget(budget);
    const began = whole.clock();
    const left = (): ScanBudget => ({ ...whole, ms: whole.ms - (whole.clock() - began) });
    const found: LogEvent[] = [];
    let truncated = false;
    for (const group of groups) {
      if (left().ms <= 0) {
        truncated = true;
        break;
      }
      // Oldest first, page by page; only the newest `limit` of the range are kept.
      const mine: LogEvent[] = [];
      let after: FilterQuery['after'];
      for (let read = 0; read < MAX_SCAN; read += PAGE) {
        const page = store.filter(group, {
          match,
          limit: PAGE,
          startTime: f.startTime,
          endTime: f.endTime,
          after,
          budget: left(),
        });
        for (const e of page.events) {
          mine.push({
            logGroupName: group,
            logStreamName: e.logStreamName,
            timestamp: e.timestamp,
            message: e.message,
          });
        }
        if (mine.length > 4 * limit) mine.splice(0, mine.length - limit);
        if (page.next === undefined) break;
        after = page.next;
        if (page.events.length < PAGE) {
          truncated = true;
          break;
        }
      }
      found.push(...mine.slice(-limit));
      if (truncated) break;
    }
    return { events: found.sort((a, b) => a.timestamp - b.timestamp).slice(-limit), truncated };
  };
  return {
    async groups() {
      return store.groups({ limit: 10_000 }).groups.map((g) => g.name);
    },
    search,
    async filter(f) {
      return (await search(f)).events;
    },
    subscribe(logGroupName, onEvent) {
      return store.subscribe((batch) => {
        if (batch.group !== logGroupName) return;
        for (const e of batch.events) {
          onEvent({ logGroupName, logStreamName: batch.stream, timestamp: e.timestamp, message: e.message });
        }
      });
    },
  };
}
