import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { checkMessage } from '../lib/message.js';
import { claimedType, logAccepted, logRejected } from './outcomes.js';
import type { RequestScope } from './outcomes.js';
import { toOutgoing } from './outgoing.js';
import type { Outgoing } from './outgoing.js';
import { sendOne } from './publish.js';
import type { Rejection } from './rejection.js';
import { readJsonBody } from './request.js';
import { json, rejected } from './responses.js';

export interface SendDeps {
  sqs: SQSClient;
  queueUrl: string;
  maxMessageBytes: number;
}

export type Prepared = { ok: true; outgoing: Outgoing } | { ok: false; rejection: Rejection };

/** Validates one envelope and weighs it as SQS will. */
export function prepare(value: unknown, correlationId: string, maxMessageBytes: number): Prepared {
  const check = checkMessage(value);
  if (!check.ok) {
    const { ok: _ok, ...rejection } = check;
    return { ok: false, rejection };
  }
  const outgoing = toOutgoing(check.envelope, correlationId);
  if (outgoing.weight > maxMessageBytes) {
    const message = `the message weighs ${outgoing.weight} bytes (body and message attributes, as SQS counts them); the limit is ${maxMessageBytes}`;
    return {
      ok: false,
      rejection: { reason: 'too-large', message, weight: outgoing.weight, limit: maxMessageBytes },
    };
  }
  return { ok: true, outgoing };
}

export const QUEUE_UNAVAILABLE: Rejection = {
  reason: 'queue-unavailable',
  message: 'the queue is not taking messages right now; retry later',
};

/** POST /messages: one envelope -> 202 { messageId, correlationId, type }. */
export async function postMessage(
  event: APIGatewayProxyEventV2,
  scope: RequestScope,
  deps: SendDeps,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { correlationId } = scope;
  const body = readJsonBody(event);
  if (!body.ok) {
    logRejected(scope, body.rejection, null);
    return rejected(body.rejection, correlationId);
  }
  const prepared = prepare(body.value, correlationId, deps.maxMessageBytes);
  if (!prepared.ok) {
    logRejected(scope, prepared.rejection, claimedType(body.value));
    return rejected(prepared.rejection, correlationId);
  }
  const { outgoing } = prepared;
  const sent = await sendOne(deps.sqs, deps.queueUrl, outgoing);
  if (!sent.ok) {
    logRejected(scope, QUEUE_UNAVAILABLE, outgoing.type, { cause: sent.cause });
    return rejected(QUEUE_UNAVAILABLE, correlationId);
  }
  logAccepted(scope, sent.messageId, outgoing.type, outgoing.weight);
  return json(202, { messageId: sent.messageId, correlationId, type: outgoing.type }, correlationId);
}
