import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sq from '../../../helpers/sqs/engine.js';

test('a received message is invisible for the queue default, then comes back with a new handle', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { VisibilityTimeout: '10' }, {}));
  await sq.send(engine, 'q', 'a');
  const [first] = await sq.receive(engine, 'q');
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(0, 1, 0));
  clock.advance(9_999);
  assert.equal(await sq.receive(engine, 'q'), []);
  clock.advance(1);
  const [again] = await sq.receive(engine, 'q');
  assert.equal(
    {
      body: again?.body,
      count: again?.attributes.ApproximateReceiveCount,
      first: again?.attributes.ApproximateFirstReceiveTimestamp,
    },
    { body: 'a', count: '2', first: String(sq.T0) },
  );
  assert.is.not(again?.receiptHandle, first?.receiptHandle);
});

test('a per-receive VisibilityTimeout overrides the default; 0 leaves the message visible', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  await sq.send(engine, 'q', 'a');
  await sq.receive(engine, 'q', 1, { visibilityTimeout: 2 });
  clock.advance(2_000);
  assert.equal(sq.bodies(await sq.receive(engine, 'q', 1, { visibilityTimeout: 0 })), ['a']);
  assert.equal(sq.bodies(await sq.receive(engine, 'q', 1)), ['a']);
});

test('ChangeMessageVisibility extends, and 0 makes the message visible at once', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { VisibilityTimeout: '5' }, {}));
  await sq.send(engine, 'q', 'a');
  const [m] = await sq.receive(engine, 'q');
  sq.unwrap(await engine.changeMessageVisibility('q', m!.receiptHandle, 60));
  clock.advance(59_000);
  assert.equal(await sq.receive(engine, 'q'), []);
  sq.unwrap(await engine.changeMessageVisibility('q', m!.receiptHandle, 0));
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(1, 0, 0));
  assert.equal(sq.bodies(await sq.receive(engine, 'q')), ['a']);
});

test('the total in-flight time is limited to 12 hours from the receive', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  await sq.send(engine, 'q', 'a');
  const [m] = await sq.receive(engine, 'q', 1, { visibilityTimeout: 43_200 });
  clock.advance(1_000);
  sq.unwrap(await engine.changeMessageVisibility('q', m!.receiptHandle, 43_199));
  assert.equal(
    await engine.changeMessageVisibility('q', m!.receiptHandle, 43_200),
    sq.failure(
      'InvalidParameterValue',
      'Value 43200 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
    ),
  );
});

test('ChangeMessageVisibility on a visible message is MessageNotInflight; bad handles fail', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  await sq.send(engine, 'q', 'a');
  const [m] = await sq.receive(engine, 'q', 1, { visibilityTimeout: 1 });
  clock.advance(1_000);
  assert.equal(
    await engine.changeMessageVisibility('q', m!.receiptHandle, 10),
    sq.failure('MessageNotInflight', "The specified message isn't in flight."),
  );
  assert.equal(
    await engine.changeMessageVisibility('q', 'garbage', 10),
    sq.failure('ReceiptHandleIsInvalid', 'The input receipt handle "garbage" is not a valid receipt handle.'),
  );
  sq.unwrap(await engine.deleteMessage('q', m!.receiptHandle));
  assert.equal(
    await engine.changeMessageVisibility('q', m!.receiptHandle, 10),
    sq.failure(
      'InvalidParameterValue',
      `Value ${m!.receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    ),
  );
});

test('standard DeleteMessage: stale handle succeeds without deleting, latest deletes, repeat succeeds', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { VisibilityTimeout: '1' }, {}));
  await sq.send(engine, 'q', 'a');
  const [first] = await sq.receive(engine, 'q');
  clock.advance(1_000);
  const [second] = await sq.receive(engine, 'q');
  sq.unwrap(await engine.deleteMessage('q', first!.receiptHandle));
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(0, 1, 0));
  sq.unwrap(await engine.deleteMessage('q', second!.receiptHandle));
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(0, 0, 0));
  sq.unwrap(await engine.deleteMessage('q', second!.receiptHandle));
  assert.equal(
    await engine.deleteMessage('q', 'not-a-handle'),
    sq.failure(
      'ReceiptHandleIsInvalid',
      'The input receipt handle "not-a-handle" is not a valid receipt handle.',
    ),
  );
});

test('a receipt handle from another queue is not valid here', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('a', {}, {}));
  sq.unwrap(await engine.createQueue('b', {}, {}));
  await sq.send(engine, 'a', 'x');
  const [m] = await sq.receive(engine, 'a');
  const invalid = sq.failure(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${m!.receiptHandle}" is not a valid receipt handle.`,
  );
  assert.equal(await engine.deleteMessage('b', m!.receiptHandle), invalid);
  assert.equal(await engine.changeMessageVisibility('b', m!.receiptHandle, 5), invalid);
  sq.unwrap(await engine.deleteMessage('a', m!.receiptHandle));
  assert.equal(sq.counts(engine, 'a'), sq.countsOf(0, 0, 0));
});

