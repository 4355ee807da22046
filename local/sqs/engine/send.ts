// SendMessage on one queue: the checks that depend on the queue (size, FIFO
// rules, deduplication), then the message enters the queue and the store.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html

import { randomUUID } from 'node:crypto';
import type { MessageAttributes, Result, SendInput, SendOutput } from './types.js';
import { fail, ok } from './result.js';
import { contentHash, DEDUP_WINDOW_MS, dedupKey } from './fifo.js';
import { emptyAttributes, State, type Message } from './message.js';
import type { Queue } from './queue.js';

/** Size as SQS counts it: body plus each attribute's name, data type and value, in bytes. */
export function messageSize(input: SendInput): number {
  let size = Buffer.byteLength(input.body);
  if (input.messageAttributes !== undefined) size += attributesSize(input.messageAttributes);
  return size;
}

function attributesSize(attributes: MessageAttributes): number {
  let size = 0;
  for (const [name, a] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    if (a.StringValue !== undefined) size += Buffer.byteLength(a.StringValue);
    if (a.BinaryValue !== undefined) size += a.BinaryValue.byteLength;
  }
  return size;
}

// SendMessage and SendMessageBatch say these alike (with different codes: recorded SQS).
const NO_GROUP_ID = 'The request must contain the parameter MessageGroupId.';
const NO_DEDUP_ID =
  'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly';

function notForThisQueueType(parameter: string, value: string | number): Result<never> {
  return fail(
    'InvalidParameterValue',
    `Value ${value} for parameter ${parameter} is invalid. Reason: The request include parameter that is not valid for this queue type.`,
  );
}

/** Validates and enqueues one message. The caller wakes waiters and awaits the store. */
export function sendToQueue(q: Queue, input: SendInput, now: number): Result<SendOutput> {
  const config = q.config;
  q.expireOldest(now);
  const size = messageSize(input);
  if (size > config.maximumMessageSize) {
    // SQS reports an oversized message as an invalid parameter, not as a code of its own.
    return fail(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${config.maximumMessageSize} bytes.`,
    );
  }
  let dedupId: string | undefined;
  let key = '';
  if (config.fifo) {
    if (input.messageGroupId === undefined) {
      return fail('MissingParameter', NO_GROUP_ID);
    }
    if (input.delaySeconds !== undefined && input.delaySeconds !== 0) {
      return notForThisQueueType('DelaySeconds', input.delaySeconds);
    }
    dedupId = input.messageDeduplicationId;
    if (dedupId === undefined) {
      if (!config.contentBasedDeduplication) {
        return fail('InvalidParameterValue', NO_DEDUP_ID);
      }
      dedupId = contentHash(input.body);
    }
    key = dedupKey(config.deduplicationScope, input.messageGroupId, dedupId);
    const seen = q.dedup.find(key, now);
    // A duplicate within the window is accepted and answered with the original, not enqueued.
    if (seen !== undefined) return ok({ messageId: seen.messageId, sequenceNumber: seen.sequenceNumber });
  } else if (input.messageDeduplicationId !== undefined) {
    return notForThisQueueType('MessageDeduplicationId', input.messageDeduplicationId);
  }

  const delay = input.delaySeconds ?? config.delaySeconds;
  const m: Message = {
    id: randomUUID(),
    body: input.body,
    messageAttributes: input.messageAttributes ?? emptyAttributes(),
    messageSystemAttributes: input.messageSystemAttributes ?? emptyAttributes(),
    sentAt: now,
    enqueuedAt: now,
    senderId: input.senderId,
    groupId: input.messageGroupId,
    dedupId: config.fifo ? dedupId : undefined,
    sequenceNumber: config.fifo ? q.dedup.nextSequenceNumber(now) : undefined,
    dlqSourceArn: undefined,
    receiveCount: 0,
    firstReceiveAt: 0,
    receivedAt: 0,
    visibleAt: now + delay * 1000,
    receipt: '',
    state: State.Visible,
    rowid: 0,
  };
  q.add(m, now);
  q.ctx.store.insertMessage(q.name, m);
  if (config.fifo) {
    const entry = { messageId: m.id, sequenceNumber: m.sequenceNumber!, expiresAt: now + DEDUP_WINDOW_MS };
    q.dedup.record(key, entry);
    q.ctx.store.putDedup({ queue: q.name, key, ...entry });
    return ok({ messageId: m.id, sequenceNumber: m.sequenceNumber! });
  }
  return ok({ messageId: m.id });
}

export function batchTooLong(total: number): Result<never> {
  return fail(
    'BatchRequestTooLong',
    `Batch requests cannot be longer than 1048576 bytes. You have sent ${total} bytes.`,
  );
}

/** SendMessageBatch on a FIFO queue fails as a whole when an entry lacks a group or dedup id (recorded SQS). */
export function checkFifoBatch(q: Queue, entries: SendInput[]): Result<void> {
  if (!q.config.fifo) return ok(undefined);
  for (const e of entries) {
    if (e.messageGroupId === undefined) {
      return fail('InvalidParameterValue', NO_GROUP_ID);
    }
    if (e.messageDeduplicationId === undefined && !q.config.contentBasedDeduplication) {
      return fail('InvalidParameterValue', NO_DEDUP_ID);
    }
  }
  return ok(undefined);
}
