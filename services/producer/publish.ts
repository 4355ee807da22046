import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Outgoing } from './outgoing.js';

export type SendResult = { ok: true; messageId: string } | { ok: false; cause: FailureCause };

/** What went wrong talking to SQS, safe to log (never returned to the client). */
export interface FailureCause {
  name: string;
  message: string;
  code?: string;
  httpStatusCode?: number;
}

function causeOf(error: unknown): FailureCause {
  const err = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const cause: FailureCause = { name: err.name ?? 'Error', message: err.message ?? String(error) };
  if (err.$metadata?.httpStatusCode !== undefined) cause.httpStatusCode = err.$metadata.httpStatusCode;
  return cause;
}

/** Sends one message. The SDK has already retried by the time this reports a failure. */
export async function sendOne(sqs: SQSClient, queueUrl: string, message: Outgoing): Promise<SendResult> {
  try {
    const { MessageId } = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: message.body,
        MessageAttributes: message.attributes,
      }),
    );
    if (MessageId === undefined) throw new Error('SendMessage returned no MessageId');
    return { ok: true, messageId: MessageId };
  } catch (error) {
    return { ok: false, cause: causeOf(error) };
  }
}

/**
 * Groups messages into SendMessageBatch calls: at most 10 entries and at most `maxBytes` in total,
 * the two limits SQS puts on one batch. Ten small messages make one call.
 */
export function chunkForBatch(messages: Outgoing[], maxBytes: number): Outgoing[][] {
  const chunks: Outgoing[][] = [];
  let current: Outgoing[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (current.length === 10 || (current.length > 0 && bytes + message.weight > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.weight;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Sends messages with SendMessageBatch; the results line up with `messages`. */
export async function sendBatch(
  sqs: SQSClient,
  queueUrl: string,
  messages: Outgoing[],
  maxBytes: number,
): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const chunk of chunkForBatch(messages, maxBytes)) {
    const entries = chunk.map((message, index) => ({
      Id: String(index),
      MessageBody: message.body,
      MessageAttributes: message.attributes,
    }));
    try {
      const { Successful = [], Failed = [] } = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
      );
      for (const entry of entries) {
        const sent = Successful.find((s) => s.Id === entry.Id);
        const failed = Failed.find((f) => f.Id === entry.Id);
        if (sent?.MessageId !== undefined) results.push({ ok: true, messageId: sent.MessageId });
        else {
          const cause: FailureCause = {
            name: 'BatchEntryFailed',
            message: failed?.Message ?? 'no result for entry',
          };
          if (failed?.Code !== undefined) cause.code = failed.Code;
          results.push({ ok: false, cause });
        }
      }
    } catch (error) {
      const cause = causeOf(error);
      for (let i = 0; i < chunk.length; i++) results.push({ ok: false, cause });
    }
  }
  return results;
}
