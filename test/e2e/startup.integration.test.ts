// Ready means ready: a client that reaches `ferry up` while it starts gets the answer the stack
// gives once ready (held, not refused), never a 5xx; GET /_ferry/health says when it is ready.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { order, ROOT } from '../helpers/runtime/runtime.js';
import { until } from '../helpers/time/until.js';

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Answer {
  path: string;
  status: number;
  /** Sent before `ferry up` printed its ready text. */
  early: boolean;
}

test('requests sent while ferry up starts are answered once it is ready, none with a 5xx', async () => {
  const [api, sqs, web] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [
      'local/bin/ferry.js',
      'up',
      '--memory',
      '--api-port',
      `${api}`,
      '--sqs-port',
      `${sqs}`,
      '--console-port',
      `${web}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const isReady = () => out.includes('Outputs:');
  const answers: Answer[] = [];
  const health: number[] = [];
  const ask = async (path: string, init?: RequestInit): Promise<void> => {
    const early = !isReady();
    try {
      const res = await fetch(`http://127.0.0.1:${api}${path}`, init);
      await res.arrayBuffer();
      answers.push({ path, status: res.status, early });
    } catch {
      // Not bound yet: the connection is refused, which is not an answer.
    }
  };
  try {
    // Ask, round after round, until ferry up says it is ready.
    await until(
      'ferry up to be ready',
      async () => {
        await Promise.all([
          ask('/types'),
          ask('/messages', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(order()),
          }),
          fetch(`http://127.0.0.1:${sqs}/_ferry/health`).then(
            (res) => health.push(res.status),
            () => undefined,
          ),
        ]);
        return isReady();
      },
      30_000,
    ).catch(() => undefined);
    assert.ok(isReady(), `ferry up is ready: ${out}`);
    await ask('/types');
    const ready = await fetch(`http://127.0.0.1:${sqs}/_ferry/health`);
    assert.equal(await ready.json(), { ready: true, stack: 'ferry' });
    assert.equal(
      answers.filter((a) => a.status >= 500),
      [],
    );
    assert.ok(
      answers.some((a) => a.early && a.path === '/messages' && a.status === 202),
      'a POST sent during start-up was accepted',
    );
    assert.ok(health.includes(503), 'health said not ready while it started');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});

test.run();
