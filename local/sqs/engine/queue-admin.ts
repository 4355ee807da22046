// CreateQueue, DeleteQueue, GetQueueAttributes, SetQueueAttributes, PurgeQueue:
// the checks and state changes, without the store's wait (the engine adds it).
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html

import type { Result } from './types.js';
import { fail, ok, OK } from './result.js';
import {
  normalise,
  selectAttributes,
  validateAttributes,
  validateFifoCombination,
  withDefaults,
} from './attributes.js';
import { allowsSource, normalisePolicies, parseRedrivePolicy } from './redrive-policy.js';
import type { Queue } from './queue.js';
import type { Registry } from './registry.js';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
const BAD_NAME = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';

export function validateQueueName(name: string, fifoRequested: boolean): Result<boolean> {
  const fifo = name.endsWith('.fifo');
  if (fifo || fifoRequested) {
    if (!fifoRequested || !FIFO_NAME.test(name)) {
      return fail(
        'InvalidParameterValue',
        fifoRequested
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : BAD_NAME,
      );
    }
    return ok(true);
  }
  if (!NAME.test(name)) {
    return fail('InvalidParameterValue', BAD_NAME);
  }
  return ok(false);
}

/** Checks a (normalised, shape-checked) RedrivePolicy of queue `arn` against the queue it names. */
function checkRedriveTarget(reg: Registry, arn: string, fifo: boolean, rp: string | undefined): Result<void> {
  const policy = parseRedrivePolicy(rp);
  if (policy === undefined) return OK;
  const dlq = reg.byArn(policy.deadLetterTargetArn);
  const reason = (r: string): Result<never> =>
    fail('InvalidParameterValue', `Value ${rp} for parameter RedrivePolicy is invalid. Reason: ${r}`);
  if (dlq === undefined) return reason('Dead letter target does not exist.');
  if (dlq.config.fifo !== fifo) return reason('Dead-letter queue must be same type of queue as the source..');
  if (!allowsSource(dlq.attributes.RedriveAllowPolicy, arn)) {
    return reason(`Queue ${arn} does not have permission to use ${dlq.arn} as its dead-letter queue.`);
  }
  return OK;
}

const BOTH_SSE = fail(
  'InvalidAttributeName',
  'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
);

/** Name and value checks shared by create and set; returns the attributes with policies normalised. */
function checkAttributes(given: Record<string, string>, fifo: boolean): Result<Record<string, string>> {
  const valid = validateAttributes(given, fifo);
  if (!valid.ok) return valid;
  if (given.SqsManagedSseEnabled === 'true' && (given.KmsMasterKeyId ?? '') !== '') return BOTH_SSE;
  return normalisePolicies(given);
}

export function createQueue(
  reg: Registry,
  name: string,
  attributes: Record<string, string>,
  tags: Record<string, string>,
): Result<Queue | undefined> {
  const named = validateQueueName(name, attributes.FifoQueue === 'true');
  if (!named.ok) return named;
  const fifo = named.value;
  const checked = checkAttributes(attributes, fifo);
  if (!checked.ok) return checked;
  const given = checked.value;
  const merged = withDefaults(given, fifo);
  const combination = validateFifoCombination(merged);
  if (!combination.ok) return combination;

  const existing = reg.get(name);
  if (existing !== undefined) {
    for (const [key, value] of Object.entries(given)) {
      if (key === 'FifoQueue') continue;
      if ((existing.attributes[key] ?? '') !== value) {
        return fail(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute ${key}`,
        );
      }
    }
    return ok(undefined);
  }
  const deletedAt = reg.deletedAt.get(name);
  if (deletedAt !== undefined && reg.clock.now() - deletedAt < 60_000) {
    return fail(
      'QueueDeletedRecently',
      'You must wait 60 seconds after deleting a queue before you can create another queue with the same name.',
    );
  }
  const redrive = checkRedriveTarget(reg, reg.arnOf(name), fifo, merged.RedrivePolicy);
  if (!redrive.ok) return redrive;
  if (Object.keys(tags).length > 50)
    return fail('InvalidParameterValue', `Too many tags added for queue ${name}.`);
  const now = reg.clock.now();
  return ok(reg.create(name, merged, { ...tags }, now, now));
}

export function setQueueAttributes(
  reg: Registry,
  q: Queue,
  attributes: Record<string, string>,
): Result<void> {
  const checked = checkAttributes(attributes, q.config.fifo);
  if (!checked.ok) return checked;
  const given = checked.value;
  if (given.FifoQueue !== undefined && given.FifoQueue !== String(q.config.fifo)) {
    return fail(
      'InvalidAttributeValue',
      'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    );
  }
  const merged = { ...q.attributes, ...given };
  // Switching SSE-SQS on switches SSE-KMS off.
  if (given.SqsManagedSseEnabled === 'true') delete merged.KmsMasterKeyId;
  normalise(merged);
  if (!q.config.fifo) delete merged.FifoQueue;
  const combination = validateFifoCombination(merged);
  if (!combination.ok) return combination;
  if (given.RedrivePolicy !== undefined) {
    const redrive = checkRedriveTarget(reg, q.arn, q.config.fifo, merged.RedrivePolicy);
    if (!redrive.ok) return redrive;
  }
  q.setAttributes(merged, reg.clock.now());
  return OK;
}

export function getQueueAttributes(q: Queue, names: string[], now: number): Result<Record<string, string>> {
  q.tick(now);
  q.expireOldest(now);
  const all: Record<string, string> = {
    QueueArn: q.arn,
    ApproximateNumberOfMessages: String(q.visibleCount),
    ApproximateNumberOfMessagesNotVisible: String(q.inflightCount),
    ApproximateNumberOfMessagesDelayed: String(q.delayedCount),
    CreatedTimestamp: String(Math.floor(q.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(q.modifiedAt / 1000)),
    ...q.attributes,
  };
  return selectAttributes(names, all, q.config.fifo);
}

export function purgeQueue(q: Queue, now: number): Result<void> {
  if (now - q.lastPurgeAt < 60_000) {
    return fail(
      'PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${q.name} is allowed every 60 seconds.`,
    );
  }
  q.lastPurgeAt = now;
  q.purge();
  q.ctx.store.purgeQueue(q.name);
  return OK;
}
