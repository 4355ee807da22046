import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SQSClient, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { createLogsHandler, createLogStore } from '../../../local/logs/index.js';
import type { LogStore } from '../../../local/logs/index.js';
import { localLogsReader } from '../../../local/runtime/console-readers.js';
import { startConsoleStack } from '../../helpers/console/stack.js';
import { sign, send } from '../../helpers/endpoint/sign.js';
import { logsCall, startTestEndpoint } from '../../helpers/logs/endpoint.js';

// #15.16: a log search does bounded work per call, whatever the pattern. A wide bounded repeat
// over fresh random a/b text is the matcher's worst case: measured here about 13 µs a character
// for `{100}` over 200-character lines and 19 µs for `{1000}` over 2 KiB lines, so the stores
// below are kept small (48 KiB, 32 KiB) for the fast lane; 64 MiB would be minutes.

const NOW = 1_800_000_000_000;
const G = '/aws/lambda/consumer';
const SLOW = '%a[ab]{100}Q%';
const LINE = 200;

/** `bytes` of random a/b lines in two streams; every 97th line ends in Q and so matches. */
function adversarialStore(bytes: number): LogStore {
  const store = createLogStore({ now: () => NOW, maxBytes: 256 * 1024 * 1024 });
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const n = Math.floor(bytes / LINE);
  for (let i = 0; i < n; i++) {
    const c: string[] = [];
    for (let j = 0; j < LINE; j++) c.push(rand() < 0.5 ? 'a' : 'b');
    if (i % 97 === 0) [c[LINE - 102], c[LINE - 1]] = ['a', 'Q'];
    const s = c.join('');
    store.append(G, `s${i % 2}`, [{ timestamp: NOW - 3_600_000 + Math.floor(i / 3), message: s }]);
  }
  store.flush();
  return store;
}

const STORE = adversarialStore(48 * 1024);
const EVENTS = Math.floor((48 * 1024) / LINE);
const BUDGET = 8 * 1024; // characters matched per call
const unbudgeted = STORE.filter(G, { limit: 100_000 }).events.length;

test('#15.16: one filter call stops when its budget is spent, after a counted number of events', () => {
  assert.is(unbudgeted, EVENTS);
  const clock = () => 0;
  const page = STORE.filter(G, {
    limit: 100_000,
    match: (m) => m.endsWith('Q'),
    budget: { chars: BUDGET, ms: 100, clock },
  });
  assert.is(page.scanned, Math.ceil(BUDGET / LINE));
  assert.ok(page.next !== undefined);
  assert.is(page.events.length, Math.ceil(Math.ceil(BUDGET / LINE) / 97));
});

async function filterPages(
  handler: ReturnType<typeof createLogsHandler>,
): Promise<{ pages: number; events: unknown[] }> {
  const events: unknown[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const { status, body } = await logsCall(handler, 'FilterLogEvents', {
      logGroupName: G,
      filterPattern: SLOW,
      ...(nextToken ? { nextToken } : {}),
    });
    assert.is(status, 200);
    const b = body as { events: unknown[]; nextToken?: string };
    events.push(...b.events);
    nextToken = b.nextToken;
    pages++;
  } while (nextToken !== undefined);
  return { pages, events };
}

test('#15.16: FilterLogEvents answers within its budget with a nextToken; the tokens find what one scan finds', async () => {
  const whole = await filterPages(
    createLogsHandler({ store: STORE, now: () => NOW, filterBudget: { ms: Infinity } }),
  );
  assert.is(whole.pages, 1);
  assert.is(whole.events.length, Math.ceil(EVENTS / 97));
  // A clock that never moves: only the character budget cuts the scan, so the pages are counted.
  const budgeted = createLogsHandler({
    store: STORE,
    now: () => NOW,
    filterBudget: { chars: BUDGET, clock: () => 0 },
  });
  const first = await logsCall(budgeted, 'FilterLogEvents', { logGroupName: G, filterPattern: SLOW });
  const body = first.body as { events: unknown[]; nextToken?: string };
  assert.is(body.events.length, Math.ceil(Math.ceil(BUDGET / LINE) / 97));
  assert.type(body.nextToken, 'string');
  const paged = await filterPages(budgeted);
  assert.is(paged.pages, Math.ceil(EVENTS / Math.ceil(BUDGET / LINE)));
  assert.equal(paged.events, whole.events);
  // A page that found nothing still carries its token: a fake clock that spends the slice at once.
  let t = 0;
  const tick = createLogsHandler({ store: STORE, now: () => NOW, filterBudget: { clock: () => (t += 50) } });
  const empty = await logsCall(tick, 'FilterLogEvents', {
    logGroupName: G,
    filterPattern: 'nothing-matches',
  });
  const e = empty.body as { events: unknown[]; nextToken?: string };
  assert.equal(e.events, []);
  assert.type(e.nextToken, 'string');
  const forged = Buffer.from(JSON.stringify({ ts: 'x', id: 1 })).toString('base64url');
  const bad = await logsCall(budgeted, 'FilterLogEvents', { logGroupName: G, nextToken: forged });
  assert.equal(bad, {
    status: 400,
    body: { __type: 'InvalidParameterException', message: 'The specified nextToken is invalid.' },
  });
});

