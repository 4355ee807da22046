import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bindPort, HEALTH_PATH } from '../../../local/http/port.js';

/** One HTTP request on its own connection: status, retry-after and body. */
function call(
  url: string,
  path = '/',
  method = 'GET',
): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }),
      );
    });
    req.on('error', reject);
    req.end(method === 'POST' ? 'the body' : undefined);
  });
}

const options = { host: '127.0.0.1', port: 0, flag: '--port', holder: 'a test' };

test('a request before the part is mounted waits, and the part answers it, body and all', async () => {
  const port = await bindPort(options);
  try {
    const early = call(port.url, '/x', 'POST');
    await new Promise((resolve) => setTimeout(resolve, 50));
    port.mount((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => res.end(`${req.method} ${req.url} ${body}`));
    });
    assert.equal(await early, { status: 200, retryAfter: undefined, body: 'POST /x the body' });
  } finally {
    await port.close();
  }
});

test('a request still waiting when the port closes, or held too long, gets 503 with Retry-After', async () => {
  const closing = await bindPort(options);
  const waiting = call(closing.url);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await closing.close();
  const refused = {
    status: 503,
    retryAfter: '1',
    body: '{"message":"Service Unavailable: ferry is not ready"}',
  };
  assert.equal(await waiting, refused);
  const slow = await bindPort({ ...options, holdMs: 100 });
  try {
    assert.equal(await call(slow.url), refused);
  } finally {
    await slow.close();
  }
});

test('GET /_ferry/health answers from the start, 503 until ready and 200 after', async () => {
  let ready = false;
  const port = await bindPort({ ...options, health: () => (ready ? { ready, stack: 'ferry' } : { ready }) });
  try {
    assert.equal(await call(port.url, HEALTH_PATH), {
      status: 503,
      retryAfter: '1',
      body: '{"ready":false}',
    });
    ready = true;
    port.mount((_req, res) => res.end('the part'));
    assert.equal(await call(port.url, HEALTH_PATH), {
      status: 200,
      retryAfter: undefined,
      body: '{"ready":true,"stack":"ferry"}',
    });
    assert.equal((await call(port.url, '/other')).body, 'the part');
  } finally {
    await port.close();
  }
});

test('a port in use is named by its flag', async () => {
  const first = await bindPort(options);
  try {
    await bindPort({ ...options, port: first.port, flag: '--sqs-port', holder: 'another ferry up' }).then(
      () => assert.unreachable('the second bind should fail'),
      (error: Error) =>
        assert.is(
          error.message,
          `--sqs-port ${first.port}: the port is already in use (another ferry up?); choose another, or 0 for a free one`,
        ),
    );
  } finally {
    await first.close();
  }
});

test.run();
