/** A CloudWatch dimension, with CloudWatch's field names. */
export interface Dimension {
  Name: string;
  Value: string;
}

/** Milliseconds since the epoch; injected so that periods, retention and alarms are tested without sleeping. */
export type Clock = () => number;

/** What one period of one series holds: enough for every statistic CloudWatch computes. */
export interface Aggregate {
  /** Start of the period, ms since the epoch (a multiple of the period). */
  timestamp: number;
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  /** The values (a uniform sample of them once a second holds more than the store keeps): for percentiles. */
  values: number[];
}

export interface SeriesInfo {
  namespace: string;
  metricName: string;
  /** Sorted by name, as ListMetrics returns them. */
  dimensions: Dimension[];
  unit: string | undefined;
  /** Time of the newest datapoint, ms. */
  lastTimestamp: number;
}

export type StateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
