import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sq from '../../../helpers/sqs/engine.js';

test('messages expire after MessageRetentionPeriod, in flight or not', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { MessageRetentionPeriod: '60' }, {}));
  await sq.send(engine, 'q', 'old');
  clock.advance(30_000);
  await sq.send(engine, 'q', 'newer');
  await sq.receive(engine, 'q', 1, { visibilityTimeout: 600 });
  clock.advance(29_999);
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(1, 1, 0));
  clock.advance(1);
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(1, 0, 0));
  assert.equal(sq.bodies(await sq.receive(engine, 'q')), ['newer']);
  clock.advance(30_000);
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(0, 0, 0));
});

test('oldestMessageTimestamp follows the message longest in the queue, in flight or delayed', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { MessageRetentionPeriod: '60' }, {}));
  assert.is(engine.oldestMessageTimestamp?.('q'), undefined);
  assert.is(engine.oldestMessageTimestamp?.('missing'), undefined);
  await sq.send(engine, 'q', 'first', { delaySeconds: 10 });
  clock.advance(1_000);
  await sq.send(engine, 'q', 'second');
  assert.is(engine.oldestMessageTimestamp?.('q'), sq.T0);
  clock.advance(10_000);
  const both = await sq.receive(engine, 'q', 2);
  assert.is(engine.oldestMessageTimestamp?.('q'), sq.T0, 'in flight still counts');
  const first = both.find((m) => m.body === 'first');
  sq.unwrap(await engine.deleteMessage('q', first!.receiptHandle));
  assert.is(engine.oldestMessageTimestamp?.('q'), sq.T0 + 1_000);
  clock.advance(60_000);
  assert.is(engine.oldestMessageTimestamp?.('q'), undefined, 'expired');
});

test('PurgeQueue removes every message; a second purge within 60 s fails', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  await sq.send(engine, 'q', 'a');
  await sq.send(engine, 'q', 'b', { delaySeconds: 5 });
  const [a] = await sq.receive(engine, 'q');
  sq.unwrap(await engine.purgeQueue('q'));
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(0, 0, 0));
  sq.unwrap(await engine.deleteMessage('q', a!.receiptHandle));
  clock.advance(59_999);
  assert.equal(
    await engine.purgeQueue('q'),
    sq.failure('PurgeQueueInProgress', 'Only one PurgeQueue operation on q is allowed every 60 seconds.'),
  );
  clock.advance(1);
  sq.unwrap(await engine.purgeQueue('q'));
  assert.equal(await sq.receive(engine, 'q'), []);
});

test('MaximumMessageSize counts body and attribute names, types and values', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { MaximumMessageSize: '1024' }, {}));
  const tooLong = sq.failure(
    'InvalidParameterValue',
    'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
  );
  await sq.send(engine, 'q', 'x'.repeat(1024));
  assert.equal(await engine.sendMessage('q', { body: 'x'.repeat(1025), senderId: 's' }), tooLong);
  // 1000 + "attr"(4) + "String"(6) + 14 = 1024 fits; one more byte does not.
  const attr = (value: string) => ({ attr: { DataType: 'String', StringValue: value } });
  await sq.send(engine, 'q', 'x'.repeat(1000), { messageAttributes: attr('y'.repeat(14)) });
  assert.equal(
    await engine.sendMessage('q', {
      body: 'x'.repeat(1000),
      senderId: 's',
      messageAttributes: attr('y'.repeat(15)),
    }),
    tooLong,
  );
  const binary = { bin: { DataType: 'Binary', BinaryValue: new Uint8Array(1015) } };
  assert.equal(
    await engine.sendMessage('q', { body: 'x', senderId: 's', messageAttributes: binary }),
    tooLong,
  );
  assert.equal(
    await engine.sendMessage('q', { body: 'é'.repeat(513), senderId: 's' }),
    tooLong,
    'bytes, not characters',
  );
});

