import type { MessageAttributes } from '../engine/types.js';
import { SqsError, invalidValue, missing } from './errors.js';
import type { Params } from './params.js';

// Checks of a request's own shape, the part that does not depend on a queue
// (see the header of ../engine/types.ts for who checks what).

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw missing(name);
  return value;
}

export function inRange(
  value: number | undefined,
  name: string,
  min: number,
  max: number,
  reason: string,
): void {
  if (value !== undefined && (value < min || value > max)) throw invalidValue(name, value, reason);
}

export const MAX_BATCH_ENTRIES = 10;
/** Total payload of SendMessageBatch, and the largest message (1 MiB since August 2025). */
export const MAX_PAYLOAD = 1024 * 1024;

const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Entries of a batch action: 1-10 of them, ids well-formed and distinct. */
export function batchEntries(params: Params, name: string): Params[] {
  const entries = params.entries('Entries', name);
  if (entries === undefined || entries.length === 0) {
    throw new SqsError('EmptyBatchRequest', `There should be at least one ${name} in the request.`);
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = required(entry.string('Id'), `${name}.Id`);
    if (!BATCH_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries;
}

/**
 * First character outside what SQS allows in a body or string attribute:
 * #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
 */
export function invalidCharacter(s: string): number | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c === 0x9 || c === 0xa || c === 0xd) continue;
    if (c >= 0xe000 && c <= 0xfffd) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return c;
  }
  return undefined;
}

export function checkBody(body: string): void {
  if (body.length === 0) {
    throw new SqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  const bad = invalidCharacter(body);
  if (bad !== undefined) {
    throw new SqsError(
      'InvalidMessageContents',
      `Invalid binary character '#x${bad.toString(16).toUpperCase()}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
    );
  }
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const RESERVED_PREFIX = /^(aws\.|amazon\.)/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A number SQS takes: up to 38 significant digits, 0 or a magnitude from 10^-128 to 10^+126.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
function isSqsNumber(text: string): boolean {
  if (text.length > 1000 || !NUMBER.test(text)) return false;
  const [mantissa = '', exp = '0'] = text.replace(/^[+-]/, '').toLowerCase().split('e');
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const first = digits.search(/[1-9]/);
  if (first === -1) return true; // zero
  const significant = digits.slice(first);
  if (significant.length > 38) return false;
  // The power of ten of the first significant digit.
  const magnitude = (dot === -1 ? mantissa.length : dot) - first - 1 + Number(exp);
  if (magnitude === 126) return /^10*$/.test(significant);
  return magnitude >= -128 && magnitude < 126;
}

/** Up to 10 attributes, names as SQS allows them, String/Number/Binary (+ custom suffix) with a value. */
export function checkMessageAttributes(attributes: MessageAttributes | undefined): void {
  if (attributes === undefined) return;
  const names = Object.keys(attributes);
  if (names.length > 10) {
    throw new SqsError(
      'InvalidParameterValue',
      `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`,
    );
  }
  for (const name of names) {
    const a = attributes[name];
    if (a === undefined) continue;
    if (
      !ATTRIBUTE_NAME.test(name) ||
      RESERVED_PREFIX.test(name) ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..')
    ) {
      throw new SqsError(
        'InvalidParameterValue',
        `Message (user) attribute name '${name}' is invalid. Names may contain alphanumeric characters, hyphens, underscores and periods, up to 256 characters, must not start or end with a period, contain two periods in a row, or start with AWS. or Amazon.`,
      );
    }
    if (a.DataType === '') {
      throw new SqsError(
        'InvalidParameterValue',
        `The message attribute '${name}' must contain non-empty message attribute type.`,
      );
    }
    const base = a.DataType.split('.', 1)[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
      throw new SqsError(
        'InvalidParameterValue',
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (a.DataType.length > 256) {
      throw new SqsError(
        'InvalidParameterValue',
        `Message (user) attribute '${name}' type must be at most 256 characters.`,
      );
    }
    if (base === 'Binary') {
      if (a.BinaryValue === undefined || a.BinaryValue.length === 0) {
        throw new SqsError(
          'InvalidParameterValue',
          `Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`,
        );
      }
      continue;
    }
    if (a.StringValue === undefined || a.StringValue === '') {
      throw new SqsError(
        'InvalidParameterValue',
        `Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`,
      );
    }
    if (base === 'Number' && !isSqsNumber(a.StringValue)) {
      throw new SqsError(
        'InvalidParameterValue',
        `Can't cast the value of message (user) attribute '${name}' to a number.`,
      );
    }
    const bad = invalidCharacter(a.StringValue);
    if (bad !== undefined) {
      throw new SqsError(
        'InvalidParameterValue',
        `Message (user) attribute '${name}' value contains invalid character #x${bad.toString(16).toUpperCase()}.`,
      );
    }
  }
}

/** Bytes a message counts against MaximumMessageSize and the batch limit: body plus attribute names, types and values. */
export function messageSize(body: string, attributes: MessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  if (attributes !== undefined) {
    for (const [name, a] of Object.entries(attributes)) {
      size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(a.DataType, 'utf8');
      size +=
        a.BinaryValue !== undefined ? a.BinaryValue.length : Buffer.byteLength(a.StringValue ?? '', 'utf8');
    }
  }
  return size;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export function checkQueueName(name: string): void {
  const base = name.endsWith('.fifo') ? name.slice(0, -5) : name;
  if (name.length > 80 || !QUEUE_NAME.test(base)) {
    throw new SqsError(
      'InvalidParameterValue',
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
}

export const VISIBILITY_REASON = 'VisibilityTimeout must be an integer between 0 and 43200.';

/** MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId: 1 to 128 of these. */
const TOKEN = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

/** Checks one of those ids as SQS does (and words the error as SQS does). */
export function checkToken(value: string | undefined, name: string): void {
  if (value !== undefined && !TOKEN.test(value))
    throw invalidValue(
      name,
      value,
      `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
}
