import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startEndpoint } from '../../../local/endpoint/index.js';
import { until } from '../../helpers/time/until.js';

const MiB = 1024 * 1024;
const limits = { headersMs: 400, requestMs: 800, bodyBudgetBytes: 16 * MiB };
const target = 'AmazonSQS.SendMessage';

/** A JSON 1.0 SQS request with a body of `size` spaces: status, Retry-After and body. */
function post(port: number, size: number): Promise<{ status?: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        method: 'POST',
        headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            retryAfter: res.headers['retry-after'],
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(Buffer.alloc(size, ' '));
  });
}

/** Sends headers for 8 MiB and `sent` bytes of it, then stalls; resolves when the server closes it. */
function stall(port: number, sent: number): { socket: Socket; closed: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  socket.write(
    `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: ${target}\r\nContent-Length: ${8 * MiB}\r\n\r\n`,
  );
  socket.write(Buffer.alloc(sent, ' '));
  return answerOf(socket);
}

/** The status line the server answers on `socket`, once it closes it. */
function answerOf(socket: Socket): { socket: Socket; closed: Promise<string> } {
  let answer = '';
  socket.on('error', () => undefined);
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => resolve(answer.split('\r\n')[0]!)),
  );
  return { socket, closed };
}

test('#15.7: stalled bodies are bounded, then closed, and other requests are answered meanwhile', async () => {
  const seen: number[] = [];
  const ep = await startEndpoint({
    port: 0,
    limits,
    services: new Map([
      [
        'sqs',
        {
          handle: (req) => {
            seen.push(req.body.length);
            return Promise.resolve({ status: 200, headers: {}, body: 'ok' });
          },
        },
      ],
    ]),
  });
  try {
    const started = Date.now();
    const stalled = [stall(ep.port, 5 * MiB), stall(ep.port, 5 * MiB), stall(ep.port, 5 * MiB)];
    // Once 15 MiB are held, a 2 MiB body no longer fits the 16 MiB budget: 503, retry later.
    const busy = await until('a body refused for the budget', async () => {
      const out = await post(ep.port, 2 * MiB);
      return out.status === 503 ? out : undefined;
    });
    assert.equal(busy, {
      status: 503,
      retryAfter: '1',
      body: JSON.stringify({
        __type: 'ServiceUnavailable',
        message: 'The request has failed due to a temporary failure of the server.',
      }),
    });
    // A small request still fits, and is answered while the others stall.
    assert.equal(await post(ep.port, 100), { status: 200, retryAfter: undefined, body: 'ok' });
    // Each stalled request is answered 408 and closed once its time to arrive is over.
    assert.equal(
      await Promise.all(stalled.map((s) => s.closed)),
      Array(3).fill('HTTP/1.1 408 Request Timeout'),
    );
    assert.ok(Date.now() - started >= limits.requestMs);
    // Their bytes are given back: the 2 MiB body is taken again.
    assert.equal(await post(ep.port, 2 * MiB), { status: 200, retryAfter: undefined, body: 'ok' });
    assert.ok(seen.every((n) => n <= 2 * MiB));
  } finally {
    await ep.close();
  }
});

test('#15.7: headers that never end are answered 408 and closed', async () => {
  const ep = await startEndpoint({ port: 0, limits, services: new Map() });
  try {
    const started = Date.now();
    const socket = connect(ep.port, '127.0.0.1');
    socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const { closed } = answerOf(socket);
    assert.is(await closed, 'HTTP/1.1 408 Request Timeout');
    const took = Date.now() - started;
    assert.ok(took >= limits.headersMs && took < limits.requestMs + 1000, `closed after ${took} ms`);
  } finally {
    await ep.close();
  }
});

test.run();
