import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine, type QueueEngine } from '../../../../local/sqs/engine/index.js';
import { createTestClock } from '../../../helpers/time/clock.js';
import { bodies, counts, countsOf, receive, send, T0, unwrap } from '../../../helpers/sqs/engine.js';
import { durable } from '../../../helpers/config/data-dir.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-sqs-store-'));
  dirs.push(dir);
  return dir;
}

test.after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A second engine on the same directory while the first is never closed: what a crash leaves behind. */
async function reopen(dataDir: string, at: number): Promise<QueueEngine> {
  return createEngine({ data: durable(dataDir), clock: createTestClock(at) });
}

test('queues, attributes, tags and messages survive without a clean shutdown', async () => {
  const dataDir = tempDir();
  const first = await createEngine({ data: durable(dataDir), clock: createTestClock(T0) });
  unwrap(await first.createQueue('dlq', {}, {}));
  const redrive = JSON.stringify({
    deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
    maxReceiveCount: 5,
  });
  unwrap(
    await first.createQueue('q', { VisibilityTimeout: '45', RedrivePolicy: redrive }, { team: 'ferry' }),
  );
  const attrs = {
    s: { DataType: 'String', StringValue: 'v' },
    b: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 255, 7]) },
  };
  const trace = { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-x' } };
  const sent = await send(first, 'q', 'kept', { messageAttributes: attrs, messageSystemAttributes: trace });
  await send(first, 'q', 'delayed', { delaySeconds: 60 });

  const second = await reopen(dataDir, T0 + 1_000);
  assert.equal(second.listQueues(), ['dlq', 'q']);
  assert.equal(unwrap(second.getQueueAttributes('q', ['VisibilityTimeout', 'RedrivePolicy'])), {
    VisibilityTimeout: '45',
    RedrivePolicy: redrive,
  });
  assert.equal(unwrap(second.listQueueTags('q')), { team: 'ferry' });
  assert.equal(counts(second, 'q'), countsOf(1, 0, 1));
  const [m] = await receive(second, 'q');
  assert.equal(
    { ...m, receiptHandle: '' },
    {
      messageId: sent.messageId,
      receiptHandle: '',
      body: 'kept',
      messageAttributes: attrs,
      messageSystemAttributes: trace,
      attributes: {
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: String(T0 + 1_000),
        SentTimestamp: String(T0),
        SenderId: 'AIDTEST',
        AWSTraceHeader: 'Root=1-x',
      },
    },
  );
});

test('in-flight messages come back at their original deadline; deleted ones never', async () => {
  const dataDir = tempDir();
  const first = await createEngine({ data: durable(dataDir), clock: createTestClock(T0) });
  unwrap(await first.createQueue('q', {}, {}));
  await send(first, 'q', 'in-flight');
  await send(first, 'q', 'deleted');
  const [a, b] = await receive(first, 'q', 2, { visibilityTimeout: 100 });
  unwrap(await first.deleteMessage('q', b!.receiptHandle));

  const clock = createTestClock(T0 + 50_000);
  const second = await createEngine({ data: durable(dataDir), clock });
  assert.equal(counts(second, 'q'), countsOf(0, 1, 0));
  clock.advance(49_999);
  assert.equal(await receive(second, 'q'), []);
  clock.advance(1);
  const [again] = await receive(second, 'q');
  assert.equal([again?.body, again?.attributes.ApproximateReceiveCount], ['in-flight', '2']);
  // The handle from before the restart is still the latest one until this receive.
  assert.is.not(again?.receiptHandle, a?.receiptHandle);
  unwrap(await second.deleteMessage('q', again!.receiptHandle));
  await second.close();

  const third = await reopen(dataDir, T0 + 200_000);
  assert.equal(counts(third, 'q'), countsOf(0, 0, 0));
  await third.close();
});

test('FIFO deduplication and sequence numbers carry across a restart', async () => {
  const dataDir = tempDir();
  const first = await createEngine({ data: durable(dataDir), clock: createTestClock(T0) });
  unwrap(await first.createQueue('f.fifo', { FifoQueue: 'true' }, {}));
  const original = await send(first, 'f.fifo', 'x', { messageGroupId: 'g', messageDeduplicationId: 'd' });

  const second = await reopen(dataDir, T0 + 60_000);
  assert.equal(
    await send(second, 'f.fifo', 'x', { messageGroupId: 'g', messageDeduplicationId: 'd' }),
    original,
  );
  const next = await send(second, 'f.fifo', 'y', { messageGroupId: 'g', messageDeduplicationId: 'e' });
  assert.ok(next.sequenceNumber! > original.sequenceNumber!);
  assert.equal(bodies(await receive(second, 'f.fifo')), ['x', 'y']);
});

test('DeleteQueue and PurgeQueue are durable', async () => {
  const dataDir = tempDir();
  const first = await createEngine({ data: durable(dataDir), clock: createTestClock(T0) });
  unwrap(await first.createQueue('gone', {}, {}));
  unwrap(await first.createQueue('purged', {}, {}));
  await send(first, 'gone', 'a');
  await send(first, 'purged', 'b');
  unwrap(await first.deleteQueue('gone'));
  unwrap(await first.purgeQueue('purged'));
  const second = await reopen(dataDir, T0 + 1);
  assert.equal(second.listQueues(), ['purged']);
  assert.equal(counts(second, 'purged'), countsOf(0, 0, 0));
});

