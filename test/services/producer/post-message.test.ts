import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { apiEvent } from '../../helpers/services/events.js';
import { emfFields, TIME } from '../../helpers/services/shared.js';
import {
  attributeBytes,
  CONTEXT,
  producerUnderTest,
  QUEUE_URL,
  SERVICE,
} from '../../helpers/services/producer.js';
import { schemaTypes } from '../../helpers/services/schema-types.js';

const order = {
  orderId: 'ord_1042',
  customerId: 'cus_88',
  currency: 'EUR',
  items: [{ sku: 'MUG-01', quantity: 2, unitPrice: 12.5 }],
};
const envelope = { type: 'order.created', data: order };
const base = { level: 'info', time: TIME, service: SERVICE, awsRequestId: 'req-1' };
const jsonHeaders = (correlationId: string) => ({
  'content-type': 'application/json',
  'x-correlation-id': correlationId,
});

const test = suite('POST /messages');

test('sends a valid envelope to the queue with its attributes and answers 202', async () => {
  // Prepare
  const { handle, sqsMock, logs } = producerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  const body = JSON.stringify(envelope);
  // Act
  const response = await handle(apiEvent(envelope), CONTEXT);
  // Assess
  assert.equal(response, {
    statusCode: 202,
    headers: jsonHeaders('corr-1'),
    body: JSON.stringify({ messageId: 'msg-1', correlationId: 'corr-1', type: 'order.created' }),
  });
  assert.equal(
    sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input),
    [
      {
        QueueUrl: QUEUE_URL,
        MessageBody: body,
        MessageAttributes: {
          type: { DataType: 'String', StringValue: 'order.created' },
          correlationId: { DataType: 'String', StringValue: 'corr-1' },
        },
      },
    ],
  );
  assert.equal(logs.lines(), [
    {
      ...base,
      correlationId: 'corr-1',
      messageId: 'msg-1',
      type: 'order.created',
      outcome: 'accepted',
      bytes: Buffer.byteLength(body) + attributeBytes('order.created', 'corr-1'),
      ...emfFields(SERVICE, { MessagesAccepted: [1, 'Count'] }),
      msg: 'message accepted',
    },
  ]);
});

test('keeps a well-formed x-correlation-id and replaces a malformed one', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  const kept = await handle(
    apiEvent(envelope, { headers: { 'x-correlation-id': 'checkout-7f3a.1' } }),
    CONTEXT,
  );
  const replaced = await handle(
    apiEvent(envelope, { headers: { 'x-correlation-id': 'bad id\n{}' } }),
    CONTEXT,
  );
  assert.equal(
    [kept, replaced].map((r) => [r.headers?.['x-correlation-id'], JSON.parse(r.body ?? '').correlationId]),
    [
      ['checkout-7f3a.1', 'checkout-7f3a.1'],
      ['corr-1', 'corr-1'],
    ],
  );
  assert.equal(
    sqsMock
      .commandCalls(SendMessageCommand)
      .map((c) => c.args[0].input.MessageAttributes?.correlationId?.StringValue),
    ['checkout-7f3a.1', 'corr-1'],
  );
});

test('decodes a base64-encoded body', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  const response = await handle(apiEvent(envelope, { base64: true }), CONTEXT);
  assert.is(response.statusCode, 202);
  assert.is(sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody, JSON.stringify(envelope));
});

test('escapes U+FFFF, which SQS refuses in a body, without changing the JSON value', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  const data = { ...order, items: [{ sku: 'MUG\uffff', quantity: 1, unitPrice: 1 }] };
  await handle(apiEvent({ type: 'order.created', data }), CONTEXT);
  const sent = sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '';
  assert.equal([sent.includes('\uffff'), JSON.parse(sent)], [false, { type: 'order.created', data }]);
});

