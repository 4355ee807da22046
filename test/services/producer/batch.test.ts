import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Outgoing } from '../../../services/producer/outgoing.js';
import { chunkForBatch } from '../../../services/producer/publish.js';
import { apiEvent } from '../../helpers/services/events.js';
import { emfFields, TIME } from '../../helpers/services/shared.js';
import { CONTEXT, producerUnderTest, QUEUE_URL, SERVICE } from '../../helpers/services/producer.js';
import { schemaTypes } from '../../helpers/services/schema-types.js';

const payment = {
  paymentId: 'pay_1',
  orderId: 'ord_1',
  amount: 10,
  currency: 'EUR',
  reason: 'card_declined',
  attempt: 1,
};
const valid = (n: number) => ({ type: 'payment.failed', idempotencyKey: `k-${n}`, data: payment });
const batch = (messages: unknown[]) => apiEvent({ messages }, { route: 'POST /messages/batch' });
const headers = { 'content-type': 'application/json', 'x-correlation-id': 'corr-1' };
const attributes = {
  type: { DataType: 'String', StringValue: 'payment.failed' },
  correlationId: { DataType: 'String', StringValue: 'corr-1' },
};

const test = suite('POST /messages/batch');

test('sends every valid entry in one SendMessageBatch and answers 202', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageBatchCommand).resolves({
    Successful: [0, 1, 2].map((i) => ({ Id: String(i), MessageId: `msg-${i}`, MD5OfMessageBody: '' })),
    Failed: [],
  });
  const response = await handle(batch([valid(0), valid(1), valid(2)]), CONTEXT);
  assert.equal(response, {
    statusCode: 202,
    headers,
    body: JSON.stringify({
      correlationId: 'corr-1',
      accepted: 3,
      rejected: 0,
      results: [0, 1, 2].map((i) => ({
        index: i,
        status: 202,
        outcome: 'accepted',
        messageId: `msg-${i}`,
        type: 'payment.failed',
      })),
    }),
  });
  assert.equal(
    sqsMock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input),
    [
      {
        QueueUrl: QUEUE_URL,
        Entries: [0, 1, 2].map((i) => ({
          Id: String(i),
          MessageBody: JSON.stringify(valid(i)),
          MessageAttributes: attributes,
        })),
      },
    ],
  );
});

test('an invalid entry does not sink the valid ones: 207 with each outcome, one log line each', async () => {
  const { handle, sqsMock, logs } = producerUnderTest();
  sqsMock.on(SendMessageBatchCommand).resolves({
    Successful: [{ Id: '0', MessageId: 'msg-b', MD5OfMessageBody: '' }],
    Failed: [],
  });
  const response = await handle(batch([{ type: 'nope', data: {} }, valid(1)]), CONTEXT);
  const unknown = {
    error: 'unknown-type',
    message: `unknown message type "nope"; known types: ${schemaTypes().join(', ')}`,
    knownTypes: schemaTypes(),
  };
  assert.equal(response, {
    statusCode: 207,
    headers,
    body: JSON.stringify({
      correlationId: 'corr-1',
      accepted: 1,
      rejected: 1,
      results: [
        { index: 0, status: 422, outcome: 'rejected', ...unknown },
        { index: 1, status: 202, outcome: 'accepted', messageId: 'msg-b', type: 'payment.failed' },
      ],
    }),
  });
  const base = { time: TIME, service: SERVICE, awsRequestId: 'req-1', correlationId: 'corr-1' };
  assert.equal(logs.lines(), [
    {
      ...base,
      level: 'warn',
      index: 0,
      messageId: null,
      type: 'nope',
      outcome: 'rejected',
      reason: 'unknown-type',
      status: 422,
      detail: unknown.message,
      knownTypes: unknown.knownTypes,
      ...emfFields(SERVICE, { MessagesRejected: [1, 'Count'] }, 'unknown-type'),
      msg: 'message rejected',
    },
    {
      ...base,
      level: 'info',
      index: 1,
      messageId: 'msg-b',
      type: 'payment.failed',
      outcome: 'accepted',
      bytes: JSON.stringify(valid(1)).length + 'typeStringpayment.failedcorrelationIdStringcorr-1'.length,
      ...emfFields(SERVICE, { MessagesAccepted: [1, 'Count'] }),
      msg: 'message accepted',
    },
  ]);
});

