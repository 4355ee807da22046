import {
  CreateQueueCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqsServer } from '../../../local/runtime/index.js';
import { jsonClient, startTestServer } from '../../helpers/sqs/server.js';
import type { SQSClient } from '@aws-sdk/client-sqs';

// #15.5: what a web page can make the developer's browser send to the AWS endpoint (an <img> GET,
// a form POST, fetch with mode no-cors) changes nothing: a request the browser marks cross-site,
// or whose Origin is not the endpoint's own, is refused, and so is a query-protocol request that
// may change state without the shape of a SigV4 signature, as AWS refuses it.

const guard = suite<{ server: SqsServer; sqs: SQSClient; q: string }>('endpoint: forged requests');

guard.before(async (ctx) => {
  ctx.server = await startTestServer();
  ctx.sqs = jsonClient(ctx.server.endpoint);
  ctx.q = (await ctx.sqs.send(new CreateQueueCommand({ QueueName: 'victim' }))).QueueUrl!;
  await ctx.sqs.send(new SendMessageCommand({ QueueUrl: ctx.q, MessageBody: 'keep me' }));
});
guard.after(async (ctx) => {
  await ctx.server.close();
});

async function call(server: SqsServer, path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.endpoint}${path}`, init);
  const body = await res.text();
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body)?.[1];
  return { status: res.status, code: pick('Code') ?? body, message: pick('Message') };
}

const unsigned = {
  status: 403,
  code: 'MissingAuthenticationToken',
  message: 'Request is missing Authentication Token',
};
const fromPage = (from: string) => ({
  status: 403,
  code: 'AccessDenied',
  message: `Ferry&apos;s AWS endpoint does not answer requests from web pages (this one came from ${from}); use an AWS SDK or the AWS CLI.`,
});

guard('#15.5: img GETs, form POSTs and no-cors fetches change nothing', async ({ server, sqs, q }) => {
  const url = encodeURIComponent(q);
  const other = 'http://127.0.0.1:8080';
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const answers = [
    // <img src="http://127.0.0.1:9324/?Action=DeleteQueue&QueueUrl=...">, as curl sends it.
    await call(server, `/?Action=DeleteQueue&QueueUrl=${url}`),
    // The same <img>, as Chromium marks it from a page on another port.
    await call(server, `/?Action=DeleteQueue&QueueUrl=${url}`, {
      headers: { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
    }),
    // A form POST from another site.
    await call(server, '/', {
      method: 'POST',
      headers: { ...form, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: `Action=PurgeQueue&QueueUrl=${url}`,
    }),
    // fetch no-cors with text/plain: the endpoint reads a query body whatever its type.
    await call(server, `/000000000000/victim`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: other },
      body: 'Action=SendMessage&MessageBody=forged',
    }),
    // Unsigned, from no browser, encoded or repeated to slip past the check.
    await call(server, '/', { method: 'POST', headers: form, body: `Act%69on=DeleteQueue&QueueUrl=${url}` }),
    await call(server, `/?Action=ListQueues`, {
      method: 'POST',
      headers: form,
      body: `Action=DeleteQueue&QueueUrl=${url}`,
    }),
    // A presigned URL's shape, from another page: the browser's mark is enough.
    await call(
      server,
      `/?Action=DeleteQueue&QueueUrl=${url}&X-Amz-Credential=a%2F20260101%2Fus-east-1%2Fsqs%2Faws4_request&X-Amz-Signature=00`,
      { headers: { 'sec-fetch-site': 'cross-site' } },
    ),
    // The JSON protocol from another origin (a page that was granted nothing by preflight).
    await call(server, '/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.PurgeQueue',
        origin: other,
      },
      body: JSON.stringify({ QueueUrl: q }),
    }),
  ];
  assert.equal(answers, [
    unsigned,
    fromPage('a same-site page'),
    fromPage('https://evil.example'),
    fromPage(other),
    unsigned,
    unsigned,
    fromPage('a cross-site page'),
    {
      status: 403,
      code: JSON.stringify({
        __type: 'AccessDenied',
        message: `Ferry's AWS endpoint does not answer requests from web pages (this one came from ${other}); use an AWS SDK or the AWS CLI.`,
      }),
      message: undefined,
    },
  ]);
  const left = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
  );
  assert.equal(
    left.Messages?.map((m) => m.Body),
    ['keep me'],
  );
  assert.equal((await sqs.send(new ListQueuesCommand({}))).QueueUrls, [q]);
});

guard('#15.5: no CORS preflight is granted to another origin', async ({ server }) => {
  const res = await fetch(`${server.endpoint}/`, {
    method: 'OPTIONS',
    headers: {
      origin: 'http://127.0.0.1:8080',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-amz-target',
    },
  });
  await res.arrayBuffer();
  assert.equal(
    { status: res.status, allowOrigin: res.headers.get('access-control-allow-origin') },
    { status: 403, allowOrigin: null },
  );
});

guard('#15.5: unsigned reads and signed changes from tools are served', async ({ server, q }) => {
  const list = await fetch(`${server.endpoint}/?Action=ListQueues&Version=2012-11-05`, {
    headers: { 'sec-fetch-site': 'none' },
  });
  assert.equal([list.status, (await list.text()).includes(`<QueueUrl>${q}</QueueUrl>`)], [200, true]);
  const sqs = jsonClient(server.endpoint);
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'from the SDK' }));
  assert.type(sent.MessageId, 'string');
});

guard.run();