test('#15.16: the console search answers within its budget and says it was cut short', async () => {
  const whole = await localLogsReader(STORE, { ms: Infinity }).search!({
    filterPattern: SLOW,
    limit: 10_000,
  });
  assert.is(whole.truncated, false);
  assert.is(whole.events.length, Math.ceil(EVENTS / 97));
  let t = 0;
  const cut = await localLogsReader(STORE, { clock: () => t++ }).search!({
    filterPattern: SLOW,
    limit: 10_000,
  });
  assert.is(cut.truncated, true);
  assert.ok(cut.events.length < whole.events.length);
  assert.equal(cut.events, whole.events.slice(0, cut.events.length));
});

test("#15.16: the console's /api/logs answers within its budget, says so, and /api/queues answers", async () => {
  let t = 0;
  const stack = await startConsoleStack({
    deadLettered: 0,
    logs: localLogsReader(STORE, { clock: () => t++ }),
  });
  try {
    const whole = await localLogsReader(STORE, { ms: Infinity }).search!({ filterPattern: SLOW, limit: 500 });
    const get = async (path: string) => {
      const res = await fetch(new URL(path, stack.console.url));
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const logs = await get(`/api/logs?pattern=${encodeURIComponent(SLOW)}&minutes=1440`);
    assert.is(logs.status, 200);
    assert.is(logs.body.truncated, true);
    const events = logs.body.events as unknown[];
    assert.ok(events.length > 0 && events.length < whole.events.length);
    assert.equal(events, whole.events.slice(0, events.length));
    assert.is((await get('/api/queues')).status, 200);
  } finally {
    await stack.close();
  }
});

test('#15.16: ListQueues on the same endpoint is answered between two pages of a slow search', async () => {
  const ep = await startTestEndpoint({}, () => NOW);
  const sqs = new SQSClient({
    endpoint: ep.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  });
  try {
    // Lines longer than the repeat: every character then costs the matcher its full width.
    for (let i = 0; i < 16; i++) {
      const s = Array.from({ length: 2048 }, () => (Math.random() < 0.5 ? 'a' : 'b')).join('');
      ep.store.append(G, 's', [{ timestamp: NOW - 1000 + i, message: s }]);
    }
    ep.store.flush();
    const call = async (nextToken?: string) => {
      const body = JSON.stringify({
        logGroupName: G,
        filterPattern: '%a[ab]{1000}Q%',
        ...(nextToken ? { nextToken } : {}),
      });
      const req = sign(
        {
          method: 'POST',
          url: ep.endpoint,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'Logs_20140328.FilterLogEvents',
          },
          body,
        },
        { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, service: 'logs' },
      );
      const res = await send(req);
      assert.is(res.status, 200, res.body);
      return JSON.parse(res.body) as { events: unknown[]; nextToken?: string };
    };
    let answered = -1;
    let pages = 0;
    const first = call();
    const list = sqs.send(new ListQueuesCommand({})).then(() => (answered = pages));
    let page = await first;
    pages = 1;
    while (page.nextToken !== undefined) {
      page = await call(page.nextToken);
      pages++;
    }
    await list;
    assert.ok(pages > 1, `pages ${pages}`);
    assert.ok(answered >= 0 && answered < pages, `ListQueues answered after page ${answered} of ${pages}`);
  } finally {
    sqs.destroy();
    await ep.close();
  }
});

test.run();
