import { ReceiveMessageCommand, SendMessageCommand, CreateQueueCommand } from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonClient, startTestServer } from '../../helpers/sqs/server.js';

// A long poll returns as soon as a message arrives, well before its WaitTimeSeconds.

test('ReceiveMessage with WaitTimeSeconds 20 answers when a message is sent', async () => {
  const server = await startTestServer();
  const client = jsonClient(server.endpoint);
  try {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'poll' }));
    const started = Date.now();
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    setTimeout(() => void client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' })), 100);
    const out = await polling;
    const elapsed = Date.now() - started;
    assert.equal(
      out.Messages?.map((m) => m.Body),
      ['wake up'],
    );
    assert.ok(elapsed < 5000, `long poll took ${elapsed} ms`);
  } finally {
    client.destroy();
    await server.close();
  }
});

test('closing the server answers a pending long poll with no messages', async () => {
  const server = await startTestServer();
  const client = jsonClient(server.endpoint);
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'poll-close' }));
  const polling = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).then(
    (out) => out.Messages ?? [],
    () => 'closed',
  );
  const started = Date.now();
  setTimeout(() => void server.close(), 100);
  const result = await polling;
  client.destroy();
  assert.ok(Date.now() - started < 5000);
  assert.equal(result, []);
});

test.run();
