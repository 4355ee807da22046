// AddPermission / RemovePermission edit the queue's Policy attribute, one
// statement per label, shaped as SQS writes it.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html

import { arn } from '../../config/index.js';
import type { Result } from './types.js';
import { fail, ok } from './result.js';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: string;
}

interface Policy {
  Version: string;
  Id: string;
  Statement: Statement[];
}

function one<T>(values: T[]): T | T[] {
  return values.length === 1 ? values[0]! : values;
}

function parse(policy: string | undefined, queueArn: string): Policy {
  if (policy !== undefined) {
    const parsed = JSON.parse(policy) as Partial<Policy>;
    if (Array.isArray(parsed.Statement)) return parsed as Policy;
  }
  return { Version: '2008-10-17', Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
}

/** The new Policy string with a statement for `label`, or an error if the label exists. */
export function addPermission(
  policy: string | undefined,
  queueArn: string,
  label: string,
  accountIds: string[],
  actions: string[],
): Result<string> {
  const p = parse(policy, queueArn);
  if (p.Statement.some((s) => s.Sid === label)) {
    return fail(
      'InvalidParameterValue',
      `Value ${label} for parameter Label is invalid. Reason: Already exists.`,
    );
  }
  p.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: one(accountIds.map((id) => arn('iam', '', id, 'root'))) },
    Action: one(actions.map((a) => (a === '*' ? 'SQS:*' : `SQS:${a}`))),
    Resource: queueArn,
  });
  return ok(JSON.stringify(p));
}

/** The new Policy string without `label` ('' once no statement is left). */
export function removePermission(
  policy: string | undefined,
  queueArn: string,
  label: string,
): Result<string> {
  const p = parse(policy, queueArn);
  const kept = p.Statement.filter((s) => s.Sid !== label);
  if (kept.length === p.Statement.length) {
    return fail(
      'InvalidParameterValue',
      `Value ${label} for parameter Label is invalid. Reason: can't find label.`,
    );
  }
  if (kept.length === 0) return ok('');
  return ok(JSON.stringify({ ...p, Statement: kept }));
}
