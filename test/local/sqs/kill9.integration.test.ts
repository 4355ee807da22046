import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnFerry } from '../../helpers/cli/ferry.js';
import { tempDir } from '../../helpers/config/data-dir.js';
import { jsonClient } from '../../helpers/sqs/server.js';

// Nothing acknowledged is lost: a real `ferry sqs --data` process is SIGKILLed under load, then
// restarted on the same directory. Every message whose SendMessage succeeded must be there, and
// every message whose DeleteMessage succeeded must not.

const LOAD_MS = 700;

async function drain(client: SQSClient, QueueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const out = await client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 600,
        WaitTimeSeconds: 2,
      }),
    );
    if (out.Messages === undefined || out.Messages.length === 0) return bodies;
    for (const m of out.Messages) bodies.push(m.Body!);
  }
}

test('kill -9 mid-load loses no acknowledged send and revives no acknowledged delete', async () => {
  const dir = tempDir();
  let ferry = await spawnFerry(['sqs', '--port', '0', '--data', dir.path]);
  let client = jsonClient(ferry.endpoint);
  try {
    const { QueueUrl: sends } = await client.send(new CreateQueueCommand({ QueueName: 'sends' }));
    // In-flight messages come back after their visibility timeout: keep it short for the delete queue.
    const { QueueUrl: deletes } = await client.send(
      new CreateQueueCommand({ QueueName: 'deletes', Attributes: { VisibilityTimeout: '1' } }),
    );
    const seeded: string[] = [];
    for (let b = 0; b < 20; b++) {
      const Entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `d-${b * 10 + i}` }));
      await client.send(new SendMessageBatchCommand({ QueueUrl: deletes, Entries }));
      seeded.push(...Entries.map((e) => e.MessageBody));
    }

    const acked = new Set<string>();
    const deleted = new Set<string>();
    let stop = false;
    const sender = async (worker: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const body = `s-${worker}-${i}`;
        try {
          await client.send(new SendMessageCommand({ QueueUrl: sends, MessageBody: body }));
          acked.add(body);
        } catch {
          return; // the server died mid-request: this one was never acknowledged
        }
      }
    };
    const deleter = async (): Promise<void> => {
      while (!stop) {
        try {
          const out = await client.send(
            new ReceiveMessageCommand({ QueueUrl: deletes, MaxNumberOfMessages: 10 }),
          );
          for (const m of out.Messages ?? []) {
            await client.send(
              new DeleteMessageCommand({ QueueUrl: deletes, ReceiptHandle: m.ReceiptHandle }),
            );
            deleted.add(m.Body!);
          }
        } catch {
          return;
        }
      }
    };
    const workers = [...Array.from({ length: 16 }, (_, w) => sender(w)), deleter(), deleter()];
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    ferry.child.kill('SIGKILL');
    assert.is(await ferry.exited, 'SIGKILL');
    stop = true;
    await Promise.all(workers);
    client.destroy();
    assert.ok(acked.size > 100, `only ${acked.size} sends were acknowledged before the kill`);
    assert.ok(deleted.size > 10, `only ${deleted.size} deletes were acknowledged before the kill`);

    ferry = await spawnFerry(['sqs', '--port', '0', '--data', dir.path]);
    client = jsonClient(ferry.endpoint);
    const queueUrl = (name: string) => `${ferry.endpoint}/000000000000/${name}`;
    const [sent, remaining] = await Promise.all([
      drain(client, queueUrl('sends')),
      drain(client, queueUrl('deletes')),
    ]);
    const sentSet = new Set(sent);
    const lost = [...acked].filter((b) => !sentSet.has(b));
    assert.equal(lost, [], `${lost.length} acknowledged sends were lost`);
    const revived = remaining.filter((b) => deleted.has(b));
    assert.equal(revived, [], `${revived.length} acknowledged deletes came back`);
    const remainingSet = new Set(remaining);
    const vanished = seeded.filter((b) => !deleted.has(b) && !remainingSet.has(b));
    assert.equal(vanished, [], 'undeleted messages vanished');
  } finally {
    client.destroy();
    ferry.child.kill('SIGKILL');
    await ferry.exited;
    dir.remove();
  }
});

test.run();
