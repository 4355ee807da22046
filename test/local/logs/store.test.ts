import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLambdaLogSink, createLogStore } from '../../../local/logs/index.js';
import type { AppendedBatch } from '../../../local/logs/index.js';
import { eventsAt } from '../../helpers/logs/store.js';
import { createTestClock } from '../../helpers/time/clock.js';
import { durable, tempDir } from '../../helpers/config/data-dir.js';

const G = '/aws/lambda/consumer';
const S1 = '2026/11/27/[$LATEST]aaaa';
const S2 = '2026/11/27/[$LATEST]bbbb';

test('append creates the group and stream as Lambda does; queries see it at once', () => {
  const clock = createTestClock(5000);
  const store = createLogStore({ now: clock.now });
  store.append(G, S1, eventsAt(100, 200));
  assert.equal(store.groups({ limit: 10 }), {
    groups: [{ name: G, creationTime: 5000, storedBytes: 2 * (12 + 26) }],
    more: false,
  });
  assert.equal(store.stream(G, S1), {
    name: S1,
    creationTime: 5000,
    firstEventTimestamp: 100,
    lastEventTimestamp: 200,
    lastIngestionTime: 5000,
  });
  assert.equal(store.events(G, S1, { direction: 'forward', limit: 10 }), [
    { id: 1, timestamp: 100, ingestionTime: 5000, message: 'event at 100' },
    { id: 2, timestamp: 200, ingestionTime: 5000, message: 'event at 200' },
  ]);
  store.close();
});

test('one stream: forward after a cursor, backward before one, time range [start, end)', () => {
  const store = createLogStore();
  store.append(G, S1, eventsAt(10, 20, 30, 40, 50));
  const ts = (q: Parameters<typeof store.events>[2]) => store.events(G, S1, q).map((e) => e.timestamp);
  assert.equal(ts({ direction: 'forward', limit: 2 }), [10, 20]);
  assert.equal(ts({ direction: 'backward', limit: 2 }), [40, 50]);
  assert.equal(ts({ direction: 'forward', limit: 2, cursor: { ts: 20, id: 2 } }), [30, 40]);
  assert.equal(ts({ direction: 'backward', limit: 2, cursor: { ts: 40, id: 4 } }), [20, 30]);
  assert.equal(ts({ direction: 'forward', limit: 10, startTime: 20, endTime: 40 }), [20, 30]);
  assert.equal(ts({ direction: 'forward', limit: 10, cursor: { ts: 50, id: 5 } }), []);
  assert.equal(store.events(G, 'nope', { direction: 'forward', limit: 10 }), []);
  store.close();
});

test('filter: a group interleaved by timestamp, matcher, stream names or prefix, pages with a cursor', () => {
  const store = createLogStore();
  store.append(G, S1, eventsAt(1, 3, 5));
  store.append(G, S2, eventsAt(2, 4, 6));
  store.append('/aws/lambda/other', S1, eventsAt(3));
  const all = store.filter(G, { limit: 100 });
  assert.equal(
    all.events.map((e) => [e.timestamp, e.logStreamName]),
    [
      [1, S1],
      [2, S2],
      [3, S1],
      [4, S2],
      [5, S1],
      [6, S2],
    ],
  );
  assert.is(all.next, undefined);
  const page = store.filter(G, { limit: 2, match: (m) => !m.endsWith(' 1') });
  assert.equal(
    page.events.map((e) => e.timestamp),
    [2, 3],
  );
  assert.equal(page.next, { ts: 3, id: 2 });
  const rest = store.filter(G, { limit: 10, after: page.next! });
  assert.equal(
    rest.events.map((e) => e.timestamp),
    [4, 5, 6],
  );
  assert.equal(
    store.filter(G, { limit: 10, streams: [S2], startTime: 3, endTime: 6 }).events.map((e) => e.timestamp),
    [4],
  );
  assert.equal(
    store.filter(G, { limit: 10, streamPrefix: '2026/11/27/[$LATEST]a' }).events.map((e) => e.timestamp),
    [1, 3, 5],
  );
  assert.equal(store.filter('/aws/lambda/missing', { limit: 10 }), { events: [], scanned: 0 });
  store.close();
});

test('filter: an exact last page carries no cursor', () => {
  const store = createLogStore();
  store.append(G, S1, eventsAt(1, 2));
  assert.equal(store.filter(G, { limit: 2 }).next, undefined);
  store.close();
});

test('groups: prefix, case-insensitive substring, pages after a name', () => {
  const store = createLogStore({ now: () => 1 });
  for (const name of ['/aws/lambda/b', '/aws/lambda/a', '/custom/Alpha', '/aws/apigw/x'])
    store.createGroup(name);
  const names = (q: Parameters<typeof store.groups>[0]) => {
    const r = store.groups(q);
    return { names: r.groups.map((g) => g.name), more: r.more };
  };
  assert.equal(names({ limit: 2 }), { names: ['/aws/apigw/x', '/aws/lambda/a'], more: true });
  assert.equal(names({ limit: 2, after: '/aws/lambda/a' }), {
    names: ['/aws/lambda/b', '/custom/Alpha'],
    more: false,
  });
  assert.equal(names({ limit: 10, prefix: '/aws/lambda/' }), {
    names: ['/aws/lambda/a', '/aws/lambda/b'],
    more: false,
  });
  assert.equal(names({ limit: 10, contains: 'ALPH' }), { names: ['/custom/Alpha'], more: false });
  store.close();
});

