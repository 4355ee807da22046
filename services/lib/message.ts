import { findType, knownTypes, validateEnvelope } from './registry.js';
import type { MessageType } from './registry.js';
import { violationsOf } from './violations.js';
import type { Validate, Violation } from './violations.js';

/** A message as it travels: the envelope, validated, and the type its data matched. */
export interface Envelope {
  type: string;
  data: unknown;
  id?: string;
  idempotencyKey?: string;
  occurredAt?: string;
}

/** `omittedViolations`: how many violations past the first MAX_VIOLATIONS are not listed. */
export type MessageProblem =
  | { reason: 'invalid-envelope'; message: string; violations: Violation[]; omittedViolations?: number }
  | { reason: 'unknown-type'; message: string; knownTypes: string[] }
  | { reason: 'invalid-data'; message: string; violations: Violation[]; omittedViolations?: number };

function listed(validate: Validate): { violations: Violation[]; omittedViolations?: number } {
  const { violations, omitted } = violationsOf(validate);
  return omitted > 0 ? { violations, omittedViolations: omitted } : { violations };
}

export type MessageCheck =
  { ok: true; envelope: Envelope; messageType: MessageType } | ({ ok: false } & MessageProblem);

/** Checks a parsed message: the envelope first, then its data against the schema of its type. */
export function checkMessage(value: unknown): MessageCheck {
  if (!validateEnvelope(value)) {
    return {
      ok: false,
      reason: 'invalid-envelope',
      message: 'the envelope does not match schemas/envelope.schema.json',
      ...listed(validateEnvelope),
    };
  }
  const envelope = value as Envelope;
  const messageType = findType(envelope.type);
  if (messageType === undefined) {
    return {
      ok: false,
      reason: 'unknown-type',
      message: `unknown message type "${envelope.type}"; known types: ${knownTypes.join(', ')}`,
      knownTypes: [...knownTypes],
    };
  }
  if (!messageType.validate(envelope.data)) {
    return {
      ok: false,
      reason: 'invalid-data',
      message: `data does not match the schema of ${envelope.type} (paths are within data)`,
      ...listed(messageType.validate),
    };
  }
  return { ok: true, envelope, messageType };
}

/** A one-line summary of a problem, as carried in the DLQ's failureReason attribute. */
export function summarize(problem: MessageProblem): string {
  if (problem.reason === 'unknown-type') return `unknown-type: ${problem.message}`;
  const details = problem.violations.map(({ path, message }) => `${path || '/'} ${message}`).join('; ');
  return `${problem.reason}: ${details}`;
}