test('answers 415 to a body that is not declared as JSON, and 400 to malformed JSON', async () => {
  const { handle, sqsMock, logs } = producerUnderTest();
  const textPlain = await handle(apiEvent(envelope, { headers: { 'content-type': 'text/plain' } }), CONTEXT);
  const missing = await handle(apiEvent(envelope, { without: ['content-type'] }), CONTEXT);
  const malformed = await handle(apiEvent('{"type": "order.created",'), CONTEXT);
  assert.equal(textPlain, {
    statusCode: 415,
    headers: jsonHeaders('corr-1'),
    body: JSON.stringify({
      error: 'unsupported-media-type',
      message: 'content-type must be application/json, got "text/plain"',
      correlationId: 'corr-1',
    }),
  });
  assert.equal(JSON.parse(missing.body ?? ''), {
    error: 'unsupported-media-type',
    message: 'content-type must be application/json, got none',
    correlationId: 'corr-2',
  });
  assert.equal([malformed.statusCode, JSON.parse(malformed.body ?? '').error], [400, 'malformed-json']);
  assert.equal(sqsMock.calls().length, 0);
  assert.equal(logs.lines()[0], {
    ...base,
    level: 'warn',
    correlationId: 'corr-1',
    messageId: null,
    type: null,
    outcome: 'rejected',
    reason: 'unsupported-media-type',
    status: 415,
    detail: 'content-type must be application/json, got "text/plain"',
    ...emfFields(SERVICE, { MessagesRejected: [1, 'Count'] }, 'unsupported-media-type'),
    msg: 'message rejected',
  });
});

test('accepts application/json with a charset and +json media types', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  const statuses = [];
  for (const type of [
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
    'application/vnd.ferry+json',
    'application/jsonp',
    'application/json; charset=iso-8859-1',
  ]) {
    statuses.push(
      (await handle(apiEvent(envelope, { headers: { 'content-type': type } }), CONTEXT)).statusCode,
    );
  }
  assert.equal(statuses, [202, 202, 202, 415, 415]);
  const latin1 = await handle(
    apiEvent(envelope, { headers: { 'content-type': 'application/json; charset=ISO-8859-1' } }),
    CONTEXT,
  );
  assert.is(JSON.parse(latin1.body ?? '').message, 'the body must be UTF-8 JSON, got charset "iso-8859-1"');
});

test('lists every envelope violation as a JSON pointer and a message', async () => {
  const { handle, sqsMock } = producerUnderTest();
  const response = await handle(apiEvent({ data: {}, occurredAt: 'yesterday', extra: 1 }), CONTEXT);
  assert.equal(response, {
    statusCode: 422,
    headers: jsonHeaders('corr-1'),
    body: JSON.stringify({
      error: 'invalid-envelope',
      message: 'the envelope does not match schemas/envelope.schema.json',
      violations: [
        { path: '/type', message: 'is required' },
        { path: '/extra', message: 'is not an allowed property' },
        { path: '/occurredAt', message: 'must match format "date-time"' },
      ],
      correlationId: 'corr-1',
    }),
  });
  assert.equal(sqsMock.calls().length, 0);
});

test('lists the first 20 violations and counts the rest, so 200,000 bad items give a small answer', async () => {
  const { handle, logs } = producerUnderTest();
  const data = {
    orderId: 'ord_1',
    customerId: 'cus_1',
    currency: 'EUR',
    items: Array.from({ length: 200_000 }, () => ({})),
  };
  const response = await handle(apiEvent({ type: 'order.created', data }), CONTEXT);
  const body = JSON.parse(response.body ?? '') as { violations: unknown[]; omittedViolations: number };
  assert.is(response.statusCode, 422);
  assert.equal(body.violations.slice(0, 2), [
    { path: '/items', message: 'must NOT have more than 100 items' },
    { path: '/items/0/sku', message: 'is required' },
  ]);
  // 1 for maxItems, 3 required properties for each item.
  assert.equal([body.violations.length, body.omittedViolations], [20, 1 + 3 * 200_000 - 20]);
  assert.ok((response.body ?? '').length < 4_000, `answer of ${(response.body ?? '').length} characters`);
  assert.ok(JSON.stringify(logs.lines()).length < 8_000, 'the log line stays small');
});

test('a price too large to total in cents is refused by the schema (the total would be Infinity)', async () => {
  const { handle, sqsMock } = producerUnderTest();
  const data = { ...order, items: [{ sku: 'MUG-01', quantity: 1, unitPrice: 1e308 }] };
  const response = await handle(apiEvent({ type: 'order.created', data }), CONTEXT);
  assert.equal(
    [response.statusCode, JSON.parse(response.body ?? '').violations],
    [422, [{ path: '/items/0/unitPrice', message: 'must be <= 1000000' }]],
  );
  assert.is(sqsMock.calls().length, 0);
});

