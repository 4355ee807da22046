import autocannon from 'autocannon';
import type { Window } from './loop.js';
import { cpuMark, describe, loopWindow, toWindow } from './loop.js';
import type { RunningServer } from './servers.js';
import { JSON_HEADERS, MESSAGE_BODY, SqsWire } from './wire.js';

// (1) Raw SendMessage: 50 keep-alive connections, no pipelining, one fixed JSON body, driven by
// autocannon. moto_server closes the connection after every answer (`Connection: close`), which
// autocannon handles with a slow reconnect (measured here: ~17 req/s at 50 connections, where
// 50 undici connections get ~60): moto's raw figure is driven by undici instead, in its favour.

export type RawDriver = 'autocannon' | 'undici';

export interface RawOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  runs: number;
}

export async function rawSendMessage(
  server: RunningServer,
  driver: RawDriver,
  o: RawOptions,
  progress: (line: string) => void,
): Promise<Window[]> {
  const wire = new SqsWire(server.endpoint, o.connections);
  try {
    const queueUrl = await wire.createQueue('bench-raw');
    const body = JSON.stringify({ QueueUrl: queueUrl, MessageBody: MESSAGE_BODY });
    const run =
      driver === 'autocannon' ? autocannonWindow(server, o, body) : undiciWindow(server, o, wire, body);
    await run(o.warmupSeconds);
    const windows: Window[] = [];
    for (let i = 0; i < o.runs; i++) {
      windows.push(await run(o.seconds));
      progress(describe(`raw SendMessage (${driver})`, 'req/s', i, o.runs, windows[i]!));
    }
    return windows;
  } finally {
    await wire.close();
  }
}

function autocannonWindow(server: RunningServer, o: RawOptions, body: string) {
  const options = {
    url: `${server.endpoint}/`,
    connections: o.connections,
    method: 'POST',
    headers: { ...JSON_HEADERS, 'x-amz-target': 'AmazonSQS.SendMessage' },
    body,
  };
  return async (seconds: number): Promise<Window> => {
    const mark = cpuMark(server.cpuSeconds);
    const r = await autocannon({ ...options, duration: seconds });
    const cpu1 = server.cpuSeconds();
    const w = toWindow(
      { done: r['2xx'], failed: r.errors + r.timeouts + r.non2xx, firstError: undefined, wall: r.duration },
      mark,
      cpu1,
    );
    w.p50ms = r.latency.p50;
    w.p99ms = r.latency.p99;
    return w;
  };
}

function undiciWindow(server: RunningServer, o: RawOptions, wire: SqsWire, body: string) {
  const headers = { ...JSON_HEADERS, 'x-amz-target': 'AmazonSQS.SendMessage' };
  const op = async () => {
    const res = await wire.pool.request({ path: '/', method: 'POST', headers, body });
    await res.body.dump();
    return res.statusCode === 200 ? { done: 1, failed: 0 } : { done: 0, failed: 1 };
  };
  return async (seconds: number): Promise<Window> => {
    const mark = cpuMark(server.cpuSeconds);
    const r = await loopWindow(op, o.connections, seconds);
    return toWindow(r, mark, server.cpuSeconds());
  };
}
