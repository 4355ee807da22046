import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiGatewayEventV2 } from '../../../local/gateway/index.js';
import { fixtureRequest, rawRequest, startHarness } from '../../helpers/gateway/harness.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/gateway/http-api-v2-event.json', import.meta.url), 'utf8'),
) as ApiGatewayEventV2;

/** Replaces what differs on every request (ids, clock, port) with the fixture's placeholders. */
function normalise(event: ApiGatewayEventV2, port: number): ApiGatewayEventV2 {
  const copy = structuredClone(event);
  const swap = (value: string | undefined) => value?.replace(String(port), '<port>');
  copy.headers['host'] = swap(copy.headers['host']) as string;
  copy.headers['x-forwarded-port'] = swap(copy.headers['x-forwarded-port']) as string;
  copy.headers['x-amzn-trace-id'] = '<trace-id>';
  copy.requestContext.requestId = '<request-id>';
  copy.requestContext.time = '<time>';
  copy.requestContext.timeEpoch = 0;
  return copy;
}

test('event: the whole 2.0 event matches the captured shape', async () => {
  const clock = Date.UTC(2026, 2, 12, 19, 3, 58, 390);
  const { gateway, events } = await startHarness({
    stage: 'prod',
    apiId: 'r3pmxmplak',
    accountId: '123456789012',
    stageVariables: { mode: 'local' },
    now: () => clock,
    routes: [{ routeKey: 'POST /items/{id}', target: 'fn' }],
  });
  try {
    const res = await fixtureRequest(gateway.port);
    assert.is(res.status, 200);
    const event = events[0] as ApiGatewayEventV2;
    assert.equal(normalise(event, gateway.port), fixture);
    assert.equal(JSON.stringify(Object.keys(event)), JSON.stringify(Object.keys(fixture)));
    assert.is(event.requestContext.time, '12/Mar/2026:19:03:58 +0000');
    assert.is(event.requestContext.timeEpoch, clock);
    assert.is(event.requestContext.requestId, res.headers['apigw-requestid']);
    assert.match(event.headers['x-amzn-trace-id'] ?? '', /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  } finally {
    await gateway.close();
  }
});

test('event: a bare GET has no body, cookies, query or path parameters', async () => {
  const { gateway, events } = await startHarness({
    routes: [{ routeKey: '$default', target: 'fn' }],
    allowHosts: ['api.example.com'],
  });
  try {
    await rawRequest(gateway.port, 'GET', '/', [['Host', 'api.example.com']]);
    const event = normalise(events[0] as ApiGatewayEventV2, gateway.port);
    assert.equal(Object.keys(event), [
      'version',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'headers',
      'requestContext',
      'isBase64Encoded',
    ]);
    assert.equal(event.requestContext.http, {
      method: 'GET',
      path: '/',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: '',
    });
    assert.equal(
      [event.requestContext.domainName, event.requestContext.domainPrefix, event.requestContext.stage],
      ['api.example.com', 'api', '$default'],
    );
  } finally {
    await gateway.close();
  }
});

test('event: binary and form bodies are base64-encoded, text bodies are not', async () => {
  const { gateway, events } = await startHarness({ routes: [{ routeKey: 'POST /upload', target: 'fn' }] });
  try {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const cases: [string | undefined, Buffer, boolean][] = [
      ['application/octet-stream', bytes, true],
      ['application/x-www-form-urlencoded', Buffer.from('a=1&b=2'), true],
      [undefined, Buffer.from('no type'), true],
      ['text/plain; charset=utf-8', Buffer.from('héllo'), false],
      ['application/vnd.ferry+json', Buffer.from('{"a":1}'), false],
      ['application/xml', Buffer.from('<a/>'), false],
    ];
    for (const [type, body] of cases) {
      await rawRequest(gateway.port, 'POST', '/upload', type ? [['Content-Type', type]] : [], body);
    }
    assert.equal(
      events.map((e) => [e.headers['content-type'], e.isBase64Encoded, e.body]),
      cases.map(([type, body, base64]) => [type, base64, body.toString(base64 ? 'base64' : 'utf8')]),
    );
  } finally {
    await gateway.close();
  }
});

test.run();
