import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestClock } from '../../helpers/time/clock.js';
import type { InvokeOutcome } from '../../../local/lambda/index.js';
import { rawRequest, startHarness } from '../../helpers/gateway/harness.js';
import { until } from '../../helpers/time/until.js';

const route = [
  { routeKey: 'POST /messages', target: 'fn', integration: { payloadFormatVersion: '2.0' as const } },
];

test('guards: a body above the limit is answered 413 before the function, declared or streamed', async () => {
  const { gateway, events } = await startHarness({ routes: route, maxBodyBytes: 1024 });
  try {
    // Declared too large: answered from the headers alone, without waiting for the body.
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: gateway.port,
          method: 'POST',
          path: '/messages',
          headers: { 'content-length': 2048 },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    assert.equal(declared, { status: 413, body: '{"message":"Request Entity Too Large"}' });

    // Streamed (chunked) past the limit: reading stops at the limit.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: gateway.port, method: 'POST', path: '/messages' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => undefined); // the gateway may close while we still write
      req.write(Buffer.alloc(800));
      req.write(Buffer.alloc(800));
      setImmediate(() => req.on('error', reject));
    });
    assert.is(streamed, 413);

    const atLimit = await rawRequest(gateway.port, 'POST', '/messages', [], Buffer.alloc(1024, 'a'));
    assert.is(atLimit.status, 200);
    assert.is(events.length, 1);
  } finally {
    await gateway.close();
  }
});

test('guards: stage throttling is a token bucket (burst, then rate per second) answered 429', async () => {
  const clock = createTestClock(1_000_000);
  const { gateway, events } = await startHarness({
    routes: route,
    throttling: { burstLimit: 3, rateLimit: 2 },
    now: clock.now,
  });
  try {
    const statuses = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push((await fetch(`${gateway.url}/messages`, { method: 'POST' })).status);
      return out;
    };
    assert.equal(await statuses(4), [200, 200, 200, 429]);
    clock.advance(500); // half a second at 2/s: one token
    assert.equal(await statuses(2), [200, 429]);
    clock.advance(10_000); // refills to the burst, never beyond
    assert.equal(await statuses(4), [200, 200, 200, 429]);
    const throttled = await fetch(`${gateway.url}/messages`, { method: 'POST' });
    assert.equal([throttled.status, await throttled.json()], [429, { message: 'Too Many Requests' }]);
    assert.is(events.length, 7);
  } finally {
    await gateway.close();
  }
});

test('guards: CORS preflight is answered by the gateway, CORS headers replace the function ones', async () => {
  const { gateway, events, behaviours } = await startHarness({
    routes: route,
    cors: {
      AllowOrigins: ['https://app.example.com'],
      AllowMethods: ['GET', 'POST'],
      AllowHeaders: ['Content-Type', 'X-Correlation-Id'],
      ExposeHeaders: ['X-Correlation-Id'],
      MaxAge: 600,
      AllowCredentials: true,
    },
  });
  behaviours.set('fn', () => ({
    ok: true,
    result: { statusCode: 202, headers: { 'access-control-allow-origin': '*' }, body: 'ok' },
  }));
  try {
    const preflight = await rawRequest(gateway.port, 'OPTIONS', '/anything', [
      ['Origin', 'https://app.example.com'],
      ['Access-Control-Request-Method', 'POST'],
    ]);
    const { date: _date, connection: _c, 'apigw-requestid': id, ...headers } = preflight.headers;
    assert.match(String(id), /^[A-Za-z0-9]{15}=$/);
    assert.equal(
      [preflight.status, headers],
      [
        204,
        {
          'access-control-allow-origin': 'https://app.example.com',
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'GET,POST',
          'access-control-allow-headers': 'content-type,x-correlation-id',
          'access-control-max-age': '600',
        },
      ],
    );
    const refused = await rawRequest(gateway.port, 'OPTIONS', '/messages', [
      ['Origin', 'https://evil.example.com'],
      ['Access-Control-Request-Method', 'POST'],
    ]);
    assert.equal([refused.status, refused.headers['access-control-allow-origin']], [204, undefined]);

    const actual = await fetch(`${gateway.url}/messages`, {
      method: 'POST',
      headers: { origin: 'https://app.example.com' },
    });
    assert.equal(
      [
        actual.status,
        actual.headers.get('access-control-allow-origin'),
        actual.headers.get('access-control-expose-headers'),
        actual.headers.get('access-control-allow-credentials'),
      ],
      [202, 'https://app.example.com', 'x-correlation-id', 'true'],
    );
    assert.is(events.length, 1); // preflights never reach the function
  } finally {
    await gateway.close();
  }
});

test('guards: an integration that runs past its timeout is answered 503 Service Unavailable', async () => {
  const records: { status: number; integrationLatency: number; integrationError?: string; error?: string }[] =
    [];
  const { gateway, behaviours } = await startHarness({
    routes: [{ routeKey: 'POST /messages', target: 'fn', integration: { timeoutMs: 50 } }],
    onRequest: (r) => records.push(r),
  });
  behaviours.set('fn', () => new Promise(() => undefined));
  try {
    const res = await fetch(`${gateway.url}/messages`, { method: 'POST' });
    assert.equal([res.status, await res.json()], [503, { message: 'Service Unavailable' }]);
    assert.equal(
      records.map((r) => [r.status, r.integrationLatency, r.integrationError, r.error]),
      [[503, -1, 'integration timed out after 50 ms', 'Service Unavailable']],
    );
  } finally {
    await gateway.close();
  }
});

test('integrationTimeoutMs (ferry up --inspect) replaces the route timeouts: a slow function is waited for', async () => {
  const { gateway, behaviours } = await startHarness({
    routes: [{ routeKey: 'POST /messages', target: 'fn', integration: { timeoutMs: 50 } }],
    integrationTimeoutMs: 10_000,
  });
  let answer: (outcome: InvokeOutcome) => void = () => undefined;
  behaviours.set('fn', () => new Promise((resolve) => (answer = resolve)));
  try {
    const res = fetch(`${gateway.url}/messages`, { method: 'POST' });
    // Answered only once the route's own 50 ms are long gone.
    const asked = Date.now();
    await until('past the route timeout', () => Date.now() - asked > 200);
    answer({ ok: true, result: { statusCode: 202, body: 'late' } });
    const late = await res;
    assert.equal([late.status, await late.text()], [202, 'late']);
  } finally {
    await gateway.close();
  }
});

test.run();
