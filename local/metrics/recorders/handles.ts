import type { MetricStore, Series } from '../store.js';
import type { Dimension } from '../types.js';

/**
 * Series handles of one resource (a function, a queue, an API), made once: recording then costs
 * no key building or map lookup per datapoint.
 */
export class Handles {
  private readonly byResource = new Map<string, Map<string, Series[]>>();

  constructor(
    private readonly store: MetricStore,
    private readonly namespace: string,
    /** The dimension sets each metric of a resource is recorded under. */
    private readonly dimensionSets: (resource: string) => Dimension[][],
  ) {}

  /** Records `value` under every dimension set of `resource`, at `at` (default: the store's now). */
  put(resource: string, metricName: string, unit: string, value: number, count = 1, at?: number): void {
    let metrics = this.byResource.get(resource);
    if (metrics === undefined) {
      metrics = new Map();
      this.byResource.set(resource, metrics);
    }
    let series = metrics.get(metricName);
    if (series === undefined) {
      series = [];
      for (const dims of this.dimensionSets(resource)) {
        const s = this.store.series(this.namespace, metricName, dims, unit);
        if (s !== undefined) series.push(s);
      }
      metrics.set(metricName, series);
    }
    const time = at ?? this.store.now();
    for (const s of series) this.store.record(s, value, time, count);
  }
}
