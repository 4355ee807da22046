import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqsServer } from '../../../local/runtime/index.js';
import { jsonPost, queryPost, startTestServer, jsonAnswer, sqsJsonError } from '../../helpers/sqs/server.js';

// Finding #15.13: what SQS refuses that the local server took without a word.

const test = suite<{ server: SqsServer; q: string }>('sqs: input SQS refuses');

test.before(async (ctx) => {
  ctx.server = await startTestServer();
  const res = await jsonPost(ctx.server.endpoint, 'CreateQueue', { QueueName: 'q1' });
  ctx.q = (JSON.parse(res.body) as { QueueUrl: string }).QueueUrl;
});

test.after(async (ctx) => {
  await ctx.server.close();
});

const answer = jsonAnswer;
const sqs = sqsJsonError;

const depth = async (endpoint: string, q: string) => {
  const out = await answer(endpoint, 'GetQueueAttributes', {
    QueueUrl: q,
    AttributeNames: ['ApproximateNumberOfMessages'],
  });
  return (out.body as { Attributes: { ApproximateNumberOfMessages: string } }).Attributes
    .ApproximateNumberOfMessages;
};

test("#15.13: a queue URL on another host or another account is not this endpoint's queue", async ({
  server,
  q,
}) => {
  const path = new URL(q).pathname;
  assert.equal(
    await answer(server.endpoint, 'SendMessage', { QueueUrl: `http://evil.com${path}`, MessageBody: 'x' }),
    sqs(
      404,
      'InvalidAddress',
      'InvalidAddress',
      `The address http://evil.com${path} is not valid for this endpoint.`,
    ),
  );
  assert.equal(
    await answer(server.endpoint, 'SendMessage', {
      QueueUrl: `${server.endpoint}/111111111111/q1`,
      MessageBody: 'x',
    }),
    sqs(
      400,
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      'The specified queue does not exist.',
    ),
  );
  assert.is(await depth(server.endpoint, q), '0');
  // The endpoint's own URL, by loopback name or by bare path, still reaches the queue.
  for (const url of [q, q.replace('127.0.0.1', 'localhost'), path]) {
    assert.is(
      (await answer(server.endpoint, 'SendMessage', { QueueUrl: url, MessageBody: 'x' })).status,
      200,
    );
  }
  assert.is(await depth(server.endpoint, q), '3');
});

test('#15.13: a Number attribute past 38 digits or 10^126 is refused as SQS refuses it', async ({
  server,
  q,
}) => {
  const send = (value: string) =>
    answer(server.endpoint, 'SendMessage', {
      QueueUrl: q,
      MessageBody: 'n',
      MessageAttributes: { n: { DataType: 'Number', StringValue: value } },
    });
  const refused = sqs(
    400,
    'InvalidParameterValueException',
    'InvalidParameterValue',
    "Can't cast the value of message (user) attribute 'n' to a number.",
  );
  for (const value of [
    '9'.repeat(500),
    '1'.repeat(39),
    '1e127',
    '2e126',
    '1e-129',
    '0.' + '0'.repeat(128) + '1',
  ]) {
    assert.equal(await send(value), refused, value);
  }
  for (const value of ['9'.repeat(38), '-1.5e125', '1e126', '1e-128', '0', '0.000', '-12.50']) {
    assert.is((await send(value)).status, 200, value);
  }
});

test('#15.13: query-protocol indexes other than 1, 2, 3... are refused, as SQS refuses index 0', async ({
  server,
  q,
}) => {
  const code = (body: string) => ({
    code: /<Code>([^<]*)<\/Code>/.exec(body)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(body)?.[1],
  });
  const before = await depth(server.endpoint, q);
  for (const index of ['0', '-1', '1e3', '', '01', ' 1', '0x1']) {
    const res = await queryPost(server.endpoint, {
      Action: 'SendMessageBatch',
      Version: '2012-11-05',
      QueueUrl: q,
      [`SendMessageBatchRequestEntry.${index}.Id`]: 'a',
      [`SendMessageBatchRequestEntry.${index}.MessageBody`]: 'b',
    });
    assert.equal(
      { status: res.status, ...code(res.body) },
      { status: 400, code: 'MalformedInput', message: `${index} is not a valid index` },
      index,
    );
  }
  assert.is(await depth(server.endpoint, q), before);
});

test('#15.13: a body with invalid UTF-8 is refused, not sent with U+FFFD in place of the bytes', async ({
  server,
  q,
}) => {
  const before = await depth(server.endpoint, q);
  const bad = Buffer.from([0x68, 0x69, 0xff, 0xfe]);
  const json = Buffer.concat([
    Buffer.from(`{"QueueUrl":${JSON.stringify(q)},"MessageBody":"`),
    bad,
    Buffer.from('"}'),
  ]);
  const form = Buffer.concat([
    Buffer.from(`Action=SendMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(q)}&MessageBody=`),
    bad,
  ]);
  const post = async (body: Buffer, headers: Record<string, string>) => {
    const res = await fetch(server.endpoint, { method: 'POST', body, headers });
    return { status: res.status, header: res.headers.get('x-amzn-query-error'), body: await res.text() };
  };
  assert.equal(
    await post(json, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AmazonSQS.SendMessage',
    }),
    {
      status: 400,
      header: null,
      body: JSON.stringify({
        __type: 'com.amazon.coral.service#SerializationException',
        message: 'The request body is not valid UTF-8.',
      }),
    },
  );
  // A signature's shape, as every AWS client sends: an unsigned query write is refused before its
  // body is read (docs/security.md); this server checks no signature's value.
  const query = await post(form, {
    'content-type': 'application/x-www-form-urlencoded',
    authorization:
      'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
  });
  assert.equal(
    { status: query.status, code: /<Code>([^<]*)<\/Code>/.exec(query.body)?.[1] },
    { status: 400, code: 'MalformedQueryString' },
  );
  assert.is(await depth(server.endpoint, q), before);
});

test.run();
