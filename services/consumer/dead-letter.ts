import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { stringAttributes } from '../lib/attributes.js';

export const FAILED_BY = 'ferry-consumer';

// A failure reason that lists many violations is cut short; the body still holds the whole message.
const MAX_REASON_CHARS = 1000;

export interface DeadLetter {
  body: string;
  type: string | null;
  correlationId: string;
  failureReason: string;
}

/** Sends the original body to the DLQ with why it failed; throws when the DLQ cannot take it. */
export async function sendToDeadLetterQueue(
  sqs: SQSClient,
  dlqUrl: string,
  letter: DeadLetter,
): Promise<string> {
  const reason =
    letter.failureReason.length > MAX_REASON_CHARS
      ? `${letter.failureReason.slice(0, MAX_REASON_CHARS - 1)}…`
      : letter.failureReason;
  const attributes = stringAttributes({
    ...(letter.type === null ? {} : { type: letter.type }),
    correlationId: letter.correlationId,
    failureReason: reason,
    failedBy: FAILED_BY,
  });
  const { MessageId } = await sqs.send(
    new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: letter.body, MessageAttributes: attributes }),
  );
  return MessageId ?? '';
}
