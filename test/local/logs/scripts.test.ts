import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createStacksHandler } from '../../../local/endpoint/index.js';
import { cliEnv, startTestEndpoint } from '../../helpers/logs/endpoint.js';
import type { TestEndpoint } from '../../helpers/logs/endpoint.js';

// scripts/logs.sh unchanged against the local endpoint: its stack outputs come from the
// CloudFormation DescribeStacks stand-in, its searches from the Logs API. `logs tail` exists only
// in CLI v2, so AWS_CLI points at /usr/bin/aws (v2.9) as it must on AWS too.

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../../scripts/logs.sh', import.meta.url));
const OUTPUTS = {
  ProducerLogGroupName: '/aws/lambda/ferry-dev-producer',
  ConsumerLogGroupName: '/aws/lambda/ferry-dev-consumer',
  ApiAccessLogGroupName: '/aws/apigateway/ferry-dev-access',
};
const STREAM = '2026/11/27/[$LATEST]00112233445566778899aabbccddeeff';

const test = suite<{ ep: TestEndpoint; env: NodeJS.ProcessEnv }>(
  'scripts/logs.sh against the local endpoint',
);

test.before(async (ctx) => {
  ctx.ep = await startTestEndpoint({
    cloudformation: {
      handle: createStacksHandler(() => [
        {
          stackName: 'ferry-dev',
          stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/ferry-dev/1',
          outputs: OUTPUTS,
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

test.after(async (ctx) => {
  await ctx.ep.close();
});

async function logsSh(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string[]> {
  const { stdout } = await run('bash', [SCRIPT, ...args], { env, timeout: 60_000 });
  // `--format short` starts each line with the time; the rest is the message.
  return stdout
    .trim()
    .split('\n')
    .map((l) => (l.startsWith('==') ? l : l.replace(/^\S+\s+/, '')));
}

test('--correlation-id: the producer line, then the consumer line, of one message', async ({ env }) => {
  assert.equal(await logsSh(env, '--correlation-id', 'abc-1', '--since', '1h'), [
    `== producer (${OUTPUTS.ProducerLogGroupName})`,
    '{"msg":"accepted","correlationId":"abc-1","outcome":"accepted"}',
    `== consumer (${OUTPUTS.ConsumerLogGroupName})`,
    '{"msg":"processed","correlationId":"abc-1","outcome":"processed"}',
  ]);
});

test('--filter with a JSON pattern, and --no-follow printing the whole group', async ({ env }) => {
  assert.equal(await logsSh(env, 'consumer', '--filter', '{ $.outcome = "failed" }', '--since', '1h'), [
    '{"msg":"failed","correlationId":"zzz-9","outcome":"failed"}',
  ]);
  assert.equal(await logsSh(env, 'consumer', '--no-follow', '--since', '1h'), [
    'START RequestId: r1 Version: $LATEST',
    '{"msg":"processed","correlationId":"abc-1","outcome":"processed"}',
    '{"msg":"failed","correlationId":"zzz-9","outcome":"failed"}',
  ]);
});

test.run();
