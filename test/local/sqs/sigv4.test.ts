import { CreateQueueCommand, ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ListQueuesCommand as QueryListQueues } from 'sqs-query-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqsServer } from '../../../local/runtime/index.js';
import { CREDENTIALS, jsonClient, jsonPost, queryClient, startTestServer } from '../../helpers/sqs/server.js';
import { failure } from '../../helpers/sqs/scenario.js';

// With credentials configured, every request must be signed (SigV4) with them.

const test = suite<{ server: SqsServer }>('sqs SigV4 verification');

test.before(async (ctx) => {
  ctx.server = await startTestServer({
    accessKey: CREDENTIALS.accessKeyId,
    secretKey: CREDENTIALS.secretAccessKey,
  });
});

test.after(async (ctx) => {
  await ctx.server.close();
});

test('requests signed with the configured credentials pass, on both protocols', async ({ server }) => {
  const json = jsonClient(server.endpoint);
  const query = queryClient(server.endpoint);
  try {
    const { QueueUrl } = await json.send(new CreateQueueCommand({ QueueName: 'signed' }));
    const sent = await json.send(new SendMessageCommand({ QueueUrl, MessageBody: 'signed body ✓' }));
    assert.type(sent.MessageId, 'string');
    assert.equal((await json.send(new ListQueuesCommand({}))).QueueUrls, [QueueUrl]);
    assert.equal((await query.send(new QueryListQueues({}))).QueueUrls, [QueueUrl]);
  } finally {
    json.destroy();
    query.destroy();
  }
});

test('a wrong secret is SignatureDoesNotMatch, an unknown key InvalidClientTokenId (403)', async ({
  server,
}) => {
  const wrongSecret = jsonClient(server.endpoint, { ...CREDENTIALS, secretAccessKey: 'not-the-secret' });
  const wrongKey = jsonClient(server.endpoint, { ...CREDENTIALS, accessKeyId: 'AKIDSOMEONEELSE' });
  const queryWrong = queryClient(server.endpoint, { ...CREDENTIALS, secretAccessKey: 'not-the-secret' });
  try {
    const mismatch = await failure(wrongSecret.send(new ListQueuesCommand({})));
    assert.equal(
      { name: mismatch.name, status: mismatch.status },
      { name: 'SignatureDoesNotMatch', status: 403 },
    );
    const unknown = await failure(wrongKey.send(new ListQueuesCommand({})));
    assert.equal(
      { name: unknown.name, status: unknown.status, message: unknown.message },
      {
        name: 'InvalidClientTokenId',
        status: 403,
        message: 'The security token included in the request is invalid.',
      },
    );
    const queryMismatch = await failure(queryWrong.send(new QueryListQueues({})));
    assert.equal(
      { name: queryMismatch.name, status: queryMismatch.status },
      { name: 'SignatureDoesNotMatch', status: 403 },
    );
  } finally {
    wrongSecret.destroy();
    wrongKey.destroy();
    queryWrong.destroy();
  }
});

test('an unsigned request is refused with MissingAuthenticationToken', async ({ server }) => {
  const res = await jsonPost(server.endpoint, 'ListQueues', {});
  assert.equal(
    { status: res.status, body: JSON.parse(res.body) as unknown },
    {
      status: 403,
      body: {
        __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      },
    },
  );
});

test.run();