test('queue DelaySeconds and per-message DelaySeconds hold messages back and count as delayed', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', { DelaySeconds: '10' }, {}));
  await sq.send(engine, 'q', 'queue-delay');
  await sq.send(engine, 'q', 'own-delay', { delaySeconds: 3 });
  await sq.send(engine, 'q', 'no-delay', { delaySeconds: 0 });
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(1, 0, 2));
  assert.equal(sq.bodies(await sq.receive(engine, 'q')), ['no-delay']);
  clock.advance(3_000);
  assert.equal(sq.bodies(await sq.receive(engine, 'q')), ['own-delay']);
  clock.advance(7_000);
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(1, 2, 0));
  assert.equal(sq.bodies(await sq.receive(engine, 'q')), ['queue-delay']);
});

test('batch delete and change-visibility report each entry', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  await sq.send(engine, 'q', 'a');
  await sq.send(engine, 'q', 'b');
  const [a, b] = await sq.receive(engine, 'q');
  assert.equal(
    sq.unwrap(
      await engine.changeMessageVisibilityBatch('q', [
        { id: 'one', receiptHandle: a!.receiptHandle, visibilityTimeout: 0 },
        { id: 'two', receiptHandle: 'bad', visibilityTimeout: 0 },
      ]),
    ),
    {
      successful: [{ id: 'one' }],
      failed: [
        {
          id: 'two',
          senderFault: true,
          code: 'ReceiptHandleIsInvalid',
          message: 'The input receipt handle "bad" is not a valid receipt handle.',
        },
      ],
    },
  );
  assert.equal(
    sq.unwrap(
      await engine.deleteMessageBatch('q', [
        { id: 'x', receiptHandle: b!.receiptHandle },
        { id: 'y', receiptHandle: 'bad' },
      ]),
    ),
    {
      successful: [{ id: 'x' }],
      failed: [
        {
          id: 'y',
          senderFault: true,
          code: 'ReceiptHandleIsInvalid',
          message: 'The input receipt handle "bad" is not a valid receipt handle.',
        },
      ],
    },
  );
  assert.equal(sq.counts(engine, 'q'), sq.countsOf(1, 0, 0));
});

test('receive returns at most MaxNumberOfMessages, oldest first', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('q', {}, {}));
  for (let i = 0; i < 15; i++) await sq.send(engine, 'q', `m${i}`);
  assert.equal(sq.bodies(await sq.receive(engine, 'q', 10)), [
    'm0',
    'm1',
    'm2',
    'm3',
    'm4',
    'm5',
    'm6',
    'm7',
    'm8',
    'm9',
  ]);
  assert.equal(sq.bodies(await sq.receive(engine, 'q', 10)), ['m10', 'm11', 'm12', 'm13', 'm14']);
});

test.run();
