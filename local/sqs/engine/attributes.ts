// Queue attributes: validation on CreateQueue / SetQueueAttributes, defaults,
// and the exact set GetQueueAttributes returns for `All`.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
// Error texts follow what SQS answers (InvalidAttributeName "Unknown Attribute X.",
// InvalidAttributeValue "Invalid value for the parameter X.").

import type { Result } from './types.js';
import { fail, ok } from './result.js';

/** The numbers and switches the engine acts on, parsed once from the attribute strings. */
export interface QueueConfig {
  fifo: boolean;
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  receiveMessageWaitTimeSeconds: number;
  visibilityTimeout: number;
  contentBasedDeduplication: boolean;
  /** 'queue' | 'messageGroup' */
  deduplicationScope: string;
}

const RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1048576],
  MessageRetentionPeriod: [60, 1209600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43200],
  KmsDataKeyReusePeriodSeconds: [60, 86400],
};

/** Settable attributes with their defaults (as SQS reports them for a new queue). */
const STANDARD_DEFAULTS: Record<string, string> = {
  VisibilityTimeout: '30',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  DelaySeconds: '0',
  ReceiveMessageWaitTimeSeconds: '0',
  SqsManagedSseEnabled: 'true',
};

const FIFO_DEFAULTS: Record<string, string> = {
  ...STANDARD_DEFAULTS,
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

/** Settable attributes that appear only once set. */
const OPTIONAL = [
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
];

const FIFO_ONLY = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Computed attributes, readable but not settable. */
export const COMPUTED = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
];

const SETTABLE = new Set([...Object.keys(FIFO_DEFAULTS), ...OPTIONAL]);

function invalidValue(name: string, reason?: string): Result<never> {
  return fail(
    'InvalidAttributeValue',
    `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`,
  );
}

export function unknownAttribute(name: string): Result<never> {
  return fail('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

/**
 * Checks attribute names and the values that need no other queue (redrive
 * policies are checked against their target by redrive.ts).
 * `fifo` is the kind of the queue being created or changed.
 */
export function validateAttributes(attributes: Record<string, string>, fifo: boolean): Result<void> {
  for (const [name, value] of Object.entries(attributes)) {
    if (!SETTABLE.has(name) || (!fifo && FIFO_ONLY.has(name) && name !== 'FifoQueue'))
      return unknownAttribute(name);
    const range = RANGES[name];
    if (range) {
      if (!/^-?\d+$/.test(value)) return invalidValue(name);
      const n = Number(value);
      if (n < range[0] || n > range[1]) return invalidValue(name);
      continue;
    }
    switch (name) {
      case 'SqsManagedSseEnabled':
      case 'ContentBasedDeduplication':
        if (value !== 'true' && value !== 'false') return invalidValue(name);
        break;
      case 'FifoQueue':
        if (value !== 'true' && value !== 'false') return invalidValue(name);
        break;
      case 'DeduplicationScope':
        if (value !== 'queue' && value !== 'messageGroup') return invalidValue(name);
        break;
      case 'FifoThroughputLimit':
        if (value !== 'perQueue' && value !== 'perMessageGroupId') return invalidValue(name);
        break;
      case 'Policy':
        if (value !== '' && !isJsonObject(value)) return invalidValue(name);
        break;
    }
  }
  return ok(undefined);
}

/** perMessageGroupId throughput needs messageGroup deduplication (high-throughput FIFO). */
export function validateFifoCombination(merged: Record<string, string>): Result<void> {
  if (merged.FifoThroughputLimit === 'perMessageGroupId' && merged.DeduplicationScope === 'queue') {
    return fail(
      'InvalidAttributeValue',
      'The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup',
    );
  }
  return ok(undefined);
}

export function isJsonObject(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** The settable attributes of a new queue: defaults overlaid with what was given. */
export function withDefaults(attributes: Record<string, string>, fifo: boolean): Record<string, string> {
  const merged: Record<string, string> = { ...(fifo ? FIFO_DEFAULTS : STANDARD_DEFAULTS) };
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'FifoQueue' && !fifo) continue;
    merged[name] = value;
  }
  return normalise(merged);
}

/** Empty strings unset the optional attributes; a KMS key switches SSE-SQS off, as in SQS. */
export function normalise(attributes: Record<string, string>): Record<string, string> {
  for (const name of ['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId']) {
    if (attributes[name] === '') delete attributes[name];
  }
  if (attributes.KmsMasterKeyId !== undefined) {
    attributes.SqsManagedSseEnabled = 'false';
    attributes.KmsDataKeyReusePeriodSeconds ??= '300';
  } else {
    delete attributes.KmsDataKeyReusePeriodSeconds;
  }
  return attributes;
}

export function toConfig(attributes: Record<string, string>): QueueConfig {
  return {
    fifo: attributes.FifoQueue === 'true',
    delaySeconds: Number(attributes.DelaySeconds),
    maximumMessageSize: Number(attributes.MaximumMessageSize),
    messageRetentionPeriod: Number(attributes.MessageRetentionPeriod),
    receiveMessageWaitTimeSeconds: Number(attributes.ReceiveMessageWaitTimeSeconds),
    visibilityTimeout: Number(attributes.VisibilityTimeout),
    contentBasedDeduplication: attributes.ContentBasedDeduplication === 'true',
    deduplicationScope: attributes.DeduplicationScope ?? 'queue',
  };
}

/** The attribute names a GetQueueAttributes call may ask for on this kind of queue. */
export function readableNames(fifo: boolean): Set<string> {
  const names = new Set([...COMPUTED, ...Object.keys(STANDARD_DEFAULTS), ...OPTIONAL]);
  if (fifo) for (const n of FIFO_ONLY) names.add(n);
  return names;
}

/**
 * Resolves a GetQueueAttributes name list ('All' expands) against the full
 * attribute map of a queue (settable + computed).
 */
export function selectAttributes(
  names: string[],
  all: Record<string, string>,
  fifo: boolean,
): Result<Record<string, string>> {
  const readable = readableNames(fifo);
  const out: Record<string, string> = {};
  for (const name of names) {
    if (name === 'All') {
      Object.assign(out, all);
      continue;
    }
    if (!readable.has(name)) return unknownAttribute(name);
    const value = all[name];
    if (value !== undefined) out[name] = value;
  }
  return ok(out);
}
