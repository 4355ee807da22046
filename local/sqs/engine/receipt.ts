// Receipt handles: one per receive, naming the queue, the message and that
// receive. A process-random prefix plus a counter keeps handles unique across
// restarts without calling the random generator per receive.

import { createHash, randomBytes } from 'node:crypto';

const prefix = randomBytes(6).toString('hex');
let counter = 0;

/** A short tag of a queue's ARN, so a handle from another queue is refused. Computed once per queue. */
export function queueTag(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, 8);
}

export function newReceiptHandle(messageId: string, tag: string): string {
  counter++;
  return Buffer.from(`${messageId}:${tag}:${prefix}${counter.toString(36)}`).toString('base64');
}

const SHAPE = /^([0-9a-f-]{36}):([0-9a-f]{8}):[0-9a-z]{13,}$/;

/** The message id inside a well-formed handle issued by queue `tag`, or undefined. */
export function parseReceiptHandle(handle: string, tag: string): string | undefined {
  if (handle.length === 0 || handle.length > 1024 || !/^[A-Za-z0-9+/]+=*$/.test(handle)) return undefined;
  const match = SHAPE.exec(Buffer.from(handle, 'base64').toString('latin1'));
  return match !== null && match[2] === tag ? match[1] : undefined;
}

export function invalidReceiptHandleMessage(handle: string): string {
  return `The input receipt handle "${handle}" is not a valid receipt handle.`;
}
