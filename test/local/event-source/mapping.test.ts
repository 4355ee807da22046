import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  startEventSourceMapping,
  type EventSourceMappingOptions,
  type SqsEvent,
} from '../../../local/event-source/index.js';
import type { InvokeOutcome } from '../../../local/lambda/index.js';
import { until } from '../../helpers/time/until.js';
import { startTestSqs, type TestSqs } from '../../helpers/sqs/server.js';

const test = suite<{ server: TestSqs }>('mapping', {} as { server: TestSqs });
test.before(async (ctx) => {
  ctx.server = await startTestSqs();
});
test.after(async (ctx) => {
  await ctx.server.close();
});

let queues = 0;
type Behaviour = (event: SqsEvent, call: number) => InvokeOutcome | Promise<InvokeOutcome>;

/** A fresh queue holding `bodies`, a mapping on it, and the events the function received. */
async function run(
  server: TestSqs,
  bodies: string[],
  behaviour: Behaviour,
  options: Partial<EventSourceMappingOptions> = {},
  queueAttributes: Record<string, string> = { VisibilityTimeout: '1' },
) {
  const { queueUrl, queueArn } = await server.createQueue(`q${++queues}`, queueAttributes);
  const ids = await server.send(
    queueUrl,
    bodies.map((MessageBody) => ({ MessageBody })),
  );
  const events: SqsEvent[] = [];
  const mapping = startEventSourceMapping({
    sqs: server.sqs,
    queueUrl,
    queueArn,
    region: 'us-east-1',
    waitTimeSeconds: 1,
    retryBaseMs: 10,
    ...options,
    invoke: async (event) => {
      events.push(event);
      return behaviour(event, events.length);
    },
  });
  const bodiesOf = (event: SqsEvent | undefined) => (event?.Records ?? []).map((r) => r.body);
  const emptied = () => until('an empty queue', async () => (await server.depth(queueUrl)) === 0);
  return { queueUrl, ids, events, mapping, bodiesOf, emptied };
}

const success: Behaviour = () => ({ ok: true, result: null });
const bodies = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

test('batches never exceed BatchSize; every message is delivered and then deleted', async ({ server }) => {
  const sent = bodies(25);
  const { events, mapping, emptied } = await run(server, sent, success, { batchSize: 10 });
  try {
    await until('25 records delivered', () => events.reduce((n, e) => n + e.Records.length, 0) >= 25);
    await emptied();
    assert.ok(events.every((e) => e.Records.length >= 1 && e.Records.length <= 10));
    assert.equal(events.flatMap((e) => e.Records.map((r) => r.body)).sort(), [...sent].sort());
    assert.equal(
      { ...mapping.stats(), pollers: 0, maxInFlight: 0 },
      {
        pollers: 0,
        inFlight: 0,
        maxInFlight: 0,
        received: 25,
        invocations: events.length,
        succeeded: 25,
        failed: 0,
        filtered: 0,
        sqsErrors: 0,
      },
    );
  } finally {
    await mapping.stop();
  }
});

test('the batching window gathers several receives into one batch', async ({ server }) => {
  const { events, mapping, emptied } = await run(server, bodies(25), success, {
    batchSize: 25,
    maximumBatchingWindowInSeconds: 1,
  });
  try {
    await emptied();
    assert.equal(
      events.map((e) => e.Records.length),
      [25],
    );
  } finally {
    await mapping.stop();
  }
});

