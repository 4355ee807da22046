import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLocalMetrics, type LocalMetrics } from '../../local/metrics/index.js';
import { alarmsFromTemplate } from '../../local/runtime/alarms.js';
import { loadTemplate } from '../../local/template/index.js';
import { serveCloudWatch } from '../helpers/metrics/server.js';
import { createTestClock } from '../helpers/time/clock.js';

const END = Date.UTC(2026, 10, 27, 3, 15, 0);
const minute = (m: number) => END - m * 60_000;

interface Ctx {
  metrics: LocalMetrics;
  url: string;
  close: () => Promise<void>;
  dir: string;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function status(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'scripts/status',
      args,
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_REGION: 'us-east-1',
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

const s = suite<Ctx>('scripts/status');

s.before(async (ctx) => {
  // Prepare: the template's alarms over a store seeded as a running pipeline would fill it.
  const clock = createTestClock(minute(20));
  const model = await loadTemplate('cloudformation/template.yaml', { stackName: 'ferry' });
  ctx.metrics = createLocalMetrics({ now: clock.now, alarms: alarmsFromTemplate(model.resources) });
  const { store, alarms } = ctx.metrics;
  const svc = (name: string) => [{ Name: 'Service', Value: name }];
  const q = (name: string) => [{ Name: 'QueueName', Value: name }];
  store.put('Ferry', 'MessagesAccepted', svc('ferry-producer'), 1, minute(18)); // outside the window
  clock.set(END);
  for (let m = 1; m <= 10; m++) {
    store.put('Ferry', 'MessagesAccepted', svc('ferry-producer'), 1, minute(m), 'Count', 12);
    store.put('Ferry', 'MessagesProcessed', svc('ferry-consumer'), 1, minute(m) + 5_000, 'Count', 11);
  }
  store.put('Ferry', 'MessagesRejected', svc('ferry-producer'), 1, minute(4), 'Count', 3);
  store.put('Ferry', 'MessagesFailed', svc('ferry-consumer'), 1, minute(2), 'Count', 2);
  for (const [m, visible, inFlight, age, dlq] of [
    [3, 9, 2, 40, 0],
    [2, 7, 1, 31, 1],
    [1, 4, 1, 12, 2],
  ] as const) {
    store.put('AWS/SQS', 'ApproximateNumberOfMessagesVisible', q('ferry-messages'), visible, minute(m));
    store.put('AWS/SQS', 'ApproximateNumberOfMessagesNotVisible', q('ferry-messages'), inFlight, minute(m));
    store.put('AWS/SQS', 'ApproximateAgeOfOldestMessage', q('ferry-messages'), age, minute(m));
    store.put('AWS/SQS', 'ApproximateNumberOfMessagesVisible', q('ferry-messages-dlq'), dlq, minute(m));
  }
  alarms.tick(END);
  const server = await serveCloudWatch(ctx.metrics.handler);
  ctx.url = server.url;
  ctx.close = server.close;
  ctx.dir = await mkdtemp(join(tmpdir(), 'ferry-status-'));
});

s.after(async (ctx) => {
  await ctx.close();
  await rm(ctx.dir, { recursive: true, force: true });
});

const alarmNames = (metrics: LocalMetrics) =>
  metrics.alarms
    .states()
    .map((a) => a.definition.alarmName)
    .sort();

s('locally: the figures of the window and every alarm, from the CloudWatch API', async ({ url, metrics }) => {
  const run = await status(['--end', '2026-11-27T03:15:00Z', '--minutes', '15'], { AWS_ENDPOINT_URL: url });
  const [api5xx, consumerErrors, consumerThrottles, dlqAlarm, producerErrors, oldest] = alarmNames(metrics);
  const w = dlqAlarm!.length + 5;
  const ok =
    'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].';
  assert.equal(run, {
    code: 0,
    stderr: '',
    stdout: [
      'Ferry status: stack ferry, last 15 min (2026-11-27T03:00:00Z to 2026-11-27T03:15:00Z)',
      '',
      'Messages',
      '  accepted    120',
      '  rejected    3',
      '  processed   110',
      '  failed      2',
      '',
      'Queue ferry-messages',
      '  visible              4',
      '  in flight            1',
      '  oldest message age   12 s',
      '',
      'Dead-letter queue ferry-messages-dlq',
      '  depth                2',
      '  oldest message age   no data',
      '',
      'Alarms (6)',
      `  OK                ${api5xx!.padEnd(w - 5)}  ${ok}`,
      `  OK                ${consumerErrors!.padEnd(w - 5)}  ${ok}`,
      `  OK                ${consumerThrottles!.padEnd(w - 5)}  ${ok}`,
      `  ALARM             ${dlqAlarm!}  Threshold Crossed: 1 out of the last 1 datapoints [2.0 (27/11/26 03:14:00)] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).`,
      `  OK                ${producerErrors!.padEnd(w - 5)}  ${ok}`,
      `  OK                ${oldest!.padEnd(w - 5)}  Threshold Crossed: 3 datapoints [12.0 (27/11/26 03:14:00), 31.0 (27/11/26 03:13:00), 40.0 (27/11/26 03:12:00)] were not greater than the threshold (300.0).`,
      '',
    ].join('\n'),
  });
});

s('--fail-on-alarm exits 3 when an alarm is in ALARM', async ({ url }) => {
  const run = await status(['--end', '2026-11-27T03:15:00Z', '--fail-on-alarm'], { AWS_ENDPOINT_URL: url });
  assert.equal([run.code, run.stderr], [3, '']);
});

s('on AWS: queue names from the stack outputs, read with the AWS CLI', async ({ url, dir }) => {
  const cli = join(dir, 'aws');
  await writeFile(
    cli,
    `#!/bin/sh
echo "$@" > "${dir}/args"
echo '[{"OutputKey":"QueueUrl","OutputValue":"https://sqs.us-east-1.amazonaws.com/1/prod-messages"},{"OutputKey":"DlqUrl","OutputValue":"https://sqs.us-east-1.amazonaws.com/1/prod-messages-dlq"}]'
`,
  );
  await chmod(cli, 0o755);
  const run = await status(['--end', '2026-11-27T03:15:00Z', '--stack-name', 'prod', '--minutes', '5'], {
    AWS_CLI: cli,
    AWS_ENDPOINT_URL_CLOUDWATCH: url,
  });
  assert.equal([run.code, run.stderr], [0, '']);
  assert.equal(
    run.stdout
      .split('\n')
      .filter((l) => /^(Ferry|Queue|Dead|Alarms)/.test(l) || l.includes('depth') || l.includes('none')),
    [
      'Ferry status: stack prod, last 5 min (2026-11-27T03:10:00Z to 2026-11-27T03:15:00Z)',
      'Queue prod-messages',
      'Dead-letter queue prod-messages-dlq',
      '  depth                no data',
      'Alarms (0)',
      '  none named prod-*',
    ],
  );
});

s('--help, unknown flags, bad values and an unreachable endpoint', async () => {
  const help = await status(['--help'], {});
  const unknown = await status(['--verbose'], {});
  const minutes = await status(['--minutes', 'ten'], {});
  const end = await status(['--end', 'yesterday'], {});
  const down = await status(['--end', '2026-11-27T03:15:00Z'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
  assert.equal(
    [help.code, help.stdout.split('\n')[0], help.stdout.includes('--fail-on-alarm')],
    [0, 'Usage: scripts/status [options]', true],
  );
  assert.equal(
    [unknown, minutes, end].map((r) => [r.code, r.stdout, r.stderr]),
    [
      [2, '', "status: error: Unknown option '--verbose'\nRun scripts/status --help for the options.\n"],
      [
        2,
        '',
        "status: error: --minutes must be a whole number from 1 to 1440, got 'ten'\nRun scripts/status --help for the options.\n",
      ],
      [
        2,
        '',
        "status: error: --end must be an ISO 8601 time, got 'yesterday'\nRun scripts/status --help for the options.\n",
      ],
    ],
  );
  assert.equal([down.code, down.stdout, /^status: error: .*ECONNREFUSED/.test(down.stderr)], [1, '', true]);
});

s.run();
