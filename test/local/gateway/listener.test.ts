import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createGatewayListener,
  RouteKeyError,
  type ApiGatewayEventV2,
} from '../../../local/gateway/index.js';
import { rawRequest } from '../../helpers/gateway/harness.js';

test('listener: mounted on a server the caller binds, it answers as startGateway does', async () => {
  // Prepare
  const events: ApiGatewayEventV2[] = [];
  const server = createServer(
    createGatewayListener({
      routes: [{ routeKey: 'GET /items/{id}', target: 'fn' }],
      invoke: async (target, event) => {
        events.push(event);
        return { ok: true, result: { target, id: event.pathParameters?.['id'] } };
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    // Act
    const found = await rawRequest(port, 'GET', '/items/42', []);
    const missing = await rawRequest(port, 'GET', '/nowhere', []);

    // Assess
    assert.equal([found.status, found.body], [200, '{"target":"fn","id":"42"}']);
    assert.equal([missing.status, missing.body], [404, '{"message":"Not Found"}']);
    assert.is(events.length, 1);
    assert.is(events[0]?.headers['x-forwarded-port'], String(port), 'the port the request came in on');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('listener: a bad route table is refused when the listener is created', () => {
  assert.throws(
    () =>
      createGatewayListener({
        routes: [{ routeKey: 'FETCH /x', target: 'fn' }],
        invoke: async () => ({ ok: true, result: null }),
      }),
    (error: unknown) => error instanceof RouteKeyError && error.code === 'InvalidRouteKey',
  );
});

test.run();
