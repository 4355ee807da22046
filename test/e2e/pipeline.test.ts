// The real template and the built bundles, played by the local runtime, driven through real HTTP
// and the real SDK: what a new user gets from `npm start`.
import {
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { order, postJson, startTestRuntime, TEMPLATE, type TestRuntime } from '../helpers/runtime/runtime.js';
import { until } from '../helpers/time/until.js';

// Batches go out at once and a failed receive comes back after 1 s, so retries take seconds.
const FAST = [
  'MaximumBatchingWindowInSeconds=0',
  'QueueVisibilityTimeout=1',
  'ConsumerTimeout=1',
  'MaxReceiveCount=3',
];

const pipeline = suite<{ t: TestRuntime; api: string; queueUrl: string; dlqUrl: string }>('pipeline', {
  t: undefined as never,
  api: '',
  queueUrl: '',
  dlqUrl: '',
});

pipeline.before(async (ctx) => {
  ctx.t = await startTestRuntime(TEMPLATE, FAST);
  ctx.api = ctx.t.runtime.outputs.ApiUrl!;
  ctx.queueUrl = ctx.t.runtime.outputs.QueueUrl!;
  ctx.dlqUrl = ctx.t.runtime.outputs.DlqUrl!;
});

pipeline.after(async (ctx) => {
  await ctx.t?.stop();
});

/** The consumer's one outcome line for a correlation id, once it is there. */
function consumerLine(t: TestRuntime, correlationId: string, outcome: string) {
  return until(`the consumer's ${outcome} line for ${correlationId}`, () =>
    t.json('ferry-consumer').find((l) => l.correlationId === correlationId && l.outcome === outcome),
  );
}

pipeline('outputs point at the local endpoints', ({ t }) => {
  const { endpoints, outputs } = t.runtime;
  assert.equal(
    {
      ApiUrl: outputs.ApiUrl,
      QueueUrl: outputs.QueueUrl,
      DlqUrl: outputs.DlqUrl,
      QueueArn: outputs.QueueArn,
    },
    {
      ApiUrl: endpoints.api,
      QueueUrl: `${endpoints.sqs}/000000000000/ferry-messages`,
      DlqUrl: `${endpoints.sqs}/000000000000/ferry-messages-dlq`,
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:ferry-messages',
    },
  );
});

pipeline(
  'a valid message: 202, then the consumer logs it processed with the same correlation id',
  async (ctx) => {
    const res = await postJson(`${ctx.api}/messages`, order(), { 'x-correlation-id': 'e2e-single-1' });
    const body = res.body as { messageId: string };
    assert.equal(res.body, {
      messageId: body.messageId,
      correlationId: 'e2e-single-1',
      type: 'order.created',
    });
    assert.is(res.status, 202);
    const line = await consumerLine(ctx.t, 'e2e-single-1', 'processed');
    assert.equal(
      { messageId: line.messageId, type: line.type, receiveCount: line.receiveCount, service: line.service },
      { messageId: body.messageId, type: 'order.created', receiveCount: 1, service: 'ferry-consumer' },
    );
  },
);

pipeline('a batch of three: 202 with three results, each processed', async (ctx) => {
  const messages = [order({ orderId: 'ord_b1' }), order({ orderId: 'ord_b2' }), order({ orderId: 'ord_b3' })];
  const res = await postJson(`${ctx.api}/messages/batch`, { messages }, { 'x-correlation-id': 'e2e-batch' });
  assert.is(res.status, 202);
  const results = (res.body as { results: { index: number; outcome: string; messageId: string }[] }).results;
  assert.equal(
    results.map((r) => [r.index, r.outcome]),
    [
      [0, 'accepted'],
      [1, 'accepted'],
      [2, 'accepted'],
    ],
  );
  const ids = await until('three processed lines', () => {
    const done = ctx.t
      .json('ferry-consumer')
      .filter((l) => l.outcome === 'processed' && results.some((r) => r.messageId === l.messageId));
    return done.length === 3 ? done.map((l) => l.messageId).sort() : undefined;
  });
  assert.equal(ids, results.map((r) => r.messageId).sort());
});

pipeline('invalid input is answered by the producer, and nothing is queued', async (ctx) => {
  const res = await postJson(
    `${ctx.api}/messages`,
    order({ items: [{ sku: 'MUG-01', quantity: 0, unitPrice: 12.5 }] }),
    { 'x-correlation-id': 'e2e-invalid' },
  );
  assert.is(res.status, 422);
  const body = res.body as { error: string; correlationId: string; violations: { path: string }[] };
  assert.equal(
    { error: body.error, correlationId: body.correlationId, paths: body.violations.map((v) => v.path) },
    { error: 'invalid-data', correlationId: 'e2e-invalid', paths: ['/items/0/quantity'] },
  );
  const malformed = await postJson(`${ctx.api}/messages`, '{"type":', {
    'x-correlation-id': 'e2e-malformed',
  });
  assert.equal([malformed.status, (malformed.body as { error: string }).error], [400, 'malformed-json']);
  const rejected = ctx.t.json('ferry-producer').filter((l) => String(l.correlationId).startsWith('e2e-'));
  assert.equal(
    rejected.filter((l) => l.outcome === 'rejected').map((l) => [l.correlationId, l.reason]),
    [
      ['e2e-invalid', 'invalid-data'],
      ['e2e-malformed', 'malformed-json'],
    ],
  );
});

pipeline(
  'a message that fails transiently twice is retried and processed on the third receive',
  async (ctx) => {
    const res = await postJson(`${ctx.api}/messages`, order({ simulateTransientFailures: 2 }), {
      'x-correlation-id': 'e2e-transient',
    });
    assert.is(res.status, 202);
    const line = await consumerLine(ctx.t, 'e2e-transient', 'processed');
    const story = ctx.t
      .json('ferry-consumer')
      .filter((l) => l.correlationId === 'e2e-transient')
      .map((l) => [l.outcome, l.receiveCount]);
    assert.equal(story, [
      ['failed', 1],
      ['failed', 2],
      ['processed', 3],
    ]);
    assert.is(line.messageId, (res.body as { messageId: string }).messageId);
  },
);

pipeline('a poison message lands in the DLQ with its reason', async (ctx) => {
  await ctx.t.sqs.send(
    new SendMessageCommand({
      QueueUrl: ctx.queueUrl,
      MessageBody: 'not json',
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'e2e-poison' } },
    }),
  );
  await consumerLine(ctx.t, 'e2e-poison', 'dead-lettered');
  const { Messages: [letter] = [] } = await ctx.t.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: ctx.dlqUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
  );
  let parseError = '';
  try {
    JSON.parse('not json');
  } catch (error) {
    parseError = (error as Error).message;
  }
  const text = (v: MessageAttributeValue | undefined) => v?.StringValue;
  const attributes = letter?.MessageAttributes ?? {};
  assert.equal(
    {
      body: letter?.Body,
      attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, text(v)])),
    },
    {
      body: 'not json',
      attributes: {
        correlationId: 'e2e-poison',
        failureReason: `invalid-json: ${parseError}`,
        failedBy: 'ferry-consumer',
      },
    },
  );
});

