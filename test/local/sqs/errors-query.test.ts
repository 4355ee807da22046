import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import {
  GetQueueUrlCommand as QueryGetQueueUrl,
  SendMessageBatchCommand as QuerySendBatch,
} from 'sqs-query-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqsServer } from '../../../local/runtime/index.js';
import { jsonClient, queryClient, queryPost, startTestServer } from '../../helpers/sqs/server.js';
import { failure } from '../../helpers/sqs/scenario.js';

// Errors on the query protocol (<ErrorResponse> XML with the legacy codes), and the errors as
// the SDKs of both protocols surface them.

const test = suite<{ server: SqsServer; q: string }>('sqs errors over the query protocol');

test.before(async (ctx) => {
  ctx.server = await startTestServer();
  ctx.q = `${ctx.server.endpoint}/000000000000/qerrors`;
  await queryPost(ctx.server.endpoint, {
    Action: 'CreateQueue',
    QueueName: 'qerrors',
    Version: '2012-11-05',
  });
});

test.after(async (ctx) => {
  await ctx.server.close();
});

/** Status plus the <Error> element's fields, RequestId checked for shape. */
async function error(url: string, form: Record<string, string>) {
  const res = await queryPost(url, { Version: '2012-11-05', ...form });
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(res.body)?.[1];
  assert.match(
    res.body,
    /^<\?xml version="1.0"\?><ErrorResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><Error>/,
  );
  assert.match(pick('RequestId') ?? '', /^[0-9a-f-]{36}$/);
  return { status: res.status, type: pick('Type'), code: pick('Code'), message: pick('Message') };
}

test('unknown queue: the legacy code and the wsdl text', async ({ server }) => {
  assert.equal(await error(server.endpoint, { Action: 'GetQueueUrl', QueueName: 'nope' }), {
    status: 400,
    type: 'Sender',
    code: 'AWS.SimpleQueueService.NonExistentQueue',
    message: 'The specified queue does not exist for this wsdl version.',
  });
});

test('the queue may come from the path the request is posted to', async ({ server, q }) => {
  const res = await queryPost(q, { Action: 'SendMessage', MessageBody: 'via path', Version: '2012-11-05' });
  assert.is(res.status, 200);
  assert.match(
    res.body,
    /<SendMessageResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><SendMessageResult><MD5OfMessageBody>/,
  );
  assert.equal(await error(`${server.endpoint}/000000000000/missing`, { Action: 'PurgeQueue' }), {
    status: 400,
    type: 'Sender',
    code: 'AWS.SimpleQueueService.NonExistentQueue',
    message: 'The specified queue does not exist for this wsdl version.',
  });
});

test('unknown and missing actions, malformed form, non-numbers', async ({ server, q }) => {
  assert.equal(await error(server.endpoint, { Action: 'FlyToMoon' }), {
    status: 400,
    type: 'Sender',
    code: 'InvalidAction',
    message: 'The action FlyToMoon is not valid for this endpoint.',
  });
  assert.equal(await error(server.endpoint, {}), {
    status: 400,
    type: 'Sender',
    code: 'MissingParameter',
    message: 'The request must contain the parameter Action.',
  });
  assert.equal(await error(q, { Action: 'ReceiveMessage', MaxNumberOfMessages: 'ten' }), {
    status: 400,
    type: 'Sender',
    code: 'InvalidParameterValue',
    message: 'Value ten for parameter MaxNumberOfMessages is invalid. Reason: Must be an integer.',
  });
  const res = await fetch(server.endpoint, {
    method: 'POST',
    body: 'Action=ListQueues&QueueNamePrefix=%ZZ',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.is(res.status, 400);
  assert.match(await res.text(), /<Code>MalformedQueryString<\/Code>/);
});

test('batch errors carry the legacy codes', async ({ q, server }) => {
  assert.equal(
    await error(q, {
      Action: 'DeleteMessageBatch',
      'DeleteMessageBatchRequestEntry.1.Id': 'a',
      'DeleteMessageBatchRequestEntry.1.ReceiptHandle': 'r',
      'DeleteMessageBatchRequestEntry.2.Id': 'a',
      'DeleteMessageBatchRequestEntry.2.ReceiptHandle': 'r',
    }),
    {
      status: 400,
      type: 'Sender',
      code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      message: 'Id a repeated.',
    },
  );
  assert.ok(server.port > 0);
});

test('the SDKs name the errors: JSON by __type, query by the legacy code', async ({ server, q }) => {
  const json = jsonClient(server.endpoint);
  const query = queryClient(server.endpoint);
  try {
    assert.equal(await failure(json.send(new GetQueueUrlCommand({ QueueName: 'nope' }))), {
      name: 'QueueDoesNotExist',
      status: 400,
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
    });
    assert.equal(await failure(query.send(new QueryGetQueueUrl({ QueueName: 'nope' }))), {
      name: 'QueueDoesNotExist',
      status: 400,
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist for this wsdl version.',
    });
    assert.equal(await failure(json.send(new ReceiveMessageCommand({ QueueUrl: q, WaitTimeSeconds: 25 }))), {
      name: 'InvalidParameterValue',
      status: 400,
      code: 'InvalidParameterValue',
      message:
        'Value 25 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    });
    assert.equal(await failure(query.send(new QuerySendBatch({ QueueUrl: q, Entries: [] }))), {
      name: 'EmptyBatchRequest',
      status: 400,
      code: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    });
  } finally {
    json.destroy();
    query.destroy();
  }
});

test.run();
