// Random operation sequences (seeded, so reproducible) against the engine's
// lazy structures, checking what must always hold: counts add up to the
// messages alive, a deleted message never comes back, and a FIFO group never
// has messages out in two receives at once and is served in send order.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReceivedMessage } from '../../../../local/sqs/engine/index.js';
import { receive, send, setup, unwrap } from '../../../helpers/sqs/engine.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function run(fifo: boolean, seed: number): Promise<void> {
  const random = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const { engine, clock } = await setup();
  const name = fifo ? 'q.fifo' : 'q';
  const attributes: Record<string, string> = { VisibilityTimeout: '5' };
  if (fifo) Object.assign(attributes, { FifoQueue: 'true', ContentBasedDeduplication: 'false' });
  unwrap(await engine.createQueue(name, attributes, {}));

  const alive = new Set<string>();
  const deleted = new Set<string>();
  const sentOrder = new Map<string, number>(); // id -> index in its group
  const groupOf = new Map<string, string>();
  const handles: ReceivedMessage[] = [];
  /** FIFO: the receive each group's in-flight messages came from, with their deadline. */
  const outstanding = new Map<string, { until: number; ids: Set<string> }>();
  let sends = 0;

  for (let step = 0; step < 600; step++) {
    const op = random();
    if (op < 0.35) {
      const group = pick(['a', 'b', 'c']);
      const extra = fifo
        ? { messageGroupId: group, messageDeduplicationId: `d${sends}` }
        : { delaySeconds: random() < 0.2 ? 3 : 0 };
      const { messageId } = await send(engine, name, `m${sends}`, extra);
      sends++;
      alive.add(messageId);
      groupOf.set(messageId, group);
      sentOrder.set(messageId, sends);
    } else if (op < 0.6) {
      const got = await receive(engine, name, 1 + Math.floor(random() * 4));
      const now = clock.now();
      for (const m of got) {
        assert.ok(alive.has(m.messageId), 'only live messages are received');
        assert.not.ok(deleted.has(m.messageId), 'a deleted message never comes back');
        handles.push(m);
      }
      if (fifo) {
        const byGroup = new Map<string, ReceivedMessage[]>();
        for (const m of got)
          byGroup.set(m.attributes.MessageGroupId!, [
            ...(byGroup.get(m.attributes.MessageGroupId!) ?? []),
            m,
          ]);
        for (const [group, ms] of byGroup) {
          const prior = outstanding.get(group);
          const stillOut =
            prior !== undefined && prior.until > now && [...prior.ids].some((id) => alive.has(id));
          assert.not.ok(stillOut, `group ${group} served while a message of it was in flight`);
          const order = ms.map((m) => sentOrder.get(m.messageId)!);
          assert.equal(
            order,
            [...order].sort((x, y) => x - y),
            'in send order within a group',
          );
          const oldestAlive = Math.min(
            ...[...alive].filter((id) => groupOf.get(id) === group).map((id) => sentOrder.get(id)!),
          );
          assert.is(order[0], oldestAlive, 'a group is served from its oldest live message');
          outstanding.set(group, { until: now + 5_000, ids: new Set(ms.map((m) => m.messageId)) });
        }
      }
    } else if (op < 0.8 && handles.length > 0) {
      const m = handles.splice(Math.floor(random() * handles.length), 1)[0]!;
      const r = await engine.deleteMessage(name, m.receiptHandle);
      if (r.ok && alive.has(m.messageId)) {
        const stillThere = unwrap(engine.getQueueAttributes(name, ['All']));
        const total = [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ]
          .map((k) => Number(stillThere[k]))
          .reduce((x, y) => x + y, 0);
        // Standard queues ignore stale handles; whether it went is visible in the counts.
        if (total < alive.size) {
          alive.delete(m.messageId);
          deleted.add(m.messageId);
        }
      }
    } else if (op < 0.85 && handles.length > 0) {
      const m = pick(handles);
      const r = await engine.changeMessageVisibility(name, m.receiptHandle, 0);
      if (fifo && r.ok) outstanding.get(m.attributes.MessageGroupId!)?.ids.delete(m.messageId);
    } else {
      clock.advance(Math.floor(random() * 4_000));
    }
    const attrs = unwrap(engine.getQueueAttributes(name, ['All']));
    const total =
      Number(attrs.ApproximateNumberOfMessages) +
      Number(attrs.ApproximateNumberOfMessagesNotVisible) +
      Number(attrs.ApproximateNumberOfMessagesDelayed);
    assert.is(total, alive.size, `counts add up at step ${step}`);
  }
  // Draining (receive + delete) yields exactly the live messages.
  clock.advance(60_000);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const got = await receive(engine, name, 10, { visibilityTimeout: 3600 });
    for (const m of got) {
      assert.not.ok(seen.has(m.messageId), 'drained once');
      seen.add(m.messageId);
      unwrap(await engine.deleteMessage(name, m.receiptHandle));
    }
    if (got.length === 0) break;
  }
  assert.equal([...seen].sort(), [...alive].sort());
}

for (const seed of [1, 2, 3]) {
  test(`standard queue invariants hold (seed ${seed})`, () => run(false, seed));
  test(`FIFO queue invariants hold (seed ${seed})`, () => run(true, seed));
}

test.run();
