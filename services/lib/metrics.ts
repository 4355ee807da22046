/**
 * CloudWatch Embedded Metric Format: the metrics ride on the log line that reports the outcome,
 * so one line per message is both its log record and its metrics.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export type MetricName =
  | 'MessagesAccepted'
  | 'MessagesRejected'
  | 'MessagesProcessed'
  | 'MessagesFailed'
  | 'ProcessingTime'
  | 'EndToEndLatency';

export interface Metric {
  name: MetricName;
  value: number;
  unit: 'Count' | 'Milliseconds';
}

export interface MetricsContext {
  namespace: string;
  service: string;
  now: () => number;
}

/** Fields to merge into a log line. With a reason, the metrics are also split by the `Reason` dimension. */
export function emf(ctx: MetricsContext, metrics: Metric[], reason?: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    _aws: {
      Timestamp: ctx.now(),
      CloudWatchMetrics: [
        {
          Namespace: ctx.namespace,
          Dimensions: reason === undefined ? [['Service']] : [['Service'], ['Service', 'Reason']],
          Metrics: metrics.map(({ name, unit }) => ({ Name: name, Unit: unit })),
        },
      ],
    },
    Service: ctx.service,
  };
  if (reason !== undefined) fields.Reason = reason;
  for (const { name, value } of metrics) fields[name] = value;
  return fields;
}

export const count = (name: MetricName, value = 1): Metric => ({ name, value, unit: 'Count' });
export const millis = (name: MetricName, value: number): Metric => ({ name, value, unit: 'Milliseconds' });