test('SendMessageBatch: each entry is checked, and the whole batch may not exceed 1 MiB', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { MaximumMessageSize: '1024' }, {}));
  const outcome = sq.unwrap(
    await engine.sendMessageBatch('q', [
      { id: 'ok', body: 'fine', senderId: 's' },
      { id: 'big', body: 'x'.repeat(2000), senderId: 's' },
    ]),
  );
  assert.equal(outcome.failed, [
    {
      id: 'big',
      senderFault: true,
      code: 'InvalidParameterValue',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
    },
  ]);
  assert.equal(
    outcome.successful.map((s) => s.id),
    ['ok'],
  );
  sq.unwrap(await engine.createQueue('big', {}, {}));
  assert.equal(
    await engine.sendMessageBatch('big', [
      { id: '1', body: 'x'.repeat(524_288), senderId: 's' },
      { id: '2', body: 'x'.repeat(524_289), senderId: 's' },
    ]),
    sq.failure(
      'BatchRequestTooLong',
      'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.',
    ),
  );
  assert.equal(sq.counts(engine, 'big'), sq.countsOf(0, 0, 0));
});

test('system attributes: AWSTraceHeader comes back as an attribute; message attributes as given', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  const messageAttributes = {
    n: { DataType: 'Number.int', StringValue: '42' },
    b: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
  };
  const messageSystemAttributes = { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } };
  await sq.send(engine, 'q', 'x', { messageAttributes, messageSystemAttributes });
  const [m] = await sq.receive(engine, 'q');
  assert.equal(
    [m?.messageAttributes, m?.messageSystemAttributes, m?.attributes.AWSTraceHeader],
    [messageAttributes, messageSystemAttributes, 'Root=1-abc'],
  );
});

test('tags: add, overwrite, remove, at most 50', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, { team: 'a' }));
  sq.unwrap(await engine.tagQueue('q', { team: 'b', env: 'dev' }));
  sq.unwrap(await engine.untagQueue('q', ['env', 'absent']));
  assert.equal(sq.unwrap(engine.listQueueTags('q')), { team: 'b' });
  const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
  assert.equal(
    await engine.tagQueue('q', many),
    sq.failure('InvalidParameterValue', 'Too many tags added for queue q.'),
  );
  assert.equal(sq.unwrap(engine.listQueueTags('q')), { team: 'b' });
});

test('AddPermission / RemovePermission build the Policy attribute as SQS does', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  sq.unwrap(await engine.addPermission('q', 'one', ['111122223333'], ['SendMessage']));
  sq.unwrap(
    await engine.addPermission(
      'q',
      'two',
      ['111122223333', '444455556666'],
      ['ReceiveMessage', 'DeleteMessage'],
    ),
  );
  const policy = JSON.parse(sq.unwrap(engine.getQueueAttributes('q', ['Policy'])).Policy!) as unknown;
  assert.equal(policy, {
    Version: '2008-10-17',
    Id: `${sq.ARN}q/SQSDefaultPolicy`,
    Statement: [
      {
        Sid: 'one',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'SQS:SendMessage',
        Resource: `${sq.ARN}q`,
      },
      {
        Sid: 'two',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] },
        Action: ['SQS:ReceiveMessage', 'SQS:DeleteMessage'],
        Resource: `${sq.ARN}q`,
      },
    ],
  });
  assert.equal(
    await engine.addPermission('q', 'one', ['111122223333'], ['SendMessage']),
    sq.failure('InvalidParameterValue', 'Value one for parameter Label is invalid. Reason: Already exists.'),
  );
  sq.unwrap(await engine.removePermission('q', 'one'));
  sq.unwrap(await engine.removePermission('q', 'two'));
  assert.equal(sq.unwrap(engine.getQueueAttributes('q', ['Policy'])), {});
  assert.equal(
    await engine.removePermission('q', 'two'),
    sq.failure(
      'InvalidParameterValue',
      "Value two for parameter Label is invalid. Reason: can't find label.",
    ),
  );
});

test.run();
