import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { claimedType, logAccepted, logRejected } from './outcomes.js';
import type { RequestScope } from './outcomes.js';
import type { Outgoing } from './outgoing.js';
import { sendBatch } from './publish.js';
import type { Rejection } from './rejection.js';
import { readJsonBody } from './request.js';
import { json, rejected, rejectionBody, retryHeaders, STATUS } from './responses.js';
import { prepare, QUEUE_UNAVAILABLE } from './single.js';
import type { SendDeps } from './single.js';

/** SendMessageBatch takes at most 10 entries. */
export const MAX_BATCH_ENTRIES = 10;

export type EntryResult =
  | { index: number; status: 202; outcome: 'accepted'; messageId: string; type: string }
  | ({ index: number; status: number; outcome: 'rejected'; error: string } & Record<string, unknown>);

function entriesOf(value: unknown): { ok: true; entries: unknown[] } | { ok: false; rejection: Rejection } {
  const messages = (value as { messages?: unknown } | null)?.messages;
  const shape = (message: string, path = '/messages'): { ok: false; rejection: Rejection } => ({
    ok: false,
    rejection: {
      reason: 'invalid-envelope',
      message: 'a batch is { "messages": [ envelope, ... ] } with 1 to 10 envelopes',
      violations: [{ path, message }],
    },
  });
  // The body itself, as the single endpoint's envelope check words it (a bare array included).
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return shape('must be object', '');
  if (!Array.isArray(messages)) return shape(messages === undefined ? 'is required' : 'must be an array');
  if (messages.length === 0) return shape('must have at least 1 entry');
  if (messages.length > MAX_BATCH_ENTRIES) {
    const message = `a batch takes at most ${MAX_BATCH_ENTRIES} entries, got ${messages.length}`;
    return { ok: false, rejection: { reason: 'too-many-entries', message } };
  }
  return { ok: true, entries: messages };
}

/** 202 when every entry was accepted, 207 when some were, otherwise the status that best says why none were. */
export function batchStatus(results: EntryResult[]): number {
  const accepted = results.filter((r) => r.outcome === 'accepted').length;
  if (accepted === results.length) return 202;
  if (accepted > 0) return 207;
  return results.some((r) => r.status === 503) ? 503 : 422;
}

/** POST /messages/batch: { messages: [...] } -> one outcome per entry; an invalid entry sinks no other. */
export async function postBatch(
  event: APIGatewayProxyEventV2,
  scope: RequestScope,
  deps: SendDeps,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { correlationId } = scope;
  const body = readJsonBody(event);
  const list = body.ok ? entriesOf(body.value) : body;
  if (!list.ok) {
    logRejected(scope, list.rejection, null);
    return rejected(list.rejection, correlationId);
  }
  const results: (EntryResult | undefined)[] = [];
  const toSend: { index: number; outgoing: Outgoing }[] = [];
  list.entries.forEach((entry, index) => {
    const prepared = prepare(entry, correlationId, deps.maxMessageBytes);
    if (prepared.ok) return toSend.push({ index, outgoing: prepared.outgoing });
    logRejected(scope, prepared.rejection, claimedType(entry), { index });
    results[index] = {
      index,
      status: STATUS[prepared.rejection.reason],
      outcome: 'rejected',
      ...rejectionBody(prepared.rejection),
    } as EntryResult;
  });
  if (toSend.length > 0) {
    const outgoing = toSend.map((s) => s.outgoing);
    const sent = await sendBatch(deps.sqs, deps.queueUrl, outgoing, deps.maxMessageBytes);
    sent.forEach((result, i) => {
      const { index, outgoing: message } = toSend[i]!;
      if (result.ok) {
        logAccepted(scope, result.messageId, message.type, message.weight, { index });
        results[index] = {
          index,
          status: 202,
          outcome: 'accepted',
          messageId: result.messageId,
          type: message.type,
        };
      } else {
        logRejected(scope, QUEUE_UNAVAILABLE, message.type, { index, cause: result.cause });
        results[index] = {
          index,
          status: 503,
          outcome: 'rejected',
          ...rejectionBody(QUEUE_UNAVAILABLE),
        } as EntryResult;
      }
    });
  }
  const all = results as EntryResult[];
  const status = batchStatus(all);
  const accepted = all.filter((r) => r.outcome === 'accepted').length;
  const summary = { correlationId, accepted, rejected: all.length - accepted, results: all };
  return json(status, summary, correlationId, retryHeaders(status));
}
