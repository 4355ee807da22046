// Engine micro-benchmark (not a test): raw sendMessage/s and batched
// send+receive+delete messages/s straight on the engine, durable and in memory,
// with 50 concurrent callers as the HTTP benchmark uses. The HTTP benchmark
// proper is `npm run bench:sqs`; this one shows the engine's own ceiling.
//   node --import tsx test/local/sqs/store/micro-bench.ts [seconds]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type QueueEngine } from '../../../../local/sqs/engine/index.js';
import { durable as openDurable } from '../../../helpers/config/data-dir.js';

const seconds = Number(process.argv[2] ?? 3);
const CALLERS = 50;

async function timed(engine: QueueEngine, step: (engine: QueueEngine) => Promise<number>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (performance.now() < end) {
        const n = await step(engine); // not `count += await ...`: that reads count before the await
        count += n;
      }
    }),
  );
  return Math.round(count / seconds);
}

const body = JSON.stringify({ type: 'order.created', data: { id: 'o-123', amount: 42, currency: 'EUR' } });

async function sendOne(engine: QueueEngine): Promise<number> {
  const r = await engine.sendMessage('bench', { body, senderId: 'bench' });
  return r.ok ? 1 : 0;
}

const entries = Array.from({ length: 10 }, (_, i) => ({ id: String(i), body, senderId: 'bench' }));
async function roundTrip(engine: QueueEngine): Promise<number> {
  await engine.sendMessageBatch('rt', entries);
  const r = await engine.receiveMessage('rt', { maxNumberOfMessages: 10, waitTimeSeconds: 0 });
  if (!r.ok || r.value.length === 0) return 0;
  await engine.deleteMessageBatch(
    'rt',
    r.value.map((m, i) => ({ id: String(i), receiptHandle: m.receiptHandle })),
  );
  return r.value.length;
}

for (const durable of [true, false]) {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-sqs-bench-'));
  const engine = await createEngine(durable ? { data: openDurable(dir) } : {});
  await engine.createQueue('bench', {}, {});
  await engine.createQueue('rt', {}, {});
  const sends = await timed(engine, sendOne);
  const trips = await timed(engine, roundTrip);
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${durable ? 'durable' : 'memory '}  sendMessage ${sends}/s   batch send+receive+delete ${trips} msgs/s`,
  );
}
