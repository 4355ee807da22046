import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReceivedMessage, Result } from '../../../../local/sqs/engine/index.js';
import { bodies, receive, send, setup, unwrap } from '../../../helpers/sqs/engine.js';

/** Lets pending promise continuations run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function track(p: Promise<Result<ReceivedMessage[]>>) {
  const state: { done: boolean; bodies?: string[] } = { done: false };
  void p.then((r) => {
    state.done = true;
    state.bodies = bodies(unwrap(r));
  });
  return state;
}

test('a long poll resolves as soon as a message is sent', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('q', {}, {}));
  const poll = track(engine.receiveMessage('q', { maxNumberOfMessages: 10, waitTimeSeconds: 20 }));
  clock.advance(5_000);
  await settle();
  assert.equal(poll, { done: false });
  await send(engine, 'q', 'hello');
  await settle();
  assert.equal(poll, { done: true, bodies: ['hello'] });
});

test('a batch send lands in one waiting poll together', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('q', {}, {}));
  const poll = track(engine.receiveMessage('q', { maxNumberOfMessages: 10, waitTimeSeconds: 20 }));
  unwrap(
    await engine.sendMessageBatch('q', [
      { id: '1', body: 'a', senderId: 's' },
      { id: '2', body: 'b', senderId: 's' },
    ]),
  );
  await settle();
  assert.equal(poll, { done: true, bodies: ['a', 'b'] });
});

test('a long poll resolves when visibility expires and when a delay ends', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('q', { VisibilityTimeout: '7' }, {}));
  await send(engine, 'q', 'in-flight');
  await receive(engine, 'q');
  const first = track(engine.receiveMessage('q', { maxNumberOfMessages: 1, waitTimeSeconds: 20 }));
  clock.advance(6_999);
  await settle();
  assert.equal(first, { done: false });
  clock.advance(1);
  await settle();
  assert.equal(first, { done: true, bodies: ['in-flight'] });

  await send(engine, 'q', 'delayed', { delaySeconds: 4 });
  const second = track(engine.receiveMessage('q', { maxNumberOfMessages: 1, waitTimeSeconds: 20 }));
  clock.advance(4_000);
  await settle();
  assert.equal(second, { done: true, bodies: ['delayed'] });
});

test('a long poll ends empty after WaitTimeSeconds, and the queue default applies', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('q', { ReceiveMessageWaitTimeSeconds: '3' }, {}));
  const poll = track(engine.receiveMessage('q', { maxNumberOfMessages: 1 }));
  clock.advance(2_999);
  await settle();
  assert.equal(poll, { done: false });
  clock.advance(1);
  await settle();
  assert.equal(poll, { done: true, bodies: [] });
  assert.is(clock.pending, 0);
});

test('an aborted poll resolves empty and leaves no timer behind', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('q', {}, {}));
  const controller = new AbortController();
  const poll = track(
    engine.receiveMessage('q', { maxNumberOfMessages: 1, waitTimeSeconds: 20 }, controller.signal),
  );
  controller.abort();
  await settle();
  assert.equal(poll, { done: true, bodies: [] });
  assert.is(clock.pending, 0);
  await send(engine, 'q', 'kept');
  assert.equal(bodies(await receive(engine, 'q')), ['kept']);
});

test('waiters are served in arrival order; a FIFO delete unblocks the group for a waiter', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('f.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' }, {}));
  await send(engine, 'f.fifo', 'one', { messageGroupId: 'g' });
  await send(engine, 'f.fifo', 'two', { messageGroupId: 'g' });
  const [one] = await receive(engine, 'f.fifo', 1);
  const a = track(engine.receiveMessage('f.fifo', { maxNumberOfMessages: 1, waitTimeSeconds: 20 }));
  const b = track(engine.receiveMessage('f.fifo', { maxNumberOfMessages: 1, waitTimeSeconds: 20 }));
  await settle();
  assert.equal([a, b], [{ done: false }, { done: false }]);
  unwrap(await engine.deleteMessage('f.fifo', one!.receiptHandle));
  await settle();
  assert.equal([a, b], [{ done: true, bodies: ['two'] }, { done: false }]);
});

test('DeleteQueue and close end waiting polls', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('q', {}, {}));
  unwrap(await engine.createQueue('r', {}, {}));
  const onQ = track(engine.receiveMessage('q', { maxNumberOfMessages: 1, waitTimeSeconds: 20 }));
  const onR = track(engine.receiveMessage('r', { maxNumberOfMessages: 1, waitTimeSeconds: 20 }));
  unwrap(await engine.deleteQueue('q'));
  await settle();
  assert.equal(onQ, { done: true, bodies: [] });
  await engine.close();
  await settle();
  assert.equal(onR, { done: true, bodies: [] });
});

test.run();
