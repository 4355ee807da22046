import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { InvokeOutcome } from '../../../local/lambda/index.js';
import { startHarness } from '../../helpers/gateway/harness.js';

interface Seen {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** Runs one function result through a gateway and answers what the client received. */
async function respond(outcome: InvokeOutcome): Promise<Seen> {
  const { gateway, behaviours } = await startHarness({ routes: [{ routeKey: 'GET /r', target: 'fn' }] });
  behaviours.set('fn', () => outcome);
  try {
    const res = await fetch(`${gateway.url}/r`);
    const headers: Record<string, string | string[]> = {};
    res.headers.forEach((value, name) => {
      if (!['date', 'connection', 'keep-alive', 'apigw-requestid', 'set-cookie'].includes(name))
        headers[name] = value;
    });
    const cookies = res.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    return { status: res.status, headers, body: await res.text() };
  } finally {
    await gateway.close();
  }
}

test('response: statusCode, headers, cookies and body are passed through', async () => {
  const seen = await respond({
    ok: true,
    result: {
      statusCode: 202,
      headers: {
        'Content-Type': 'application/json',
        'X-Correlation-Id': 'c-1',
        'x-count': 3,
        'Transfer-Encoding': 'chunked',
        'content-length': '999',
      },
      cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
      body: '{"messageId":"m-1"}',
    },
  });
  assert.equal(seen, {
    status: 202,
    headers: {
      'content-type': 'application/json',
      'x-correlation-id': 'c-1',
      'x-count': '3',
      'content-length': '19',
      'set-cookie': ['a=1; Path=/', 'b=2; HttpOnly'],
    },
    body: '{"messageId":"m-1"}',
  });
});

test('response: a base64-encoded body is decoded; no content-type defaults to text/plain', async () => {
  const seen = await respond({
    ok: true,
    result: { statusCode: 200, body: Buffer.from('binary?').toString('base64'), isBase64Encoded: true },
  });
  assert.equal(seen, {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': '7' },
    body: 'binary?',
  });
});

test('response: the 2.0 shorthand — an object without statusCode is a JSON 200, a string is the body', async () => {
  const cases: [unknown, string][] = [
    [{ accepted: true, ids: [1, 2] }, '{"accepted":true,"ids":[1,2]}'],
    ['Hello from Lambda!', 'Hello from Lambda!'],
    [[1, 2], '[1,2]'],
    [null, 'null'],
  ];
  for (const [result, body] of cases) {
    assert.equal(await respond({ ok: true, result }), {
      status: 200,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
  }
});

test('response: a malformed result or a function error is answered 500 Internal Server Error', async () => {
  const internal = {
    status: 500,
    headers: { 'content-type': 'application/json', 'content-length': '35' },
    body: '{"message":"Internal Server Error"}',
  };
  const malformed: unknown[] = [
    { statusCode: '200', body: 'x' },
    { statusCode: 200, body: { not: 'a string' } },
    { statusCode: 200, headers: { a: { nested: true } } },
    { statusCode: 200, cookies: 'a=1' },
    { statusCode: 200, headers: { 'x-bad': 'a\r\nset-cookie: injected=1' } },
    { statusCode: 200, cookies: ['a=1\r\nx: y'] },
    { statusCode: 99 },
  ];
  for (const result of malformed) assert.equal(await respond({ ok: true, result }), internal);
  const failed = await respond({ ok: false, error: { errorType: 'TypeError', errorMessage: 'boom' } });
  assert.equal(failed, internal);
});

test('response: the access record carries route, status, latencies and the integration error', async () => {
  const records: unknown[] = [];
  const { gateway, behaviours } = await startHarness({
    routes: [{ routeKey: 'POST /m', target: 'fn' }],
    onRequest: (r) => records.push(r),
  });
  behaviours.set('fn', () => ({ ok: false, error: { errorType: 'Error', errorMessage: 'bad' } }));
  try {
    const res = await fetch(`${gateway.url}/m`, { method: 'POST', body: 'x' });
    await res.text();
    const [record] = records as Record<string, unknown>[];
    assert.ok(record);
    assert.is(typeof record.latency, 'number');
    assert.is(typeof record.integrationLatency, 'number');
    assert.ok((record.integrationLatency as number) >= 0);
    assert.equal(
      { ...record, latency: 0, integrationLatency: 0, requestTime: '', requestTimeEpoch: 0 },
      {
        requestId: res.headers.get('apigw-requestid'),
        ip: '127.0.0.1',
        requestTime: '',
        requestTimeEpoch: 0,
        httpMethod: 'POST',
        path: '/m',
        routeKey: 'POST /m',
        status: 500,
        protocol: 'HTTP/1.1',
        responseLength: 35,
        latency: 0,
        integrationLatency: 0,
        integrationStatus: 200,
        integrationError: 'Error: bad',
        error: 'Internal Server Error',
      },
    );
  } finally {
    await gateway.close();
  }
});

test.run();
