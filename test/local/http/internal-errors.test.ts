import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InternalErrorLog } from '../../../local/http/internal-errors.js';
import type { QueueEngine } from '../../../local/sqs/index.js';
import { createSqsService } from '../../../local/sqs/index.js';

/** An error with a fixed stack, so that lines compare whole. */
function bug(message: string, at: string): Error {
  const e = new TypeError(message);
  e.stack = `TypeError: ${message}\n    at ${at}`;
  return e;
}

test('#15.13: one line per internal error, the stack once, at most 10 lines a second', () => {
  const lines: string[] = [];
  let now = 5_000;
  const log = new InternalErrorLog('ferry sqs', { write: (l) => lines.push(l), now: () => now });
  const a = bug('x is undefined', 'send (send.ts:1:1)');
  for (let i = 0; i < 1000; i++) log.report(`r${i}`, 'SendMessage', a);
  log.report('r-b', 'ReceiveMessage', bug('y is undefined', 'receive (receive.ts:2:2)'));
  now += 1000;
  log.report('r-next', 'SendMessage', a);
  const line = (id: string) =>
    `ferry sqs: internal error in SendMessage, request ${id}: TypeError: x is undefined`;
  assert.equal(lines, [
    `${line('r0')}\nTypeError: x is undefined\n    at send (send.ts:1:1)`,
    ...Array.from({ length: 9 }, (_, i) => line(`r${i + 1}`)),
    // 990 of the same and the other error were counted, not printed; the count comes with the next line.
    `${line('r-next')} (991 more not shown)`,
  ]);
});

test('#15.13: a failing SQS request prints one line with its request id, the stack only the first time', async () => {
  // Every engine call fails: a stand-in for a bug in the engine.
  const engine = new Proxy({} as QueueEngine, {
    get: (_t, key) =>
      key === 'accountId'
        ? '000000000000'
        : () => {
            throw bug('boom', 'engine (engine.ts:9:9)');
          },
  });
  const sqs = createSqsService({ engine, endpoint: 'http://127.0.0.1:1' });
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  const origError = console.error;
  console.error = (...args: unknown[]) => written.push(args.map(String).join(' '));
  const ids: string[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const out = await sqs.handle({
        method: 'POST',
        url: '/',
        headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
        body: Buffer.from('{}'),
      });
      assert.is(out.status, 500);
      ids.push(String(out.headers['x-amzn-requestid']));
    }
  } finally {
    process.stderr.write = write;
    console.error = origError;
  }
  const text = written.join('');
  const line = (id: string) => `ferry sqs: internal error in ListQueues, request ${id}: TypeError: boom`;
  assert.is(
    text,
    `${line(ids[0]!)}\nTypeError: boom\n    at engine (engine.ts:9:9)\n${line(ids[1]!)}\n${line(ids[2]!)}\n`,
  );
});

test.run();
