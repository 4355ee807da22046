import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnFerry } from '../../helpers/cli/ferry.js';
import { jsonClient } from '../../helpers/sqs/server.js';

// `ferry sqs` as a real process: ready line, clean stop on SIGTERM, a port in use.

test('ferry sqs as a process: one ready line with the endpoint, serves, says when it stops and stopped', async () => {
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
  // After the ready line (which spawnFerry read): the stop, and that it is over.
  assert.is(
    stdout,
    'ferry sqs: SIGTERM: stopping (long polls are answered; a second signal exits at once)\nferry sqs: stopped\n',
  );
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
