import { compilePattern } from '../../../local/logs/pattern/index.js';
import type {
  AlarmState,
  LogEvent,
  LogsReader,
  MetricQuery,
  MetricSeries,
  MetricsReader,
} from '../../../local/console/types.js';

// In-memory stand-ins for the metric and log stores, for console tests: datapoints and lines are
// put in by the test, and read back through the console's reader interfaces.

interface Point {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  timestamp: number;
  value: number;
}

function stat(values: number[], name: string): number {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = values.reduce((a, b) => a + b, 0);
  if (name === 'Sum') return sum;
  if (name === 'Maximum') return sorted.at(-1)!;
  if (name === 'Minimum') return sorted[0]!;
  if (name === 'SampleCount') return values.length;
  const p = /^p(\d+(?:\.\d+)?)$/.exec(name);
  if (p) return sorted[Math.min(sorted.length - 1, Math.ceil((Number(p[1]) / 100) * sorted.length) - 1)]!;
  return sum / values.length;
}

const sameDims = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export class FakeMetrics implements MetricsReader {
  readonly points: Point[] = [];
  alarmStates: AlarmState[] = [];

  put(
    namespace: string,
    metricName: string,
    dimensions: Record<string, string>,
    timestamp: number,
    value: number,
  ) {
    this.points.push({ namespace, metricName, dimensions, timestamp, value });
  }

  async query(queries: MetricQuery[], range: { start: number; end: number }): Promise<MetricSeries[]> {
    const out: MetricSeries[] = [];
    for (const q of queries) {
      if ('expression' in q) {
        // SEARCH('{Namespace,Dim...} MetricName="X"', 'Stat', period): every matching series.
        const m = /SEARCH\('\{([^,}]+)[^}]*\}\s+MetricName="([^"]+)"',\s*'(\w+)'/.exec(q.expression);
        if (!m) continue;
        const found = this.points.filter((p) => p.namespace === m[1] && p.metricName === m[2]);
        const keys = [...new Set(found.map((p) => JSON.stringify(p.dimensions)))];
        keys.forEach((key, i) => {
          const dims = JSON.parse(key) as Record<string, string>;
          const series = this.series(found, dims, m[3]!, q.period, range);
          out.push({
            id: `${q.id}_${i}`,
            label: `${q.label ?? q.id} ${Object.values(dims).join(' ')}`,
            ...series,
          });
        });
        continue;
      }
      const mine = this.points.filter((p) => p.namespace === q.namespace && p.metricName === q.metricName);
      out.push({
        id: q.id,
        label: q.label ?? q.metricName,
        ...this.series(mine, q.dimensions, q.stat, q.period, range),
      });
    }
    return out;
  }

  private series(
    points: Point[],
    dims: Record<string, string>,
    name: string,
    period: number,
    range: { start: number; end: number },
  ) {
    const buckets = new Map<number, number[]>();
    for (const p of points) {
      if (!sameDims(p.dimensions, dims) || p.timestamp < range.start || p.timestamp >= range.end) continue;
      const at = Math.floor(p.timestamp / (period * 1000)) * period * 1000;
      buckets.set(at, [...(buckets.get(at) ?? []), p.value]);
    }
    const timestamps = [...buckets.keys()].sort((a, b) => a - b);
    return { timestamps, values: timestamps.map((t) => stat(buckets.get(t)!, name)) };
  }

  async alarms(): Promise<AlarmState[]> {
    return this.alarmStates;
  }
}

export class FakeLogs implements LogsReader {
  readonly events: LogEvent[] = [];
  private readonly listeners = new Map<string, Set<(e: LogEvent) => void>>();

  append(
    logGroupName: string,
    message: string,
    timestamp: number,
    logStreamName = '2026/11/27/[$LATEST]0001',
  ) {
    const event = { logGroupName, logStreamName, timestamp, message };
    this.events.push(event);
    for (const fn of this.listeners.get(logGroupName) ?? []) fn(event);
  }

  async groups(): Promise<string[]> {
    return [...new Set(this.events.map((e) => e.logGroupName))];
  }

  async filter(f: Parameters<LogsReader['filter']>[0]): Promise<LogEvent[]> {
    const match = compilePattern(f.filterPattern);
    const found = this.events.filter(
      (e) =>
        (f.logGroupNames === undefined || f.logGroupNames.includes(e.logGroupName)) &&
        (f.startTime === undefined || e.timestamp >= f.startTime) &&
        (f.endTime === undefined || e.timestamp < f.endTime) &&
        match(e.message),
    );
    return found.sort((a, b) => a.timestamp - b.timestamp).slice(-(f.limit ?? 10_000));
  }

  subscribe(logGroupName: string, onEvent: (event: LogEvent) => void): () => void {
    const set = this.listeners.get(logGroupName) ?? new Set();
    set.add(onEvent);
    this.listeners.set(logGroupName, set);
    return () => set.delete(onEvent);
  }
}
