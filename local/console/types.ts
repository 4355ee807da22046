import type { SQSClient } from '@aws-sdk/client-sqs';

// What the console reads, injected by whoever starts it (the local runtime, or a test). The console
// owns no data: metrics, logs and queues stay with the parts that keep them.

/** One metric, as a dashboard widget names it once its "." / "..." shorthand is expanded. */
export interface MetricStatQuery {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount` or a percentile such as `p99`. */
  stat: string;
  /** Seconds per datapoint. */
  period: number;
  label?: string;
}

/** A metric math / SEARCH expression, passed through as the widget wrote it. */
export interface MetricExpressionQuery {
  id: string;
  expression: string;
  period: number;
  label?: string;
}

export type MetricQuery = MetricStatQuery | MetricExpressionQuery;

/** One line of a chart. An expression (SEARCH) may answer several series. */
export interface MetricSeries {
  /** The query's id, as GetMetricData answers it: every series of one SEARCH shares it. */
  id: string;
  label: string;
  /** Epoch milliseconds, ascending, the start of each period. */
  timestamps: number[];
  values: number[];
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmState {
  /** The alarm's name (its logical id locally, as the template does not name them). */
  name: string;
  arn?: string;
  state: AlarmStateValue;
  reason: string;
  /** Epoch milliseconds of the last state change. */
  updatedAt: number;
  description?: string;
}

/** Series over a time range, in the shape of CloudWatch GetMetricData; alarm states as DescribeAlarms. */
export interface MetricsReader {
  query(queries: MetricQuery[], range: { start: number; end: number }): Promise<MetricSeries[]>;
  alarms(): Promise<AlarmState[]>;
}

export interface LogEvent {
  logGroupName: string;
  logStreamName: string;
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
}

export interface LogFilter {
  /** Groups to search; all when absent. */
  logGroupNames?: string[];
  /** CloudWatch Logs filter pattern (terms, "phrases", -exclusions, `{ $.field = "x" }`). Empty: all. */
  filterPattern?: string;
  startTime?: number;
  endTime?: number;
  /** Most events returned (the newest are kept). */
  limit?: number;
}

/** A search's answer: `truncated` when its work budget ran out before the range did. */
export interface LogSearch {
  events: LogEvent[];
  truncated: boolean;
}

/** The log store: tail and search, as CloudWatch Logs offers them. */
export interface LogsReader {
  groups(): Promise<string[]>;
  filter(filter: LogFilter): Promise<LogEvent[]>;
  /** As filter, and says whether the search was cut short; filter's answer, never cut, without it. */
  search?(filter: LogFilter): Promise<LogSearch>;
  /** Calls `onEvent` for every new line of a group; returns the unsubscribe function. */
  subscribe(logGroupName: string, onEvent: (event: LogEvent) => void): () => void;
}

/** A queue the console shows, by the name and URL the template gives it. */
export interface ConsoleQueue {
  name: string;
  url: string;
  /** The queue's dead-letter queue, when it has one (then the DLQ is listed too). */
  dlqUrl?: string;
}

export interface MessageType {
  name: string;
  /** The schema's `examples`: the form prefills `data` with one of them. */
  examples: unknown[];
}

/** A function whose logs the console tails, with its log group. */
export interface ConsoleFunction {
  name: string;
  logGroupName: string;
  /** Which hop of a message's story its lines tell. */
  role: 'producer' | 'consumer';
}

/** A queue's message as the console shows it; `attributes` are its String message attributes. */
export interface PeekedMessage {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  attributes: Record<string, string>;
}

export interface ConsoleSources {
  /** The template's DashboardBody, resolved (a JSON string or its parsed object). */
  dashboardBody: string | object;
  dashboardName?: string;
  metrics: MetricsReader;
  logs: LogsReader;
  /** A real SQS client pointed at the local SQS endpoint. */
  sqs: SQSClient;
  /**
   * The messages of a queue that carry a correlation id, looked up without receiving them (the
   * local queue engine can). Without it, a message's story finds DLQ messages by receiving them,
   * which counts as a receive and sees at most 50.
   */
  findMessages?: (queueUrl: string, correlationId: string, max: number) => PeekedMessage[];
  queues: ConsoleQueue[];
  functions: ConsoleFunction[];
  /** The HTTP API's access log group, the first hop of a story. */
  apiAccessLogGroupName?: string;
  /** Base URL of the local HTTP API; test messages are POSTed to `${apiUrl}/messages`. */
  apiUrl: string;
  messageTypes: MessageType[];
  /** Epoch milliseconds; injected so tests control time ranges. */
  now?: () => number;
}

export interface ConsoleOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port; `ferry up` uses DEFAULTS.ports.console. */
  port: number;
  sources: ConsoleSources;
}

export interface Console {
  port: number;
  /** `http://host:port/` */
  url: string;
  close(): Promise<void>;
}
