// ReceiveMessage, DeleteMessage and ChangeMessageVisibility on one queue, and
// the batch shapes built from them.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html

import type { BatchOutcome, ReceiveInput, Result } from './types.js';
import { fail, OK } from './result.js';
import { DEDUP_WINDOW_MS } from './fifo.js';
import { State, type Message } from './message.js';
import type { Queue } from './queue.js';
import { invalidReceiptHandleMessage, parseReceiptHandle } from './receipt.js';

const MAX_INFLIGHT_MS = 43_200_000;

/** One receive attempt, no waiting. FIFO ReceiveRequestAttemptId replays are handled here. */
export function receiveNow(q: Queue, input: ReceiveInput, now: number): Message[] {
  const visibilityMs = (input.visibilityTimeout ?? q.config.visibilityTimeout) * 1000;
  const attemptId = q.config.fifo ? input.receiveRequestAttemptId : undefined;
  if (attemptId !== undefined) {
    const previous = q.attempts.find(attemptId, now);
    if (previous !== undefined) {
      q.tick(now); // a message whose visibility ran out is no longer this attempt's
      const again: Message[] = [];
      previous.messageIds.forEach((id, i) => {
        const m = q.messages.get(id);
        if (m !== undefined && m.state === State.Inflight && m.receipt === previous.receipts[i]) {
          q.setVisibleAt(m, now + visibilityMs, now);
          again.push(m);
        }
      });
      if (again.length > 0) return again;
    }
  }
  const messages = q.receive(input.maxNumberOfMessages, visibilityMs, now);
  if (attemptId !== undefined && messages.length > 0) {
    q.attempts.record(attemptId, {
      expiresAt: now + DEDUP_WINDOW_MS,
      messageIds: messages.map((m) => m.id),
      receipts: messages.map((m) => m.receipt),
    });
  }
  return messages;
}

export function deleteOne(q: Queue, handle: string, now: number): Result<void> {
  const id = parseReceiptHandle(handle, q.tag);
  if (id === undefined) return fail('ReceiptHandleIsInvalid', invalidReceiptHandleMessage(handle));
  if (q.config.fifo) q.tick(now);
  const m = q.messages.get(id);
  // Already deleted (or expired, or moved): SQS answers success.
  if (m === undefined) return OK;
  const wasInflight = m.state === State.Inflight;
  if (q.config.fifo && (m.receipt !== handle || !wasInflight)) {
    // FIFO handles expire with their visibility timeout (recorded SQS behaviour).
    return fail(
      'InvalidParameterValue',
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    );
  }
  // Standard queues: "You must provide the most recently received ReceiptHandle for the message
  // (otherwise, the request succeeds, but the message will not be deleted)."
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
  if (m.receipt !== handle) return OK;
  q.remove(m);
  if (wasInflight && q.config.fifo) q.waiters.wake();
  return OK;
}

export function changeVisibilityOne(q: Queue, handle: string, seconds: number, now: number): Result<void> {
  const id = parseReceiptHandle(handle, q.tag);
  if (id === undefined) return fail('ReceiptHandleIsInvalid', invalidReceiptHandleMessage(handle));
  q.tick(now);
  const m = q.messages.get(id);
  if (m === undefined || m.receipt !== handle) {
    return fail(
      'InvalidParameterValue',
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  }
  if (m.state !== State.Inflight) return fail('MessageNotInflight', "The specified message isn't in flight.");
  const visibleAt = now + seconds * 1000;
  if (visibleAt - m.receivedAt > MAX_INFLIGHT_MS) {
    return fail(
      'InvalidParameterValue',
      `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]`,
    );
  }
  q.setVisibleAt(m, visibleAt, now);
  return OK;
}

/** Runs `one` per entry; a failing entry is reported, the others still apply. */
export function batch<E extends { id: string }>(
  entries: E[],
  one: (entry: E) => Result<unknown>,
): BatchOutcome<object> {
  const outcome: BatchOutcome<object> = { successful: [], failed: [] };
  for (const entry of entries) {
    const r = one(entry);
    if (r.ok) outcome.successful.push({ id: entry.id });
    else
      outcome.failed.push({ id: entry.id, senderFault: true, code: r.error.code, message: r.error.message });
  }
  return outcome;
}
