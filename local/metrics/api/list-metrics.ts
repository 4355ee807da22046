import type { MetricStore } from '../store.js';
import { invalid, missing } from './errors.js';
import { decodeToken, encodeToken, list, str, type Input } from './params.js';

const PAGE = 500;

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html */
export function listMetrics(store: MetricStore, input: Input): unknown {
  const namespace = str(input, 'Namespace');
  const metricName = str(input, 'MetricName');
  const filters = (list(input, 'Dimensions') ?? []).map((f, i) => {
    const o = (f ?? {}) as Input;
    if (typeof o.Name !== 'string') throw missing(`Dimensions.member.${i + 1}.Name`);
    return { name: o.Name, value: str(o, 'Value') };
  });
  const recentlyActive = str(input, 'RecentlyActive');
  if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
    throw invalid(`The value ${recentlyActive} for parameter RecentlyActive is invalid: expected PT3H.`);
  }
  const since = recentlyActive === undefined ? -Infinity : store.now() - 3 * 3600_000;
  const fingerprint = JSON.stringify([namespace, metricName, filters, recentlyActive]);
  const offset = decodeToken(str(input, 'NextToken'), fingerprint);
  const matching = store
    .list()
    .filter(
      (s) =>
        (namespace === undefined || s.namespace === namespace) &&
        (metricName === undefined || s.metricName === metricName) &&
        s.lastTimestamp >= since &&
        filters.every((f) =>
          s.dimensions.some((d) => d.Name === f.name && (f.value === undefined || d.Value === f.value)),
        ),
    );
  const page = matching.slice(offset, offset + PAGE);
  const body: Record<string, unknown> = {
    Metrics: page.map((s) => ({
      Namespace: s.namespace,
      MetricName: s.metricName,
      Dimensions: s.dimensions,
    })),
  };
  if (offset + PAGE < matching.length) body.NextToken = encodeToken(offset + PAGE, fingerprint);
  return body;
}
