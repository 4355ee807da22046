// Child process for the kill -9 test: opens a durable engine in argv[2], sends
// messages as fast as the store acknowledges them and prints each message id
// once its send has resolved. It deletes one message per batch, printing
// "deleting <id>" before and "deleted <id>" once that resolved. The parent kills it with SIGKILL mid-load.

import { basename } from 'node:path';
import { createEngine } from '../../../local/sqs/engine/index.js';
import { durable } from '../config/data-dir.js';

// Only ever run on the temp dir crash.test.ts makes: loaded by a test runner (argv[2] is then
// a test folder), it would otherwise write an endless queue into the source tree.
const dir = process.argv[2];
if (dir === undefined || !basename(dir).startsWith('ferry-sqs-crash-')) {
  process.stderr.write('crash-child: run by crash.integration.test.ts with its ferry-sqs-crash-* temp dir\n');
  process.exit(2);
}
const engine = await createEngine({ data: durable(dir) });
await engine.createQueue('load', {}, {});
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const batch = Array.from({ length: 10 }, (_, j) => ({
    id: String(j),
    body: `m${i}-${j}`,
    senderId: 'crash',
  }));
  const sent = await engine.sendMessageBatch('load', batch);
  if (!sent.ok) throw new Error(sent.error.message);
  process.stdout.write(sent.value.successful.map((s) => `sent ${s.messageId}\n`).join(''));
  const received = await engine.receiveMessage('load', { maxNumberOfMessages: 1, visibilityTimeout: 3600 });
  if (received.ok && received.value[0] !== undefined) {
    const m = received.value[0];
    process.stdout.write(`deleting ${m.messageId}\n`);
    const deleted = await engine.deleteMessage('load', m.receiptHandle);
    if (deleted.ok) process.stdout.write(`deleted ${m.messageId}\n`);
  }
}