test('a message moved to the DLQ is there after a restart, and only there', async () => {
  const dataDir = tempDir();
  const clock = createTestClock(T0);
  const first = await createEngine({ data: durable(dataDir), clock });
  unwrap(await first.createQueue('dlq', {}, {}));
  const redrive = JSON.stringify({
    deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
    maxReceiveCount: 1,
  });
  unwrap(await first.createQueue('src', { VisibilityTimeout: '1', RedrivePolicy: redrive }, {}));
  const sent = await send(first, 'src', 'poison');
  await receive(first, 'src');
  clock.advance(1_000);
  assert.equal(await receive(first, 'src'), []);

  const second = await reopen(dataDir, T0 + 2_000);
  assert.equal(counts(second, 'src'), countsOf(0, 0, 0));
  const [moved] = await receive(second, 'dlq');
  assert.equal(
    [moved?.messageId, moved?.attributes.ApproximateReceiveCount, moved?.attributes.DeadLetterQueueSourceArn],
    [sent.messageId, '2', 'arn:aws:sqs:us-east-1:000000000000:src'],
  );
});

test('expired messages are dropped from the store as new ones are sent', async () => {
  const dataDir = tempDir();
  const clock = createTestClock(T0);
  const first = await createEngine({ data: durable(dataDir), clock });
  unwrap(await first.createQueue('q', { MessageRetentionPeriod: '60' }, {}));
  await send(first, 'q', 'old');
  clock.advance(60_000);
  await send(first, 'q', 'new');
  // Reopened at a time when 'old' would still be alive (and 'new' not yet visible):
  // only the store can have dropped 'old'.
  const second = await reopen(dataDir, T0 + 1);
  assert.equal(counts(second, 'q'), countsOf(0, 0, 1));
});

test('a store written before enqueued_at existed is migrated on open', async () => {
  const dataDir = tempDir();
  const old = new Database(join(dataDir, 'sqs.db'));
  old.exec(`CREATE TABLE queues (name TEXT PRIMARY KEY, attributes TEXT NOT NULL, tags TEXT NOT NULL,
      created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
    CREATE TABLE messages (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, queue TEXT NOT NULL, body TEXT NOT NULL,
      attributes TEXT, system_attributes TEXT, sent_at INTEGER NOT NULL, sender_id TEXT NOT NULL, group_id TEXT,
      dedup_id TEXT, sequence_number TEXT, dlq_source_arn TEXT, receive_count INTEGER NOT NULL,
      first_receive_at INTEGER NOT NULL, received_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receipt TEXT NOT NULL);`);
  const attributes = JSON.stringify({
    VisibilityTimeout: '30',
    MaximumMessageSize: '1048576',
    MessageRetentionPeriod: '345600',
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'true',
  });
  old.prepare('INSERT INTO queues VALUES (?, ?, ?, ?, ?)').run('q', attributes, '{}', T0, T0);
  old
    .prepare(
      `INSERT INTO messages VALUES (1, '00000000-0000-4000-8000-000000000001', 'q', 'kept', NULL, NULL, ?,
      'AIDTEST', NULL, NULL, NULL, NULL, 0, 0, 0, ?, '')`,
    )
    .run(T0, T0);
  old.close();
  const engine = await reopen(dataDir, T0 + 5);
  assert.is(engine.oldestMessageTimestamp?.('q'), T0);
  await send(engine, 'q', 'new');
  assert.equal(bodies(await receive(engine, 'q')), ['kept', 'new']);
  await engine.close();
});

test('a running move task carries on after a restart; finished ones are still listed', async () => {
  const dataDir = tempDir();
  const clock = createTestClock(T0);
  const first = await createEngine({ data: durable(dataDir), clock });
  const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
  unwrap(await first.createQueue('dlq', {}, {}));
  unwrap(await first.createQueue('dest', {}, {}));
  const redrive = JSON.stringify({ deadLetterTargetArn: arn('dlq'), maxReceiveCount: 1 });
  unwrap(await first.createQueue('src', { VisibilityTimeout: '1', RedrivePolicy: redrive }, {}));
  for (let i = 0; i < 5; i++) await send(first, 'src', `m${i}`);
  await receive(first, 'src');
  clock.advance(1_000);
  await receive(first, 'src');
  const { taskHandle } = unwrap(
    await first.startMessageMoveTask({
      sourceArn: arn('dlq'),
      destinationArn: arn('dest'),
      maxNumberOfMessagesPerSecond: 2,
    }),
  );
  clock.advance(0);
  await new Promise((resolve) => setImmediate(resolve));

  const later = createTestClock(T0 + 1_000);
  const second = await createEngine({ data: durable(dataDir), clock: later });
  const [running] = unwrap(second.listMessageMoveTasks(arn('dlq'), 10));
  assert.equal(
    [running?.taskHandle, running?.status, running?.approximateNumberOfMessagesMoved],
    [taskHandle, 'RUNNING', 2],
  );
  later.advance(0);
  later.advance(1_000);
  const [done] = unwrap(second.listMessageMoveTasks(arn('dlq'), 10));
  assert.equal(
    [done?.status, done?.approximateNumberOfMessagesMoved, done?.approximateNumberOfMessagesToMove],
    ['COMPLETED', 5, 5],
  );
  assert.equal(counts(second, 'dest'), countsOf(5, 0, 0));
  await second.close();
});

test.run();
