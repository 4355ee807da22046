// The sample events of `ferry event`, compared whole with the recorded shapes: the HTTP API's
// event with API Gateway's recording (test/fixtures/apigw-http-v2-post-messages.json) and with the
// gateway's own (test/fixtures/gateway/), the SQS event with the event source mapping's
// (test/fixtures/event-source/sqs-event.json). Only what differs per call is masked.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { apiEvent, InvokeError, offlineStack, sqsEvent } from '../../../local/runtime/index.js';
import { FIXTURE_TEMPLATE, ROOT, TEMPLATE } from '../../helpers/runtime/runtime.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = (name: string): Json =>
  JSON.parse(readFileSync(`${ROOT}test/fixtures/${name}`, 'utf8')) as Json;

/** The parts of an API event that differ per request, masked as the gateway's fixture masks them. */
function maskApi(event: Json): Json {
  const copy = structuredClone(event);
  copy.headers['x-amzn-trace-id'] = '<trace-id>';
  copy.requestContext.requestId = '<request-id>';
  copy.requestContext.time = '<time>';
  copy.requestContext.timeEpoch = 0;
  return copy;
}

/** The parts of an SQS record that differ per message, masked as the mapping's fixture masks them. */
function maskRecord(record: Json): Json {
  return {
    ...record,
    messageId: '<message-id>',
    receiptHandle: '<receipt-handle>',
    attributes: {
      ...record.attributes,
      SentTimestamp: '<sent>',
      SenderId: '<sender-id>',
      ApproximateFirstReceiveTimestamp: '<first-receive>',
    },
  };
}

const stringAttribute = (value: string) => ({
  stringValue: value,
  stringListValues: [],
  binaryListValues: [],
  dataType: 'String',
});

test('api: POST /messages on the template is API Gateway’s recorded event, with the local values', async () => {
  // Prepare
  const recorded = fixture('apigw-http-v2-post-messages.json');
  const stack = await offlineStack({ templatePath: TEMPLATE });
  const { apiId } = stack.apis[0]!;
  // Act
  const { functionId, event } = apiEvent(stack, {
    method: 'POST',
    path: '/messages',
    headers: [],
    body: recorded.body,
  });
  // Assess: what differs from AWS is exactly what the local gateway answers on.
  const expected = maskApi(recorded);
  expected.headers = {
    ...expected.headers,
    'content-length': String(Buffer.byteLength(recorded.body)),
    host: '127.0.0.1:3000',
    'x-forwarded-for': '127.0.0.1',
    'x-forwarded-port': '3000',
    'x-forwarded-proto': 'http',
  };
  expected.requestContext = {
    ...expected.requestContext,
    accountId: '000000000000',
    apiId,
    domainName: '127.0.0.1',
    domainPrefix: '127',
    http: { ...expected.requestContext.http, sourceIp: '127.0.0.1' },
  };
  assert.is(functionId, 'ProducerFunction');
  assert.equal(maskApi(event as Json), expected);
  assert.match(event.headers['x-amzn-trace-id']!, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  assert.match(event.requestContext.requestId, /^[A-Za-z0-9=]{16}$/);
});

test('api: a stage, path parameters, a query, cookies and repeated headers are the gateway’s own event', async () => {
  // Prepare: the request the gateway's fixture was recorded from.
  const recorded = fixture('gateway/http-api-v2-event.json');
  const stack = await offlineStack({ templatePath: FIXTURE_TEMPLATE });
  // Act
  const { functionId, event } = apiEvent(stack, {
    method: 'post',
    path: '/prod/items/a%20b?tag=red&tag=blue&q=hello%20world',
    headers: [
      ['Cookie', 'session=abc123; theme=dark'],
      ['Cookie', 'lang=en'],
      ['X-Custom', 'one'],
      ['X-Custom', 'two'],
      ['Content-Length', '26'],
    ],
    body: recorded.body,
  });
  // Assess
  const expected = maskApi(recorded);
  expected.headers = { ...expected.headers, host: '127.0.0.1:3000', 'x-forwarded-port': '3000' };
  expected.requestContext = {
    ...expected.requestContext,
    accountId: '000000000000',
    apiId: stack.apis[0]!.apiId,
    domainName: '127.0.0.1',
    domainPrefix: '127',
  };
  assert.is(functionId, 'Worker');
  assert.equal(maskApi(event as Json), expected);
});

test('api: a request no route takes names the routes there are', async () => {
  const stack = await offlineStack({ templatePath: TEMPLATE });
  try {
    apiEvent(stack, { method: 'DELETE', path: '/messages', headers: [] });
    assert.unreachable('no route takes DELETE /messages');
  } catch (error) {
    assert.instance(error, InvokeError);
    assert.is(
      (error as Error).message,
      'no route of HttpApi takes DELETE /messages (its routes: POST /messages, POST /messages/batch and GET /types)',
    );
  }
});

test('sqs: records are the event source mapping’s recorded ones, with the producer’s attributes', async () => {
  // Prepare: the fixture template's queue is the one the mapping's fixture was recorded on.
  const recorded = fixture('event-source/sqs-event.json');
  const stack = await offlineStack({ templatePath: FIXTURE_TEMPLATE });
  const body = recorded.Records[0].body as string;
  const attributes = { type: 'order.created', correlationId: 'corr-1' };
  // Act
  const { functionId, event } = await sqsEvent(stack, {
    bodies: [body, body],
    attributes: [attributes, attributes],
  });
  // Assess
  const expected = {
    ...recorded.Records[0],
    messageAttributes: { type: stringAttribute('order.created'), correlationId: stringAttribute('corr-1') },
    // SQS's MD5 of these two attributes (as the AWS CLI computes it).
    md5OfMessageAttributes: event.Records[0]!.md5OfMessageAttributes,
  };
  assert.is(functionId, 'Worker');
  assert.equal(event.Records.map(maskRecord), [expected, expected]);
  assert.match(event.Records[0]!.md5OfMessageAttributes!, /^[0-9a-f]{32}$/);
  assert.is(event.Records[0]!.attributes.SenderId, 'AKIDFERRYLOCAL');
  assert.is.not(event.Records[0]!.messageId, event.Records[1]!.messageId);
});

test('sqs: on the template, the queue its mapping reads, its ARN and region', async () => {
  const stack = await offlineStack({ templatePath: TEMPLATE });
  const { functionId, event } = await sqsEvent(stack, { bodies: ['x'], attributes: [{}] });
  assert.is(functionId, 'ConsumerFunction');
  assert.equal(
    [event.Records[0]!.eventSourceARN, event.Records[0]!.awsRegion, event.Records[0]!.messageAttributes],
    ['arn:aws:sqs:us-east-1:000000000000:ferry-messages', 'us-east-1', {}],
  );
});

test('sqs: a queue the template does not have names those it has', async () => {
  const stack = await offlineStack({ templatePath: TEMPLATE });
  try {
    await sqsEvent(stack, { queue: 'Nope', bodies: ['x'], attributes: [{}] });
    assert.unreachable('the template has no queue Nope');
  } catch (error) {
    assert.instance(error, InvokeError);
    assert.is(
      (error as Error).message,
      'the template has no AWS::SQS::Queue Nope (its queues: DeadLetterQueue (ferry-messages-dlq) and MessagesQueue (ferry-messages))',
    );
  }
});

test.run();
