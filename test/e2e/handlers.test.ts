// A test template (test/fixtures/runtime) whose tiny handler sleeps, crashes or throws on demand
// and logs every event it gets: timeouts and crashes end the invocation, never the runtime, and
// the events the runtime delivers have the shapes of the captured API Gateway and SQS events.
import { readFileSync } from 'node:fs';
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiGatewayEventV2 } from '../../local/gateway/index.js';
import type { SqsEvent, SqsRecord } from '../../local/event-source/index.js';
import { FIXTURE_TEMPLATE, startTestRuntime, type TestRuntime } from '../helpers/runtime/runtime.js';
import { until } from '../helpers/time/until.js';
import { fixtureRequest, rawRequest } from '../helpers/gateway/harness.js';

const fixture = <T>(path: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as T;

const handlers = suite<{ t: TestRuntime; port: number }>('handlers', { t: undefined as never, port: 0 });

handlers.before(async (ctx) => {
  ctx.t = await startTestRuntime(FIXTURE_TEMPLATE);
  ctx.port = Number(new URL(ctx.t.runtime.endpoints.api!).port);
});

handlers.after(async (ctx) => {
  await ctx.t?.stop();
});

const post = (port: number, body: string) =>
  rawRequest(port, 'POST', '/prod/items/1', [['Content-Type', 'text/plain']], body);

/** The events the worker logged, in order. */
function events(t: TestRuntime): unknown[] {
  return t.logs
    .filter((r) => r.functionName === 'worker' && r.message.includes('EVENT '))
    .map((r) => JSON.parse(r.message.slice(r.message.indexOf('EVENT ') + 6)) as unknown);
}

handlers('warnings name a short visibility timeout and the types not played; outputs are local', ({ t }) => {
  assert.equal(t.runtime.warnings, [
    'warning: VisibilityTimeout (1 s) is less than 6 x Worker.Timeout (1 s) + Mapping.MaximumBatchingWindowInSeconds (0 s) = 6 s, the least AWS recommends for Mapping: a message can become visible again while its batch still runs',
    'warning: the local runtime does not play these resource types, which are ignored: AWS::DynamoDB::Table (Table)',
  ]);
  assert.equal(t.runtime.outputs, {
    ApiUrl: `${t.runtime.endpoints.api}/prod`,
    QueueUrl: `${t.runtime.endpoints.sqs}/000000000000/shape`,
    DlqUrl: `${t.runtime.endpoints.sqs}/000000000000/shape-dlq`,
  });
});

handlers('the HTTP event matches the captured payload format 2.0 event', async ({ t, port }) => {
  const expected = fixture<ApiGatewayEventV2>('gateway/http-api-v2-event.json');
  const res = await fixtureRequest(port);
  assert.is(res.status, 200);
  const event = structuredClone(events(t).at(-1)) as ApiGatewayEventV2;
  assert.equal(
    [event.requestContext.accountId, event.requestContext.apiId],
    ['000000000000', t.runtime.model.resources.find((r) => r.logicalId === 'Api')!.ref],
  );
  event.headers.host = event.headers.host!.replace(String(port), '<port>');
  event.headers['x-forwarded-port'] = '<port>';
  event.headers['x-amzn-trace-id'] = '<trace-id>';
  Object.assign(event.requestContext, {
    accountId: expected.requestContext.accountId,
    apiId: expected.requestContext.apiId,
    requestId: '<request-id>',
    time: '<time>',
    timeEpoch: 0,
  });
  assert.equal(event, expected);
});

handlers(
  'the SQS event matches the captured event, attributes and message attributes included',
  async ({ t }) => {
    const expected = fixture<SqsEvent>('event-source/sqs-event.json');
    await t.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: t.runtime.outputs.QueueUrl,
        Entries: [
          {
            Id: 'a',
            MessageBody: '{"type":"order.created","data":{"orderId":"o-1"}}',
            MessageAttributes: {
              type: { DataType: 'String', StringValue: 'order.created' },
              attempt: { DataType: 'Number', StringValue: '3' },
              signature: { DataType: 'Binary', BinaryValue: Buffer.from('sig') },
            },
          },
          { Id: 'b', MessageBody: 'plain text' },
        ],
      }),
    );
    const records = await until('both records', () => {
      const got = events(t).flatMap((e) => (e as Partial<SqsEvent>).Records ?? []);
      return got.length === 2 ? got : undefined;
    });
    const normalised = records.map((r: SqsRecord) => ({
      ...r,
      messageId: '<message-id>',
      receiptHandle: '<receipt-handle>',
      attributes: {
        ...r.attributes,
        SentTimestamp: '<sent>',
        SenderId: '<sender-id>',
        ApproximateFirstReceiveTimestamp: '<first-receive>',
      },
    }));
    normalised.sort((a, b) => (a.body === 'plain text' ? 1 : 0) - (b.body === 'plain text' ? 1 : 0));
    assert.equal({ Records: normalised }, expected);
  },
);

handlers(
  'a handler past its Timeout: 500 from the API, the timeout in the log, the next call works',
  async (ctx) => {
    const res = await post(ctx.port, 'sleep 3000');
    assert.equal([res.status, res.body], [500, '{"message":"Internal Server Error"}']);
    const timedOut = ctx.t.logs.find(
      (r) => r.functionName === 'worker' && r.message.includes('Task timed out after 1.00 seconds'),
    );
    assert.ok(timedOut, 'the timeout line is in the function log');
    const next = await post(ctx.port, 'fine');
    assert.is(next.status, 200);
  },
);

handlers('a handler that crashes its environment: 500, then a fresh environment answers', async (ctx) => {
  await post(ctx.port, 'warm');
  const warm = JSON.parse((await post(ctx.port, 'warm')).body) as { invocations: number };
  assert.ok(warm.invocations >= 2, 'warm invocations share module state');
  const res = await post(ctx.port, 'crash');
  assert.equal([res.status, res.body], [500, '{"message":"Internal Server Error"}']);
  const after = JSON.parse((await post(ctx.port, 'fresh')).body) as { invocations: number };
  assert.equal(after, { invocations: 1 });
  const thrown = await post(ctx.port, 'throw');
  assert.is(thrown.status, 500);
});

handlers(
  'a message whose handler crashes comes back, then moves to the DLQ after maxReceiveCount',
  async ({ t }) => {
    const before = t.logs.length;
    await t.sqs.send(new SendMessageCommand({ QueueUrl: t.runtime.outputs.QueueUrl, MessageBody: 'crash' }));
    const { Messages = [] } = await until('the crashing message in the DLQ', async () => {
      const got = await t.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: t.runtime.outputs.DlqUrl,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          WaitTimeSeconds: 1,
        }),
      );
      return got.Messages?.length ? got : undefined;
    });
    assert.equal(
      Messages.map((m) => m.Body),
      ['crash'],
    );
    const crashes = t.logs
      .slice(before)
      .filter((r) => r.functionName === 'worker' && r.message.includes('Runtime exited with error'));
    assert.is(crashes.length, 2, 'received twice (maxReceiveCount 2), crashed twice');
  },
);

handlers.run();
