import type { MessageAttributes, SendInput } from '../engine/types.js';
import { SqsError, invalidValue } from './errors.js';
import { md5OfAttributes, md5OfBody } from './md5.js';
import type { Params } from './params.js';
import {
  MAX_PAYLOAD,
  checkBody,
  checkMessageAttributes,
  checkToken,
  inRange,
  messageSize,
  required,
} from './validate.js';
import { setOwn } from '../../records.js';

/** One message to send, read and checked from SendMessage or a SendMessageBatch entry. */
export interface ParsedSend {
  input: SendInput;
  /** Bytes counted against the batch limit. */
  size: number;
  md5: { MD5OfMessageBody: string; MD5OfMessageAttributes?: string; MD5OfMessageSystemAttributes?: string };
}

export function parseSend(params: Params, senderId: string): ParsedSend {
  const body = required(params.string('MessageBody'), 'MessageBody');
  checkBody(body);
  const delaySeconds = params.int('DelaySeconds');
  inRange(delaySeconds, 'DelaySeconds', 0, 900, 'DelaySeconds must be >= 0 and <= 900.');
  const messageAttributes = params.messageAttributes('MessageAttributes', 'MessageAttribute');
  checkMessageAttributes(messageAttributes);
  const messageSystemAttributes = params.messageAttributes(
    'MessageSystemAttributes',
    'MessageSystemAttribute',
  );
  checkSystemAttributes(messageSystemAttributes);
  const size = messageSize(body, messageAttributes);
  if (size > MAX_PAYLOAD) {
    throw new SqsError(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_PAYLOAD} bytes.`,
    );
  }
  const input: SendInput = { body, senderId };
  if (delaySeconds !== undefined) input.delaySeconds = delaySeconds;
  if (messageAttributes !== undefined && Object.keys(messageAttributes).length > 0) {
    input.messageAttributes = messageAttributes;
  }
  if (messageSystemAttributes !== undefined && Object.keys(messageSystemAttributes).length > 0) {
    input.messageSystemAttributes = messageSystemAttributes;
  }
  const groupId = params.string('MessageGroupId');
  checkToken(groupId, 'MessageGroupId');
  if (groupId !== undefined) input.messageGroupId = groupId;
  const dedupId = params.string('MessageDeduplicationId');
  checkToken(dedupId, 'MessageDeduplicationId');
  if (dedupId !== undefined) input.messageDeduplicationId = dedupId;

  const md5: ParsedSend['md5'] = { MD5OfMessageBody: md5OfBody(body) };
  const attributesMd5 = md5OfAttributes(input.messageAttributes);
  if (attributesMd5 !== undefined) md5.MD5OfMessageAttributes = attributesMd5;
  const systemMd5 = md5OfAttributes(input.messageSystemAttributes);
  if (systemMd5 !== undefined) md5.MD5OfMessageSystemAttributes = systemMd5;
  return { input, size, md5 };
}

/** SQS accepts one message system attribute: AWSTraceHeader, a String. */
function checkSystemAttributes(attributes: MessageAttributes | undefined): void {
  if (attributes === undefined) return;
  for (const [name, a] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw invalidValue(
        'MessageSystemAttributes',
        name,
        `Message system attribute name '${name}' is invalid.`,
      );
    }
    if (a.DataType !== 'String' || a.StringValue === undefined || a.StringValue === '') {
      throw new SqsError(
        'InvalidParameterValue',
        "Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.",
      );
    }
  }
}

/** Message attributes as the JSON protocol returns them (binary as base64). */
export function attributesToWire(attributes: MessageAttributes): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, a] of Object.entries(attributes)) {
    const v: Record<string, string> = { DataType: a.DataType };
    if (a.StringValue !== undefined) v.StringValue = a.StringValue;
    if (a.BinaryValue !== undefined) v.BinaryValue = Buffer.from(a.BinaryValue).toString('base64');
    setOwn(out, name, v);
  }
  return out;
}
