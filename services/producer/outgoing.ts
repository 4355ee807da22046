import { messageWeight, stringAttributes } from '../lib/attributes.js';
import type { StringAttributes } from '../lib/attributes.js';
import type { Envelope } from '../lib/message.js';

/** A validated message, serialised exactly as it will go to SQS, and what SQS will count it as. */
export interface Outgoing {
  type: string;
  body: string;
  attributes: StringAttributes;
  weight: number;
}

// SQS refuses U+FFFE and U+FFFF in a body; JSON lets us escape them and lose nothing.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
const REFUSED_BY_SQS = /[\uFFFE\uFFFF]/g;

export function toOutgoing(envelope: Envelope, correlationId: string): Outgoing {
  const body = JSON.stringify(envelope).replace(REFUSED_BY_SQS, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  const attributes = stringAttributes({ type: envelope.type, correlationId });
  return { type: envelope.type, body, attributes, weight: messageWeight(body, attributes) };
}
