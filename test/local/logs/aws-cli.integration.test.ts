import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cliEnv, startTestEndpoint } from '../../helpers/logs/endpoint.js';
import type { TestEndpoint } from '../../helpers/logs/endpoint.js';

// The real AWS CLIs against the one endpoint that serves SQS and CloudWatch Logs:
// `aws` (v1.45) with AWS_ENDPOINT_URL, and `/usr/bin/aws` (v2.9) for `logs tail`, which only v2 has.

const run = promisify(execFile);
const G = '/aws/lambda/ferry-consumer';
const STREAM = '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef';

const test = suite<{ ep: TestEndpoint; env: NodeJS.ProcessEnv; base: number }>('logs with the AWS CLIs');

test.before(async (ctx) => {
  ctx.ep = await startTestEndpoint();
  ctx.env = cliEnv(ctx.ep.endpoint);
  ctx.base = Date.now() - 10 * 60_000;
  const line = (id: string, outcome: string) =>
    JSON.stringify({ level: 'info', correlationId: id, outcome }) + '\n';
  ctx.ep.store.append(G, STREAM, [
    { timestamp: ctx.base, message: 'START RequestId: r1 Version: $LATEST\n' },
    { timestamp: ctx.base + 1, message: line('abc', 'processed') },
    { timestamp: ctx.base + 2, message: line('abc', 'failed') },
    { timestamp: ctx.base + 3, message: line('def', 'processed') },
    { timestamp: ctx.base + 4, message: 'END RequestId: r1\n' },
  ]);
  for (let i = 0; i < 7; i++)
    ctx.ep.store.append(`/aws/lambda/fn-${i}`, STREAM, [{ timestamp: ctx.base, message: `x${i}` }]);
});

test.after(async (ctx) => {
  await ctx.ep.close();
});

async function cli(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await run(bin, args, { env, timeout: 30_000 })).stdout;
  } catch (error) {
    return `error: ${String((error as { stderr?: string }).stderr).trim()}`;
  }
}

test('aws v1: describe-log-groups pages through every group (page size 3)', async ({ env }) => {
  const out = await cli(
    'aws',
    [
      'logs',
      'describe-log-groups',
      '--page-size',
      '3',
      '--query',
      'logGroups[].logGroupName',
      '--output',
      'json',
    ],
    env,
  );
  assert.equal(JSON.parse(out), [G, ...Array.from({ length: 7 }, (_, i) => `/aws/lambda/fn-${i}`)]);
});

test("aws v1: filter-log-events with send.sh's JSON pattern, --start-time and pagination", async ({
  env,
  base,
}) => {
  const args = (pattern: string, ...more: string[]) => [
    'logs',
    'filter-log-events',
    '--log-group-name',
    G,
    '--start-time',
    String(base),
    '--filter-pattern',
    pattern,
    ...more,
  ];
  const count = await cli(
    'aws',
    [
      ...args('{ $.correlationId = "abc" && $.outcome = "processed" }'),
      '--query',
      'length(events)',
      '--output',
      'text',
    ],
    env,
  );
  assert.is(count.trim(), '1');
  const paged = await cli(
    'aws',
    [...args('processed', '--page-size', '1'), '--query', 'events[].message', '--output', 'json'],
    env,
  );
  assert.equal(JSON.parse(paged), [
    '{"level":"info","correlationId":"abc","outcome":"processed"}\n',
    '{"level":"info","correlationId":"def","outcome":"processed"}\n',
  ]);
  const refused = await cli('aws', args('{ $.correlationId = '), env);
  assert.match(
    refused,
    "An error occurred (InvalidParameterException) when calling the FilterLogEvents operation: Invalid filter pattern: If a filter pattern starts with '{' it must end with '}'",
  );
});

test('aws v1: describe-log-streams, get-log-events, and the error for a missing group', async ({ env }) => {
  const streams = await cli(
    'aws',
    [
      'logs',
      'describe-log-streams',
      '--log-group-name',
      G,
      '--order-by',
      'LastEventTime',
      '--descending',
      '--query',
      'logStreams[].logStreamName',
      '--output',
      'json',
    ],
    env,
  );
  assert.equal(JSON.parse(streams), [STREAM]);
  const events = await cli(
    'aws',
    [
      'logs',
      'get-log-events',
      '--log-group-name',
      G,
      '--log-stream-name',
      STREAM,
      '--start-from-head',
      '--limit',
      '2',
      '--query',
      'events[].message',
      '--output',
      'json',
    ],
    env,
  );
  assert.equal(JSON.parse(events), [
    'START RequestId: r1 Version: $LATEST\n',
    '{"level":"info","correlationId":"abc","outcome":"processed"}\n',
  ]);
  const missing = await cli(
    'aws',
    ['logs', 'filter-log-events', '--log-group-name', '/aws/lambda/nope'],
    env,
  );
  assert.match(
    missing,
    'An error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation: The specified log group does not exist.',
  );
});

test('aws v2.9: logs tail --since 1h prints every line with its stream', async ({ ep, env }) => {
  const out = await cli(
    '/usr/bin/aws',
    ['--endpoint-url', ep.endpoint, 'logs', 'tail', G, '--since', '1h', '--format', 'short'],
    env,
  );
  const lines = out
    .trim()
    .split('\n')
    .map((l) => l.replace(/^\S+ /, ''));
  assert.equal(lines, [
    'START RequestId: r1 Version: $LATEST',
    '{"level":"info","correlationId":"abc","outcome":"processed"}',
    '{"level":"info","correlationId":"abc","outcome":"failed"}',
    '{"level":"info","correlationId":"def","outcome":"processed"}',
    'END RequestId: r1',
  ]);
  const filtered = await cli(
    '/usr/bin/aws',
    [
      '--endpoint-url',
      ep.endpoint,
      'logs',
      'tail',
      G,
      '--since',
      '1h',
      '--filter-pattern',
      '{ $.outcome = "failed" }',
      '--format',
      'short',
    ],
    env,
  );
  assert.is(filtered.trim().split('\n').length, 1);
});

test('aws v2.9: logs tail --follow prints a line appended while it runs, once', async ({ ep, env }) => {
  const child = spawn(
    '/usr/bin/aws',
    ['--endpoint-url', ep.endpoint, 'logs', 'tail', G, '--since', '1h', '--follow', '--format', 'short'],
    { env },
  );
  try {
    let out = '';
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not seen within 15 s: ${text}; got ${out}`)),
          15_000,
        );
        const check = () => {
          if (out.includes(text)) {
            clearTimeout(timer);
            child.stdout.off('data', onData);
            resolve();
          }
        };
        const onData = (chunk: Buffer) => {
          out += chunk.toString('utf8');
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    await seen('END RequestId: r1');
    ep.store.append(G, STREAM, [
      { timestamp: Date.now(), message: 'REPORT RequestId: r2 Duration: 1.00 ms\n' },
    ]);
    await seen('REPORT RequestId: r2');
    assert.is(out.split('START RequestId: r1').length, 2, 'old lines printed once');
  } finally {
    child.kill('SIGTERM');
  }
});

test.run();