test('lists every data violation, with paths within data, and logs them', async () => {
  const { handle, logs } = producerUnderTest();
  const data = { orderId: 'ord_1', currency: 'JPY', items: [{ sku: 'A', quantity: 0, unitPrice: -1 }] };
  const response = await handle(apiEvent({ type: 'order.created', data }), CONTEXT);
  const violations = [
    { path: '/customerId', message: 'is required' },
    { path: '/currency', message: 'must be one of "EUR", "USD", "GBP"' },
    { path: '/items/0/quantity', message: 'must be >= 1' },
    { path: '/items/0/unitPrice', message: 'must be >= 0' },
  ];
  const message = 'data does not match the schema of order.created (paths are within data)';
  assert.equal(JSON.parse(response.body ?? ''), {
    error: 'invalid-data',
    message,
    violations,
    correlationId: 'corr-1',
  });
  assert.is(response.statusCode, 422);
  assert.equal(logs.lines(), [
    {
      ...base,
      level: 'warn',
      correlationId: 'corr-1',
      messageId: null,
      type: 'order.created',
      outcome: 'rejected',
      reason: 'invalid-data',
      status: 422,
      detail: message,
      violations,
      ...emfFields(SERVICE, { MessagesRejected: [1, 'Count'] }, 'invalid-data'),
      msg: 'message rejected',
    },
  ]);
});

test('names the known types when the type is unknown', async () => {
  const { handle } = producerUnderTest();
  const response = await handle(apiEvent({ type: 'order.shipped', data: {} }), CONTEXT);
  assert.equal(response, {
    statusCode: 422,
    headers: jsonHeaders('corr-1'),
    body: JSON.stringify({
      error: 'unknown-type',
      message: `unknown message type "order.shipped"; known types: ${schemaTypes().join(', ')}`,
      knownTypes: schemaTypes(),
      correlationId: 'corr-1',
    }),
  });
});

test('answers 413 when body and attributes together weigh more than MAX_MESSAGE_BYTES', async () => {
  const weight = Buffer.byteLength(JSON.stringify(envelope)) + attributeBytes('order.created', 'corr-1');
  const atLimit = producerUnderTest({ maxMessageBytes: weight });
  atLimit.sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  const overLimit = producerUnderTest({ maxMessageBytes: weight - 1 });
  const fits = await atLimit.handle(apiEvent(envelope), CONTEXT);
  const tooLarge = await overLimit.handle(apiEvent(envelope), CONTEXT);
  assert.is(fits.statusCode, 202);
  assert.equal(tooLarge, {
    statusCode: 413,
    headers: jsonHeaders('corr-1'),
    body: JSON.stringify({
      error: 'too-large',
      message: `the message weighs ${weight} bytes (body and message attributes, as SQS counts them); the limit is ${weight - 1}`,
      weight,
      limit: weight - 1,
      correlationId: 'corr-1',
    }),
  });
  assert.equal(overLimit.sqsMock.calls().length, 0);
});

test('answers 503 with Retry-After when SQS fails, logs the cause and leaks nothing', async () => {
  const { handle, sqsMock, logs } = producerUnderTest();
  const failure = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { name: 'TimeoutError' });
  sqsMock.on(SendMessageCommand).rejects(failure);
  const response = await handle(apiEvent(envelope), CONTEXT);
  assert.equal(response, {
    statusCode: 503,
    headers: { ...jsonHeaders('corr-1'), 'retry-after': '5' },
    body: JSON.stringify({
      error: 'queue-unavailable',
      message: 'the queue is not taking messages right now; retry later',
      correlationId: 'corr-1',
    }),
  });
  assert.equal(logs.lines(), [
    {
      ...base,
      level: 'error',
      correlationId: 'corr-1',
      cause: { name: 'TimeoutError', message: 'connect ECONNREFUSED 10.0.0.1:443' },
      messageId: null,
      type: 'order.created',
      outcome: 'rejected',
      reason: 'queue-unavailable',
      status: 503,
      detail: 'the queue is not taking messages right now; retry later',
      ...emfFields(SERVICE, { MessagesRejected: [1, 'Count'] }, 'queue-unavailable'),
      msg: 'message rejected: queue unavailable',
    },
  ]);
});

test.run();
