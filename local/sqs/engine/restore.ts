// Rebuilds the live state from what the store loaded: queues first (so that
// redrive targets resolve), then messages in the order they were written.

import type { LoadedState } from '../store/types.js';
import type { Registry } from './registry.js';

export function restore(reg: Registry, state: LoadedState): void {
  const now = reg.clock.now();
  for (const q of state.queues) reg.create(q.name, q.attributes, q.tags, q.createdAt, q.modifiedAt);
  for (const { queue, message } of state.messages) {
    const q = reg.get(queue);
    if (q === undefined) continue;
    if (message.sequenceNumber !== undefined) q.dedup.observeSequenceNumber(message.sequenceNumber);
    q.add(message, now);
  }
  for (const d of state.dedup) {
    const q = reg.get(d.queue);
    if (q === undefined || d.expiresAt <= now) continue;
    q.dedup.observeSequenceNumber(d.sequenceNumber);
    q.dedup.record(d.key, {
      messageId: d.messageId,
      sequenceNumber: d.sequenceNumber,
      expiresAt: d.expiresAt,
    });
  }
}
