import { execFile } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dlqAlarm, startApi, stopApi, T0, type ApiCtx } from '../../helpers/metrics/api.js';

// The real AWS CLIs through their endpoint setting: `aws` (v1.45) sends CloudWatch's JSON 1.0
// protocol (and, as CLI v1 does, prints timestamps as the wire has them: epoch seconds);
// `/usr/bin/aws` (v2.9) sends the query protocol, which is refused with a message.

function cli(bin: string, url: string, args: string[]): Promise<{ code: number; out: unknown; err: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: 'AKIDCLI',
    AWS_SECRET_ACCESS_KEY: 'cli-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  return new Promise((resolve) => {
    execFile(
      bin,
      ['--endpoint-url', url, 'cloudwatch', ...args, '--output', 'json'],
      { env, timeout: 30_000 },
      (e, stdout, stderr) =>
        resolve({
          code: e === null ? 0 : Number(e.code),
          out: stdout.trim() === '' ? null : (JSON.parse(stdout) as unknown),
          err: stderr.trim(),
        }),
    );
  });
}

const test = suite<ApiCtx>('CloudWatch API with the AWS CLIs');

test.before(async (ctx) => {
  await startApi(ctx);
  ctx.alarms.add(dlqAlarm('ferry-Dlq-X', 'ferry-messages-dlq'));
  ctx.alarms.tick(ctx.clock.now());
});

test.after(stopApi);

test('aws v1: get-metric-statistics, list-metrics and describe-alarms', async ({ url }) => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const [stats, list, alarms] = await Promise.all([
    cli('aws', url, [
      'get-metric-statistics',
      '--namespace',
      'Ferry',
      '--metric-name',
      'MessagesProcessed',
      '--dimensions',
      'Name=Service,Value=ferry-consumer',
      '--start-time',
      iso(T0),
      '--end-time',
      iso(T0 + 120_000),
      '--period',
      '60',
      '--statistics',
      'Sum',
      'SampleCount',
    ]),
    cli('aws', url, ['list-metrics', '--namespace', 'Ferry', '--metric-name', 'ProcessingTime']),
    cli('aws', url, ['describe-alarms', '--state-value', 'OK']),
  ]);
  assert.equal(stats, {
    code: 0,
    err: '',
    out: {
      Label: 'MessagesProcessed',
      Datapoints: [
        { Timestamp: T0 / 1000, SampleCount: 3, Sum: 3, Unit: 'Count' },
        { Timestamp: T0 / 1000 + 60, SampleCount: 5, Sum: 5, Unit: 'Count' },
      ],
    },
  });
  assert.equal(list.out, {
    Metrics: [
      {
        Namespace: 'Ferry',
        MetricName: 'ProcessingTime',
        Dimensions: [{ Name: 'Service', Value: 'ferry-consumer' }],
      },
    ],
  });
  const described = alarms.out as {
    MetricAlarms: { AlarmName: string; StateValue: string }[];
    CompositeAlarms: unknown[];
  };
  assert.equal(
    described.MetricAlarms.map((a) => [a.AlarmName, a.StateValue]),
    [['ferry-Dlq-X', 'OK']],
  );
});

test('aws v2.9 (query protocol) gets a message that says what to use', async ({ url }) => {
  const run = await cli('/usr/bin/aws', url, ['list-metrics']);
  assert.equal(
    [run.code, run.out, run.err],
    [
      254,
      null,
      "An error occurred (InvalidAction) when calling the ListMetrics operation (reached max retries: 0): The local runtime answers CloudWatch in the AWS JSON 1.0 protocol only (X-Amz-Target), and this client sent the query protocol. Use a client that sends JSON: the project's @aws-sdk/client-cloudwatch, or a newer AWS CLI (the AWS CLI v1 installed here does).",
    ],
  );
});

test.run();
