import { createHash } from 'node:crypto';
import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import type { HttpRequest as SdkRequest } from '@smithy/types';
import { SQSClient as QuerySQSClient, ListQueuesCommand as QueryListQueues } from 'sqs-query-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqsServer } from '../../../local/runtime/index.js';
import { sign, send, type RawRequest } from '../../helpers/endpoint/sign.js';
import { CREDENTIALS, jsonClient, startTestServer } from '../../helpers/sqs/server.js';

// #15.4: SigV4 as AWS verifies it. Each bypass found against the old verifier, replayed against a
// real server (in process, port 0) with enforcement on: the body's own hash, signed host, date and
// X-Amz-Target, a 15-minute window, the scope's region and service.

const test = suite<{ server: SqsServer; queueUrl: string }>('#15.4 SigV4 verification on the endpoint');

test.before(async (ctx) => {
  ctx.server = await startTestServer({
    accessKey: CREDENTIALS.accessKeyId,
    secretKey: CREDENTIALS.secretAccessKey,
  });
  const sqs = jsonClient(ctx.server.endpoint);
  ctx.queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'kept' }))).QueueUrl!;
  sqs.destroy();
});

test.after(async (ctx) => {
  await ctx.server.close();
});

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The query-protocol error's code and message, with the status. */
function queryError(res: { status: number; body: string }): {
  status: number;
  code?: string;
  message?: string;
} {
  return {
    status: res.status,
    code: /<Code>([^<]*)<\/Code>/.exec(res.body)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(res.body)?.[1]?.replace(/&apos;/g, "'"),
  };
}

function jsonError(res: { status: number; body: string }): { status: number; body: unknown } {
  return { status: res.status, body: JSON.parse(res.body) as unknown };
}

/** A ListQueues signed by the real (query-protocol) SDK, caught before it leaves the process. */
async function capturedListQueues(endpoint: string, prefix: string): Promise<RawRequest> {
  let caught: SdkRequest | undefined;
  const client = new QuerySQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: (req: SdkRequest) => {
        caught = req;
        return Promise.reject(new Error('captured'));
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    },
  });
  await client.send(new QueryListQueues({ QueueNamePrefix: prefix })).catch(() => undefined);
  client.destroy();
  const req = caught!;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  return { method: req.method, url: `${endpoint}${req.path}`, headers, body: String(req.body) };
}

async function queueStillThere(server: SqsServer): Promise<string[] | undefined> {
  const sqs = jsonClient(server.endpoint);
  try {
    return (await sqs.send(new ListQueuesCommand({}))).QueueUrls;
  } finally {
    sqs.destroy();
  }
}

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

test('#15.4: a captured signed ListQueues resent with a DeleteQueue body is refused', async (ctx) => {
  const captured = await capturedListQueues(ctx.server.endpoint, 'p'.repeat(200));
  assert.equal((await send(captured)).status, 200, 'the captured request itself is valid');
  // The signed Content-Length is kept: the new body is padded to the captured one's length.
  const body = `Action=DeleteQueue&QueueUrl=${encodeURIComponent(ctx.queueUrl)}&Version=2012-11-05&Pad=`;
  const swapped = {
    ...captured,
    // The old verifier took this unsigned header as the payload hash.
    headers: { ...captured.headers, 'x-amz-content-sha256': sha256(captured.body) },
    body: body.padEnd(captured.body.length, 'x'),
  };
  assert.equal(queryError(await send(swapped)), {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: MISMATCH,
  });
  const { 'x-amz-content-sha256': _, ...plain } = swapped.headers;
  assert.equal(queryError(await send({ ...swapped, headers: plain })).code, 'SignatureDoesNotMatch');
  assert.equal(await queueStillThere(ctx.server), [ctx.queueUrl]);
});

test('#15.4: UNSIGNED-PAYLOAD, even signed, does not cover a swapped body', async (ctx) => {
  const signed = sign(
    {
      method: 'POST',
      url: ctx.server.endpoint + '/',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
      body: `Action=DeleteQueue&QueueUrl=${encodeURIComponent(ctx.queueUrl)}&Version=2012-11-05`,
    },
    { credentials: CREDENTIALS, payloadHash: 'UNSIGNED-PAYLOAD' },
  );
  assert.equal(queryError(await send(signed)), {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: MISMATCH,
  });
  assert.equal(await queueStillThere(ctx.server), [ctx.queueUrl]);
});

