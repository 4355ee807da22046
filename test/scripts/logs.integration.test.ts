// scripts/logs.sh against two stand-ins. A deployed Ferry's (infra/fake-ferry.ts), with the log
// group given. And the local endpoint, the script unchanged: its stack outputs come from the
// CloudFormation DescribeStacks stand-in, its searches from the Logs API. `logs tail` exists only
// in CLI v2, so there AWS_CLI points at /usr/bin/aws (v2.9) as it must on AWS too.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createStacksHandler } from '../../local/endpoint/index.js';
import { startFakeFerry } from '../helpers/infra/fake-ferry.js';
import { awsEnv, run } from '../helpers/infra/run.js';
import { cliEnv, startTestEndpoint } from '../helpers/logs/endpoint.js';
import type { TestEndpoint } from '../helpers/logs/endpoint.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'logs.sh');
const execFileAsync = promisify(execFile);

const deployed = suite('scripts/logs.sh against a deployed stand-in');

deployed('prints a log group, and one message by its correlation id', async () => {
  // Prepare: two accepted messages, so the stand-in consumer logged two lines
  const fake = await startFakeFerry({ schemasDir: join(ROOT, 'schemas', 'types') });
  const home = mkdtempSync(join(tmpdir(), 'ferry-logs-'));
  try {
    const types = (await (await fetch(`${fake.url}/types`)).json()) as { types: { name: string }[] };
    const examples = await import(join(ROOT, 'schemas', 'types', `${types.types[0]!.name}.schema.json`), {
      with: { type: 'json' },
    });
    const message = JSON.stringify({ type: types.types[0]!.name, data: examples.default.examples[0] });
    for (const id of ['log-a', 'log-b']) {
      const res = await fetch(`${fake.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': id },
        body: message,
      });
      assert.equal(res.status, 202);
    }
    const logs = (...args: string[]) =>
      run('bash', [SCRIPT, '--log-group', fake.logGroup, ...args], {
        env: awsEnv(fake.url, home),
      });

    // Act
    const [all, one] = await Promise.all([
      logs('consumer', '--no-follow'),
      logs('--correlation-id', 'log-a'),
    ]);

    // Assess
    const lines = (out: string) =>
      out
        .replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}/gm, 'TIME  ')
        .trimEnd()
        .split('\n');
    const line = (id: string, n: number) =>
      `TIME  {"level":"info","correlationId":"${id}","messageId":"m-${n}","type":"${types.types[0]!.name}","outcome":"processed"}`;
    assert.equal([all.code, lines(all.stdout)], [0, [line('log-a', 1), line('log-b', 2)]]);
    assert.equal([one.code, lines(one.stdout)], [0, [`== consumer (${fake.logGroup})`, line('log-a', 1)]]);
  } finally {
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
});

deployed.run();

const OUTPUTS = {
  ProducerLogGroupName: '/aws/lambda/ferry-dev-producer',
  ConsumerLogGroupName: '/aws/lambda/ferry-dev-consumer',
  ApiAccessLogGroupName: '/aws/apigateway/ferry-dev-access',
};
const STREAM = '2026/11/27/[$LATEST]00112233445566778899aabbccddeeff';

const local = suite<{ ep: TestEndpoint; env: NodeJS.ProcessEnv }>(
  'scripts/logs.sh against the local endpoint',
);

local.before(async (ctx) => {
  ctx.ep = await startTestEndpoint({
    cloudformation: {
      handle: createStacksHandler(() => [
        {
          stackName: 'ferry-dev',
          stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/ferry-dev/1',
          outputs: OUTPUTS,
          parameters: {},
          creationTime: 0,
        },
      ]),
    },
  });
  ctx.env = { ...cliEnv(ctx.ep.endpoint), AWS_CLI: '/usr/bin/aws' };
  const t = Date.now() - 60_000;
  const json = (o: object) => JSON.stringify(o) + '\n';
  ctx.ep.store.append(OUTPUTS.ProducerLogGroupName, STREAM, [
    { timestamp: t, message: json({ msg: 'accepted', correlationId: 'abc-1', outcome: 'accepted' }) },
    { timestamp: t + 1, message: json({ msg: 'accepted', correlationId: 'zzz-9', outcome: 'accepted' }) },
  ]);
  ctx.ep.store.append(OUTPUTS.ConsumerLogGroupName, STREAM, [
    { timestamp: t + 2, message: 'START RequestId: r1 Version: $LATEST\n' },
    { timestamp: t + 3, message: json({ msg: 'processed', correlationId: 'abc-1', outcome: 'processed' }) },
    { timestamp: t + 4, message: json({ msg: 'failed', correlationId: 'zzz-9', outcome: 'failed' }) },
  ]);
});

local.after(async (ctx) => {
  await ctx.ep.close();
});

async function logsSh(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string[]> {
  const { stdout } = await execFileAsync('bash', [SCRIPT, ...args], { env, timeout: 60_000 });
  // `--format short` starts each line with the time; the rest is the message.
  return stdout
    .trim()
    .split('\n')
    .map((l) => (l.startsWith('==') ? l : l.replace(/^\S+\s+/, '')));
}

local('--correlation-id: the producer line, then the consumer line, of one message', async ({ env }) => {
  assert.equal(await logsSh(env, '--correlation-id', 'abc-1', '--since', '1h'), [
    `== producer (${OUTPUTS.ProducerLogGroupName})`,
    '{"msg":"accepted","correlationId":"abc-1","outcome":"accepted"}',
    `== consumer (${OUTPUTS.ConsumerLogGroupName})`,
    '{"msg":"processed","correlationId":"abc-1","outcome":"processed"}',
  ]);
});

local('--filter with a JSON pattern, and --no-follow printing the whole group', async ({ env }) => {
  assert.equal(await logsSh(env, 'consumer', '--filter', '{ $.outcome = "failed" }', '--since', '1h'), [
    '{"msg":"failed","correlationId":"zzz-9","outcome":"failed"}',
  ]);
  assert.equal(await logsSh(env, 'consumer', '--no-follow', '--since', '1h'), [
    'START RequestId: r1 Version: $LATEST',
    '{"msg":"processed","correlationId":"abc-1","outcome":"processed"}',
    '{"msg":"failed","correlationId":"zzz-9","outcome":"failed"}',
  ]);
});

local.run();
