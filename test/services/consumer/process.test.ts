import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sqsEvent, sqsRecord } from '../../helpers/services/events.js';
import { createTestClock } from '../../helpers/time/clock.js';
import { emfFields, NOW, TIME } from '../../helpers/services/shared.js';
import {
  CONTEXT,
  consumerUnderTest,
  FIXTURE_CORRELATION_ID,
  order,
  SERVICE,
} from '../../helpers/services/consumer.js';

const base = { time: TIME, service: SERVICE, awsRequestId: 'req-9', correlationId: FIXTURE_CORRELATION_ID };
const stockReserved = {
  action: 'stock-reserved',
  orderId: 'ord_1042',
  customerId: 'cus_88',
  reservations: [
    { sku: 'MUG-01', quantity: 2 },
    { sku: 'TEA-1', quantity: 1 },
  ],
  total: 32.9,
  currency: 'EUR',
};

const test = suite('consumer: processing');

test('processes a valid record, acknowledges it and logs one line with its metrics', async () => {
  // Prepare
  const { handle, sqsMock, logs } = consumerUnderTest();
  const record = sqsRecord({ type: 'order.created', data: order }, { sentTimestamp: NOW - 1500 });
  // Act
  const response = await handle(sqsEvent(record), CONTEXT);
  // Assess
  assert.equal(response, { batchItemFailures: [] });
  assert.is(sqsMock.calls().length, 0);
  assert.equal(logs.lines(), [
    {
      level: 'info',
      ...base,
      messageId: record.messageId,
      receiveCount: 1,
      outcome: 'processed',
      type: 'order.created',
      result: stockReserved,
      ...emfFields(SERVICE, {
        MessagesProcessed: [1, 'Count'],
        ProcessingTime: [0, 'Milliseconds'],
        EndToEndLatency: [1500, 'Milliseconds'],
      }),
      msg: 'message processed',
    },
  ]);
});

test('measures processing time on the injected clock', async () => {
  // Each reading of the clock finds it 7 ms later.
  const clock = createTestClock(NOW);
  const { handle, logs } = consumerUnderTest(() => (clock.advance(7), clock.now()));
  await handle(sqsEvent(sqsRecord({ type: 'order.created', data: order }, { sentTimestamp: NOW })), CONTEXT);
  const [line] = logs.lines();
  assert.equal([line?.ProcessingTime, line?.EndToEndLatency], [7, 14]);
});

test('fails simulateTransientFailures times, reporting only that record, then succeeds', async () => {
  const { handle, logs } = consumerUnderTest();
  const flaky = { type: 'order.created', data: { ...order, simulateTransientFailures: 2 } };
  const steady = sqsRecord(
    {
      type: 'user.signed_up',
      data: {
        userId: '3f0c9a52-7d4e-4d7b-9a57-1c2b8e6f4a10',
        email: 'ada@example.com',
        signedUpAt: '2026-11-27T02:58:00Z',
      },
    },
    { messageId: 'm-steady' },
  );
  const responses = [];
  for (const receiveCount of [1, 2, 3]) {
    const record = sqsRecord(flaky, { messageId: 'm-flaky', receiveCount });
    responses.push(await handle(sqsEvent(record, steady), CONTEXT));
  }
  assert.equal(responses, [
    { batchItemFailures: [{ itemIdentifier: 'm-flaky' }] },
    { batchItemFailures: [{ itemIdentifier: 'm-flaky' }] },
    { batchItemFailures: [] },
  ]);
  const lines = logs.lines();
  assert.equal(lines[0], {
    level: 'warn',
    ...base,
    messageId: 'm-flaky',
    receiveCount: 1,
    outcome: 'failed',
    type: 'order.created',
    reason: 'transient',
    error:
      'TransientError: simulated transient failure: inventory service unavailable (receive 1 of 2 set to fail)',
    ...emfFields(SERVICE, { MessagesFailed: [1, 'Count'] }, 'transient'),
    msg: 'message failed; left on the queue to retry',
  });
  assert.equal(
    lines.map((l) => `${l.messageId} ${l.outcome}`),
    [
      'm-flaky failed',
      'm-steady processed',
      'm-flaky failed',
      'm-steady duplicate',
      'm-flaky processed',
      'm-steady duplicate',
    ],
  );
});

test('skips a message id, or an idempotency key, already processed here, and logs it as a duplicate', async () => {
  const { handle, logs } = consumerUnderTest();
  const keyed = { type: 'order.created', idempotencyKey: 'order-1042', data: order };
  await handle(sqsEvent(sqsRecord(keyed, { messageId: 'm-1' })), CONTEXT);
  const again = await handle(sqsEvent(sqsRecord(keyed, { messageId: 'm-2', receiveCount: 1 })), CONTEXT);
  assert.equal(again, { batchItemFailures: [] });
  assert.equal(logs.lines()[1], {
    level: 'info',
    ...base,
    messageId: 'm-2',
    receiveCount: 1,
    outcome: 'duplicate',
    type: 'order.created',
    dedupKey: 'key:order-1042',
    msg: 'duplicate skipped: already processed here',
  });
});

test('uses the message id as correlation id when the record carries none', async () => {
  const { handle, logs } = consumerUnderTest();
  const record = sqsRecord({ type: 'order.created', data: order }, { messageId: 'm-7', attributes: {} });
  await handle(sqsEvent(record), CONTEXT);
  assert.equal([logs.lines()[0]?.correlationId, logs.lines()[0]?.outcome], ['m-7', 'processed']);
});

test('payment.failed on its last attempt cancels the order', async () => {
  const { handle, logs } = consumerUnderTest();
  const data = {
    paymentId: 'pay_1',
    orderId: 'ord_1',
    amount: 1,
    currency: 'EUR',
    reason: 'card_declined',
    attempt: 3,
  };
  await handle(sqsEvent(sqsRecord({ type: 'payment.failed', data })), CONTEXT);
  assert.equal(logs.lines()[0]?.result, {
    action: 'order-cancelled',
    paymentId: 'pay_1',
    orderId: 'ord_1',
    attempts: 3,
  });
});

test.run();