function jsonRequest(server: SqsServer, action: string, input: unknown): RawRequest {
  return {
    method: 'POST',
    url: server.endpoint + '/',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
    body: JSON.stringify(input),
  };
}

test('#15.4: a request dated 2015 is expired, one dated 2099 not yet current (403, both protocols)', async (ctx) => {
  const old = sign(jsonRequest(ctx.server, 'ListQueues', {}), {
    credentials: CREDENTIALS,
    date: new Date('2015-01-01T00:00:00Z'),
  });
  const res = jsonError(await send(old));
  const body = res.body as { __type: string; message: string };
  assert.equal(
    { status: res.status, __type: body.__type },
    {
      status: 403,
      __type: 'com.amazon.coral.service#SignatureDoesNotMatch',
    },
  );
  assert.match(
    body.message,
    /^Signature expired: 20150101T000000Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
  );
  const future = sign(
    {
      method: 'POST',
      url: ctx.server.endpoint + '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    },
    { credentials: CREDENTIALS, date: new Date('2099-01-01T00:00:00Z') },
  );
  const q = queryError(await send(future));
  assert.equal({ status: q.status, code: q.code }, { status: 403, code: 'SignatureDoesNotMatch' });
  assert.match(
    q.message ?? '',
    /^Signature not yet current: 20990101T000000Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
  );
});

test('#15.4: within 15 minutes either way is accepted', async (ctx) => {
  for (const skew of [-14 * 60_000, 14 * 60_000]) {
    const req = sign(jsonRequest(ctx.server, 'ListQueues', {}), {
      credentials: CREDENTIALS,
      date: new Date(Date.now() + skew),
    });
    assert.equal(jsonError(await send(req)), { status: 200, body: { QueueUrls: [ctx.queueUrl] } });
  }
});

test('#15.4: a Date header may carry the time instead of X-Amz-Date, in the same window', async (ctx) => {
  const req = jsonRequest(ctx.server, 'ListQueues', {});
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  assert.equal(jsonError(await send(sign(req, { credentials: CREDENTIALS, httpDate: true, date: now }))), {
    status: 200,
    body: { QueueUrls: [ctx.queueUrl] },
  });
  const old = sign(req, { credentials: CREDENTIALS, httpDate: true, date: new Date('2015-01-01T00:00:00Z') });
  assert.is(jsonError(await send(old)).status, 403);
});

test('#15.4: host, the date and X-Amz-Target must be signed (IncompleteSignature, 400)', async (ctx) => {
  const req = jsonRequest(ctx.server, 'ListQueues', {});
  const cases: [string[], string][] = [
    [
      ['content-type', 'x-amz-date', 'x-amz-target'],
      `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`,
    ],
    [
      ['content-type', 'host', 'x-amz-date'],
      `'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.`,
    ],
    [
      ['content-type', 'host', 'x-amz-target'],
      `'X-Amz-Date' or 'Date' must be a 'SignedHeader' in the AWS Authorization.`,
    ],
  ];
  for (const [signed, message] of cases) {
    assert.equal(jsonError(await send(sign(req, { credentials: CREDENTIALS, signed }))), {
      status: 400,
      body: { __type: 'com.amazon.coral.service#IncompleteSignatureException', message },
    });
  }
});

test('#15.4: the scope must name this region and the service that answers', async (ctx) => {
  const req = jsonRequest(ctx.server, 'ListQueues', {});
  assert.equal(jsonError(await send(sign(req, { credentials: CREDENTIALS, region: 'eu-west-1' }))), {
    status: 403,
    body: {
      __type: 'com.amazon.coral.service#SignatureDoesNotMatch',
      message: `Credential should be scoped to a valid region, not 'eu-west-1'. `,
    },
  });
  assert.equal(jsonError(await send(sign(req, { credentials: CREDENTIALS, service: 'monitoring' }))), {
    status: 403,
    body: {
      __type: 'com.amazon.coral.service#SignatureDoesNotMatch',
      message: `Credential should be scoped to correct service: 'sqs'. `,
    },
  });
});

test('#15.4: a request the test signs right is accepted (the signer is not the one refusing)', async (ctx) => {
  const req = sign(jsonRequest(ctx.server, 'ListQueues', {}), { credentials: CREDENTIALS });
  assert.equal(jsonError(await send(req)), { status: 200, body: { QueueUrls: [ctx.queueUrl] } });
});

test.run();
