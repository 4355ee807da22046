import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../../../local/sqs/engine/index.js';
import { createTestClock } from '../../../helpers/time/clock.js';

const T0 = Date.UTC(2026, 0, 1);

test('send, receive, delete on a standard queue', async () => {
  const clock = createTestClock(T0);
  const engine = await createEngine({ clock });
  assert.equal(await engine.createQueue('orders', {}, {}), { ok: true, value: undefined });

  const sent = await engine.sendMessage('orders', { body: 'hello', senderId: 'AIDEXAMPLE' });
  assert.ok(sent.ok);
  clock.advance(5);
  const received = await engine.receiveMessage('orders', { maxNumberOfMessages: 10 });
  assert.ok(received.ok);
  const [m] = received.value;
  assert.equal(received.value.length, 1);
  assert.equal(
    { ...m, receiptHandle: typeof m?.receiptHandle },
    {
      messageId: sent.value.messageId,
      receiptHandle: 'string',
      body: 'hello',
      messageAttributes: {},
      messageSystemAttributes: {},
      attributes: {
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: String(T0 + 5),
        SentTimestamp: String(T0),
        SenderId: 'AIDEXAMPLE',
      },
    },
  );
  assert.equal(await engine.deleteMessage('orders', m!.receiptHandle), { ok: true, value: undefined });
  assert.equal(await engine.receiveMessage('orders', { maxNumberOfMessages: 10 }), { ok: true, value: [] });
  await engine.close();
});

test('operations on a missing queue fail with QueueDoesNotExist', async () => {
  const engine = await createEngine({ clock: createTestClock() });
  const expected = {
    ok: false,
    error: { code: 'QueueDoesNotExist', message: 'The specified queue does not exist.' },
  };
  assert.equal(await engine.sendMessage('nope', { body: 'x', senderId: 'a' }), expected);
  assert.equal(await engine.receiveMessage('nope', { maxNumberOfMessages: 1 }), expected);
  assert.equal(engine.getQueueAttributes('nope', ['All']), expected);
  await engine.close();
});

test.run();
