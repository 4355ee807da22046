// The runtime's metrics and alarms, read with the real CloudWatch client from its one endpoint:
// EMF from the functions, AWS/Lambda, AWS/ApiGateway, AWS/SQS; a poison message sets the DLQ alarm
// off (on a metrics clock the test moves a minute on, instead of waiting for it).
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AlarmChange } from '../../../local/metrics/index.js';
import { formatAlarmChange } from '../../../local/runtime/index.js';
import { formatAccessLine } from '../../../local/runtime/access-log.js';
import type { AccessRecord } from '../../../local/gateway/index.js';
import {
  order,
  postJson,
  startTestRuntime,
  TEMPLATE,
  type TestRuntime,
} from '../../helpers/runtime/runtime.js';
import { until } from '../../helpers/time/until.js';

interface Ctx {
  t: TestRuntime;
  cw: CloudWatchClient;
  shift: { ms: number };
  changes: AlarmChange[];
}
const metrics = suite<Ctx>('runtime metrics and alarms', {
  t: undefined as never,
  cw: undefined as never,
  shift: { ms: 0 },
  changes: [],
});

metrics.before(async (ctx) => {
  ctx.shift = { ms: 0 };
  ctx.changes = [];
  ctx.t = await startTestRuntime(TEMPLATE, ['MaximumBatchingWindowInSeconds=0'], {
    metricsClock: () => Date.now() + ctx.shift.ms,
    sampleIntervalMs: 100,
    onAlarm: (change) => ctx.changes.push(change),
  });
  ctx.cw = new CloudWatchClient({
    endpoint: ctx.t.runtime.endpoints.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
metrics.after(async (ctx) => {
  ctx.cw?.destroy();
  await ctx.t?.stop();
});

const dim = (Name: string, Value: string) => ({ Name, Value });
const query = (
  Id: string,
  Namespace: string,
  MetricName: string,
  Dimensions: { Name: string; Value: string }[],
  Stat = 'Sum',
): MetricDataQuery => ({
  Id,
  MetricStat: { Metric: { Namespace, MetricName, Dimensions }, Period: 60, Stat },
});

async function totals(cw: CloudWatchClient, queries: MetricDataQuery[]): Promise<Record<string, number>> {
  const now = Date.now();
  const out = await cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(now - 10 * 60_000),
      EndTime: new Date(now + 60_000),
    }),
  );
  return Object.fromEntries(
    (out.MetricDataResults ?? []).map((r) => [r.Id!, (r.Values ?? []).reduce((a, b) => a + b, 0)]),
  );
}

metrics('one message and one poison: EMF, AWS/Lambda, AWS/ApiGateway and AWS/SQS figures', async (ctx) => {
  const { t, cw } = ctx;
  const api = t.runtime.model.resources.find((r) => r.type === 'AWS::ApiGatewayV2::Api')!.ref;
  assert.is((await postJson(`${t.runtime.endpoints.api}/messages`, order())).status, 202);
  await t.sqs.send(
    new SendMessageCommand({
      QueueUrl: t.runtime.outputs.QueueUrl,
      MessageBody: 'not json',
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'metrics-poison' } },
    }),
  );
  // Settled: both consumed, the poison in the DLQ, and a queue sample taken since.
  await until('an idle queue and the poison in the DLQ', async () => {
    const s = await t.runtime.status();
    return s.inQueue === 0 && s.inFlight === 0 && s.inDlq === 1 ? s : undefined;
  });
  const dlqVisible = query('dlqVisible', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', [
    dim('QueueName', 'ferry-messages-dlq'),
  ]);
  dlqVisible.MetricStat!.Stat = 'Maximum';
  await until('a DLQ sample of 1', async () => ((await totals(cw, [dlqVisible])).dlqVisible ?? 0) >= 1);

  const queue = [dim('QueueName', 'ferry-messages')];
  const figures = await totals(cw, [
    query('accepted', 'Ferry', 'MessagesAccepted', [dim('Service', 'ferry-producer')]),
    query('processed', 'Ferry', 'MessagesProcessed', [dim('Service', 'ferry-consumer')]),
    query('producerInvocations', 'AWS/Lambda', 'Invocations', [dim('FunctionName', 'ferry-producer')]),
    query('producerErrors', 'AWS/Lambda', 'Errors', [dim('FunctionName', 'ferry-producer')]),
    query('requests', 'AWS/ApiGateway', 'Count', [dim('ApiId', api), dim('Stage', '$default')]),
    query('api5xx', 'AWS/ApiGateway', '5xx', [dim('ApiId', api), dim('Stage', '$default')]),
    query('sent', 'AWS/SQS', 'NumberOfMessagesSent', queue),
    query('received', 'AWS/SQS', 'NumberOfMessagesReceived', queue),
    query('deleted', 'AWS/SQS', 'NumberOfMessagesDeleted', queue),
    query('dlqSent', 'AWS/SQS', 'NumberOfMessagesSent', [dim('QueueName', 'ferry-messages-dlq')]),
  ]);
  assert.equal(figures, {
    accepted: 1,
    processed: 1,
    producerInvocations: 1,
    producerErrors: 0,
    requests: 1,
    api5xx: 0,
    sent: 2,
    received: 2,
    deleted: 2,
    // The consumer sends a poison message to the DLQ itself.
    dlqSent: 1,
  });
  const consumer = await totals(cw, [
    query('invocations', 'AWS/Lambda', 'Invocations', [dim('FunctionName', 'ferry-consumer')]),
    query(
      'age',
      'AWS/SQS',
      'ApproximateAgeOfOldestMessage',
      [dim('QueueName', 'ferry-messages-dlq')],
      'SampleCount',
    ),
  ]);
  assert.ok(consumer.invocations! >= 1 && consumer.age! >= 1, JSON.stringify(consumer));
});

