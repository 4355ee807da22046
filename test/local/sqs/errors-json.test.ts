import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqsServer } from '../../../local/runtime/index.js';
import { jsonPost, rawPost, startTestServer, jsonAnswer, sqsJsonError } from '../../helpers/sqs/server.js';

// Errors on the JSON 1.0 protocol: status, __type, message and the x-amzn-query-error header.

const test = suite<{ server: SqsServer; q: string }>('sqs errors over JSON 1.0');

test.before(async (ctx) => {
  ctx.server = await startTestServer();
  const res = await jsonPost(ctx.server.endpoint, 'CreateQueue', { QueueName: 'errors' });
  ctx.q = (JSON.parse(res.body) as { QueueUrl: string }).QueueUrl;
});

test.after(async (ctx) => {
  await ctx.server.close();
});

const error = jsonAnswer;
const sqs = sqsJsonError;

test('unknown queue', async ({ server }) => {
  assert.equal(
    await error(server.endpoint, 'GetQueueUrl', { QueueName: 'nope' }),
    sqs(
      400,
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      'The specified queue does not exist.',
    ),
  );
});

test('missing parameter', async ({ server }) => {
  assert.equal(
    await error(server.endpoint, 'CreateQueue', {}),
    sqs(
      400,
      'MissingRequiredParameterException',
      'MissingParameter',
      'The request must contain the parameter QueueName.',
    ),
  );
});

