import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SQSClient as QuerySQSClient, ListQueuesCommand } from 'sqs-query-client';
import { MAX_BODY, startEndpoint } from '../../../local/endpoint/index.js';
import type { HttpRequest } from '../../../local/http/types.js';
import { startTestEndpoint } from '../../helpers/logs/endpoint.js';
import type { TestEndpoint } from '../../helpers/logs/endpoint.js';

// One port (the SQS server's) answering SQS on both wire protocols, CloudWatch Logs and, when a
// handler is given, CloudWatch: each request goes where it is signed for. (The AWS CLI on it:
// server.integration.test.ts.)

const credentials = { accessKeyId: 'AKIDENDPOINT', secretAccessKey: 'endpoint-secret' };
const test = suite<{ ep: TestEndpoint; monitoring: HttpRequest[] }>('the AWS endpoint on the SQS port');

test.before(async (ctx) => {
  ctx.monitoring = [];
  ctx.ep = await startTestEndpoint({
    monitoring: {
      handle: (req) => {
        ctx.monitoring.push(req);
        // @aws-sdk/client-cloudwatch speaks AWS JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.*).
        return Promise.resolve({
          status: 200,
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: JSON.stringify({ Metrics: [] }),
        });
      },
    },
  });
});

test.after(async (ctx) => {
  await ctx.ep.close();
});

test('SQS over JSON (current SDK) and over query (SDK 3.445) on the shared port', async ({ ep }) => {
  const sqs = new SQSClient({ endpoint: ep.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'shared' }));
  assert.is(QueueUrl, `${ep.endpoint}/000000000000/shared`);
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
  assert.equal(
    got.Messages?.map((m) => m.Body),
    ['hello'],
  );
  const query = new QuerySQSClient({
    endpoint: ep.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  assert.equal((await query.send(new ListQueuesCommand({}))).QueueUrls, [QueueUrl]);
});

test('CloudWatch requests reach the monitoring handler', async ({ ep, monitoring }) => {
  const cw = new CloudWatchClient({
    endpoint: ep.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  const out = await cw.send(new ListMetricsCommand({ Namespace: 'Ferry' }));
  assert.equal(out.Metrics, []);
  assert.equal(
    monitoring.map((r) => [r.headers['x-amz-target'], JSON.parse(r.body.toString()) as unknown]),
    [['GraniteServiceVersion20100801.ListMetrics', { Namespace: 'Ferry' }]],
  );
});

test('a body over the limit is refused before it is read, in the protocol of the request', async () => {
  const ep = await startEndpoint({ port: 0, services: new Map() });
  try {
    const res = await fetch(ep.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'Logs_20140328.PutLogEvents', 'content-type': 'application/x-amz-json-1.1' },
      body: Buffer.alloc(MAX_BODY + 1, 32),
    });
    assert.equal(
      { status: res.status, body: (await res.json()) as unknown },
      {
        status: 413,
        body: { __type: 'RequestTooLarge', message: `Request body is larger than ${MAX_BODY} bytes.` },
      },
    );
  } finally {
    await ep.close();
  }
});

test.run();
