import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RouteKeyError, type RouteConfig } from '../../../local/gateway/index.js';
import { startHarness } from './harness.js';

const routes = [
  'POST /messages',
  'GET /items/{id}',
  'GET /items/special',
  'ANY /items/{id}',
  'GET /items/{id}/parts/{part}',
  'ANY /files/{proxy+}',
  'GET /files/{dir}/readme',
  'ANY /{proxy+}',
  '$default',
].map((routeKey) => ({ routeKey, target: 'fn' }));

test('routes: the most specific route wins, path parameters are decoded', async () => {
  const { gateway } = await startHarness({ routes });
  try {
    const table: [string, string, string, Record<string, string> | null][] = [
      ['POST', '/messages', 'POST /messages', null],
      ['GET', '/items/special', 'GET /items/special', null],
      ['GET', '/items/42', 'GET /items/{id}', { id: '42' }],
      ['GET', '/items/a%20b%2Fc', 'GET /items/{id}', { id: 'a b/c' }],
      ['DELETE', '/items/42', 'ANY /items/{id}', { id: '42' }],
      ['GET', '/items/7/parts/x', 'GET /items/{id}/parts/{part}', { id: '7', part: 'x' }],
      ['GET', '/files/docs/readme', 'GET /files/{dir}/readme', { dir: 'docs' }],
      ['PUT', '/files/a/b/c.txt', 'ANY /files/{proxy+}', { proxy: 'a/b/c.txt' }],
      ['GET', '/messages', 'ANY /{proxy+}', { proxy: 'messages' }],
      ['GET', '/items/7/parts', 'ANY /{proxy+}', { proxy: 'items/7/parts' }],
      ['GET', '/', '$default', null],
    ];
    for (const [method, path, routeKey, pathParameters] of table) {
      const res = await fetch(`${gateway.url}${path}`, { method });
      assert.equal(
        { path, status: res.status, body: await res.json() },
        { path, status: 200, body: { routeKey, pathParameters } },
      );
    }
  } finally {
    await gateway.close();
  }
});

test('routes: no route answers 404 Not Found, and a named stage prefixes every path', async () => {
  const { gateway, events } = await startHarness({
    stage: 'prod',
    routes: [{ routeKey: 'GET /items/{id}', target: 'fn' }],
  });
  try {
    assert.ok(gateway.url.endsWith('/prod'));
    const ok = await fetch(`${gateway.url}/items/1`);
    assert.equal(await ok.json(), { routeKey: 'GET /items/{id}', pathParameters: { id: '1' } });
    for (const path of ['/items/1', '/prod/other', '/prod']) {
      const res = await fetch(`http://127.0.0.1:${gateway.port}${path}`);
      assert.equal(
        { path, status: res.status, type: res.headers.get('content-type'), body: await res.json() },
        { path, status: 404, type: 'application/json', body: { message: 'Not Found' } },
      );
      assert.match(res.headers.get('apigw-requestid') ?? '', /^[A-Za-z0-9]{15}=$/);
    }
    assert.is(events.length, 1);
    assert.is(events[0]?.rawPath, '/prod/items/1');
  } finally {
    await gateway.close();
  }
});

test('routes: an invalid route or integration is refused at start with a message that names it', async () => {
  const cases: [unknown, RegExp][] = [
    [{ routeKey: 'FETCH /x', target: 'fn' }, /route key "FETCH \/x" is not valid/],
    [{ routeKey: 'GET /{proxy+}/x', target: 'fn' }, /a greedy variable must be the last segment/],
    [
      { routeKey: 'GET /x', target: 'fn', integration: { payloadFormatVersion: '1.0' } },
      /route "GET \/x": PayloadFormatVersion "1.0"/,
    ],
    [
      { routeKey: 'GET /x', target: 'fn', integration: { timeoutMs: 40_000 } },
      /TimeoutInMillis must be an integer from 50 to 30000/,
    ],
  ];
  for (const [route, message] of cases) {
    try {
      await startHarness({ routes: [route as RouteConfig] });
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, RouteKeyError);
      assert.match((error as Error).message, message);
    }
  }
});

test.run();
