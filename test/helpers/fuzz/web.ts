// Generated requests for the HTTP API (the gateway in front of the producer) and the console's
// JSON API: methods, paths, headers, content types, bodies (JSON, text, bytes, base64).
import fc from 'fast-check';
import { filterPattern } from './aws.js';
import type { RawRequest } from './http.js';
import { anyNumber, anyString, bodyOf, nameFrom, nearRecord, oddValue, percent } from './values.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'FOO'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'image/png',
  'application/json; charset=latin1',
];

/** A path under a base path: known ones, encoded, dotted, doubled, long. */
function pathFrom(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...known) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '/',
        '//',
        '/%',
        '/%00',
        '/..%2F..',
        '/a/../types',
        '/%E0%A4%A',
        '/' + 'a'.repeat(9_000),
      ),
    },
    { weight: 1, arbitrary: fc.webPath() },
    { weight: 1, arbitrary: anyString.map((s) => `/${percent(s)}`) },
  );
}

function query(names: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(nameFrom(names), fc.oneof(anyString, anyNumber.map(String), filterPattern)), {
      maxLength: 4,
    })
    .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`));
}

const envelope = nearRecord({
  type: nameFrom(['order.created', 'order.cancelled', 'x']),
  data: nearRecord({
    orderId: anyString,
    customerId: anyString,
    currency: nameFrom(['EUR', 'USD', 'eur']),
    items: fc.array(nearRecord({ sku: anyString, quantity: anyNumber, unitPrice: anyNumber }), {
      maxLength: 3,
    }),
  }),
  correlationId: anyString,
  messages: fc.array(oddValue, { maxLength: 3 }),
});

/** The HTTP API: its routes most of the time, any other method or path the rest. */
export function gateway(): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      method: nameFrom(METHODS),
      path: fc
        .tuple(pathFrom(['/messages', '/messages/batch', '/types']), query(['a', 'type']))
        .map(([p, q]) => p + q),
      type: nameFrom(CONTENT_TYPES),
      extra: fc.dictionary(
        nameFrom(['x-correlation-id', 'content-encoding', 'origin', 'cookie', 'x-forwarded-for', 'accept']),
        fc.string({ maxLength: 200 }).filter((s) => /^[\t\x20-\x7e]*$/.test(s)),
        { maxKeys: 3 },
      ),
      body: fc.oneof(bodyOf(envelope), fc.base64String({ maxLength: 200 })),
    })
    .map(({ method, path, type, extra, body }) => ({
      method: /^[A-Z]+$/.test(method) ? method : 'GET',
      path,
      headers: { 'content-type': type, ...extra },
      body,
    }));
}

const CONSOLE_GET = [
  '/api/dashboard',
  '/api/widget',
  '/api/alarms',
  '/api/queues',
  '/api/queue/messages',
  '/api/queue/redrive',
  '/api/functions',
  '/api/logs',
  '/api/story',
  '/api/types',
  '/api/tail',
  '/',
  '/app.js',
];
const CONSOLE_POST = ['/api/queue/redrive', '/api/queue/purge', '/api/send'];

/** The console: its API routes and page, with generated query parameters and bodies. */
export function consoleApi(): fc.Arbitrary<RawRequest> {
  const params = ['name', 'index', 'minutes', 'pattern', 'group', 'id'];
  const body = nearRecord({
    confirm: fc.constantFrom('purge', 'PURGE'),
    type: nameFrom(['order.created']),
    data: oddValue,
    correlationId: anyString,
  });
  return fc.oneof(
    fc.record({
      method: fc.constant('GET'),
      path: fc.tuple(pathFrom(CONSOLE_GET), query(params)).map(([p, q]) => p + q),
      headers: fc.constant({}),
      body: fc.constant(''),
    }),
    fc.record({
      method: nameFrom(['POST', 'PUT', 'DELETE']).map((m) => (/^[A-Z]+$/.test(m) ? m : 'POST')),
      path: fc.tuple(pathFrom(CONSOLE_POST), query(params)).map(([p, q]) => p + q),
      headers: nameFrom(CONTENT_TYPES).map((t) => ({ 'content-type': t })),
      body: bodyOf(body),
    }),
  );
}
