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

/**
 * A String attribute value SQS accepts, made from text taken from a message: SQS refuses an empty
 * value and characters outside #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF
 * (lone surrogates included), and the whole send with them. Those characters become U+FFFD, a long
 * value is cut at a character boundary, and an empty one gives undefined (the attribute is left out).
 */
export function attributeText(value: string, maxChars = MAX_REASON_CHARS): string | undefined {
  const chars = Array.from(
    value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD'),
  );
  if (chars.length === 0) return undefined;
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : chars.join('');
}

/** Sends the original body to the DLQ with why it failed; throws when the DLQ cannot take it. */
export async function sendToDeadLetterQueue(
  sqs: SQSClient,
  dlqUrl: string,
  letter: DeadLetter,
): Promise<string> {
  const type = letter.type === null ? undefined : attributeText(letter.type);
  const attributes = stringAttributes({
    ...(type === undefined ? {} : { type }),
    correlationId: attributeText(letter.correlationId) ?? '-',
    failureReason: attributeText(letter.failureReason) ?? 'unknown',
    failedBy: FAILED_BY,
  });
  const { MessageId } = await sqs.send(
    new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: letter.body, MessageAttributes: attributes }),
  );
  return MessageId ?? '';
}
