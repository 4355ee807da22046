import type { Aggregate, Clock, Dimension, SeriesInfo } from './types.js';

export interface MetricStoreOptions {
  now?: Clock;
  /** How long datapoints are kept; 3 hours by default (CloudWatch keeps 1-second data for 3 hours). */
  retentionMs?: number;
  /** Values kept per series per second for percentiles; beyond it a uniform sample (reservoir) is kept. */
  valuesPerSecond?: number;
  /** Most series kept; new series beyond it are dropped (and counted in `dropped`). */
  maxSeries?: number;
}

interface Bucket {
  /** Start of the second, ms. */
  t: number;
  n: number;
  sum: number;
  min: number;
  max: number;
  values: number[];
  /** Values offered to the reservoir (for the uniform sample). */
  seen: number;
  /** While every value offered is the same, that value (and `values` stays empty). */
  uniform: number | undefined;
}

const SECOND = 1000;

/** One time series: per-second buckets kept in time order. */
export class Series {
  readonly info: SeriesInfo;
  private readonly buckets: Bucket[] = [];

  constructor(
    info: SeriesInfo,
    private readonly cap: number,
  ) {
    this.info = info;
  }

  /** Records `value` `count` times at `timestamp` (ms). */
  add(value: number, timestamp: number, count = 1): void {
    const t = timestamp - (timestamp % SECOND);
    const b = this.bucketAt(t);
    b.n += count;
    b.sum += value * count;
    if (value < b.min) b.min = value;
    if (value > b.max) b.max = value;
    const k = Math.min(count, this.cap);
    if (b.values.length === 0 && (b.seen === 0 || b.uniform === value)) {
      // Counters repeat one value (1, 0): keep the value once, not an array of copies.
      b.uniform = value;
      b.seen += k;
    } else {
      if (b.values.length === 0 && b.uniform !== undefined) {
        for (let i = Math.min(b.seen, this.cap); i > 0; i--) b.values.push(b.uniform);
        b.uniform = undefined;
      }
      for (let i = 0; i < k; i++) {
        b.seen++;
        if (b.values.length < this.cap) b.values.push(value);
        else {
          const j = Math.floor(Math.random() * b.seen);
          if (j < this.cap) b.values[j] = value;
        }
      }
    }
    if (timestamp > this.info.lastTimestamp) this.info.lastTimestamp = timestamp;
  }

  /** Adds a pre-aggregated set (PutMetricData StatisticValues): no values for percentiles. */
  addStatistics(s: { n: number; sum: number; min: number; max: number }, timestamp: number): void {
    const b = this.bucketAt(timestamp - (timestamp % SECOND));
    b.n += s.n;
    b.sum += s.sum;
    if (s.min < b.min) b.min = s.min;
    if (s.max > b.max) b.max = s.max;
    if (timestamp > this.info.lastTimestamp) this.info.lastTimestamp = timestamp;
  }

  /** Aggregates per period (ms, aligned to multiples of it) over [start, end); periods without data are left out. */
  aggregate(start: number, end: number, periodMs: number): Aggregate[] {
    const out: Aggregate[] = [];
    let i = this.firstAtOrAfter(start);
    let cur: Aggregate | undefined;
    for (; i < this.buckets.length; i++) {
      const b = this.buckets[i]!;
      if (b.t >= end) break;
      const p = b.t - (b.t % periodMs);
      if (cur === undefined || cur.timestamp !== p) {
        cur = { timestamp: p, sampleCount: 0, sum: 0, minimum: Infinity, maximum: -Infinity, values: [] };
        out.push(cur);
      }
      cur.sampleCount += b.n;
      cur.sum += b.sum;
      if (b.min < cur.minimum) cur.minimum = b.min;
      if (b.max > cur.maximum) cur.maximum = b.max;
      if (b.uniform !== undefined)
        for (let k = Math.min(b.seen, this.cap); k > 0; k--) cur.values.push(b.uniform);
      else for (const v of b.values) cur.values.push(v);
    }
    return out;
  }

  get empty(): boolean {
    return this.buckets.length === 0;
  }

  /** Drops buckets older than `before` (ms); true when the series is now empty. */
  prune(before: number): boolean {
    const i = this.firstAtOrAfter(before);
    if (i > 0) this.buckets.splice(0, i);
    return this.buckets.length === 0;
  }