pipeline('a message in the DLQ is redriven back with StartMessageMoveTask and processed', async (ctx) => {
  const arn = (url: string) => `arn:aws:sqs:us-east-1:000000000000:${url.split('/').pop()}`;
  // Drain what earlier tests left in the DLQ, then put one message there, as a fixed-later failure.
  await ctx.t.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: ctx.dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
  );
  await ctx.t.sqs.send(
    new SendMessageCommand({
      QueueUrl: ctx.dlqUrl,
      MessageBody: JSON.stringify(order({ orderId: 'ord_redrive' })),
      MessageAttributes: {
        correlationId: { DataType: 'String', StringValue: 'e2e-redrive' },
        type: { DataType: 'String', StringValue: 'order.created' },
      },
    }),
  );
  const task = await ctx.t.sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: arn(ctx.dlqUrl), DestinationArn: arn(ctx.queueUrl) }),
  );
  assert.type(task.TaskHandle, 'string');
  const line = await consumerLine(ctx.t, 'e2e-redrive', 'processed');
  assert.equal((line.result as { orderId: string }).orderId, 'ord_redrive');
});

pipeline('the status counts what happened', async (ctx) => {
  const status = await until('an idle queue', async () => {
    const s = await ctx.t.runtime.status();
    return s.inQueue === 0 && s.inFlight === 0 ? s : undefined;
  });
  // accepted: 1 single + 3 batch + 1 transient; processed: those 5 + the redriven one.
  assert.equal(status, { accepted: 5, inQueue: 0, inFlight: 0, processed: 6, inDlq: 1 });
});

pipeline.run();

const throttled = suite('throttling');

throttled('the stage burst and rate from --parameter-overrides answer 429 past the limit', async () => {
  const t = await startTestRuntime(TEMPLATE, [
    ...FAST,
    'ApiThrottlingBurstLimit=2',
    'ApiThrottlingRateLimit=0',
  ]);
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await postJson(`${t.runtime.endpoints.api}/messages`, order())).status);
    assert.equal(statuses, [202, 202, 429, 429]);
    const res = await postJson(`${t.runtime.endpoints.api}/messages`, order());
    assert.equal(res.body, { message: 'Too Many Requests' });
  } finally {
    await t.stop();
  }
});

throttled.run();
