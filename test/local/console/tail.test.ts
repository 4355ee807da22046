// #15.11: live tail clients that never read are dropped past a small buffer, so they cannot grow
// the runtime's memory; a client that reads gets every line.
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startConsoleStack } from '../../helpers/console/stack.js';

const GROUP = '/aws/lambda/ferry-consumer';
const MiB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const held = () => {
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

/** A client that asks for the tail and then never reads a byte; resolves once its request is sent. */
function stalledClient(url: URL): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(`GET /api/tail?group=${encodeURIComponent(GROUP)} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
  });
}

test('#15.11: six tail clients that never read do not hold the log for themselves', async () => {
  // Prepare
  const stack = await startConsoleStack();
  const url = new URL(stack.console.url);
  const stalled = await Promise.all(Array.from({ length: 6 }, () => stalledClient(url)));
  const controller = new AbortController();
  const res = await fetch(new URL(`/api/tail?group=${encodeURIComponent(GROUP)}`, url), {
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let carry = '';
  /** Reads until `count` lines arrived (a line's mark may straddle two reads). */
  const readUntil = async (count: number) => {
    while (received < count) {
      const text = carry + decoder.decode((await reader.read()).value, { stream: true });
      received += text.split('LINE#').length - 1;
      carry = text.slice(-4);
    }
  };
  await readUntil(0);
  const before = held();

  // Act: 32 MiB of log, in batches the reading client keeps up with.
  const line = 'x'.repeat(4096);
  const batches = 64;
  const perBatch = 128;
  try {
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < perBatch; i++) stack.logs.append(GROUP, `LINE#${b}.${i} ${line}`, Date.now());
      await readUntil((b + 1) * perBatch);
    }
    // What the test's own in-memory store keeps of the lines is not the clients'.
    const stored = (batches * perBatch * (line.length + 12)) / MiB;
    const grew = (held() - before) / MiB - stored;

    // Assess: before, each stalled client held all 32 MiB (180 MiB more for six, measured).
    process.stdout.write(`    the console held ${grew.toFixed(1)} MiB more for six stalled clients\n`);
    assert.ok(grew < 6 * 2, `the console held ${grew.toFixed(0)} MiB more`);
    assert.is(received, batches * perBatch);
  } finally {
    controller.abort();
    for (const socket of stalled) socket.destroy();
    await stack.close();
  }
});

test.run();
