import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { MessageAttributes } from '../engine/types.js';

// The digests SQS returns and the SDKs verify.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation

// crypto.hash (Node >= 20.12) digests in one call, without a Hash object per message: it halves
// the cost of the one digest every send and every received message needs.
const oneShot = (crypto as { hash?: typeof crypto.hash }).hash;

export const md5OfBody: (body: string) => string =
  oneShot !== undefined
    ? (body) => oneShot('md5', body, 'hex')
    : (body) => createHash('md5').update(body, 'utf8').digest('hex');

/**
 * MD5 over the attributes sorted by name; each one encoded as
 * len(name) name len(type) type transport-byte len(value) value, lengths 4-byte big-endian,
 * transport 1 for String/Number and 2 for Binary. Undefined when there are none (SQS omits it).
 */
export function md5OfAttributes(attributes: MessageAttributes | undefined): string | undefined {
  if (attributes === undefined) return undefined;
  const names = Object.keys(attributes);
  if (names.length === 0) return undefined;
  names.sort();
  const hash = createHash('md5');
  for (const name of names) {
    const a = attributes[name];
    if (a === undefined) continue;
    lengthPrefixed(hash, Buffer.from(name, 'utf8'));
    lengthPrefixed(hash, Buffer.from(a.DataType, 'utf8'));
    if (a.BinaryValue !== undefined && a.DataType.startsWith('Binary')) {
      hash.update(BINARY);
      lengthPrefixed(hash, a.BinaryValue);
    } else {
      hash.update(STRING);
      lengthPrefixed(hash, Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

const STRING = Buffer.from([1]);
const BINARY = Buffer.from([2]);

function lengthPrefixed(hash: ReturnType<typeof createHash>, bytes: Uint8Array): void {
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32BE(bytes.length, 0);
  hash.update(len);
  hash.update(bytes);
}
