import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConsumerConfig } from '../../../services/consumer/config.js';
import { dedupKey, SeenKeys } from '../../../services/consumer/idempotency.js';
import { processorFor } from '../../../services/consumer/processors/index.js';
import { NOW } from '../../helpers/services/shared.js';

const context = { messageId: 'm-1', receiveCount: 1, now: () => NOW };
const envelope = { type: 'x', data: {} };
const payment = { paymentId: 'pay_1', orderId: 'ord_1', amount: 5, currency: 'EUR', reason: 'card_declined' };

const test = suite('consumer parts');

test('payment.failed: retries with back-off, asks for a new card, cancels after the last attempt', async () => {
  const process = processorFor('payment.failed');
  const results = [];
  for (const data of [
    { ...payment, attempt: 2 },
    { ...payment, attempt: 1, reason: 'expired_card' },
    { ...payment, attempt: 3 },
  ]) {
    results.push(await process(data, envelope, context));
  }
  assert.equal(results, [
    {
      action: 'payment-retry-scheduled',
      paymentId: 'pay_1',
      orderId: 'ord_1',
      nextAttempt: 3,
      retryAt: new Date(NOW + 2 * 3_600_000).toISOString(),
    },
    { action: 'card-update-requested', paymentId: 'pay_1', orderId: 'ord_1' },
    { action: 'order-cancelled', paymentId: 'pay_1', orderId: 'ord_1', attempts: 3 },
  ]);
});

test('user.signed_up: queues a welcome email in a known language, with the address masked', async () => {
  const user = { userId: 'u', email: 'ada.lovelace@example.com', locale: 'pt-BR', marketingOptIn: true };
  assert.equal(await processorFor('user.signed_up')(user, envelope, context), {
    action: 'welcome-email-queued',
    userId: 'u',
    to: 'a***@example.com',
    template: 'welcome-en',
    newsletter: true,
  });
});

test('a type without a processor is recorded', async () => {
  assert.equal(await processorFor('invoice.paid')({}, envelope, context), { action: 'recorded' });
});

test('SeenKeys forgets the oldest key beyond its capacity', () => {
  const seen = new SeenKeys(2);
  ['a', 'b', 'a', 'c'].forEach((key) => seen.add(key));
  assert.equal([seen.has('a'), seen.has('b'), seen.has('c'), seen.size], [true, false, true, 2]);
  assert.equal([dedupKey('k', 'm'), dedupKey(undefined, 'm')], ['key:k', 'message:m']);
});

test('DLQ_URL is required and named', () => {
  assert.throws(() => loadConsumerConfig({}), /^DLQ_URL is required/);
  assert.equal(
    loadConsumerConfig({ DLQ_URL: 'http://localhost:4566/000000000000/ferry-dlq', LOG_LEVEL: 'warn' }),
    {
      serviceName: 'ferry-consumer',
      metricsNamespace: 'Ferry',
      logLevel: 'warn',
      dlqUrl: 'http://localhost:4566/000000000000/ferry-dlq',
    },
  );
});

test.run();
