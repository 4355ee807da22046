import type { MessageAttributes, ReceiveInput, ReceivedMessage } from '../../engine/types.js';
import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { md5OfAttributes, md5OfBody } from '../md5.js';
import { attributesToWire } from '../message-input.js';
import { VISIBILITY_REASON, checkToken, inRange } from '../validate.js';
import { setOwn } from '../../../records.js';

export const receiveMessage: Action = {
  name: 'ReceiveMessage',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const max = params.int('MaxNumberOfMessages');
    inRange(max, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.');
    const visibility = params.int('VisibilityTimeout');
    inRange(visibility, 'VisibilityTimeout', 0, 43200, VISIBILITY_REASON);
    const wait = params.int('WaitTimeSeconds');
    inRange(wait, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.');
    const input: ReceiveInput = { maxNumberOfMessages: max ?? 1 };
    if (visibility !== undefined) input.visibilityTimeout = visibility;
    if (wait !== undefined) input.waitTimeSeconds = wait;
    const attemptId = params.string('ReceiveRequestAttemptId');
    checkToken(attemptId, 'ReceiveRequestAttemptId');
    if (attemptId !== undefined) input.receiveRequestAttemptId = attemptId;

    // AttributeNames is the older spelling of MessageSystemAttributeNames; SQS honours both.
    const systemNames = [
      ...(params.strings('AttributeNames', 'AttributeName') ?? []),
      ...(params.strings('MessageSystemAttributeNames', 'MessageSystemAttributeName') ?? []),
    ];
    const attributeNames = params.strings('MessageAttributeNames', 'MessageAttributeName') ?? [];
    const pickSystem = systemFilter(systemNames);
    const pickAttributes = attributeFilter(attributeNames);

    // A short poll (WaitTimeSeconds 0 overrides the queue's default) never waits: it needs no
    // abort signal, whose making costs a listener on the response.
    const signal = wait === 0 ? undefined : ctx.signal;
    const messages = unwrap(await ctx.engine.receiveMessage(name, input, signal));
    return { Messages: messages.map((m) => toWire(m, pickSystem, pickAttributes)) };
  },
};

type Filter = (name: string) => boolean;

function systemFilter(names: string[]): Filter | undefined {
  if (names.length === 0) return undefined;
  if (names.includes('All')) return () => true;
  const set = new Set(names);
  return (n) => set.has(n);
}

/** 'All' and '.*' select every attribute, 'prefix.*' those under the prefix, others by name. */
function attributeFilter(names: string[]): Filter | undefined {
  if (names.length === 0) return undefined;
  if (names.includes('All') || names.includes('.*')) return () => true;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const n of names) {
    if (n.endsWith('.*')) prefixes.push(n.slice(0, -1));
    else exact.add(n);
  }
  return (n) => exact.has(n) || prefixes.some((p) => n.startsWith(p));
}

function toWire(
  m: ReceivedMessage,
  system: Filter | undefined,
  user: Filter | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: md5OfBody(m.body),
    Body: m.body,
  };
  if (system !== undefined) {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.attributes)) if (system(k)) setOwn(attributes, k, v);
    if (Object.keys(attributes).length > 0) out.Attributes = attributes;
  }
  if (user !== undefined) {
    const picked: MessageAttributes = {};
    let any = false;
    for (const [k, v] of Object.entries(m.messageAttributes)) {
      if (user(k)) {
        setOwn(picked, k, v);
        any = true;
      }
    }
    if (any) {
      out.MD5OfMessageAttributes = md5OfAttributes(picked);
      out.MessageAttributes = attributesToWire(picked);
    }
  }
  return out;
}
