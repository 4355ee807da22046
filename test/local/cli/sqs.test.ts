import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliIo } from '../../../local/cli/io.js';
import { main } from '../../../local/cli/main.js';
import { parseSqsFlags } from '../../../local/cli/sqs.js';
import { spawnFerry } from '../../helpers/cli/ferry.js';
import { jsonClient } from '../../helpers/sqs/server.js';

// `ferry sqs`: flags, usage, and the real process (ready line, clean stop on SIGTERM).

function fakeIo(env: Record<string, string> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    env,
    stopSignal: () => new Promise(() => {}),
  };
}

test('flags: defaults, --memory, --data, credentials from flags or the environment', () => {
  assert.equal(parseSqsFlags([], {}), {
    store: { kind: 'durable', dir: resolve('.ferry') },
    port: 9324,
    host: '127.0.0.1',
    region: 'us-east-1',
  });
  assert.equal(parseSqsFlags(['--port', '0', '--memory', '--host', '0.0.0.0', '--region', 'eu-west-1'], {}), {
    store: { kind: 'memory' },
    port: 0,
    host: '0.0.0.0',
    region: 'eu-west-1',
  });
  assert.equal(parseSqsFlags(['--data', '/tmp/q', '--access-key', 'K', '--secret-key', 'S'], {}), {
    store: { kind: 'durable', dir: '/tmp/q' },
    port: 9324,
    host: '127.0.0.1',
    region: 'us-east-1',
    accessKey: 'K',
    secretKey: 'S',
  });
  assert.equal(parseSqsFlags(['--memory'], { FERRY_ACCESS_KEY: 'EK', FERRY_SECRET_KEY: 'ES' }), {
    store: { kind: 'memory' },
    port: 9324,
    host: '127.0.0.1',
    region: 'us-east-1',
    accessKey: 'EK',
    secretKey: 'ES',
  });
});

test('flags: what is wrong is named', () => {
  assert.match(String(parseSqsFlags(['--prot', '1'], {})), /^Unknown option '--prot'/);
  assert.is(parseSqsFlags(['--port', '70000'], {}), "--port must be an integer from 0 to 65535, got '70000'");
  assert.is(parseSqsFlags(['--memory', '--data', 'x'], {}), '--data and --memory cannot be used together');
  assert.is(
    parseSqsFlags(['--access-key', 'K'], {}),
    '--access-key and --secret-key (or FERRY_ACCESS_KEY and FERRY_SECRET_KEY) must be given together',
  );
});

test('ferry: unknown commands and flags exit 2 with the usage', async () => {
  const io = fakeIo();
  assert.is(await main(['launch'], io), 2);
  assert.match(io.errors[0] ?? '', /^ferry: unknown command 'launch'\n\nUsage: ferry <command> \[flags\]/);
  const io2 = fakeIo();
  assert.is(await main(['sqs', '--bogus'], io2), 2);
  assert.match(io2.errors[0] ?? '', /^ferry sqs: Unknown option '--bogus'.*\n\nUsage: ferry sqs /s);
});

test('ferry sqs as a process: one ready line with the endpoint, serves, stops cleanly on SIGTERM', async () => {
  const ferry = await spawnFerry(['sqs', '--port', '0', '--memory']);
  let stdout = '';
  ferry.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const client = jsonClient(ferry.endpoint);
  try {
    assert.match(ferry.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'cli' }));
    assert.equal((await client.send(new ListQueuesCommand({}))).QueueUrls, [QueueUrl]);
  } finally {
    client.destroy();
    ferry.child.kill('SIGTERM');
  }
  assert.is(await ferry.exited, 0);
  assert.is(stdout, '');
});

test('a port in use is named by its flag', async () => {
  const held = createServer();
  await new Promise<void>((done) => held.listen(0, '127.0.0.1', done));
  const port = (held.address() as { port: number }).port;
  try {
    const run = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(
        process.execPath,
        ['local/bin/ferry.js', 'sqs', '--port', String(port), '--memory'],
        (error, _o, stderr) => done({ code: error === null ? 0 : Number(error.code), stderr }),
      ),
    );
    assert.equal(run, {
      code: 1,
      stderr: `ferry sqs: cannot start: --port ${port}: the port is already in use (another ferry sqs or ferry up?); choose another, or 0 for a free one\n`,
    });
  } finally {
    await new Promise<void>((done) => held.close(() => done()));
  }
});

test.run();