test('streams: by name or last event time, either direction, prefix and offset pages', () => {
  const store = createLogStore({ now: () => 1 });
  store.append(G, 'b', eventsAt(30));
  store.append(G, 'a', eventsAt(50));
  store.append(G, 'c', eventsAt(10));
  const names = (q: Partial<Parameters<typeof store.streams>[1]>) => {
    const r = store.streams(G, { orderBy: 'LogStreamName', descending: false, offset: 0, limit: 10, ...q })!;
    return { names: r.streams.map((s) => s.name), more: r.more };
  };
  assert.equal(names({}), { names: ['a', 'b', 'c'], more: false });
  assert.equal(names({ descending: true, limit: 2 }), { names: ['c', 'b'], more: true });
  assert.equal(names({ orderBy: 'LastEventTime', descending: true }), {
    names: ['a', 'b', 'c'],
    more: false,
  });
  assert.equal(names({ orderBy: 'LastEventTime', offset: 1, limit: 1 }), { names: ['b'], more: true });
  assert.equal(names({ prefix: 'b' }), { names: ['b'], more: false });
  assert.is(
    store.streams('/missing', { orderBy: 'LogStreamName', descending: false, offset: 0, limit: 1 }),
    undefined,
  );
  store.close();
});

test('create and delete answer what happened', () => {
  const store = createLogStore();
  assert.equal(
    [store.createGroup(G), store.createGroup(G), store.createStream(G, S1), store.createStream(G, S1)],
    ['created', 'exists', 'created', 'exists'],
  );
  assert.equal(
    [store.createStream('/x', S1), store.deleteStream('/x', S1), store.deleteStream(G, 'nope')],
    ['no-group', 'no-group', 'no-stream'],
  );
  store.append(G, S1, eventsAt(1));
  assert.equal([store.setRetention(G, 7), store.setRetention('/x', 7)], ['set', 'no-group']);
  assert.equal(store.group(G)?.retentionInDays, 7);
  assert.equal(store.deleteStream(G, S1), 'deleted');
  assert.equal([store.group(G)?.storedBytes, store.storedBytes()], [0, 0]);
  store.append(G, S1, eventsAt(1));
  assert.equal([store.deleteGroup(G), store.deleteGroup(G), store.storedBytes()], ['deleted', 'no-group', 0]);
  assert.equal(store.groups({ limit: 10 }), { groups: [], more: false });
  store.close();
});

test('the size cap drops the oldest events first, to a tenth under the cap', () => {
  const store = createLogStore({ maxBytes: 1000 });
  // Each event: 74 message bytes + 26 = 100 bytes.
  const line = (i: number) => ({ timestamp: i, message: `${String(i).padStart(4, '0')} ${'x'.repeat(69)}` });
  for (let i = 0; i < 25; i++) store.append(G, S1, [line(i)]);
  store.flush();
  assert.ok(store.storedBytes() <= 900, `stored ${store.storedBytes()}`);
  const kept = store.events(G, S1, { direction: 'forward', limit: 100 }).map((e) => e.timestamp);
  assert.equal(kept, [16, 17, 18, 19, 20, 21, 22, 23, 24]);
  assert.equal(store.group(G)?.storedBytes, 900);
  store.close();
});

test("retention: events older than the group's retention go at the next write, at most once a minute", () => {
  const day = 86_400_000;
  const clock = createTestClock(100 * day);
  const store = createLogStore({ now: clock.now });
  store.append(G, S1, eventsAt(90 * day, 97 * day, 99 * day));
  store.append('/other', S1, eventsAt(90 * day));
  store.flush();
  store.setRetention(G, 7);
  clock.set(100 * day + 30_000);
  store.append(G, S2, eventsAt(100 * day));
  store.flush();
  assert.is(store.events(G, S1, { direction: 'forward', limit: 10 }).length, 3, 'within the minute: not yet');
  clock.set(100 * day + 60_000);
  store.append(G, S2, eventsAt(100 * day));
  store.flush();
  const kept = store.filter(G, { limit: 10 }).events.map((e) => e.timestamp / day);
  assert.equal(kept, [97, 99, 100, 100]);
  assert.equal(
    store.group(G)?.storedBytes,
    kept.reduce((sum, t) => sum + `event at ${t * day}`.length + 26, 0),
  );
  assert.is(store.filter('/other', { limit: 10 }).events.length, 1);
  store.close();
});

