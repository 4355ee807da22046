import type { MessageAttributes, ReceivedMessage } from './types.js';

/** Where a message is in its life. Counts per state back the Approximate* attributes. */
export const State = { Visible: 0, Delayed: 1, Inflight: 2, Gone: 3 } as const;
export type State = (typeof State)[keyof typeof State];

/** One message as the engine holds it: the whole live state, mirrored by the store. */
export interface Message {
  id: string;
  body: string;
  messageAttributes: MessageAttributes;
  messageSystemAttributes: MessageAttributes;
  sentAt: number;
  /**
   * When it entered this queue (its send, or its move here). Age metrics count
   * from it; so does retention on FIFO queues, whose dead-letter moves reset the
   * enqueue time (standard queues keep counting from the send).
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
   */
  enqueuedAt: number;
  senderId: string;
  groupId: string | undefined;
  dedupId: string | undefined;
  sequenceNumber: string | undefined;
  dlqSourceArn: string | undefined;
  receiveCount: number;
  /** 0 until first received. */
  firstReceiveAt: number;
  /** Start of the current in-flight period (the 12-hour visibility limit counts from here). */
  receivedAt: number;
  /** When a delayed or in-flight message becomes visible. */
  visibleAt: number;
  /** The handle of the latest receive; '' before the first. */
  receipt: string;
  state: State;
  /** The store's row for this message (0 when not stored). */
  rowid: number;
}

const EMPTY: MessageAttributes = Object.freeze({}) as MessageAttributes;

export function emptyAttributes(): MessageAttributes {
  return EMPTY;
}

/** The view handed to the protocol layer; it filters attributes and computes MD5s. */
export function toReceived(m: Message): ReceivedMessage {
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt),
    SentTimestamp: String(m.sentAt),
    SenderId: m.senderId,
  };
  if (m.groupId !== undefined) attributes.MessageGroupId = m.groupId;
  if (m.dedupId !== undefined) attributes.MessageDeduplicationId = m.dedupId;
  if (m.sequenceNumber !== undefined) attributes.SequenceNumber = m.sequenceNumber;
  const trace = m.messageSystemAttributes.AWSTraceHeader?.StringValue;
  if (trace !== undefined) attributes.AWSTraceHeader = trace;
  if (m.dlqSourceArn !== undefined) attributes.DeadLetterQueueSourceArn = m.dlqSourceArn;
  return {
    messageId: m.id,
    receiptHandle: m.receipt,
    body: m.body,
    messageAttributes: m.messageAttributes,
    messageSystemAttributes: m.messageSystemAttributes,
    attributes,
  };
}
