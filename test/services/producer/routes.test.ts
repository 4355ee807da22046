import { readdirSync, readFileSync } from 'node:fs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { apiEvent } from '../../helpers/services/events.js';
import { CONTEXT, producerUnderTest } from '../../helpers/services/producer.js';

const schemas = new URL('../../../schemas/', import.meta.url);
const readJson = (path: string) =>
  JSON.parse(readFileSync(new URL(path, schemas), 'utf8')) as Record<string, unknown>;

const test = suite('producer routes');

test('GET /types lists every type with its schema, and the envelope', async () => {
  const { handle } = producerUnderTest();
  const response = await handle(
    apiEvent(undefined, { route: 'GET /types', without: ['content-type'] }),
    CONTEXT,
  );
  const files = readdirSync(new URL('types/', schemas))
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  assert.equal(response, {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-1' },
    body: JSON.stringify({
      envelope: readJson('envelope.schema.json'),
      types: files.map((f) => ({ name: f.replace('.schema.json', ''), schema: readJson(`types/${f}`) })),
    }),
  });
});

test('routes by method and path when the event has no routeKey', async () => {
  const { handle, sqsMock } = producerUnderTest();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  const response = await handle(
    apiEvent({ type: 'order.created', data: {} }, { route: 'POST /messages/', noRouteKey: true }),
    CONTEXT,
  );
  assert.equal([response.statusCode, JSON.parse(response.body ?? '').error], [422, 'invalid-data']);
});

test('answers 404 for a route it does not serve', async () => {
  const { handle } = producerUnderTest();
  const response = await handle(apiEvent(undefined, { route: 'DELETE /messages' }), CONTEXT);
  assert.equal(response, {
    statusCode: 404,
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-1' },
    body: JSON.stringify({
      error: 'not-found',
      message: 'no route for DELETE /messages',
      correlationId: 'corr-1',
    }),
  });
});

test.run();