test('durable: a reopened store has every event, its stream times and its byte count', () => {
  const dir = tempDir('ferry-logs-');
  try {
    const first = createLogStore({ data: durable(dir.path), now: () => 7 });
    first.append(G, S1, eventsAt(1, 2, 3));
    first.close();
    const again = createLogStore({ data: durable(dir.path) });
    assert.equal(
      again
        .events(G, S1, { direction: 'forward', limit: 10 })
        .map((e) => [e.id, e.timestamp, e.ingestionTime]),
      [
        [1, 1, 7],
        [2, 2, 7],
        [3, 3, 7],
      ],
    );
    assert.equal(again.storedBytes(), 3 * (10 + 26));
    again.append(G, S1, eventsAt(4));
    assert.equal(again.events(G, S1, { direction: 'backward', limit: 1 })[0]?.id, 4);
    again.close();
  } finally {
    dir.remove();
  }
});

test('countContaining: per substring, the events of a group that contain it, across its streams', () => {
  const store = createLogStore();
  const line = (outcome: string) => ({ timestamp: 1, message: `{"outcome":"${outcome}","msg":"m"}` });
  store.append(G, S1, [line('processed'), line('failed'), { timestamp: 2, message: 'START RequestId: r' }]);
  store.append(G, S2, [line('processed')]);
  store.append('/aws/lambda/producer', S1, [line('processed'), line('accepted')]);
  // Not yet flushed: the count writes what waits first.
  assert.equal(
    store.countContaining(G, ['"outcome":"processed"', '"outcome":"failed"', 'OUTCOME', '"']),
    [2, 1, 0, 3],
  );
  assert.equal(store.countContaining('/aws/lambda/none', ['"outcome":"processed"']), [0]);
  assert.equal(store.countContaining(G, []), []);
  store.close();
});

test('subscribers receive each stored batch with its ids, until they unsubscribe', () => {
  const store = createLogStore({ now: () => 9 });
  const seen: AppendedBatch[] = [];
  const stop = store.subscribe((b) => seen.push(b));
  store.append(G, S1, eventsAt(1));
  store.append(G, S2, eventsAt(2));
  store.flush();
  stop();
  store.append(G, S1, eventsAt(3));
  store.flush();
  assert.equal(seen, [
    { group: G, stream: S1, events: [{ id: 1, timestamp: 1, ingestionTime: 9, message: 'event at 1' }] },
    { group: G, stream: S2, events: [{ id: 2, timestamp: 2, ingestionTime: 9, message: 'event at 2' }] },
  ]);
  store.close();
});

test('with flushDelayMs 0, appends are written at the end of the tick, without a query', async () => {
  const store = createLogStore({ flushDelayMs: 0 });
  const seen: number[] = [];
  store.subscribe((b) => seen.push(...b.events.map((e) => e.timestamp)));
  store.append(G, S1, eventsAt(1, 2));
  assert.equal(seen, []);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(seen, [1, 2]);
  store.close();
});

test('a Lambda log sink keeps each record in the group and stream Lambda named', () => {
  const store = createLogStore({ now: () => 5 });
  const sink = createLambdaLogSink(store);
  sink({
    logGroup: G,
    logStream: S1,
    timestamp: 1,
    message: 'START RequestId: r1 Version: $LATEST\n',
    functionName: 'consumer',
    requestId: 'r1',
  });
  sink({
    logGroup: G,
    logStream: S1,
    timestamp: 2,
    message: 'END RequestId: r1\n',
    functionName: 'consumer',
    requestId: 'r1',
  });
  assert.equal(store.events(G, S1, { direction: 'forward', limit: 10 }), [
    { id: 1, timestamp: 1, ingestionTime: 5, message: 'START RequestId: r1 Version: $LATEST\n' },
    { id: 2, timestamp: 2, ingestionTime: 5, message: 'END RequestId: r1\n' },
  ]);
  store.close();
});

test('5000 waiting events are written at once, without waiting for the delay', () => {
  const store = createLogStore({ flushDelayMs: 60_000 });
  let seen = 0;
  store.subscribe((b) => (seen += b.events.length));
  store.append(G, S1, eventsAt(...Array.from({ length: 4999 }, (_, i) => i)));
  assert.is(seen, 0);
  store.append(G, S1, eventsAt(5000));
  assert.is(seen, 5000);
  store.close();
});

test('a listener that throws is reported; the others still get the batch', async () => {
  const errors: string[] = [];
  const store = createLogStore({ flushDelayMs: 0, onError: (e) => errors.push(String(e)) });
  const seen: number[] = [];
  store.subscribe(() => {
    throw new Error('listener broke');
  });
  store.subscribe((b) => seen.push(b.events.length));
  store.append(G, S1, eventsAt(1));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal([errors, seen], [['Error: listener broke'], [1]]);
  assert.equal(store.events(G, S1, { direction: 'forward', limit: 10 }).length, 1);
  store.close();
});

test('options are checked', () => {
  assert.throws(() => createLogStore({ maxBytes: 0 }), /maxBytes must be > 0, got 0/);
});

test.run();