test('a backlog adds pollers; a steady flow after it brings them back to one', async ({ server }) => {
  const { queueUrl, queueArn } = await server.createQueue(`q${++queues}`, { VisibilityTimeout: '5' });
  // A client of its own, to count the mapping's ReceiveMessage calls.
  const endpoint = await server.sqs.config.endpoint!();
  const sqs = new SQSClient({
    endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let receives = 0;
  sqs.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'ReceiveMessageCommand') receives++;
      return next(args);
    },
    { step: 'initialize' },
  );
  const sizes: number[] = [];
  let peakPollers = 0;
  const mapping = startEventSourceMapping({
    sqs,
    queueUrl,
    queueArn,
    region: 'us-east-1',
    // Lambda's 20 s long poll: an idle poller would retire only after 20 s of empty polls.
    waitTimeSeconds: 20,
    batchSize: 10,
    maximumBatchingWindowInSeconds: 2,
    invoke: async (event) => {
      peakPollers = Math.max(peakPollers, mapping.stats().pollers);
      sizes.push(event.Records.length);
      // Slow enough that the backlog is still there when the next poller asks.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ok: true, result: null };
    },
  });
  const processed = () => sizes.reduce((a, b) => a + b, 0);
  try {
    await server.send(
      queueUrl,
      bodies(60, 'b').map((MessageBody) => ({ MessageBody })),
    );
    await until('60 processed', () => processed() === 60);
    assert.ok(peakPollers > 1, `the backlog of 60 brought ${peakPollers} poller(s)`);

    // Then 100 messages, one every 4 ms: never 10 waiting at once, so never a backlog.
    const receivesBefore = receives;
    for (let i = 0; i < 100; i++) {
      await server.send(queueUrl, [{ MessageBody: `s${i}` }]);
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
    await until('160 processed', () => processed() === 160);
    // Pollers that asked and found no backlog have retired, long before any 20 s poll ran empty.
    await until('one poller left', () => mapping.stats().pollers === 1, 1500);
    const flowReceives = receives - receivesBefore;
    // One receive per message would be 100; one per batch, 10.
    assert.ok(flowReceives <= 80, `${flowReceives} ReceiveMessage calls for a flow of 100 messages`);
  } finally {
    await mapping.stop();
    sqs.destroy();
  }
});

test('with ReportBatchItemFailures only the reported record comes back', async ({ server }) => {
  const { events, mapping, bodiesOf, emptied } = await run(
    server,
    ['a', 'b', 'c'],
    (event, call) => {
      const b = event.Records.find((r) => r.body === 'b');
      return {
        ok: true,
        result: { batchItemFailures: call === 1 && b ? [{ itemIdentifier: b.messageId }] : [] },
      };
    },
    { functionResponseTypes: ['ReportBatchItemFailures'], batchSize: 3 },
  );
  try {
    await emptied();
    assert.equal(events.map(bodiesOf), [['a', 'b', 'c'], ['b']]);
    assert.is(events[1]?.Records[0]?.attributes['ApproximateReceiveCount'], '2');
  } finally {
    await mapping.stop();
  }
});

test('a malformed itemIdentifier, or a function error, fails the whole batch', async ({ server }) => {
  const firstCall: InvokeOutcome[] = [
    { ok: true, result: { batchItemFailures: [{ itemIdentifier: '' }] } },
    { ok: true, result: { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] } },
    { ok: false, error: { errorType: 'Error', errorMessage: 'boom' } },
  ];
  for (const outcome of firstCall) {
    const reports: unknown[] = [];
    const { events, mapping, bodiesOf, emptied } = await run(
      server,
      ['a', 'b'],
      (_event, call) => (call === 1 ? outcome : { ok: true, result: null }),
      {
        functionResponseTypes: ['ReportBatchItemFailures'],
        batchSize: 2,
        onBatch: (r) => reports.push({ ...r, durationMs: 0 }),
      },
    );
    try {
      await emptied();
      assert.equal(events.map(bodiesOf), [
        ['a', 'b'],
        ['a', 'b'],
      ]);
      assert.equal(
        events[1]?.Records.map((r) => r.attributes['ApproximateReceiveCount']),
        ['2', '2'],
      );
      assert.equal((reports[0] as { outcome: string }).outcome, 'failure');
      assert.equal((reports[1] as { outcome: string }).outcome, 'success');
    } finally {
      await mapping.stop();
    }
  }
});

test('messages that match no filter are deleted without invoking the function', async ({ server }) => {
  const sent = ['{"type":"order","n":1}', 'not json', '{"type":"refund"}', '{"type":"order","n":2}'];
  const { events, mapping, emptied } = await run(server, sent, success, {
    filterCriteria: { Filters: [{ Pattern: '{"body":{"type":["order"]}}' }] },
  });
  try {
    await emptied();
    assert.equal(events.flatMap((e) => e.Records.map((r) => r.body)).sort(), [sent[0], sent[3]].sort());
    const stats = mapping.stats();
    assert.equal([stats.filtered, stats.succeeded], [2, 2]);
  } finally {
    await mapping.stop();
  }
});

test('concurrent invocations never exceed MaximumConcurrency, and pollers scale up to it', async ({
  server,
}) => {
  let concurrent = 0;
  let peak = 0;
  const { mapping, emptied } = await run(
    server,
    bodies(30),
    async () => {
      peak = Math.max(peak, ++concurrent);
      await new Promise((resolve) => setTimeout(resolve, 20));
      concurrent--;
      return { ok: true, result: null };
    },
    { batchSize: 1, maximumConcurrency: 3 },
  );
  try {
    await emptied();
    assert.is(peak, 3);
    assert.is(mapping.stats().maxInFlight, 3);
    assert.is(mapping.stats().succeeded, 30);
    // Idle pollers retire once their polls come back empty.
    await until('one poller left', () => mapping.stats().pollers === 1, 5000);
  } finally {
    await mapping.stop();
  }
});

