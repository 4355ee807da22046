import type { Dimension, SeriesInfo } from './types.js';

/**
 * The SEARCH expression's query: an optional schema `{Namespace,DimName,...}` (metrics of that
 * namespace with exactly those dimension names), then terms that must all match: `Name="value"`
 * or `Name=value` (MetricName, Namespace or a dimension name) and bare words, matched against the
 * metric name, namespace and dimension values.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/search-expression-syntax.html
 */
export function searchMatcher(query: string): (s: SeriesInfo) => boolean {
  let rest = query.trim();
  let schema: { namespace: string; names: string[] } | undefined;
  const m = /^\{([^}]*)\}/.exec(rest);
  if (m !== null) {
    const [namespace = '', ...names] = m[1]!.split(',').map((x) => x.trim().replace(/^"|"$/g, ''));
    schema = { namespace, names: names.sort() };
    rest = rest.slice(m[0].length);
  }
  const terms: ((s: SeriesInfo) => boolean)[] = [];
  const re = /\s*(?:([A-Za-z0-9_./:-]+)\s*=\s*(?:"([^"]*)"|([^\s"]+))|"([^"]*)"|([^\s"]+))/y;
  while (rest.trim() !== '') {
    re.lastIndex = 0;
    const t = re.exec(rest);
    if (t === null) break;
    rest = rest.slice(re.lastIndex);
    const [, key, quoted, plain, phrase, word] = t;
    if (key !== undefined) {
      const value = quoted ?? plain ?? '';
      terms.push((s) =>
        key === 'MetricName'
          ? s.metricName === value
          : key === 'Namespace'
            ? s.namespace === value
            : s.dimensions.some((d) => d.Name === key && d.Value === value),
      );
    } else {
      const needle = (phrase ?? word ?? '').toLowerCase();
      terms.push((s) =>
        [s.metricName, s.namespace, ...s.dimensions.map((d) => d.Value)].some((x) =>
          x.toLowerCase().includes(needle),
        ),
      );
    }
  }
  return (s) => {
    if (schema !== undefined) {
      if (s.namespace !== schema.namespace) return false;
      const names = s.dimensions.map((d) => d.Name);
      if (names.length !== schema.names.length || names.some((n, i) => n !== schema.names[i])) return false;
    }
    return terms.every((t) => t(s));
  };
}

/** CloudWatch labels a SEARCH result by its dimension values (the metric name when it has none). */
export function searchLabel(metricName: string, dimensions: readonly Dimension[]): string {
  return dimensions.length === 0 ? metricName : dimensions.map((d) => d.Value).join(' ');
}
