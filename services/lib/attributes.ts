import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

export type StringAttributes = Record<
  string,
  MessageAttributeValue & { DataType: 'String'; StringValue: string }
>;

export function stringAttributes(values: Record<string, string>): StringAttributes {
  const attributes: StringAttributes = {};
  for (const [name, value] of Object.entries(values))
    attributes[name] = { DataType: 'String', StringValue: value };
  return attributes;
}

/**
 * What SQS counts against its message size limit: the body plus, for every message attribute,
 * its name, data type and value, all in UTF-8 bytes.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
export function messageWeight(body: string, attributes: StringAttributes): number {
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, { DataType, StringValue }] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(DataType) + Buffer.byteLength(StringValue);
  }
  return bytes;
}

const CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** A client-supplied correlation id is kept only when it is short and plain enough to log and query. */
export function isWellFormedCorrelationId(value: string | undefined): value is string {
  return value !== undefined && CORRELATION_ID.test(value);
}