test('a slow invocation does not hold up a message sent while it runs', async ({ server }) => {
  let releaseSlow: (value: InvokeOutcome) => void = () => undefined;
  const invokedAt = new Map<string, number>();
  // The template's shape: batches of up to 10, no window, so a lone message is a partial batch (no
  // backlog), and it reaches a mapping that is already listening on an empty queue.
  const { queueUrl, mapping, emptied } = await run(
    server,
    [],
    (event) => {
      const body = event.Records[0]!.body;
      invokedAt.set(body, Date.now());
      if (body === 'slow') return new Promise<InvokeOutcome>((resolve) => (releaseSlow = resolve));
      return { ok: true, result: null };
    },
    { batchSize: 10, maximumBatchingWindowInSeconds: 0, maximumConcurrency: 5, waitTimeSeconds: 20 },
    { VisibilityTimeout: '30' },
  );
  try {
    await until('one poller', () => mapping.stats().pollers === 1);
    await server.send(queueUrl, [{ MessageBody: 'slow' }]);
    await until("'slow' invoked", () => invokedAt.has('slow'));
    const sentAt = Date.now();
    await server.send(queueUrl, [{ MessageBody: 'fast' }]);
    // With one poller, 'fast' would wait until 'slow' returns, which it does only when released.
    await until("'fast' invoked", () => invokedAt.has('fast'), 3000);
    assert.ok(
      invokedAt.get('fast')! - sentAt < 1000,
      `fast invoked ${invokedAt.get('fast')! - sentAt} ms after its send`,
    );
    releaseSlow({ ok: true, result: null });
    await emptied();
  } finally {
    releaseSlow({ ok: true, result: null });
    await mapping.stop();
  }
});

test('stop() waits for the invocation in flight, which still gets its batch deleted', async ({ server }) => {
  let release: (value: InvokeOutcome) => void = () => undefined;
  const { events, mapping, emptied } = await run(
    server,
    ['only'],
    () => new Promise<InvokeOutcome>((resolve) => (release = resolve)),
  );
  await until('the one event', () => events.length === 1);
  let stopped = false;
  const stopping = mapping.stop().then(() => (stopped = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.is(stopped, false);
  release({ ok: true, result: null });
  await stopping;
  assert.equal(mapping.stats().pollers, 0);
  await emptied();
});

test('Enabled: false polls nothing; SQS errors are retried, counted, and never crash', async ({ server }) => {
  const disabled = await run(server, ['x'], success, { enabled: false });
  assert.equal(disabled.mapping.stats().pollers, 0);
  await disabled.mapping.stop();
  assert.is(await server.depth(disabled.queueUrl), 1);

  const errors: string[] = [];
  const broken = startEventSourceMapping({
    sqs: server.sqs,
    queueUrl: `${disabled.queueUrl}-missing`,
    queueArn: 'arn:aws:sqs:us-east-1:123456789012:missing',
    region: 'us-east-1',
    retryBaseMs: 5,
    invoke: async () => ({ ok: true, result: null }),
    onError: (_error, action) => errors.push(action),
  });
  await until('3 SQS errors', () => broken.stats().sqsErrors >= 3);
  await broken.stop();
  assert.ok(errors.every((a) => a === 'ReceiveMessage'));
});

test('options are checked at start, with messages that name the option', () => {
  const base = {
    sqs: {} as never,
    queueUrl: 'u',
    queueArn: 'a',
    region: 'r',
    invoke: async () => ({ ok: true as const, result: null }),
  };
  const cases: [Partial<EventSourceMappingOptions>, RegExp][] = [
    [{ batchSize: 0 }, /BatchSize must be an integer from 1 to 10000/],
    [{ batchSize: 50 }, /BatchSize above 10 needs MaximumBatchingWindowInSeconds/],
    [{ maximumConcurrency: 1 }, /ScalingConfig.MaximumConcurrency must be an integer from 2 to 1000/],
    [{ functionResponseTypes: ['Nope'] }, /FunctionResponseTypes may only hold "ReportBatchItemFailures"/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => startEventSourceMapping({ ...base, ...options }), message);
  }
});

test.run();
