// RedrivePolicy and RedriveAllowPolicy: parsing and the checks that need the
// target queue. Texts follow SQS ("Value <v> for parameter RedrivePolicy is
// invalid. Reason: ...").
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html

import type { Result } from './types.js';
import { fail, ok } from './result.js';

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
  sourceQueueArns: string[];
}

const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,80}$/;

/** A stored policy (already validated); undefined when unset. */
export function parseRedrivePolicy(value: string | undefined): RedrivePolicy | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = JSON.parse(value) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
  return { deadLetterTargetArn: parsed.deadLetterTargetArn, maxReceiveCount: Number(parsed.maxReceiveCount) };
}

/** The value as a JSON object, or undefined when it is not valid JSON or not an object. */
function jsonMap(value: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

function invalid(parameter: string, value: string, reason: string): Result<never> {
  return fail(
    'InvalidParameterValue',
    `Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`,
  );
}

/** Shape checks for a RedrivePolicy string; the target queue is checked by the caller. */
export function validateRedrivePolicy(value: string): Result<RedrivePolicy | undefined> {
  if (value === '') return ok(undefined);
  const p = jsonMap(value);
  if (p === undefined) {
    return invalid('RedrivePolicy', value, 'Redrive policy is not a valid JSON map.');
  }
  for (const key of Object.keys(p)) {
    if (key !== 'deadLetterTargetArn' && key !== 'maxReceiveCount') {
      return invalid(
        'RedrivePolicy',
        value,
        'Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].',
      );
    }
  }
  if (p.deadLetterTargetArn === undefined) {
    return invalid(
      'RedrivePolicy',
      value,
      'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.',
    );
  }
  if (typeof p.deadLetterTargetArn !== 'string' || !SQS_ARN.test(p.deadLetterTargetArn)) {
    return invalid('RedrivePolicy', value, 'Invalid value for deadLetterTargetArn.');
  }
  if (p.maxReceiveCount === undefined) {
    return invalid(
      'RedrivePolicy',
      value,
      'Redrive policy does not contain mandatory attribute: maxReceiveCount.',
    );
  }
  const count = Number(p.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    return invalid(
      'RedrivePolicy',
      value,
      `Invalid value for maxReceiveCount: ${String(p.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  return ok({ deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: count });
}

const UNSUPPORTED = "Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.";
const CANNOT = "Amazon SQS can't create the redrive allow policy.";

export function validateRedriveAllowPolicy(value: string): Result<RedriveAllowPolicy | undefined> {
  if (value === '') return ok(undefined);
  const p = jsonMap(value);
  if (p === undefined) {
    return fail(
      'InvalidAttributeValue',
      `Invalid value for the parameter RedriveAllowPolicy. Reason: ${UNSUPPORTED}`,
    );
  }
  const permission = p.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    return fail(
      'InvalidAttributeValue',
      `Invalid value for the parameter RedriveAllowPolicy. Reason: ${UNSUPPORTED}`,
    );
  }
  const arns = p.sourceQueueArns;
  if (arns !== undefined && (!Array.isArray(arns) || !arns.every((a) => typeof a === 'string'))) {
    return fail(
      'InvalidAttributeValue',
      `Invalid value for the parameter RedriveAllowPolicy. Reason: ${UNSUPPORTED}`,
    );
  }
  if (permission !== 'byQueue') {
    if (arns !== undefined) {
      return invalid(
        'RedriveAllowPolicy',
        value,
        `${CANNOT} To specify one or more source queue ARNs, you must set redrivePermission to byQueue.`,
      );
    }
    return ok({ redrivePermission: permission, sourceQueueArns: [] });
  }
  if (arns === undefined || arns.length === 0) {
    return invalid(
      'RedriveAllowPolicy',
      value,
      `${CANNOT} When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.`,
    );
  }
  if (arns.length > 10) {
    return invalid(
      'RedriveAllowPolicy',
      value,
      `${CANNOT} The maximum number of source queue ARNs you can specify is 10.`,
    );
  }
  return ok({ redrivePermission: permission, sourceQueueArns: arns as string[] });
}

/** Whether a DLQ's RedriveAllowPolicy lets `sourceArn` use it. */
export function allowsSource(dlqAllowPolicy: string | undefined, sourceArn: string): boolean {
  if (dlqAllowPolicy === undefined || dlqAllowPolicy === '') return true;
  const r = validateRedriveAllowPolicy(dlqAllowPolicy);
  if (!r.ok || r.value === undefined) return true;
  if (r.value.redrivePermission === 'allowAll') return true;
  if (r.value.redrivePermission === 'denyAll') return false;
  return r.value.sourceQueueArns.includes(sourceArn);
}

/**
 * Validates the two policies' shapes and returns the attributes with each
 * policy re-serialised as SQS stores it (fixed key order, maxReceiveCount a number).
 */
export function normalisePolicies(attributes: Record<string, string>): Result<Record<string, string>> {
  const out = { ...attributes };
  if (attributes.RedrivePolicy !== undefined) {
    const r = validateRedrivePolicy(attributes.RedrivePolicy);
    if (!r.ok) return r;
    if (r.value !== undefined) out.RedrivePolicy = JSON.stringify(r.value);
  }
  if (attributes.RedriveAllowPolicy !== undefined) {
    const r = validateRedriveAllowPolicy(attributes.RedriveAllowPolicy);
    if (!r.ok) return r;
    if (r.value !== undefined) {
      const { redrivePermission, sourceQueueArns } = r.value;
      out.RedriveAllowPolicy = JSON.stringify(
        redrivePermission === 'byQueue' ? { redrivePermission, sourceQueueArns } : { redrivePermission },
      );
    }
  }
  return ok(out);
}
