// Turns a ReceiveMessage result into the records of the SQS event, with Lambda's field names
// and casing. https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SqsMessageAttribute, SqsRecord } from './types.js';
import { setOwn } from '../records.js';

// The order Lambda writes them in; other system attributes are not part of the event.
const ATTRIBUTES = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'SenderId',
  'MessageDeduplicationId',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
];

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

function messageAttribute(value: MessageAttributeValue): SqsMessageAttribute {
  return {
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: base64(value.BinaryValue) } : {}),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType ?? 'String',
  };
}

export function toRecord(message: Message, eventSourceARN: string, awsRegion: string): SqsRecord {
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    const value = message.Attributes?.[name as keyof typeof message.Attributes];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: Record<string, SqsMessageAttribute> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    // The SDK's JSON reader keeps an attribute named `__proto__` as a key without its value
    // (@aws-sdk/core 3.1175): without a value there is no attribute to give, and no crash either.
    if (value !== undefined) setOwn(messageAttributes, name, messageAttribute(value));
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes,
    messageAttributes,
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}

/** The records of one batch. A message received twice in it keeps only its latest receipt handle. */
export function toRecords(messages: Message[], eventSourceARN: string, awsRegion: string): SqsRecord[] {
  const byId = new Map<string, SqsRecord>();
  for (const m of messages) byId.set(m.MessageId ?? '', toRecord(m, eventSourceARN, awsRegion));
  return [...byId.values()];
}
