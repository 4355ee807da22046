import { connect, type Socket } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rawRequest, startHarness } from '../../helpers/gateway/harness.js';
import { until } from '../../helpers/time/until.js';

const MiB = 1024 * 1024;
const route = [
  { routeKey: 'POST /messages', target: 'fn', integration: { payloadFormatVersion: '2.0' as const } },
];

/** Headers for 5 MiB and `sent` bytes of it, then nothing. */
function stall(port: number, sent: number): Socket {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(`POST /messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${5 * MiB}\r\n\r\n`);
  socket.write(Buffer.alloc(sent, 'x'));
  return socket;
}

const post = (port: number, size: number) =>
  rawRequest(port, 'POST', '/messages', [['Content-Type', 'text/plain']], Buffer.alloc(size, 'x'));

test('#15.7: the gateway holds at most its budget of unfinished bodies, and gives it back', async () => {
  const { gateway, events } = await startHarness({ routes: route, bodyBudgetBytes: 4 * MiB });
  try {
    const stalled = [stall(gateway.port, 1.5 * MiB), stall(gateway.port, 1.5 * MiB)];
    // 3 MiB held: a 2 MiB body does not fit, and is answered as API Gateway answers an overload.
    const busy = await until('a body refused for the budget', async () => {
      const out = await post(gateway.port, 2 * MiB);
      return out.status === 503 ? out : undefined;
    });
    assert.equal(
      { status: busy.status, retryAfter: busy.headers['retry-after'], body: busy.body },
      { status: 503, retryAfter: '1', body: '{"message":"Service Unavailable"}' },
    );
    // A small body still fits, and reaches the function while the others stall.
    assert.is((await post(gateway.port, 100)).status, 200);
    // A client that goes away gives its bytes back.
    for (const s of stalled) s.destroy();
    await until('the 2 MiB body taken again', async () => (await post(gateway.port, 2 * MiB)).status === 200);
    assert.ok(events.every((e) => (e.body?.length ?? 0) <= 2 * MiB));
  } finally {
    await gateway.close();
  }
});

test.run();
