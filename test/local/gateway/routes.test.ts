import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RouteKeyError, type RouteConfig, type RouteKeyErrorCode } from '../../../local/gateway/index.js';
import { startHarness } from '../../helpers/gateway/harness.js';

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
  const cases: [unknown[], RouteKeyErrorCode, RegExp][] = [
    [[{ routeKey: 'FETCH /x', target: 'fn' }], 'InvalidRouteKey', /route key "FETCH \/x" is not valid/],
    [
      [{ routeKey: 'GET /{proxy+}/x', target: 'fn' }],
      'InvalidRouteKey',
      /a greedy variable must be the last segment/,
    ],
    [
      [{ routeKey: 'GET /x', target: 'fn', integration: { payloadFormatVersion: '1.0' } }],
      'InvalidIntegration',
      /route "GET \/x": PayloadFormatVersion "1.0"/,
    ],
    [
      [{ routeKey: 'GET /x', target: 'fn', integration: { timeoutMs: 40_000 } }],
      'InvalidIntegration',
      /TimeoutInMillis must be an integer from 50 to 30000/,
    ],
    [
      [
        { routeKey: 'GET /x', target: 'fn' },
        { routeKey: 'GET /x', target: 'other' },
      ],
      'DuplicateRouteKey',
      /route key "GET \/x" is defined twice/,
    ],
  ];
  for (const [routes, code, message] of cases) {
    try {
      await startHarness({ routes: routes as RouteConfig[] });
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, RouteKeyError);
      assert.is((error as RouteKeyError).code, code);
      assert.match((error as Error).message, message);
    }
  }
});

test.run();
