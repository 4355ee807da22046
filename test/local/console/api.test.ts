import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { send } from '../../helpers/fuzz/http.js';
import type { ConsoleStack } from '../../helpers/console/stack.js';
import { STORY_ID, startConsoleStack } from '../../helpers/console/stack.js';

// The console's JSON API over the real local SQS server and in-memory metric and log stores.

const api = suite<{ stack: ConsoleStack }>('console api');

api.before(async (ctx) => {
  ctx.stack = await startConsoleStack();
});
api.after(async (ctx) => {
  await ctx.stack.close();
});

async function call(stack: ConsoleStack, path: string, body?: unknown) {
  const res = await fetch(new URL(path, stack.console.url), {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : {
          // The console page's own proof (local/console/origin.ts).
          headers: {
            'content-type': 'application/json',
            origin: new URL(stack.console.url).origin,
            'x-ferry-console': '1',
          },
          body: JSON.stringify(body),
        }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const visible = async (stack: ConsoleStack, url: string) =>
  Number(
    (
      await stack.client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes?.ApproximateNumberOfMessages,
  );

api('queue stats come from SQS, the oldest age from the AWS/SQS metric', async ({ stack }) => {
  const { status, body } = await call(stack, '/api/queues');
  assert.is(status, 200);
  const queues = body.queues as Record<string, unknown>[];
  assert.equal(
    queues.map(({ arn: _arn, ...q }) => q),
    [
      {
        name: 'ferry-messages',
        url: stack.queueUrl,
        visible: 0,
        inFlight: 0,
        delayed: 0,
        oldestAgeSeconds: 10 + 29,
        dlqName: 'ferry-messages-dlq',
      },
      {
        name: 'ferry-messages-dlq',
        url: stack.dlqUrl,
        visible: 3,
        inFlight: 0,
        delayed: 0,
        oldestAgeSeconds: 10 + 29,
        deadLetterOf: 'ferry-messages',
      },
    ],
  );
});

api('browsing a queue leaves its messages there', async ({ stack }) => {
  const { body } = await call(stack, '/api/queue/messages?name=ferry-messages-dlq');
  const messages = body.messages as { attributes: Record<string, string>; body: string }[];
  assert.equal(messages.map((m) => m.attributes.correlationId).sort(), [
    'cid-dlq-0',
    'cid-dlq-1',
    'cid-dlq-2',
  ]);
  assert.is(await visible(stack, stack.dlqUrl), 3);
});

api('purge needs the typed confirmation; a queue not in the template is refused', async ({ stack }) => {
  assert.equal(await call(stack, '/api/queue/purge?name=ferry-messages', {}), {
    status: 400,
    body: { error: 'to purge, send {"confirm": "purge"}' },
  });
  assert.equal(await call(stack, '/api/queue/purge?name=other', { confirm: 'purge' }), {
    status: 404,
    body: { error: 'no queue named "other" in the template' },
  });
  assert.equal(await call(stack, '/api/queue/purge?name=ferry-messages', { confirm: 'purge' }), {
    status: 200,
    body: { purged: 'ferry-messages' },
  });
  // SQS refuses a second purge within 60 s as the caller's fault: the console says so with SQS's 403.
  const again = await call(stack, '/api/queue/purge?name=ferry-messages', { confirm: 'purge' });
  assert.equal([again.status, String(again.body.error).split(':')[0]], [403, 'PurgeQueueInProgress']);
});

api("a filter pattern CloudWatch Logs would refuse is the caller's error (400), named", async ({ stack }) => {
  const { status, body } = await call(stack, `/api/logs?pattern=${encodeURIComponent('{ $.a = }')}`);
  assert.equal([status, String(body.error).split(':')[0]], [400, 'FilterPatternError']);
});

api(
  'the story of a correlation id: its lines, the invocation lines of its requests, in time order',
  async ({ stack }) => {
    const { body } = await call(stack, `/api/story?id=${STORY_ID}`);
    const entries = body.entries as { stage: string; message: string; fields?: { outcome?: string } }[];
    assert.equal(
      entries.map((e) => [e.stage, e.fields?.outcome ?? e.message.split('\t')[0]]),
      [
        ['producer', 'START RequestId: req-p1 Version: $LATEST'],
        ['producer', 'accepted'],
        ['producer', 'REPORT RequestId: req-p1'],
        ['consumer', 'failed'],
        ['consumer', 'processed'],
      ],
    );
    assert.equal(body.deadLettered, []);
    assert.is((await call(stack, '/api/story?id=a%20b')).status, 400);
  },
);

api(
  '#15.3: backtracking regexes from any page are refused at once, and the console keeps answering',
  async ({ stack }) => {
    const patterns = ['%(.*)*Q%', '%(a+)+$%', `%${'('.repeat(5000)}a${')'.repeat(5000)}%`];
    const [queues, ...searches] = await Promise.all([
      call(stack, '/api/queues'),
      ...patterns.map((p) => call(stack, `/api/logs?pattern=${encodeURIComponent(p)}`)),
    ]);
    assert.is(queues!.status, 200);
    assert.equal(
      searches.map((r) => [r.status, String(r.body.error).split(': ').slice(0, 2).join(': ')]),
      [
        [400, 'FilterPatternError: Invalid filter pattern'],
        [400, 'FilterPatternError: Invalid filter pattern'],
        [400, 'FilterPatternError: Invalid filter pattern'],
      ],
    );
    const ok = await call(stack, `/api/logs?pattern=${encodeURIComponent('%outcome.:.processed%')}`);
    assert.is(ok.status, 200);
  },
);

api('log search takes a CloudWatch filter pattern', async ({ stack }) => {
  const { body } = await call(
    stack,
    `/api/logs?pattern=${encodeURIComponent('{ $.outcome = "processed" }')}`,
  );
  const events = body.events as { message: string }[];
  assert.equal(
    events.map((e) => (JSON.parse(e.message) as { correlationId: string }).correlationId),
    [STORY_ID, 'someone-else'],
  );
});

api('the send form posts through the API with the correlation id', async ({ stack }) => {
  const data = {
    orderId: 'ord_1',
    customerId: 'cus_1',
    currency: 'EUR',
    items: [{ sku: 'A', quantity: 1, unitPrice: 1 }],
  };
  const { status, body } = await call(stack, '/api/send', {
    type: 'order.created',
    data,
    correlationId: 'cid-form-1',
  });
  assert.is(status, 200);
  assert.equal(
    { status: body.status, correlationId: body.correlationId },
    { status: 202, correlationId: 'cid-form-1' },
  );
  assert.equal(stack.posted.at(-1), { correlationId: 'cid-form-1', body: { type: 'order.created', data } });
});

api('#15 fuzz: a correlation id no header can carry is a 400 that names it, not a 502', async ({ stack }) => {
  const sent = stack.posted.length;
  const answers = await Promise.all(
    ['\u0000', 'a\nb', ' lead', 'x'.repeat(129)].map((correlationId) =>
      call(stack, '/api/send', { type: 'order.created', data: {}, correlationId }),
    ),
  );
  const refusal = {
    status: 400,
    body: { error: 'correlationId must be a correlation id: letters, digits, . _ : -, at most 128' },
  };
  assert.equal(answers, [refusal, refusal, refusal, refusal]);
  assert.is(stack.posted.length, sent);
});

api(
  '#15 fuzz: a target of // or //host is a path, answered 404 as JSON, not a dropped connection',
  async ({ stack }) => {
    const answers = await Promise.all(
      ['//', '//api/types', '//api/dashboard?x=1'].map(async (path) => {
        const res = await send(stack.console.url.replace(/\/$/, ''), {
          method: 'GET',
          path,
          headers: {},
          body: '',
        });
        return { status: res.status, type: res.headers['content-type'], body: res.body };
      }),
    );
    const notFound = { status: 404, type: 'application/json', body: '{"error":"not found"}' };
    assert.equal(answers, [notFound, notFound, notFound]);
  },
);

api('live tail: backlog first, then each new line as an event', async ({ stack }) => {
  const controller = new AbortController();
  const res = await fetch(new URL('/api/tail?group=/aws/lambda/ferry-consumer', stack.console.url), {
    signal: controller.signal,
  });
  assert.is(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.getReader();
  let text = '';
  /** Reads the stream until `done` holds: a read, not a poll (the server pushes each line). */
  const readUntil = async (done: () => boolean) => {
    while (!done()) text += new TextDecoder().decode((await reader.read()).value);
  };
  await readUntil(() => (text.match(/^data: /gm) ?? []).length >= 3);
  stack.logs.append('/aws/lambda/ferry-consumer', 'a new line', Date.now());
  await readUntil(() => text.includes('a new line'));
  controller.abort();
  const messages = [...text.matchAll(/^data: (.*)$/gm)].map(
    (m) => (JSON.parse(m[1]!) as { message: string }).message,
  );
  assert.is(messages.length, 4);
  assert.is(messages[3], 'a new line');
});

api.run();
