import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { parseSend } from '../message-input.js';

export const sendMessage: Action = {
  name: 'SendMessage',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const { input, md5 } = parseSend(params, ctx.senderId);
    const sent = unwrap(await ctx.engine.sendMessage(name, input));
    const out: Record<string, unknown> = { ...md5, MessageId: sent.messageId };
    if (sent.sequenceNumber !== undefined) out.SequenceNumber = sent.sequenceNumber;
    return out;
  },
};
