// The schedule of deadlines (delayed and in-flight messages) drops the entries of messages that
// are gone, so a steady receive-and-delete flow does not keep every message of the last
// VisibilityTimeout alive; and what it keeps still becomes visible on time.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Engine } from '../../../../local/sqs/engine/engine.js';
import { MoveTasks } from '../../../../local/sqs/engine/move-tasks.js';
import { Registry } from '../../../../local/sqs/engine/registry.js';
import { createMemoryStore } from '../../../../local/sqs/store/memory.js';
import { createTestClock } from '../../../helpers/time/clock.js';
import { T0, receive, send, unwrap } from '../../../helpers/sqs/engine.js';

test('deleted in-flight messages leave the schedule; the rest still come back at their deadline', async () => {
  const clock = createTestClock(T0);
  const reg = new Registry(clock, createMemoryStore(), 'us-east-1', '000000000000');
  const engine = new Engine(reg, new MoveTasks(reg));
  unwrap(await engine.createQueue('q', { VisibilityTimeout: '30' }, {}));
  for (let i = 0; i < 3000; i++) await send(engine, 'q', `m${i}`);

  const received = [];
  for (let i = 0; i < 300; i++) received.push(...(await receive(engine, 'q', 10)));
  assert.is(received.length, 3000);
  assert.is(reg.get('q')!.scheduled, 3000);

  // Delete two in three; the third stays in flight.
  const kept = new Set<string>();
  for (const [i, m] of received.entries()) {
    if (i % 3 === 2) kept.add(m.body);
    else unwrap(await engine.deleteMessage('q', m.receiptHandle));
  }
  const scheduled = reg.get('q')!.scheduled;
  assert.ok(scheduled <= 2 * kept.size, `${scheduled} deadlines kept for ${kept.size} messages in flight`);

  assert.equal(await receive(engine, 'q', 10), []);
  await clock.tick(30_000);
  const back = new Set<string>();
  for (let batch = await receive(engine, 'q', 10); batch.length > 0; batch = await receive(engine, 'q', 10))
    for (const m of batch) back.add(m.body);
  assert.equal([...back].sort(), [...kept].sort());
});

test.run();
