import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sqsEvent, sqsRecord } from '../../helpers/services/events.js';
import { emfFields, TIME } from '../../helpers/services/shared.js';
import {
  CONTEXT,
  consumerUnderTest,
  DLQ_URL,
  FIXTURE_CORRELATION_ID,
  order,
  SERVICE,
} from '../../helpers/services/consumer.js';
import { schemaTypes } from '../../helpers/services/schema-types.js';

const base = { time: TIME, service: SERVICE, awsRequestId: 'req-9', correlationId: FIXTURE_CORRELATION_ID };
const attributes = (type: string, failureReason: string) => ({
  type: { DataType: 'String', StringValue: type },
  correlationId: { DataType: 'String', StringValue: FIXTURE_CORRELATION_ID },
  failureReason: { DataType: 'String', StringValue: failureReason },
  failedBy: { DataType: 'String', StringValue: 'ferry-consumer' },
});

const test = suite('consumer: poison goes to the DLQ at once');

test('invalid data: sent to the DLQ with the reason, acknowledged, logged once', async () => {
  // Prepare
  const { handle, sqsMock, logs } = consumerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  const body = JSON.stringify({ type: 'order.created', data: { ...order, currency: 'JPY', items: [] } });
  const record = sqsRecord(body, { messageId: 'm-bad' });
  // Act
  const response = await handle(sqsEvent(record), CONTEXT);
  // Assess
  const failureReason =
    'invalid-data: /currency must be one of "EUR", "USD", "GBP"; /items must NOT have fewer than 1 items';
  assert.equal(response, { batchItemFailures: [] });
  assert.equal(
    sqsMock.commandCalls(SendMessageCommand).map((c) => c.args[0].input),
    [{ QueueUrl: DLQ_URL, MessageBody: body, MessageAttributes: attributes('order.created', failureReason) }],
  );
  assert.equal(logs.lines(), [
    {
      level: 'error',
      ...base,
      messageId: 'm-bad',
      receiveCount: 1,
      outcome: 'dead-lettered',
      type: 'order.created',
      failureReason,
      reason: 'invalid-data',
      violations: [
        { path: '/currency', message: 'must be one of "EUR", "USD", "GBP"' },
        { path: '/items', message: 'must NOT have fewer than 1 items' },
      ],
      detail: 'data does not match the schema of order.created (paths are within data)',
      ...emfFields(SERVICE, { MessagesFailed: [1, 'Count'] }, 'invalid-data'),
      msg: 'message sent to the dead-letter queue',
    },
  ]);
});

test('attribute values SQS would refuse (empty, #x0, #xFFFF, a split surrogate) are made valid', async () => {
  const { handle, sqsMock } = consumerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  const records = [
    sqsRecord('{"type":"","data":{}}', { messageId: 'm-empty' }),
    sqsRecord('{"type":"a\\u0000b","data":{}}', { messageId: 'm-nul' }),
    sqsRecord('{"type":"x\\uffff","data":{}}', { messageId: 'm-ffff' }),
    sqsRecord(
      JSON.stringify({
        type: 'order.created',
        data: { [`a${'😀'.repeat(600)}`]: 1, [`b${'😀'.repeat(600)}`]: 2 },
      }),
      {
        messageId: 'm-long',
      },
    ),
  ];
  const response = await handle(sqsEvent(...records), CONTEXT);
  assert.equal(response, { batchItemFailures: [] });
  const sent = sqsMock.commandCalls(SendMessageCommand).map((c) => c.args[0].input.MessageAttributes!);
  const valid = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u;
  for (const [i, attributes] of sent.entries())
    for (const [name, a] of Object.entries(attributes))
      assert.ok(valid.test(a.StringValue ?? ''), `record ${i}: ${name} = ${JSON.stringify(a.StringValue)}`);
  assert.equal(
    sent.map((a) => a.type?.StringValue),
    [undefined, 'a\uFFFDb', 'x\uFFFD', 'order.created'],
  );
  assert.is(Array.from(sent[3]!.failureReason!.StringValue!).length, 1000);
});

test('not JSON, a bad envelope and an unknown type are each dead-lettered with their reason', async () => {
  const { handle, sqsMock, logs } = consumerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  const records = [
    sqsRecord('not json', { messageId: 'm-1' }),
    sqsRecord({ type: 'order.created' }, { messageId: 'm-2' }),
    sqsRecord({ type: 'order.shipped', data: {} }, { messageId: 'm-3' }),
  ];
  const response = await handle(sqsEvent(...records), CONTEXT);
  assert.equal(response, { batchItemFailures: [] });
  assert.equal(
    sqsMock
      .commandCalls(SendMessageCommand)
      .map((c) => c.args[0].input.MessageAttributes?.failureReason?.StringValue),
    [
      `invalid-json: Unexpected token 'o', "not json" is not valid JSON`,
      'invalid-envelope: /data is required',
      `unknown-type: unknown message type "order.shipped"; known types: ${schemaTypes().join(', ')}`,
    ],
  );
  assert.equal(
    logs.lines().map((l) => [l.messageId, l.outcome, l.type, l.Reason]),
    [
      ['m-1', 'dead-lettered', 'order.created', 'invalid-json'],
      ['m-2', 'dead-lettered', 'order.created', 'invalid-envelope'],
      ['m-3', 'dead-lettered', 'order.shipped', 'unknown-type'],
    ],
  );
});

test('when the DLQ cannot take it, the record is reported as a failure so it is not lost', async () => {
  const { handle, sqsMock, logs } = consumerUnderTest();
  sqsMock
    .on(SendMessageCommand)
    .rejects(Object.assign(new Error('Access to the resource is denied'), { name: 'AccessDenied' }));
  const ok = sqsRecord({ type: 'order.created', data: order }, { messageId: 'm-ok' });
  const bad = sqsRecord({ type: 'order.created', data: {} }, { messageId: 'm-bad' });
  const response = await handle(sqsEvent(ok, bad), CONTEXT);
  assert.equal(response, { batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
  assert.equal(logs.lines()[1], {
    level: 'warn',
    ...base,
    messageId: 'm-bad',
    receiveCount: 1,
    outcome: 'failed',
    type: 'order.created',
    reason: 'transient',
    error: 'DLQ send failed: AccessDenied: Access to the resource is denied',
    deadLetterReason:
      'invalid-data: /orderId is required; /customerId is required; /currency is required; /items is required',
    ...emfFields(SERVICE, { MessagesFailed: [1, 'Count'] }, 'transient'),
    msg: 'message failed; left on the queue to retry',
  });
});

test.run();
