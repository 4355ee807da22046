import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  EventSourceError,
  launchMappingThread,
  type BatchReport,
  type SqsEvent,
} from '../../../local/event-source/index.js';
import {
  startMappingThread,
  type MappingThread,
  type MappingThreadOptions,
  type ThreadedMapping,
} from '../../../local/event-source/thread.js';
import { until } from '../../helpers/time/until.js';
import { startTestSqs, type TestSqs } from '../../helpers/sqs/server.js';

const test = suite<{ server: TestSqs; endpoint: string }>(
  'mappings in a thread',
  {} as { server: TestSqs; endpoint: string },
);
test.before(async (ctx) => {
  ctx.server = await startTestSqs();
  const e = await ctx.server.sqs.config.endpoint!();
  ctx.endpoint = `${e.protocol}//${e.hostname}:${e.port}`;
});
test.after(async (ctx) => {
  await ctx.server.close();
});

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A thread with one mapping per entry, each on its queue (`q`), polling with 1 s long polls. */
function threadFor(
  endpoint: string,
  mappings: ({ q: { queueUrl: string; queueArn: string } } & Partial<ThreadedMapping>)[],
  extra: Pick<MappingThreadOptions, 'restartMs' | 'onThreadError'> = {},
) {
  return startMappingThread({
    ...extra,
    endpoint,
    region: 'us-east-1',
    credentials,
    mappings: mappings.map(({ q, ...rest }) => ({
      queueUrl: q.queueUrl,
      queueArn: q.queueArn,
      region: 'us-east-1',
      waitTimeSeconds: 1,
      invoke: async () => ({ ok: true, result: null }),
      ...rest,
    })),
  });
}

test('the thread polls, the main thread invokes, the thread deletes what succeeded', async ({
  server,
  endpoint,
}) => {
  const a = await server.createQueue('thread-a', { VisibilityTimeout: '5' });
  const b = await server.createQueue('thread-b', { VisibilityTimeout: '1' });
  await server.send(
    a.queueUrl,
    ['a1', 'a2', 'a3'].map((MessageBody) => ({ MessageBody })),
  );
  await server.send(b.queueUrl, [{ MessageBody: 'b1' }]);
  const bodies: Record<string, string[]> = { a: [], b: [] };
  const reports: BatchReport[] = [];
  let bFailures = 0;
  const thread = await threadFor(endpoint, [
    {
      q: a,
      invoke: async (event: SqsEvent) => {
        bodies.a!.push(...event.Records.map((r) => r.body));
        return { ok: true, result: null };
      },
      onBatch: (report) => reports.push(report),
    },
    {
      q: b,
      // The first invocation fails: the record stays and comes back after its visibility timeout.
      invoke: async (event: SqsEvent) => {
        if (bFailures++ === 0) return { ok: false, error: { errorType: 'Error', errorMessage: 'boom' } };
        bodies.b!.push(...event.Records.map((r) => `${r.body}:${r.attributes.ApproximateReceiveCount}`));
        return { ok: true, result: null };
      },
    },
  ]);
  try {
    await until('3 bodies from a, 1 from b', () => bodies.a!.length === 3 && bodies.b!.length === 1, 8000);
    assert.equal([...bodies.a!].sort(), ['a1', 'a2', 'a3']);
    assert.equal(bodies.b, ['b1:2']);
    await until(
      'both queues empty',
      async () => (await server.depth(a.queueUrl)) === 0 && (await server.depth(b.queueUrl)) === 0,
    );
    assert.is(
      reports.reduce((n, r) => n + r.succeeded, 0),
      3,
    );
    assert.ok(reports.every((r) => r.outcome === 'success'));
  } finally {
    await thread.stop();
  }
});

