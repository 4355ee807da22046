// `ferry up` as a real process, seen from outside as on AWS: the unchanged scripts (send.sh,
// logs.sh, status) and the AWS CLI against its one AWS endpoint; the logs durable in --data.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FREE_PORTS, spawnUp, type UpProcess } from '../helpers/cli/ferry.js';
import { ROOT } from '../helpers/runtime/runtime.js';
import { until } from '../helpers/time/until.js';

const run = promisify(execFile);

interface Ctx {
  dir: string;
  up: UpProcess;
}
const scripts = suite<Ctx>('scripts against ferry up', { dir: '', up: undefined as never });

scripts.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'ferry-observe-'));
  ctx.up = await spawnUp([...FREE_PORTS, '--data', ctx.dir]);
});
scripts.after(async (ctx) => {
  if (ctx.up && ctx.up.child.exitCode === null) {
    ctx.up.child.kill('SIGKILL');
    await ctx.up.exited;
  }
  rmSync(ctx.dir, { recursive: true, force: true });
});

/** Only the endpoint and credentials differ from a run against AWS. */
function awsEnv(up: UpProcess): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ENDPOINT_URL: up.sqs,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
    STACK_NAME: 'ferry',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

async function sh(up: UpProcess, file: string, args: string[], timeout = 45_000) {
  try {
    const { stdout } = await run(file, args, { cwd: ROOT, env: awsEnv(up), timeout });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

const aws = async (up: UpProcess, ...args: string[]) =>
  JSON.parse(
    await sh(up, 'aws', ['--endpoint-url', up.sqs, '--region', 'us-east-1', '--output', 'json', ...args]),
  ) as unknown;

scripts('send.sh passes, logs.sh tells a correlation id, status prints the local figures', async ({ up }) => {
  // README's environment only: the local profile (cloudformation/local.parameters.json), no
  // overrides, no TIMEOUT. The transient example (fails twice) waits 2 x 6 s + 0 s + 30 s at most.
  const sent = await sh(up, 'scripts/send.sh', [], 120_000);
  assert.not.match(sent, /^FAIL/m);
  assert.match(sent, /\nAll checks passed\n$/);
  const waits = sent.split('\n').filter((l) => /^ {2}(visibility|batching|margin|batch of)/.test(l));
  assert.equal(waits, [
    `  visibility timeout 6s, maxReceiveCount 5 (sqs get-queue-attributes on ${up.sqs}/000000000000/ferry-messages)`,
    "  batching window 0s (the stack's MaximumBatchingWindowInSeconds parameter: the event source mapping of ferry-consumer could not be read)",
    "  margin 30s for one invocation and the log line's delivery; ceiling 900s",
    '  batch of 4: up to 42s = 2 x 6s visibility timeout (order.created examples[1] fails 2 times on purpose) + 0s window + 30s margin',
  ]);
  const id = /correlation id (smoke-\S+-1)\)/.exec(sent)?.[1];
  assert.ok(id, 'send.sh names the correlation ids it confirmed');

  const story = await sh(up, 'scripts/logs.sh', ['--correlation-id', id!, '--no-follow']);
  const lines = story.trimEnd().split('\n');
  const outcome = (line: string) => /"outcome":"([a-z-]+)"/.exec(line)?.[1] ?? line;
  assert.equal(lines.map(outcome), [
    '== producer (/aws/lambda/ferry-producer)',
    'accepted',
    '== consumer (/aws/lambda/ferry-consumer)',
    'processed',
  ]);
  assert.ok(lines.slice(1).every((l) => l.startsWith('==') || l.includes(`"correlationId":"${id}"`)));

  const status = await sh(up, 'scripts/status', ['--minutes', '5']);
  const figure = (label: string) => Number(new RegExp(`^ {2}${label} +(\\d+)`, 'm').exec(status)?.[1]);
  // send.sh: 3 singles + a batch of 4 + 1 of a half-valid batch accepted; 7 requests rejected.
  assert.equal(
    { accepted: figure('accepted'), rejected: figure('rejected'), processed: figure('processed') },
    { accepted: 8, rejected: 7, processed: 8 },
  );
  assert.match(status, /\nDead-letter queue ferry-messages-dlq\n {2}depth +0\n/);
  const alarms = [...status.matchAll(/^ {2}(OK|ALARM|INSUFFICIENT_DATA) +(ferry-\S+)/gm)].map((m) => m[1]);
  assert.equal(alarms, ['OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
  assert.match(status, /^Alarms \(6\)$/m);
});

scripts('one endpoint: DescribeStacks, the log groups, the access log in its Format', async ({ up }) => {
  const stacks = (await aws(up, 'cloudformation', 'describe-stacks', '--stack-name', 'ferry')) as {
    Stacks: { StackName: string; Outputs: { OutputKey: string; OutputValue: string }[] }[];
  };
  const outputs = Object.fromEntries(stacks.Stacks[0]!.Outputs.map((o) => [o.OutputKey, o.OutputValue]));
  const consoleUrl = /^ {2}console +(\S+)$/m.exec(up.stdout())?.[1];
  const printed = /^ {2}DashboardUrl +(\S+)$/m.exec(up.stdout())?.[1];
  assert.equal(
    [
      stacks.Stacks[0]!.StackName,
      outputs.ApiUrl,
      outputs.QueueUrl,
      outputs.ConsumerLogGroupName,
      outputs.DashboardUrl,
      printed,
    ],
    [
      'ferry',
      up.api,
      `${up.sqs}/000000000000/ferry-messages`,
      '/aws/lambda/ferry-consumer',
      `${consoleUrl}/#dashboard`,
      `${consoleUrl}/#dashboard`,
    ],
  );

  const groups = (await aws(up, 'logs', 'describe-log-groups')) as {
    logGroups: { logGroupName: string; retentionInDays?: number }[];
  };
  assert.equal(
    groups.logGroups.map((g) => [g.logGroupName, g.retentionInDays]),
    [
      ['/aws/apigateway/ferry-api', 14],
      ['/aws/lambda/ferry-consumer', 14],
      ['/aws/lambda/ferry-producer', 14],
    ],
  );
  const streams = (await aws(
    up,
    'logs',
    'describe-log-streams',
    '--log-group-name',
    '/aws/lambda/ferry-producer',
  )) as {
    logStreams: { logStreamName: string }[];
  };
  assert.ok(streams.logStreams.length > 0);
  for (const s of streams.logStreams)
    assert.match(s.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  const lambdaLines = (await aws(
    up,
    'logs',
    'filter-log-events',
    '--log-group-name',
    '/aws/lambda/ferry-producer',
    '--filter-pattern',
    '?START ?END ?REPORT',
  )) as { events: { message: string }[] };
  const kinds = new Set(lambdaLines.events.map((e) => e.message.split(' ')[0]));
  assert.equal([...kinds].sort(), ['END', 'REPORT', 'START']);

  const access = (await aws(
    up,
    'logs',
    'filter-log-events',
    '--log-group-name',
    '/aws/apigateway/ferry-api',
    '--filter-pattern',
    '{ $.routeKey = "GET /types" }',
  )) as { events: { message: string; logStreamName: string }[] };
  assert.is(access.events.length, 1);
  const line = JSON.parse(access.events[0]!.message) as Record<string, string>;
  assert.equal(Object.keys(line), [
    'requestId',
    'requestTime',
    'sourceIp',
    'routeKey',
    'status',
    'responseLength',
    'latency',
    'integrationLatency',
    'integrationStatus',
    'integrationError',
    'error',
  ]);
  assert.equal(
    [line.routeKey, line.status, line.sourceIp, line.integrationStatus, line.integrationError, line.error],
    ['GET /types', '200', '127.0.0.1', '200', '-', '-'],
  );
});

scripts(
  'after a restart on the same --data: the logs are there, the DLQ alarm is in ALARM at once',
  async (ctx) => {
    assert.ok(existsSync(join(ctx.dir, 'logs.db')));
    const dlq = `${ctx.up.sqs}/000000000000/ferry-messages-dlq`;
    await aws(ctx.up, 'sqs', 'send-message', '--queue-url', dlq, '--message-body', 'left in the DLQ');
    ctx.up.child.kill('SIGTERM');
    assert.is(await ctx.up.exited, 0);
    ctx.up = await spawnUp([...FREE_PORTS, '--data', ctx.dir]);
    // Metrics are in memory, but the queues' first sample stands for the minute before the start.
    const up = ctx.up;
    // The alarms' first evaluation is one line; the DLQ alarm is named in it, with its reason.
    const first = await until('the alarms line', () => /^alarms: .*$/m.exec(up.stdout())?.[0]);
    assert.match(first, /^alarms: 5 OK, 1 ALARM \(ferry-DlqMessagesVisibleAlarm-\S+: Threshold Crossed: /);
    const found = (await aws(
      ctx.up,
      'logs',
      'filter-log-events',
      '--log-group-name',
      '/aws/lambda/ferry-consumer',
      '--filter-pattern',
      '{ $.outcome = "processed" && $.correlationId = "smoke-*" }',
    )) as { events: unknown[] };
    assert.is(found.events.length, 8);
  },
);

scripts.run();
