import type { MetricStore } from './store.js';
import type { Dimension } from './types.js';

/**
 * CloudWatch Embedded Metric Format: a JSON log line whose `_aws.CloudWatchMetrics` directives name
 * metrics whose values are root keys, recorded for every dimension set.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
interface Directive {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

/** Records the metrics of one log line; returns how many values were recorded (0 for any other line). */
export function ingestEmf(store: MetricStore, line: string, fallbackTimestamp?: number): number {
  // Most lines carry no metrics: skip them without parsing.
  if (!line.includes('"_aws"')) return 0;
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return 0;
  }
  if (typeof doc !== 'object' || doc === null) return 0;
  const root = doc as Record<string, unknown>;
  const aws = root._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (typeof aws !== 'object' || aws === null || !Array.isArray(aws.CloudWatchMetrics)) return 0;
  const timestamp =
    typeof aws.Timestamp === 'number' && Number.isFinite(aws.Timestamp)
      ? aws.Timestamp
      : (fallbackTimestamp ?? store.now());
  let recorded = 0;
  for (const directive of aws.CloudWatchMetrics as Directive[]) {
    if (typeof directive?.Namespace !== 'string' || !Array.isArray(directive.Metrics)) continue;
    const dimensionSets = dimensionSetsOf(directive.Dimensions, root);
    for (const metric of directive.Metrics as { Name?: unknown; Unit?: unknown }[]) {
      const name = metric?.Name;
      if (typeof name !== 'string') continue;
      const unit = typeof metric.Unit === 'string' ? metric.Unit : undefined;
      const raw = Object.hasOwn(root, name) ? root[name] : undefined;
      const values = Array.isArray(raw) ? raw : [raw];
      for (const dims of dimensionSets) {
        for (const v of values) {
          if (typeof v === 'number' && store.put(directive.Namespace, name, dims, v, timestamp, unit))
            recorded++;
        }
      }
    }
  }
  return recorded;
}

/** Each dimension set with its values from the root; a set naming a key the line lacks is skipped, as CloudWatch does. */
function dimensionSetsOf(sets: unknown, root: Record<string, unknown>): Dimension[][] {
  if (!Array.isArray(sets)) return [[]];
  const out: Dimension[][] = [];
  for (const set of sets) {
    if (!Array.isArray(set)) continue;
    const dims: Dimension[] = [];
    let complete = true;
    for (const name of set) {
      const value = typeof name === 'string' ? root[name] : undefined;
      if (typeof value !== 'string') {
        complete = false;
        break;
      }
      dims.push({ Name: name as string, Value: value });
    }
    if (complete) out.push(dims);
  }
  // `Dimensions: []` publishes the metrics with no dimensions.
  return sets.length === 0 ? [[]] : out;
}