test('an invocation that rejects on the main thread fails its batch, which comes back', async ({
  server,
  endpoint,
}) => {
  const q = await server.createQueue('thread-reject', { VisibilityTimeout: '1' });
  await server.send(q.queueUrl, [{ MessageBody: 'r1' }]);
  const reports: BatchReport[] = [];
  let calls = 0;
  const thread = await threadFor(endpoint, [
    {
      q,
      invoke: async () => {
        if (calls++ === 0) throw new Error('no environment');
        return { ok: true, result: null };
      },
      onBatch: (report) => reports.push(report),
    },
  ]);
  try {
    await until('2 batch reports', () => reports.length === 2, 8000);
    assert.equal(
      reports.map((r) => [r.outcome, r.reason]),
      [
        ['failure', 'InvokeError: no environment'],
        ['success', undefined],
      ],
    );
    await until('an empty queue', async () => (await server.depth(q.queueUrl)) === 0);
  } finally {
    await thread.stop();
  }
});

test('a thread that dies is started again; the batch it held comes back and is processed', async ({
  server,
  endpoint,
}) => {
  const q = await server.createQueue('thread-crash', { VisibilityTimeout: '1' });
  await server.send(q.queueUrl, [{ MessageBody: 'c1' }]);
  const seen: string[] = [];
  const threadErrors: string[] = [];
  const started: Promise<MappingThread> = threadFor(
    endpoint,
    [
      {
        q,
        invoke: async (event: SqsEvent) => {
          seen.push(...event.Records.map((r) => `${r.body}:${r.attributes.ApproximateReceiveCount}`));
          // The first batch's thread dies before this answer reaches it: nothing deletes c1.
          if (seen.length === 1) await (await started).terminate();
          return { ok: true, result: null };
        },
      },
    ],
    { restartMs: 50, onThreadError: (error) => threadErrors.push(String(error)) },
  );
  const thread = await started;
  try {
    await until('2 receives of c1', () => seen.length >= 2, 8000);
    assert.equal(seen.slice(0, 2), ['c1:1', 'c1:2']);
    assert.ok(
      threadErrors.some((e) => e.includes("the mappings' thread exited with code 1; restarting it")),
      threadErrors.join('\n'),
    );
    // The restarted thread keeps polling: a message sent now is processed and deleted too.
    await server.send(q.queueUrl, [{ MessageBody: 'c2' }]);
    await until('c2 seen', () => seen.includes('c2:1'), 8000);
    await until('an empty queue', async () => (await server.depth(q.queueUrl)) === 0);
  } finally {
    await thread.stop();
  }
});

test('a bad option is refused before any thread starts, naming the option', async ({ server, endpoint }) => {
  const q = await server.createQueue('thread-bad');
  try {
    await threadFor(endpoint, [{ q, batchSize: 11 }]);
    assert.unreachable('started');
  } catch (error) {
    assert.instance(error, EventSourceError);
    assert.is((error as EventSourceError).code, 'InvalidMapping');
    assert.match((error as Error).message, 'BatchSize above 10 needs MaximumBatchingWindowInSeconds');
  }
});

test("SQS errors in the thread reach the mapping's onError with the action", async ({ server, endpoint }) => {
  const q = await server.createQueue('thread-err');
  const errors: [string, string][] = [];
  const thread = await threadFor(endpoint, [
    {
      q: { queueUrl: `${q.queueUrl}-missing`, queueArn: `${q.queueArn}-missing` },
      retryBaseMs: 5,
      onError: (error, action) => errors.push([action, (error as Error).name]),
    },
  ]);
  try {
    await until('2 errors', () => errors.length >= 2);
    assert.equal(errors[0], ['ReceiveMessage', 'QueueDoesNotExist']);
  } finally {
    await thread.stop();
  }
});

test('a thread launched but never started ends on cancel, and start after it is refused', async () => {
  const launcher = launchMappingThread();
  await launcher.cancel();
  try {
    await launcher.start({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials, mappings: [] });
    assert.unreachable('started');
  } catch (error) {
    assert.match((error as Error).message, "the mappings' thread exited");
  }
});

test.run();
