import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sq from '../../../helpers/sqs/engine.js';

const FIFO = { FifoQueue: 'true' };

test('messages of one group come in order, and the group is blocked while any is in flight', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', { ...FIFO, VisibilityTimeout: '30' }, {}));
  for (const [body, group] of [
    ['a1', 'A'],
    ['b1', 'B'],
    ['a2', 'A'],
    ['a3', 'A'],
    ['b2', 'B'],
  ]) {
    await sq.send(engine, 'f.fifo', body!, { messageGroupId: group, messageDeduplicationId: body });
  }
  const first = await sq.receive(engine, 'f.fifo', 2);
  assert.equal(sq.bodies(first), ['a1', 'a2']);
  assert.equal(sq.bodies(await sq.receive(engine, 'f.fifo', 10)), ['b1', 'b2']);
  assert.equal(await sq.receive(engine, 'f.fifo', 10), []);
  sq.unwrap(await engine.deleteMessage('f.fifo', first[0]!.receiptHandle));
  assert.equal(await sq.receive(engine, 'f.fifo', 10), [], 'a2 still in flight blocks A');
  clock.advance(30_000);
  const all = sq.bodies(await sq.receive(engine, 'f.fifo', 10));
  assert.equal(
    [all.filter((b) => b.startsWith('a')), all.filter((b) => b.startsWith('b'))],
    [
      ['a2', 'a3'],
      ['b1', 'b2'],
    ],
  );
});

test('a duplicate within 5 minutes returns the original id and is not enqueued', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', FIFO, {}));
  const original = await sq.send(engine, 'f.fifo', 'x', { messageGroupId: 'g', messageDeduplicationId: 'd' });
  clock.advance(299_999);
  const duplicate = await sq.send(engine, 'f.fifo', 'other body', {
    messageGroupId: 'g',
    messageDeduplicationId: 'd',
  });
  assert.equal(duplicate, original);
  assert.equal(sq.counts(engine, 'f.fifo'), sq.countsOf(1, 0, 0));
  clock.advance(1);
  const later = await sq.send(engine, 'f.fifo', 'x', { messageGroupId: 'g', messageDeduplicationId: 'd' });
  assert.is.not(later.messageId, original.messageId);
  assert.equal(sq.counts(engine, 'f.fifo'), sq.countsOf(2, 0, 0));
});

test('content-based deduplication hashes the body; the hash is the MessageDeduplicationId', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  const a = await sq.send(engine, 'f.fifo', 'same', { messageGroupId: 'g1' });
  const b = await sq.send(engine, 'f.fifo', 'same', { messageGroupId: 'g2' });
  assert.equal(a, b);
  const [m] = await sq.receive(engine, 'f.fifo');
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
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', { ...FIFO, DeduplicationScope: 'messageGroup' }, {}));
  const a = await sq.send(engine, 'f.fifo', 'x', { messageGroupId: 'g1', messageDeduplicationId: 'd' });
  const b = await sq.send(engine, 'f.fifo', 'x', { messageGroupId: 'g2', messageDeduplicationId: 'd' });
  const c = await sq.send(engine, 'f.fifo', 'x', { messageGroupId: 'g1', messageDeduplicationId: 'd' });
  assert.is.not(a.messageId, b.messageId);
  assert.equal(c, a);
});

test('sequence numbers are 20-digit strings that increase', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  const seqs: string[] = [];
  for (let i = 0; i < 5; i++) {
    seqs.push((await sq.send(engine, 'f.fifo', `m${i}`, { messageGroupId: 'g' })).sequenceNumber!);
    if (i === 2) clock.advance(1);
  }
  for (const s of seqs) assert.match(s, /^\d{20}$/);
  const sorted = [...seqs].sort();
  assert.equal(seqs, sorted);
  assert.is(new Set(seqs).size, 5);
});

test('FIFO send rules: group id required, dedup id or content-based required, no per-message delay', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', FIFO, {}));
  assert.equal(
    await engine.sendMessage('f.fifo', { body: 'x', senderId: 's', messageDeduplicationId: 'd' }),
    sq.failure('MissingParameter', 'The request must contain the parameter MessageGroupId.'),
  );
  assert.equal(
    await engine.sendMessage('f.fifo', { body: 'x', senderId: 's', messageGroupId: 'g' }),
    sq.failure(
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
    sq.failure(
      'InvalidParameterValue',
      'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
    ),
  );
  assert.equal(
    await engine.sendMessageBatch('f.fifo', [
      { id: '1', body: 'x', senderId: 's', messageGroupId: 'g', messageDeduplicationId: 'd' },
      { id: '2', body: 'y', senderId: 's', messageDeduplicationId: 'e' },
    ]),
    sq.failure('InvalidParameterValue', 'The request must contain the parameter MessageGroupId.'),
  );
  assert.equal(sq.counts(engine, 'f.fifo'), sq.countsOf(0, 0, 0));
});

test('a standard queue rejects MessageDeduplicationId and accepts MessageGroupId', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('s', {}, {}));
  assert.equal(
    await engine.sendMessage('s', { body: 'x', senderId: 's', messageDeduplicationId: 'd' }),
    sq.failure(
      'InvalidParameterValue',
      'Value d for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.',
    ),
  );
  await sq.send(engine, 's', 'x', { messageGroupId: 'tenant-1' });
  const [m] = await sq.receive(engine, 's');
  assert.is(m?.attributes.MessageGroupId, 'tenant-1');
});

test('FIFO DeleteMessage with a handle whose visibility expired fails as expired', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  await sq.send(engine, 'f.fifo', 'x', { messageGroupId: 'g' });
  const [m] = await sq.receive(engine, 'f.fifo', 1, { visibilityTimeout: 1 });
  clock.advance(1_000);
  assert.equal(
    await engine.deleteMessage('f.fifo', m!.receiptHandle),
    sq.failure(
      'InvalidParameterValue',
      `Value ${m!.receiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    ),
  );
  assert.equal(sq.counts(engine, 'f.fifo'), sq.countsOf(1, 0, 0));
});

test('ReceiveRequestAttemptId replays the same messages and handles within 5 minutes', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('f.fifo', { ...FIFO, ContentBasedDeduplication: 'true' }, {}));
  await sq.send(engine, 'f.fifo', 'a', { messageGroupId: 'g' });
  await sq.send(engine, 'f.fifo', 'b', { messageGroupId: 'h' });
  const first = await sq.receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-1' });
  clock.advance(10_000);
  const replay = await sq.receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-1' });
  assert.equal(
    replay.map((m) => [m.body, m.receiptHandle]),
    first.map((m) => [m.body, m.receiptHandle]),
  );
  assert.equal(sq.bodies(await sq.receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-2' })), ['b']);
  sq.unwrap(await engine.deleteMessage('f.fifo', first[0]!.receiptHandle));
  assert.equal(await sq.receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-1' }), []);
  // Once its visibility has run out, a retried attempt is a fresh receive.
  clock.advance(30_000);
  const fresh = await sq.receive(engine, 'f.fifo', 1, { receiveRequestAttemptId: 'try-2' });
  assert.equal([sq.bodies(fresh), fresh[0]?.attributes.ApproximateReceiveCount], [['b'], '2']);
});

test.run();
