// Receipt handles: one per receive, naming the message and that receive.
// A process-random prefix plus a counter keeps handles unique across restarts
// without calling the random generator per receive.

import { randomBytes } from 'node:crypto';

const prefix = randomBytes(6).toString('hex');
let counter = 0;

export function newReceiptHandle(messageId: string): string {
  counter++;
  return Buffer.from(`${messageId}:${prefix}${counter.toString(36)}`).toString('base64');
}

const SHAPE = /^([0-9a-f-]{36}):[0-9a-z]{13,}$/;

/** The message id inside a well-formed handle, or undefined for a malformed one. */
export function parseReceiptHandle(handle: string): string | undefined {
  if (handle.length === 0 || handle.length > 1024 || !/^[A-Za-z0-9+/]+=*$/.test(handle)) return undefined;
  const match = SHAPE.exec(Buffer.from(handle, 'base64').toString('latin1'));
  return match?.[1];
}

export function invalidReceiptHandleMessage(handle: string): string {
  return `The input receipt handle "${handle}" is not a valid receipt handle.`;
}