test('ranges of MaxNumberOfMessages, WaitTimeSeconds, VisibilityTimeout, DelaySeconds', async ({
  server,
  q,
}) => {
  const invalid = (message: string) =>
    sqs(400, 'InvalidParameterValueException', 'InvalidParameterValue', message);
  assert.equal(
    await error(server.endpoint, 'ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 11 }),
    invalid(
      'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    ),
  );
  assert.equal(
    await error(server.endpoint, 'ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 21 }),
    invalid(
      'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    ),
  );
  assert.equal(
    await error(server.endpoint, 'ChangeMessageVisibility', {
      QueueUrl: q,
      ReceiptHandle: 'x',
      VisibilityTimeout: 43201,
    }),
    invalid(
      'Value 43201 for parameter VisibilityTimeout is invalid. Reason: VisibilityTimeout must be an integer between 0 and 43200.',
    ),
  );
  assert.equal(
    await error(server.endpoint, 'SendMessage', { QueueUrl: q, MessageBody: 'x', DelaySeconds: 901 }),
    invalid('Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.'),
  );
});

test('batch shape: empty, too many, repeated ids, bad ids, too long', async ({ server, q }) => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
  assert.equal(
    await error(server.endpoint, 'SendMessageBatch', { QueueUrl: q, Entries: [] }),
    sqs(
      400,
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'There should be at least one SendMessageBatchRequestEntry in the request.',
    ),
  );
  assert.equal(
    await error(server.endpoint, 'SendMessageBatch', { QueueUrl: q, Entries: entries(11) }),
    sqs(
      400,
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      'Maximum number of entries per request are 10. You have sent 11.',
    ),
  );
  assert.equal(
    await error(server.endpoint, 'DeleteMessageBatch', {
      QueueUrl: q,
      Entries: [
        { Id: 'a', ReceiptHandle: 'r' },
        { Id: 'a', ReceiptHandle: 'r' },
      ],
    }),
    sqs(400, 'BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 'Id a repeated.'),
  );
  assert.equal(
    await error(server.endpoint, 'ChangeMessageVisibilityBatch', {
      QueueUrl: q,
      Entries: [{ Id: 'a:b', ReceiptHandle: 'r', VisibilityTimeout: 1 }],
    }),
    sqs(
      400,
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    ),
  );
  const big = 'x'.repeat(600 * 1024);
  assert.equal(
    await error(server.endpoint, 'SendMessageBatch', {
      QueueUrl: q,
      Entries: [
        { Id: 'a', MessageBody: big },
        { Id: 'b', MessageBody: big },
      ],
    }),
    sqs(
      400,
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
      `Batch requests cannot be longer than 1048576 bytes. You have sent ${2 * big.length} bytes.`,
    ),
  );
});

test('message contents and attributes', async ({ server, q }) => {
  assert.equal(
    await error(server.endpoint, 'SendMessage', { QueueUrl: q, MessageBody: 'a\u0001b' }),
    sqs(
      400,
      'InvalidMessageContents',
      'InvalidMessageContents',
      "Invalid binary character '#x1' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
    ),
  );
  const eleven = Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
  );
  const invalid = (message: string) =>
    sqs(400, 'InvalidParameterValueException', 'InvalidParameterValue', message);
  assert.equal(
    await error(server.endpoint, 'SendMessage', { QueueUrl: q, MessageBody: 'x', MessageAttributes: eleven }),
    invalid('Number of message attributes [11] exceeds the allowed maximum [10].'),
  );
  assert.equal(
    await error(server.endpoint, 'SendMessage', {
      QueueUrl: q,
      MessageBody: 'x',
      MessageAttributes: { E: { DataType: 'String', StringValue: '' } },
    }),
    invalid("Message (user) attribute 'E' must contain a non-empty value of type 'String'."),
  );
  assert.equal(
    await error(server.endpoint, 'SendMessage', {
      QueueUrl: q,
      MessageBody: 'x',
      MessageAttributes: { T: { DataType: 'Date', StringValue: 'x' } },
    }),
    invalid(
      "The type of message (user) attribute 'T' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
    ),
  );
  assert.equal(
    await error(server.endpoint, 'SendMessage', { QueueUrl: q, MessageBody: 'x'.repeat(1024 * 1024 + 1) }),
    invalid('One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.'),
  );
});

test('engine errors keep their status: receipt handle', async ({ server, q }) => {
  const res = await error(server.endpoint, 'DeleteMessage', { QueueUrl: q, ReceiptHandle: 'garbage' });
  assert.equal(
    { status: res.status, header: res.header, type: (res.body as { __type: string }).__type },
    {
      status: 404,
      header: 'ReceiptHandleIsInvalid;Sender',
      type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid',
    },
  );
});

test('the queue may come from the path the request is posted to', async ({ q }) => {
  const res = await jsonPost(q, 'SendMessage', { MessageBody: 'via path' });
  assert.is(res.status, 200);
  const md5 = createHash('md5').update('via path').digest('hex');
  assert.is((JSON.parse(res.body) as { MD5OfMessageBody: string }).MD5OfMessageBody, md5);
});

test('batch entries fail one by one, with the legacy codes', async ({ server, q }) => {
  await jsonPost(server.endpoint, 'SendMessage', { QueueUrl: q, MessageBody: 'for the batch' });
  const got = JSON.parse((await jsonPost(server.endpoint, 'ReceiveMessage', { QueueUrl: q })).body) as {
    Messages: { ReceiptHandle: string }[];
  };
  const res = await jsonPost(server.endpoint, 'DeleteMessageBatch', {
    QueueUrl: q,
    Entries: [
      { Id: 'good', ReceiptHandle: got.Messages[0]!.ReceiptHandle },
      { Id: 'bad', ReceiptHandle: 'garbage' },
    ],
  });
  const out = JSON.parse(res.body) as {
    Successful: unknown[];
    Failed: { Id: string; Code: string; SenderFault: boolean }[];
  };
  assert.equal(
    {
      status: res.status,
      Successful: out.Successful,
      Failed: out.Failed.map((f) => [f.Id, f.Code, f.SenderFault]),
    },
    { status: 200, Successful: [{ Id: 'good' }], Failed: [['bad', 'ReceiptHandleIsInvalid', true]] },
  );
});

test('FIFO ids: 1 to 128 alphanumeric or punctuation characters, as SQS checks them', async ({ server }) => {
  const res = await jsonPost(server.endpoint, 'CreateQueue', {
    QueueName: 'ids.fifo',
    Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
  });
  const fifo = (JSON.parse(res.body) as { QueueUrl: string }).QueueUrl;
  const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
  const invalid = (name: string, value: string) =>
    sqs(
      400,
      'InvalidParameterValueException',
      'InvalidParameterValue',
      `Value ${value} for parameter ${name} is invalid. Reason: ${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  const send = (extra: Record<string, string>) =>
    error(server.endpoint, 'SendMessage', { QueueUrl: fifo, MessageBody: 'm', ...extra });
  assert.equal((await send({ MessageGroupId: `${'g'.repeat(96)}${punctuation}` })).status, 200);
  assert.equal(await send({ MessageGroupId: 'a b' }), invalid('MessageGroupId', 'a b'));
  assert.equal(await send({ MessageGroupId: 'g'.repeat(129) }), invalid('MessageGroupId', 'g'.repeat(129)));
  assert.equal(await send({ MessageGroupId: 'é' }), invalid('MessageGroupId', 'é'));
  assert.equal(
    await send({ MessageGroupId: 'g', MessageDeduplicationId: 'd 5' }),
    invalid('MessageDeduplicationId', 'd 5'),
  );
  assert.equal(
    await error(server.endpoint, 'ReceiveMessage', {
      QueueUrl: fifo,
      ReceiveRequestAttemptId: 'r'.repeat(129),
    }),
    invalid('ReceiveRequestAttemptId', 'r'.repeat(129)),
  );
  const batch = JSON.parse(
    (
      await jsonPost(server.endpoint, 'SendMessageBatch', {
        QueueUrl: fifo,
        Entries: [
          { Id: 'good', MessageBody: 'm', MessageGroupId: 'g' },
          { Id: 'bad', MessageBody: 'm', MessageGroupId: ' ' },
        ],
      })
    ).body,
  ) as { Successful: { Id: string }[]; Failed: { Id: string; Code: string; SenderFault: boolean }[] };
  assert.equal(
    [batch.Successful.map((e) => e.Id), batch.Failed.map((f) => [f.Id, f.Code, f.SenderFault])],
    [['good'], [['bad', 'InvalidParameterValue', true]]],
  );
});

test('unknown operation, malformed JSON, wrong types, oversized bodies: SQS errors, never a 500', async ({
  server,
  q,
}) => {
  const unknown = await error(server.endpoint, 'FlyToMoon', {});
  assert.equal(unknown, {
    status: 400,
    header: null,
    body: {
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: 'Operation AmazonSQS.FlyToMoon is not supported.',
    },
  });
  const serialization = (message: string) => ({
    status: 400,
    header: null,
    body: { __type: 'com.amazon.coral.service#SerializationException', message },
  });
  assert.equal(
    await error(server.endpoint, 'ListQueues', '{"QueueNamePrefix": '),
    serialization('The request body is not valid JSON.'),
  );
  assert.equal(
    await error(server.endpoint, 'ListQueues', '[1,2]'),
    serialization('The request body must be a JSON object.'),
  );
  assert.equal(
    await error(server.endpoint, 'ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 'ten' }),
    serialization('Parameter MaxNumberOfMessages must be an integer.'),
  );
  assert.equal(
    await error(server.endpoint, 'SendMessage', {
      QueueUrl: q,
      MessageBody: 'x',
      MessageAttributes: { A: 'flat' },
    }),
    serialization('Parameter MessageAttributes.A must be a message attribute value.'),
  );
  const huge = await rawPost(server.endpoint, 'x'.repeat(9 * 1024 * 1024), {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'AmazonSQS.SendMessage',
  });
  assert.equal(huge.status, 413);
  assert.is(
    (JSON.parse(huge.body) as { __type: string }).__type,
    'com.amazon.coral.service#SerializationException',
  );
});

test.run();