test('answers 422 without calling SQS when no entry is valid', async () => {
  const { handle, sqsMock } = producerUnderTest();
  const response = await handle(
    batch([{ type: 'payment.failed', data: { ...payment, amount: -1 } }]),
    CONTEXT,
  );
  assert.equal(JSON.parse(response.body ?? ''), {
    correlationId: 'corr-1',
    accepted: 0,
    rejected: 1,
    results: [
      {
        index: 0,
        status: 422,
        outcome: 'rejected',
        error: 'invalid-data',
        message: 'data does not match the schema of payment.failed (paths are within data)',
        violations: [{ path: '/amount', message: 'must be >= 0' }],
      },
    ],
  });
  assert.equal([response.statusCode, sqsMock.calls().length], [422, 0]);
});

test('refuses more than 10 entries and a body that is not { messages: [...] }', async () => {
  const { handle, sqsMock } = producerUnderTest();
  const eleven = await handle(batch(Array.from({ length: 11 }, (_, i) => valid(i))), CONTEXT);
  const empty = await handle(batch([]), CONTEXT);
  const bare = await handle(apiEvent([valid(0)], { route: 'POST /messages/batch' }), CONTEXT);
  assert.equal(
    [eleven, empty, bare].map((r) => [r.statusCode, JSON.parse(r.body ?? '')]),
    [
      [
        400,
        {
          error: 'too-many-entries',
          message: 'a batch takes at most 10 entries, got 11',
          correlationId: 'corr-1',
        },
      ],
      [
        422,
        {
          error: 'invalid-envelope',
          message: 'a batch is { "messages": [ envelope, ... ] } with 1 to 10 envelopes',
          violations: [{ path: '/messages', message: 'must have at least 1 entry' }],
          correlationId: 'corr-2',
        },
      ],
      [
        422,
        {
          error: 'invalid-envelope',
          message: 'a batch is { "messages": [ envelope, ... ] } with 1 to 10 envelopes',
          violations: [{ path: '', message: 'must be object' }],
          correlationId: 'corr-3',
        },
      ],
    ],
  );
  assert.is(sqsMock.calls().length, 0);
});

test('entries SQS fails are reported 503 each: 207 when others went through', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageBatchCommand).resolves({
    Successful: [{ Id: '0', MessageId: 'msg-0', MD5OfMessageBody: '' }],
    Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false, Message: 'try again' }],
  });
  const response = await handle(batch([valid(0), valid(1)]), CONTEXT);
  assert.equal(
    [response.statusCode, JSON.parse(response.body ?? '').results[1]],
    [
      207,
      {
        index: 1,
        status: 503,
        outcome: 'rejected',
        error: 'queue-unavailable',
        message: 'the queue is not taking messages right now; retry later',
      },
    ],
  );
});

test('answers 503 with Retry-After when the whole batch call fails', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageBatchCommand).rejects(new Error('socket hang up'));
  const response = await handle(batch([valid(0), valid(1)]), CONTEXT);
  const body = JSON.parse(response.body ?? '');
  assert.equal(
    [response.statusCode, response.headers?.['retry-after'], body.accepted, body.rejected],
    [503, '5', 0, 2],
  );
});

test('splits entries into calls that stay within 10 entries and the byte limit', () => {
  const message = (weight: number): Outgoing => ({ type: 't', body: '', attributes: {}, weight });
  const weights = (chunks: Outgoing[][]) => chunks.map((chunk) => chunk.map((m) => m.weight));
  assert.equal(weights(chunkForBatch([400, 500, 200, 900].map(message), 1000)), [[400, 500], [200], [900]]);
  assert.equal(
    chunkForBatch(
      Array.from({ length: 12 }, () => message(1)),
      1000,
    ).map((c) => c.length),
    [10, 2],
  );
});

test.run();
