import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bodies,
  counts,
  countsOf,
  failure,
  receive,
  send,
  setup,
  unwrap,
} from '../../../helpers/sqs/engine.js';

const FIFO = { FifoQueue: 'true' };

test('messages of one group come in order, and the group is blocked while any is in flight', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('f.fifo', { ...FIFO, VisibilityTimeout: '30' }, {}));
  for (const [body, group] of [
    ['a1', 'A'],
    ['b1', 'B'],
    ['a2', 'A'],
    ['a3', 'A'],
    ['b2', 'B'],
  ]) {
    await send(engine, 'f.fifo', body!, { messageGroupId: group, messageDeduplicationId: body });
  }
  const first = await receive(engine, 'f.fifo', 2);
  assert.equal(bodies(first), ['a1', 'a2']);
  assert.equal(bodies(await receive(engine, 'f.fifo', 10)), ['b1', 'b2']);
  assert.equal(await receive(engine, 'f.fifo', 10), []);
  unwrap(await engine.deleteMessage('f.fifo', first[0]!.receiptHandle));
  assert.equal(await receive(engine, 'f.fifo', 10), [], 'a2 still in flight blocks A');
  clock.advance(30_000);
  const all = bodies(await receive(engine, 'f.fifo', 10));
  assert.equal(
    [all.filter((b) => b.startsWith('a')), all.filter((b) => b.startsWith('b'))],
    [
      ['a2', 'a3'],
      ['b1', 'b2'],
    ],
  );
});

test('a duplicate within 5 minutes returns the original id and is not enqueued', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('f.fifo', FIFO, {}));
  const original = await send(engine, 'f.fifo', 'x', { messageGroupId: 'g', messageDeduplicationId: 'd' });
  clock.advance(299_999);
  const duplicate = await send(engine, 'f.fifo', 'other body', {
    messageGroupId: 'g',
    messageDeduplicationId: 'd',
  });
  assert.equal(duplicate, original);
  assert.equal(counts(engine, 'f.fifo'), countsOf(1, 0, 0));
  clock.advance(1);
  const later = await send(engine, 'f.fifo', 'x', { messageGroupId: 'g', messageDeduplicationId: 'd' });
  assert.is.not(later.messageId, original.messageId);
  assert.equal(counts(engine, 'f.fifo'), countsOf(2, 0, 0));
});

test('content-based deduplication hashes the body; the hash is the MessageDeduplicationId', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  const a = await send(engine, 'f.fifo', 'same', { messageGroupId: 'g1' });
  const b = await send(engine, 'f.fifo', 'same', { messageGroupId: 'g2' });
  assert.equal(a, b);
  const [m] = await receive(engine, 'f.fifo');
  assert.equal(m?.attributes, {
    ApproximateReceiveCount: '1',
    ApproximateFirstReceiveTimestamp: m?.attributes.SentTimestamp,
    SentTimestamp: m?.attributes.SentTimestamp,
    SenderId: 'AIDTEST',
    MessageGroupId: 'g1',
    MessageDeduplicationId: '0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5',
    SequenceNumber: a.sequenceNumber,
  });
});

test('DeduplicationScope messageGroup deduplicates per group', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('f.fifo', { ...FIFO, DeduplicationScope: 'messageGroup' }, {}));
  const a = await send(engine, 'f.fifo', 'x', { messageGroupId: 'g1', messageDeduplicationId: 'd' });
  const b = await send(engine, 'f.fifo', 'x', { messageGroupId: 'g2', messageDeduplicationId: 'd' });
  const c = await send(engine, 'f.fifo', 'x', { messageGroupId: 'g1', messageDeduplicationId: 'd' });
  assert.is.not(a.messageId, b.messageId);
  assert.equal(c, a);
});

test('sequence numbers are 20-digit strings that increase', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  const seqs: string[] = [];
  for (let i = 0; i < 5; i++) {
    seqs.push((await send(engine, 'f.fifo', `m${i}`, { messageGroupId: 'g' })).sequenceNumber!);
    if (i === 2) clock.advance(1);
  }
  for (const s of seqs) assert.match(s, /^\d{20}$/);
  const sorted = [...seqs].sort();
  assert.equal(seqs, sorted);
  assert.is(new Set(seqs).size, 5);
});

test('FIFO send rules: group id required, dedup id or content-based required, no per-message delay', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('f.fifo', FIFO, {}));
  assert.equal(
    await engine.sendMessage('f.fifo', { body: 'x', senderId: 's', messageDeduplicationId: 'd' }),
    failure('MissingParameter', 'The request must contain the parameter MessageGroupId.'),
  );
  assert.equal(
    await engine.sendMessage('f.fifo', { body: 'x', senderId: 's', messageGroupId: 'g' }),
    failure(
      'InvalidParameterValue',
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    ),
  );
  assert.equal(
    await engine.sendMessage('f.fifo', {
      body: 'x',
      senderId: 's',
      messageGroupId: 'g',
      messageDeduplicationId: 'd',
      delaySeconds: 2,
    }),
    failure(
      'InvalidParameterValue',
      'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
    ),
  );
  assert.equal(
    await engine.sendMessageBatch('f.fifo', [
      { id: '1', body: 'x', senderId: 's', messageGroupId: 'g', messageDeduplicationId: 'd' },
      { id: '2', body: 'y', senderId: 's', messageDeduplicationId: 'e' },
    ]),
    failure('InvalidParameterValue', 'The request must contain the parameter MessageGroupId.'),
  );
  assert.equal(counts(engine, 'f.fifo'), countsOf(0, 0, 0));
});

test('a standard queue rejects MessageDeduplicationId and accepts MessageGroupId', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('s', {}, {}));
  assert.equal(
    await engine.sendMessage('s', { body: 'x', senderId: 's', messageDeduplicationId: 'd' }),
    failure(
      'InvalidParameterValue',
      'Value d for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.',
    ),
  );
  await send(engine, 's', 'x', { messageGroupId: 'tenant-1' });
  const [m] = await receive(engine, 's');
  assert.is(m?.attributes.MessageGroupId, 'tenant-1');
});

test('FIFO DeleteMessage with a handle whose visibility expired fails as expired', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  await send(engine, 'f.fifo', 'x', { messageGroupId: 'g' });
  const [m] = await receive(engine, 'f.fifo', 1, { visibilityTimeout: 1 });
  clock.advance(1_000);
  assert.equal(
    await engine.deleteMessage('f.fifo', m!.receiptHandle),
    failure(
      'InvalidParameterValue',
      `Value ${m!.receiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    ),
  );
  assert.equal(counts(engine, 'f.fifo'), countsOf(1, 0, 0));
});

test('ReceiveRequestAttemptId replays the same messages and handles within 5 minutes', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  await send(engine, 'f.fifo', 'a', { messageGroupId: 'g' });
  await send(engine, 'f.fifo', 'b', { messageGroupId: 'h' });
  const first = await receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-1' });
  clock.advance(10_000);
  const replay = await receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-1' });
  assert.equal(
    replay.map((m) => [m.body, m.receiptHandle]),
    first.map((m) => [m.body, m.receiptHandle]),
  );
  assert.equal(bodies(await receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-2' })), ['b']);
  unwrap(await engine.deleteMessage('f.fifo', first[0]!.receiptHandle));
  assert.equal(await receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-1' }), []);
  // Once its visibility has run out, a retried attempt is a fresh receive.
  clock.advance(30_000);
  const fresh = await receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-2' });
  assert.equal([bodies(fresh), fresh[0]?.attributes.ApproximateReceiveCount], [['b'], '2']);
});

test.run();