  private bucketAt(t: number): Bucket {
    const last = this.buckets[this.buckets.length - 1];
    if (last !== undefined && last.t === t) return last;
    const fresh: Bucket = {
      t,
      n: 0,
      sum: 0,
      min: Infinity,
      max: -Infinity,
      values: [],
      seen: 0,
      uniform: undefined,
    };
    if (last === undefined || last.t < t) {
      this.buckets.push(fresh);
      return fresh;
    }
    // A late datapoint (EMF timestamps may lag): find or insert its second.
    const i = this.firstAtOrAfter(t);
    const at = this.buckets[i];
    if (at !== undefined && at.t === t) return at;
    this.buckets.splice(i, 0, fresh);
    return fresh;
  }

  private firstAtOrAfter(t: number): number {
    let lo = 0;
    let hi = this.buckets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.buckets[mid]!.t < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Key of a series: namespace, name and the dimensions sorted by name. */
export function seriesKey(namespace: string, metricName: string, dimensions: readonly Dimension[]): string {
  let key = namespace + '\u0000' + metricName;
  const dims = dimensions.length > 1 ? sortDimensions(dimensions) : dimensions;
  for (const d of dims) key += '\u0000' + d.Name + '=' + d.Value;
  return key;
}

export function sortDimensions(dimensions: readonly Dimension[]): Dimension[] {
  return [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

/** In-memory metric store: datapoints by namespace + metric name + dimension set, bounded by retention. */
export class MetricStore {
  readonly now: Clock;
  readonly retentionMs: number;
  private readonly cap: number;
  private readonly maxSeries: number;
  private readonly byKey = new Map<string, Series>();
  private lastPrune = 0;
  /** Datapoints dropped: too old, or a new series beyond maxSeries. */
  dropped = 0;

  constructor(options: MetricStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionMs ?? 3 * 3600_000;
    this.cap = options.valuesPerSecond ?? 64;
    this.maxSeries = options.maxSeries ?? 10_000;
  }

  /** The series, created on first use; undefined when the store is full. Hold it to record without a key lookup. */
  series(
    namespace: string,
    metricName: string,
    dimensions: readonly Dimension[],
    unit?: string,
  ): Series | undefined {
    const key = seriesKey(namespace, metricName, dimensions);
    let s = this.byKey.get(key);
    if (s === undefined) {
      if (this.byKey.size >= this.maxSeries) return undefined;
      const info: SeriesInfo = {
        namespace,
        metricName,
        dimensions: sortDimensions(dimensions),
        unit,
        lastTimestamp: 0,
      };
      s = new Series(info, this.cap);
      this.byKey.set(key, s);
    } else if (unit !== undefined) s.info.unit = unit;
    return s;
  }

  /** Records one value; false when it was dropped (older than retention, or the store is full). */
  put(
    namespace: string,
    metricName: string,
    dimensions: readonly Dimension[],
    value: number,
    timestamp: number = this.now(),
    unit?: string,
    count = 1,
  ): boolean {
    const now = this.now();
    if (timestamp < now - this.retentionMs || !Number.isFinite(value)) {
      this.dropped++;
      return false;
    }
    const s = this.series(namespace, metricName, dimensions, unit);
    if (s === undefined) {
      this.dropped++;
      return false;
    }
    s.add(value, timestamp, count);
    if (now - this.lastPrune > 60_000) this.prune(now);
    return true;
  }

  /** Records one value on a series handle from series(): the fast path for recorders (no key lookup). */
  record(series: Series, value: number, timestamp: number, count = 1): boolean {
    const now = this.now();
    if (timestamp < now - this.retentionMs || !Number.isFinite(value)) {
      this.dropped++;
      return false;
    }
    series.add(value, timestamp, count);
    if (now - this.lastPrune > 60_000) this.prune(now);
    return true;
  }

  find(namespace: string, metricName: string, dimensions: readonly Dimension[]): Series | undefined {
    return this.byKey.get(seriesKey(namespace, metricName, dimensions));
  }

  /** Every series that holds data, in creation order. */
  list(): SeriesInfo[] {
    const out: SeriesInfo[] = [];
    for (const s of this.byKey.values()) if (!s.empty) out.push(s.info);
    return out;
  }

  /**
   * Drops datapoints past retention. Emptied series stay (recorders hold their handles) but are
   * not listed; maxSeries bounds them.
   */
  prune(now: number = this.now()): void {
    this.lastPrune = now;
    const before = now - this.retentionMs;
    for (const s of this.byKey.values()) s.prune(before);
  }
}