metrics('the DLQ alarm goes to ALARM a period later, printed as one line and read back', async (ctx) => {
  const { t, cw } = ctx;
  const dlqAlarm = t.runtime.model.resources.find((r) => r.logicalId === 'DlqMessagesVisibleAlarm')!.ref;
  // A minute on: the period that holds the DLQ samples has ended and is evaluated.
  ctx.shift.ms = 60_000;
  const change = await until('the DLQ alarm change', () =>
    ctx.changes.find((c) => c.alarmName === dlqAlarm && c.newState === 'ALARM'),
  );
  assert.equal(
    { ...change, timestamp: 0 },
    {
      alarmName: dlqAlarm,
      oldState: 'OK',
      newState: 'ALARM',
      reason: change.reason,
      timestamp: 0,
    },
  );
  assert.match(change.reason, /^Threshold Crossed: 1 out of the last 1 datapoints \[1\.0 \(/);
  assert.match(formatAlarmChange(change), new RegExp(`^alarm ${dlqAlarm}: OK -> ALARM: Threshold Crossed: `));
  const { MetricAlarms = [] } = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'ferry-' }));
  assert.equal(
    MetricAlarms.map((a) => [a.AlarmName === dlqAlarm, a.StateValue]).filter(([mine]) => mine),
    [[true, 'ALARM']],
  );
  assert.equal(
    MetricAlarms.filter((a) => a.AlarmName !== dlqAlarm).map((a) => a.StateValue),
    ['OK', 'OK', 'OK', 'OK', 'OK'],
  );
  // The console reads the same states.
  const page = (await (await fetch(`${t.runtime.endpoints.console}/api/alarms`)).json()) as unknown;
  assert.match(JSON.stringify(page), new RegExp(`"${dlqAlarm}".{0,200}"ALARM"|"ALARM".{0,200}"${dlqAlarm}"`));
});

metrics.run();

const off = suite('capture off (for measuring its cost)');

off('capture: false keeps no log line and no metric', async () => {
  const t = await startTestRuntime(TEMPLATE, ['MaximumBatchingWindowInSeconds=0'], { capture: false });
  try {
    assert.is((await postJson(`${t.runtime.endpoints.api}/messages`, order())).status, 202);
    await until('the processed line', () => t.json('ferry-consumer').find((l) => l.outcome === 'processed'));
    const kept = [
      '/aws/lambda/ferry-producer',
      '/aws/lambda/ferry-consumer',
      '/aws/apigateway/ferry-api',
    ].map((g) => t.runtime.logs.filter(g, { limit: 10 }).events.length);
    assert.equal({ kept, series: t.runtime.metrics.store.list().length }, { kept: [0, 0, 0], series: 0 });
  } finally {
    await t.stop();
  }
});

off.run();

const access = suite('access log line');

access('the stage Format with the request values; an empty value is "-", quotes escaped', () => {
  const record: AccessRecord = {
    requestId: 'abc=',
    ip: '127.0.0.1',
    requestTime: '27/Nov/2026:04:00:00 +0000',
    requestTimeEpoch: 1795752000000,
    httpMethod: 'POST',
    path: '/messages',
    routeKey: 'POST /messages',
    status: 502,
    protocol: 'HTTP/1.1',
    responseLength: 35,
    latency: 12,
    integrationLatency: 10,
    integrationStatus: 200,
    error: 'Internal "Server" Error',
  };
  const format =
    '{"requestId":"$context.requestId","status":"$context.status","integrationLatency":"$context.integrationLatency",' +
    '"integrationError":"$context.integrationErrorMessage","error":"$context.error.message","stage":"$context.stage"} ' +
    '$context.unknownThing $context.status.';
  assert.is(
    formatAccessLine(format, record, 'api1', '$default'),
    '{"requestId":"abc=","status":"502","integrationLatency":"10","integrationError":"-",' +
      '"error":"Internal \\"Server\\" Error","stage":"$default"} - 502.',
  );
});

access.run();
