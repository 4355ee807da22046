import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { isWellFormedCorrelationId } from '../lib/attributes.js';
import { checkMessage, summarize } from '../lib/message.js';
import type { MessageProblem } from '../lib/message.js';
import { sendToDeadLetterQueue } from './dead-letter.js';
import { dedupKey } from './idempotency.js';
import type { SeenKeys } from './idempotency.js';
import { processorFor } from './processors/index.js';
import type { ProcessResult } from './processors/types.js';

export type PoisonReason = 'invalid-json' | MessageProblem['reason'];

/** What became of one record; consumer/outcomes.ts turns it into the record's one log line. */
export type RecordOutcome =
  | { outcome: 'processed'; type: string; result: ProcessResult; processingMs: number; endToEndMs: number }
  | { outcome: 'duplicate'; type: string; dedupKey: string }
  | { outcome: 'failed'; type: string | null; reason: 'transient'; error: string; deadLetterReason?: string }
  | ({ outcome: 'dead-lettered'; type: string | null; failureReason: string } & PoisonDetails);

type PoisonDetails =
  | { reason: 'invalid-json'; message: string }
  | ({ reason: MessageProblem['reason'] } & Omit<MessageProblem, 'reason'>);

export interface RecordDeps {
  sqs: SQSClient;
  dlqUrl: string;
  seen: SeenKeys;
  now: () => number;
}

export function correlationIdOf(record: SQSRecord): string {
  const given = record.messageAttributes?.correlationId?.stringValue;
  return isWellFormedCorrelationId(given) ? given : record.messageId;
}

const errorText = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${String(error)}`;

async function deadLetter(record: SQSRecord, type: string | null, poison: PoisonDetails, deps: RecordDeps) {
  const failureReason =
    poison.reason === 'invalid-json'
      ? `invalid-json: ${poison.message}`
      : summarize(poison as MessageProblem);
  try {
    await sendToDeadLetterQueue(deps.sqs, deps.dlqUrl, {
      body: record.body,
      type,
      correlationId: correlationIdOf(record),
      failureReason,
    });
    return { outcome: 'dead-lettered', type, failureReason, ...poison } as RecordOutcome;
  } catch (error) {
    // Not acknowledged, so not lost: the record comes back after the visibility timeout.
    const outcome: RecordOutcome = {
      outcome: 'failed',
      type,
      reason: 'transient',
      error: `DLQ send failed: ${errorText(error)}`,
    };
    return { ...outcome, deadLetterReason: failureReason };
  }
}

/** Parse, validate, deduplicate and process one record. Never throws. */
export async function handleRecord(record: SQSRecord, deps: RecordDeps): Promise<RecordOutcome> {
  const attributeType = record.messageAttributes?.type?.stringValue ?? null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.body);
  } catch (error) {
    return deadLetter(
      record,
      attributeType,
      { reason: 'invalid-json', message: (error as Error).message },
      deps,
    );
  }
  const check = checkMessage(parsed);
  if (!check.ok) {
    const { ok: _ok, ...problem } = check;
    const claimed = (parsed as { type?: unknown } | null)?.type;
    return deadLetter(record, typeof claimed === 'string' ? claimed : attributeType, problem, deps);
  }
  const { envelope } = check;
  const key = dedupKey(envelope.idempotencyKey, record.messageId);
  if (deps.seen.has(key)) return { outcome: 'duplicate', type: envelope.type, dedupKey: key };

  const started = deps.now();
  const context = {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
    now: deps.now,
  };
  try {
    const result = await processorFor(envelope.type)(envelope.data, envelope, context);
    const finished = deps.now();
    deps.seen.add(key);
    const sent = Number(record.attributes.SentTimestamp);
    const endToEndMs = Number.isFinite(sent) ? Math.max(0, finished - sent) : 0;
    return {
      outcome: 'processed',
      type: envelope.type,
      result,
      processingMs: finished - started,
      endToEndMs,
    };
  } catch (error) {
    return { outcome: 'failed', type: envelope.type, reason: 'transient', error: errorText(error) };
  }
}
