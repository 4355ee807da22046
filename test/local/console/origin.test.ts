import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConsoleStack } from '../../helpers/console/stack.js';
import { startConsoleStack } from '../../helpers/console/stack.js';

// #15.5: only the console's own page changes state. Requests a page of another origin can make
// the browser send (simple requests: no custom header, text/plain or form bodies) are refused;
// the page's own (its Origin, and the x-ferry-console header it sends) are served.

const origin = suite<{ stack: ConsoleStack }>('console: same-origin proof');

origin.before(async (ctx) => {
  ctx.stack = await startConsoleStack();
});
origin.after(async (ctx) => {
  await ctx.stack.close();
});

/** What a forged request could change: both queues' messages, the test messages sent, the redrive. */
async function state(stack: ConsoleStack) {
  const count = async (url: string) =>
    (
      await stack.client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes;
  const redrive = await fetch(new URL('/api/queue/redrive?name=ferry-messages-dlq', stack.console.url));
  return {
    queue: await count(stack.queueUrl),
    dlq: await count(stack.dlqUrl),
    posted: stack.posted.length,
    redrive: (await redrive.json()) as unknown,
  };
}

async function post(stack: ConsoleStack, path: string, headers: Record<string, string>, body: string) {
  const res = await fetch(new URL(path, stack.console.url), { method: 'POST', headers, body });
  return {
    status: res.status,
    cors: res.headers.get('access-control-allow-origin'),
    body: (await res.json()) as unknown,
  };
}

const OTHER = 'http://127.0.0.1:8080';
const purge = '/api/queue/purge?name=ferry-messages-dlq';
const redrive = '/api/queue/redrive?name=ferry-messages-dlq';
const send = '/api/send';
const purgeBody = JSON.stringify({ confirm: 'purge' });
const sendBody = JSON.stringify({ type: 'order.created', data: { orderId: 'o-1' } });
const fromOther = (site: string) =>
  `POST ${site} changes state and is answered only from the console's own page ` +
  `(Origin http://127.0.0.1:PORT); this request came from `;

origin('#15.5: simple cross-origin requests cannot purge, redrive or send', async ({ stack }) => {
  const own = new URL(stack.console.url).origin;
  const before = await state(stack);
  const attempts: [string, Record<string, string>, string][] = [
    // fetch(mode: 'no-cors') with a text/plain body, from another port.
    [purge, { 'content-type': 'text/plain', origin: OTHER, 'sec-fetch-site': 'same-site' }, purgeBody],
    // A form POST (urlencoded), from another site.
    [redrive, { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, 'a=1'],
    [send, { 'content-type': 'text/plain', origin: OTHER, 'x-ferry-console': '1' }, sendBody],
    // A sandboxed frame or a file:// page.
    [purge, { 'content-type': 'text/plain', origin: 'null', 'x-ferry-console': '1' }, purgeBody],
    // No Origin at all, and no browser mark of same-origin.
    [send, { 'content-type': 'application/json', 'x-ferry-console': '1' }, sendBody],
    // The right origin without the page's header: a same-origin form cannot add it either.
    [purge, { 'content-type': 'text/plain', origin: own }, purgeBody],
  ];
  const answers = [];
  for (const [path, headers, body] of attempts) answers.push(await post(stack, path, headers, body));
  const port = new URL(stack.console.url).port;
  const came = (path: string, from: string) => ({
    status: 403,
    cors: null,
    body: { error: `${fromOther(path).replace('PORT', port)}${from}` },
  });
  assert.equal(answers, [
    came('/api/queue/purge', OTHER),
    came('/api/queue/redrive', 'https://evil.example'),
    came('/api/send', OTHER),
    came('/api/queue/purge', 'null'),
    came('/api/send', 'an unknown origin'),
    {
      status: 403,
      cors: null,
      body: {
        error:
          "POST /api/queue/purge changes state and needs the x-ferry-console header that the console's page sends",
      },
    },
  ]);
  assert.equal(await state(stack), before);
});

origin('#15.5: no CORS preflight is granted, so no other origin may add the header', async ({ stack }) => {
  const res = await fetch(new URL(purge, stack.console.url), {
    method: 'OPTIONS',
    headers: {
      origin: OTHER,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-ferry-console,content-type',
    },
  });
  assert.equal(
    {
      status: res.status,
      allowOrigin: res.headers.get('access-control-allow-origin'),
      allowHeaders: res.headers.get('access-control-allow-headers'),
    },
    { status: 403, allowOrigin: null, allowHeaders: null },
  );
});

origin(
  "#15.5: the page's own requests are served (its Origin, or Sec-Fetch-Site without one)",
  async ({ stack }) => {
    const own = new URL(stack.console.url).origin;
    const page = { 'content-type': 'application/json', 'x-ferry-console': '1' };
    const sent = await post(stack, send, { ...page, origin: own }, sendBody);
    assert.equal(
      [sent.status, (sent.body as { status: number }).status, stack.posted],
      [200, 202, [{ correlationId: undefined, body: { type: 'order.created', data: { orderId: 'o-1' } } }]],
    );
    const purged = await post(stack, purge, { ...page, 'sec-fetch-site': 'same-origin' }, purgeBody);
    assert.equal(purged, { status: 200, cors: null, body: { purged: 'ferry-messages-dlq' } });
    assert.equal((await state(stack)).dlq, { ApproximateNumberOfMessages: '0' });
  },
);

origin.run();
