import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type CloudWatchClient,
  type MetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';

/** What the report is about: names as CloudWatch's dimensions hold them. */
export interface StatusTarget {
  stackName: string;
  queueName: string;
  dlqName: string;
  namespace: string;
  producerService: string;
  consumerService: string;
  /** Alarms whose names start with this ('' for all). */
  alarmPrefix: string;
}

export interface StatusReport {
  start: Date;
  end: Date;
  minutes: number;
  counts: { accepted: number; rejected: number; processed: number; failed: number };
  queue: QueueFigures;
  dlq: QueueFigures;
  alarms: { name: string; state: string; reason: string }[];
}

/** Latest sampled values; undefined when CloudWatch has no datapoint in the window. */
export interface QueueFigures {
  name: string;
  visible?: number;
  inFlight?: number;
  oldestAgeSeconds?: number;
}

const COUNTS = [
  ['accepted', 'MessagesAccepted', 'producer'],
  ['rejected', 'MessagesRejected', 'producer'],
  ['processed', 'MessagesProcessed', 'consumer'],
  ['failed', 'MessagesFailed', 'consumer'],
] as const;

const GAUGES = [
  ['visible', 'ApproximateNumberOfMessagesVisible'],
  ['inFlight', 'ApproximateNumberOfMessagesNotVisible'],
  ['oldestAgeSeconds', 'ApproximateAgeOfOldestMessage'],
] as const;

/** Reads the figures with GetMetricData (every page) and DescribeAlarms (every page). */
export async function readStatus(
  cw: CloudWatchClient,
  t: StatusTarget,
  end: Date,
  minutes: number,
): Promise<StatusReport> {
  const start = new Date(end.getTime() - minutes * 60_000);
  const queries: MetricDataQuery[] = [];
  for (const [key, metric, fn] of COUNTS) {
    const service = fn === 'producer' ? t.producerService : t.consumerService;
    queries.push(stat(key, t.namespace, metric, 'Service', service, 'Sum'));
  }
  for (const [prefix, name] of [
    ['q', t.queueName],
    ['dlq', t.dlqName],
  ] as const) {
    for (const [key, metric] of GAUGES)
      queries.push(stat(`${prefix}_${key}`, 'AWS/SQS', metric, 'QueueName', name, 'Maximum'));
  }
  const values = new Map<string, number[]>();
  let token: string | undefined;
  do {
    const page = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: start,
        EndTime: end,
        ScanBy: 'TimestampDescending',
        NextToken: token,
      }),
    );
    for (const r of page.MetricDataResults ?? []) {
      values.set(r.Id!, [...(values.get(r.Id!) ?? []), ...(r.Values ?? [])]);
    }
    token = page.NextToken;
  } while (token !== undefined);
  const sum = (id: string) => (values.get(id) ?? []).reduce((a, b) => a + b, 0);
  const latest = (id: string) => values.get(id)?.[0];
  const figures = (prefix: string, name: string): QueueFigures => {
    const out: QueueFigures = { name };
    for (const [key] of GAUGES) {
      const v = latest(`${prefix}_${key}`);
      if (v !== undefined) out[key] = v;
    }
    return out;
  };
  return {
    start,
    end,
    minutes,
    counts: {
      accepted: sum('accepted'),
      rejected: sum('rejected'),
      processed: sum('processed'),
      failed: sum('failed'),
    },
    queue: figures('q', t.queueName),
    dlq: figures('dlq', t.dlqName),
    alarms: (await describeAll(cw, t.alarmPrefix)).map((a) => ({
      name: a.AlarmName ?? '',
      state: a.StateValue ?? 'UNKNOWN',
      reason: a.StateReason ?? '',
    })),
  };
}

function stat(
  id: string,
  namespace: string,
  metric: string,
  dim: string,
  value: string,
  s: string,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: namespace, MetricName: metric, Dimensions: [{ Name: dim, Value: value }] },
      Period: 60,
      Stat: s,
    },
  };
}

async function describeAll(cw: CloudWatchClient, prefix: string): Promise<MetricAlarm[]> {
  const out: MetricAlarm[] = [];
  let token: string | undefined;
  do {
    const page = await cw.send(
      new DescribeAlarmsCommand({ ...(prefix === '' ? {} : { AlarmNamePrefix: prefix }), NextToken: token }),
    );
    out.push(...(page.MetricAlarms ?? []));
    token = page.NextToken;
  } while (token !== undefined);
  return out.sort((a, b) => (a.AlarmName ?? '').localeCompare(b.AlarmName ?? ''));
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const num = (v: number | undefined, unit = '') => (v === undefined ? 'no data' : `${v}${unit}`);

/** The report as printed: one figure per line, alarms last. */
export function formatStatus(t: StatusTarget, r: StatusReport): string {
  const lines = [
    `Ferry status: stack ${t.stackName}, last ${r.minutes} min (${iso(r.start)} to ${iso(r.end)})`,
    '',
    'Messages',
    `  accepted    ${num(r.counts.accepted)}`,
    `  rejected    ${num(r.counts.rejected)}`,
    `  processed   ${num(r.counts.processed)}`,
    `  failed      ${num(r.counts.failed)}`,
    '',
    `Queue ${r.queue.name}`,
    `  visible              ${num(r.queue.visible)}`,
    `  in flight            ${num(r.queue.inFlight)}`,
    `  oldest message age   ${num(r.queue.oldestAgeSeconds, ' s')}`,
    '',
    `Dead-letter queue ${r.dlq.name}`,
    `  depth                ${num(r.dlq.visible)}`,
    `  oldest message age   ${num(r.dlq.oldestAgeSeconds, ' s')}`,
    '',
    `Alarms (${r.alarms.length})`,
  ];
  if (r.alarms.length === 0) lines.push(`  none${t.alarmPrefix === '' ? '' : ` named ${t.alarmPrefix}*`}`);
  const width = Math.max(0, ...r.alarms.map((a) => a.name.length));
  for (const a of r.alarms) lines.push(`  ${a.state.padEnd(17)} ${a.name.padEnd(width)}  ${a.reason}`);
  return lines.join('\n') + '\n';
}
